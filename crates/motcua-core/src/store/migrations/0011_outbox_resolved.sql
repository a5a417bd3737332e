-- A conflict the officer has settled (kept mine, took theirs, or typed a value) is
-- 'resolved'; keeping theirs queues nothing, the others queue a new operation.

CREATE TABLE outbox_new (
    seq          INTEGER PRIMARY KEY,
    op_id        TEXT NOT NULL UNIQUE,
    ma_ban_ghi   TEXT NOT NULL,
    field        TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    officer      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'applied', 'conflict', 'rejected', 'resolved')),
    result       TEXT
) STRICT;

INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (state, seq);
