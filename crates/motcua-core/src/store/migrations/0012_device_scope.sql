-- A mobile team's device holds only its assigned residential groups: a JSON array of
-- tổ dân phố names (normalized), or NULL for the whole ward.

ALTER TABLE devices ADD COLUMN scope TEXT;
