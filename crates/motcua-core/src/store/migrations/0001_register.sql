-- The register: persons as received (original text) with normalized forms beside them,
-- households and their members, and facts about the register itself.
--
-- Free-text columns X keep the cell verbatim and X_norm holds text::normalize(X).
-- Dates keep the cell verbatim in X and the parsed partial date in X_date as
-- 'yyyy', 'yyyy-mm' or 'yyyy-mm-dd' (never padded), NULL when unreadable.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE persons (
    id                       INTEGER PRIMARY KEY,
    ma_ban_ghi               TEXT NOT NULL UNIQUE,
    so_dinh_danh             TEXT,
    so_cmnd                  TEXT,
    ho_ten                   TEXT NOT NULL,
    ho_ten_norm              TEXT NOT NULL,
    ho_ten_fold              TEXT NOT NULL,
    ten_goi_khac             TEXT,
    ten_goi_khac_norm        TEXT,
    ngay_sinh                TEXT,
    ngay_sinh_date           TEXT CHECK (ngay_sinh_date IS NULL OR ngay_sinh_date GLOB '[0-9][0-9][0-9][0-9]*'),
    ngay_sinh_year           INTEGER GENERATED ALWAYS AS (CAST(substr(ngay_sinh_date, 1, 4) AS INTEGER)) VIRTUAL,
    gioi_tinh                TEXT,
    gioi_tinh_code           TEXT CHECK (gioi_tinh_code IN ('nam', 'nu')),
    noi_sinh                 TEXT,
    noi_sinh_norm            TEXT,
    noi_dang_ky_khai_sinh    TEXT,
    noi_dang_ky_khai_sinh_norm TEXT,
    que_quan                 TEXT,
    que_quan_norm            TEXT,
    dan_toc                  TEXT,
    dan_toc_norm             TEXT,
    ton_giao                 TEXT,
    ton_giao_norm            TEXT,
    quoc_tich                TEXT,
    quoc_tich_norm           TEXT,
    nhom_mau                 TEXT,
    tinh_trang_hon_nhan      TEXT,
    tinh_trang_hon_nhan_norm TEXT,
    noi_thuong_tru           TEXT,
    noi_thuong_tru_norm      TEXT,
    noi_tam_tru              TEXT,
    noi_tam_tru_norm         TEXT,
    noi_o_hien_tai           TEXT,
    noi_o_hien_tai_norm      TEXT,
    so_ho_so_cu_tru          TEXT,
    quan_he_chu_ho           TEXT,
    quan_he_chu_ho_norm      TEXT,
    ho_ten_cha               TEXT,
    ho_ten_cha_norm          TEXT,
    so_dinh_danh_cha         TEXT,
    ho_ten_me                TEXT,
    ho_ten_me_norm           TEXT,
    so_dinh_danh_me          TEXT,
    ho_ten_vo_chong          TEXT,
    ho_ten_vo_chong_norm     TEXT,
    so_dinh_danh_vo_chong    TEXT,
    so_dien_thoai            TEXT,
    so_dien_thoai_norm       TEXT,
    email                    TEXT,
    ngay_chet                TEXT,
    ngay_chet_date           TEXT CHECK (ngay_chet_date IS NULL OR ngay_chet_date GLOB '[0-9][0-9][0-9][0-9]*'),
    to_dan_pho               TEXT,
    to_dan_pho_norm          TEXT,
    -- Columns the extract had that the format does not name: a JSON array of [header, value].
    extra                    TEXT NOT NULL DEFAULT '[]',
    -- Bumped on every change; the base version of a sync operation.
    version                  INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX persons_so_dinh_danh ON persons (so_dinh_danh);
CREATE INDEX persons_so_cmnd ON persons (so_cmnd);
CREATE INDEX persons_so_dien_thoai ON persons (so_dien_thoai_norm);
CREATE INDEX persons_ho_ten_fold ON persons (ho_ten_fold);
CREATE INDEX persons_ngay_sinh_year ON persons (ngay_sinh_year);
CREATE INDEX persons_so_ho_so_cu_tru ON persons (so_ho_so_cu_tru);
CREATE INDEX persons_to_dan_pho ON persons (to_dan_pho_norm);

-- Folded name words, for word-prefix search in any order (typeahead).
CREATE TABLE person_name_tokens (
    token     TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (token, person_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX person_name_tokens_person ON person_name_tokens (person_id);

CREATE TABLE households (
    id              INTEGER PRIMARY KEY,
    so_ho_so_cu_tru TEXT NOT NULL UNIQUE,
    dia_chi         TEXT,
    to_dan_pho      TEXT
) STRICT;

-- A person may be listed in two households: that is a data problem to review, so the
-- schema records it rather than forbids it.
CREATE TABLE household_members (
    household_id   INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    quan_he_chu_ho TEXT,
    is_head        INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
    PRIMARY KEY (household_id, person_id)
) STRICT;

CREATE INDEX household_members_person ON household_members (person_id);
