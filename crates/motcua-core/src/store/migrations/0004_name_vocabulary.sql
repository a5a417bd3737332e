-- Every folded name word in the register with how many persons carry it. Small (a few
-- thousand words even for a city): search expands typed words against it (prefixes,
-- one-typo neighbours) and starts from the rarest word.

CREATE TABLE name_vocabulary (
    token   TEXT PRIMARY KEY,
    persons INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO name_vocabulary (token, persons)
SELECT token, count(DISTINCT person_id) FROM person_name_tokens GROUP BY token;
