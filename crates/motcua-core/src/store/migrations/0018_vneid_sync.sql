-- A device sends the ward server each VNeID account it moved, so the server's figures
-- count the whole ward's registrations and activations. `uploaded` is cleared by every
-- move and set once the server holds that version (its `updated_at`).
ALTER TABLE vneid ADD COLUMN uploaded INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1));
CREATE INDEX vneid_unsent ON vneid (updated_at) WHERE uploaded = 0;
