-- Administrative units of both schemes and the old→new mapping. Codes of the two
-- schemes overlap (a new commune may reuse a predecessor's code), hence two tables.
-- Rows are loaded by the migration from the vendored CSVs (see migrations.rs).

CREATE TABLE admin_units_2025 (
    ward_code     TEXT PRIMARY KEY,
    ward          TEXT NOT NULL,
    ward_type     TEXT NOT NULL,
    province_code TEXT NOT NULL,
    province      TEXT NOT NULL
) STRICT;

-- Island districts had no communes: their rows have no ward code or name.
CREATE TABLE admin_units_legacy (
    id            INTEGER PRIMARY KEY,
    ward_code     TEXT UNIQUE,
    ward          TEXT,
    district_code TEXT NOT NULL,
    district      TEXT NOT NULL,
    province_code TEXT NOT NULL,
    province      TEXT NOT NULL
) STRICT;

CREATE TABLE admin_legacy_to_2025 (
    legacy_ward_code TEXT NOT NULL REFERENCES admin_units_legacy (ward_code),
    ward_code_2025   TEXT NOT NULL REFERENCES admin_units_2025 (ward_code),
    whole            INTEGER NOT NULL CHECK (whole IN (0, 1)),
    is_default       INTEGER NOT NULL CHECK (is_default IN (0, 1)),
    PRIMARY KEY (legacy_ward_code, ward_code_2025)
) STRICT;

CREATE INDEX admin_legacy_to_2025_new ON admin_legacy_to_2025 (ward_code_2025);
