-- Staff accounts of an encrypted register (their key slots live in `<file>.keys`) and the
-- hash-chained audit log. Neither holds citizens' personal data.

CREATE TABLE officers (
    id          INTEGER PRIMARY KEY,
    login       TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL,
    role        TEXT NOT NULL
                CHECK (role IN ('desk_officer', 'mobile_team', 'supervisor', 'trainer', 'ward_admin')),
    created_at  TEXT NOT NULL,
    disabled_at TEXT
) STRICT;

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    officer   TEXT NOT NULL,
    action    TEXT NOT NULL,
    -- A record id (ma_ban_ghi), never a name or number.
    record    TEXT,
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
