-- Officers' edits waiting to reach the ward server (written in the same transaction as
-- the edit), one operation each, named by a random id the server applies at most once.

CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY,
    op_id        TEXT NOT NULL UNIQUE,
    ma_ban_ghi   TEXT NOT NULL,
    field        TEXT NOT NULL,
    -- The record's version the officer edited; the value they saw and the one they set.
    base_version INTEGER NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    officer      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'applied', 'conflict', 'rejected')),
    -- The server's answer: the other value of a conflict, or why it was rejected.
    result       TEXT
) STRICT;

CREATE INDEX outbox_pending ON outbox (state, seq);
