-- Photos of documents attached to a record: kept inside the register (encrypted with it
-- when it is encrypted), named by the SHA-256 of their bytes. On a device `uploaded`
-- says whether the ward server has it; the server assembles uploads in `uploads`, chunk
-- by chunk, and keeps an attachment only once its bytes hash to its name.

CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,
    ma_ban_ghi TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    data       BLOB NOT NULL,
    officer    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    uploaded   INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1))
) STRICT;

CREATE INDEX attachments_record ON attachments (ma_ban_ghi);
CREATE INDEX attachments_waiting ON attachments (uploaded) WHERE uploaded = 0;

CREATE TABLE uploads (
    sha256     TEXT PRIMARY KEY,
    device_id  TEXT NOT NULL,
    ma_ban_ghi TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    received   INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

CREATE TABLE upload_chunks (
    sha256 TEXT NOT NULL REFERENCES uploads (sha256) ON DELETE CASCADE,
    offset INTEGER NOT NULL,
    bytes  BLOB NOT NULL,
    PRIMARY KEY (sha256, offset)
) STRICT, WITHOUT ROWID;
