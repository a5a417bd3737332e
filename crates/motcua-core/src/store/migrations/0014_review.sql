-- The review worklist: every finding a review made, carried to its end.
--
-- A finding is identified across runs by `key` (kind, field, records), so re-running a
-- review keeps the state of findings that still hold; one that no longer holds is
-- closed as fixed by the data (`holds` = 0). `finding_records` indexes findings by record
-- for the incremental review and the citizen's detail.

CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    severity     TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    field        TEXT,
    records      TEXT NOT NULL,           -- JSON array of ma_ban_ghi
    score        REAL,
    message      TEXT NOT NULL,
    suggestion   TEXT,
    explanation  TEXT NOT NULL DEFAULT '[]',
    to_dan_pho   TEXT,                    -- the residential group of the first record
    state        TEXT NOT NULL DEFAULT 'moi'
                 CHECK (state IN ('moi', 'dang_xu_ly', 'da_sua', 'khong_phai_loi', 'chuyen_cap_tren')),
    owner        TEXT,
    reason       TEXT,                    -- why not an error, or why escalated
    delay_reason TEXT,                    -- why it is late
    holds        INTEGER NOT NULL DEFAULT 1 CHECK (holds IN (0, 1)),
    opened_at    TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    closed_at    TEXT
) STRICT;

CREATE INDEX findings_open ON findings (state, kind);
CREATE INDEX findings_group ON findings (to_dan_pho);

CREATE TABLE finding_records (
    finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    ma_ban_ghi TEXT NOT NULL,
    PRIMARY KEY (ma_ban_ghi, finding_id)
) STRICT, WITHOUT ROWID;

-- Working days to settle a finding, per kind, where the ward set its own.
CREATE TABLE review_deadlines (
    kind TEXT PRIMARY KEY,
    working_days INTEGER NOT NULL CHECK (working_days BETWEEN 1 AND 365)
) STRICT;

-- Merges of duplicate records. Nothing is deleted: the merged records stay, marked with
-- the record they were merged into, and the fields taken from them into the kept record
-- are listed with the values they replaced, so undoing restores both sides.
CREATE TABLE merges (
    id           INTEGER PRIMARY KEY,
    finding_id   INTEGER NOT NULL REFERENCES findings (id),
    keep         TEXT NOT NULL,           -- ma_ban_ghi kept
    merged       TEXT NOT NULL,           -- JSON array of ma_ban_ghi merged into it
    fields       TEXT NOT NULL,           -- JSON [{field, from, value, replaced}]
    state        TEXT NOT NULL DEFAULT 'cho_duyet'
                 CHECK (state IN ('cho_duyet', 'da_gop', 'tu_choi', 'da_hoan_tac')),
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    decided_by   TEXT,
    decided_at   TEXT,
    undone_by    TEXT,
    undone_at    TEXT
) STRICT;

ALTER TABLE persons ADD COLUMN merged_into TEXT;

-- The incremental review finds a parent's children by the parent's number.
CREATE INDEX persons_so_dinh_danh_cha ON persons (so_dinh_danh_cha) WHERE so_dinh_danh_cha IS NOT NULL;
CREATE INDEX persons_so_dinh_danh_me ON persons (so_dinh_danh_me) WHERE so_dinh_danh_me IS NOT NULL;
-- ... namesakes by their folded name (the search itself runs in memory).
CREATE INDEX persons_ho_ten_fold_year ON persons (ho_ten_fold, ngay_sinh_year);
-- ... and the records a finding names.
CREATE INDEX finding_records_finding ON finding_records (finding_id);
