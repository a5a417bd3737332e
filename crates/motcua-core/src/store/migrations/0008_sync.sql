-- Sync with the ward server. One schema serves both sides: the server turns its change
-- log on (meta 'change_log' = 'on'); a device reads the log through the server's API.

-- Server: every version of every record, in the order they were written; devices pull
-- what came after the last entry they saw.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY,
    ma_ban_ghi TEXT NOT NULL,
    version    INTEGER NOT NULL
) STRICT;

CREATE INDEX change_log_record ON change_log (ma_ban_ghi, seq);

CREATE TRIGGER change_log_on_insert AFTER INSERT ON persons
WHEN (SELECT value FROM meta WHERE key = 'change_log') = 'on'
BEGIN
    INSERT INTO change_log (ma_ban_ghi, version) VALUES (NEW.ma_ban_ghi, NEW.version);
END;

CREATE TRIGGER change_log_on_update AFTER UPDATE ON persons
WHEN (SELECT value FROM meta WHERE key = 'change_log') = 'on'
BEGIN
    INSERT INTO change_log (ma_ban_ghi, version) VALUES (NEW.ma_ban_ghi, NEW.version);
END;

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

-- Server: each operation applied, with the answer it got, so that a replay of the same
-- op id (a retry after a lost answer) gets that answer and changes nothing.
CREATE TABLE applied_ops (
    op_id      TEXT PRIMARY KEY,
    device_id  TEXT NOT NULL,
    answer     TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Server: devices, each bound to one officer. The enrollment code and the token are
-- kept as SHA-256 hashes: a copy of the database lets nobody in.
CREATE TABLE devices (
    device_id        TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    officer          TEXT NOT NULL,
    full_name        TEXT NOT NULL,
    role             TEXT NOT NULL
                     CHECK (role IN ('desk_officer', 'mobile_team', 'supervisor', 'trainer', 'ward_admin')),
    enroll_code_hash TEXT UNIQUE,
    token_hash       TEXT UNIQUE,
    created_at       TEXT NOT NULL,
    enrolled_at      TEXT,
    revoked_at       TEXT
) STRICT, WITHOUT ROWID;
