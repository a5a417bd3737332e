-- Earlier versions of a person's record, kept when a newer extract replaces it.
-- `record` is the RegisterRecord as it was (JSON of the original cells).

CREATE TABLE person_history (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    record    TEXT NOT NULL,
    source    TEXT NOT NULL,
    UNIQUE (person_id, version)
) STRICT;
