-- Guided procedures: the catalogs a ward admin loaded, the applications (hồ sơ) officers
-- walk citizens through, what happened to each (the events, which are also what syncs
-- them to the ward server), the VNeID level-2 account of each citizen, and the ward's
-- own days off for years it set itself.

CREATE TABLE catalogs (
    version        TEXT PRIMARY KEY,
    effective_from TEXT NOT NULL,
    text           TEXT NOT NULL,
    loaded_by      TEXT NOT NULL,
    loaded_at      TEXT NOT NULL
) STRICT;

CREATE TABLE applications (
    id              TEXT PRIMARY KEY,
    procedure       TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    -- NULL for a person not in the register yet (a newborn).
    ma_ban_ghi      TEXT,
    applicant       TEXT NOT NULL,
    to_dan_pho      TEXT,
    channel         TEXT NOT NULL CHECK (channel IN ('tu_nop', 'tai_quay', 'luu_dong', 'giay')),
    state           TEXT NOT NULL DEFAULT 'nhap'
                    CHECK (state IN ('nhap', 'da_huong_dan', 'da_nop', 'dang_xu_ly', 'co_ket_qua', 'bi_tu_choi')),
    -- JSON objects: field → value, question → yes/no, document → present/missing/not_needed.
    form            TEXT NOT NULL DEFAULT '{}',
    answers         TEXT NOT NULL DEFAULT '{}',
    documents       TEXT NOT NULL DEFAULT '{}',
    -- Steps walked with the citizen.
    steps_done      INTEGER NOT NULL DEFAULT 0,
    portal_number   TEXT,
    received_at     TEXT,
    due_on          TEXT,
    closed_at       TEXT,
    refusal_reason  TEXT,
    delay_reason    TEXT,
    officer         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX applications_person ON applications (ma_ban_ghi);
CREATE INDEX applications_state ON applications (state, due_on);

-- Append-only: each change of an application, named by a random id the server keeps
-- at most once; `uploaded` says whether the ward server has it.
CREATE TABLE application_events (
    seq            INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL UNIQUE,
    application_id TEXT NOT NULL REFERENCES applications (id),
    kind           TEXT NOT NULL,
    detail         TEXT NOT NULL,
    officer        TEXT NOT NULL,
    at             TEXT NOT NULL,
    uploaded       INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1))
) STRICT;

CREATE INDEX application_events_waiting ON application_events (uploaded) WHERE uploaded = 0;

-- A photo of a paper attached to an application (the bytes stay in `attachments`).
ALTER TABLE attachments ADD COLUMN application_id TEXT;
ALTER TABLE attachments ADD COLUMN document TEXT;
ALTER TABLE attachments ADD COLUMN warnings TEXT;
ALTER TABLE attachments ADD COLUMN thumbnail BLOB;
CREATE INDEX attachments_application ON attachments (application_id) WHERE application_id IS NOT NULL;

CREATE TABLE vneid (
    ma_ban_ghi    TEXT PRIMARY KEY,
    state         TEXT NOT NULL
                  CHECK (state IN ('chua_dang_ky', 'cho_duyet', 'cho_kich_hoat', 'da_kich_hoat', 'loi')),
    registered_on TEXT,
    approved_on   TEXT,
    activated_on  TEXT,
    failure       TEXT,
    note          TEXT,
    officer       TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE holiday_years (
    year       INTEGER PRIMARY KEY,
    definition TEXT NOT NULL,
    set_by     TEXT NOT NULL,
    set_at     TEXT NOT NULL
) STRICT;
