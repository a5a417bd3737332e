-- On a device, versions of a record come from two places: its own edits and the ward
-- server's pulls, which can name the same number for different contents. History keeps
-- every replaced copy, so (person, version) is no longer unique; the order of writes is
-- the row id.

CREATE TABLE person_history_new (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    record    TEXT NOT NULL,
    source    TEXT NOT NULL
) STRICT;

INSERT INTO person_history_new (id, person_id, version, record, source)
SELECT id, person_id, version, record, source FROM person_history;

DROP TABLE person_history;
ALTER TABLE person_history_new RENAME TO person_history;
CREATE INDEX person_history_person ON person_history (person_id, version);
