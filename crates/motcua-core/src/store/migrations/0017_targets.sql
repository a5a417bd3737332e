-- Targets a supervisor sets for the share of applications filed online, for the ward
-- ('' as scope) or one residential group.

CREATE TABLE targets (
    scope        TEXT PRIMARY KEY,
    online_share REAL NOT NULL CHECK (online_share >= 0 AND online_share <= 1),
    set_by       TEXT NOT NULL,
    set_at       TEXT NOT NULL
) STRICT;

-- The figures read a year of applications and every finding: from these indexes alone
-- (a finding's row holds its long explanation before the columns counted).
CREATE INDEX applications_figures ON applications (received_at, channel, state, procedure, to_dan_pho, officer, due_on)
    WHERE received_at IS NOT NULL;
CREATE INDEX findings_figures ON findings (kind, state, to_dan_pho, opened_at, closed_at, owner);

-- The residential group of each followed VNeID account, kept with it so the figures per
-- group need no lookup of every citizen.
ALTER TABLE vneid ADD COLUMN to_dan_pho TEXT;
UPDATE vneid SET to_dan_pho = (SELECT coalesce(p.to_dan_pho_norm, p.to_dan_pho) FROM persons p
                               WHERE p.ma_ban_ghi = vneid.ma_ban_ghi);
