-- Server: the audit logs devices upload, each device's chain kept as it came. The
-- server checks every entry follows the one before, so a device whose log was cut or
-- rewritten after uploading is caught at its next upload.

CREATE TABLE device_audit (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    officer   TEXT NOT NULL,
    action    TEXT NOT NULL,
    record    TEXT,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER device_audit_no_update BEFORE UPDATE ON device_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER device_audit_no_delete BEFORE DELETE ON device_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
