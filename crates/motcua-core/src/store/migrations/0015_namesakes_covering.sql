-- The incremental review reads every namesake of an edited record to find those born
-- the same year or sharing a parent's name. The most common names have thousands of
-- bearers in a city, and reading each one's row cost more than the rest of the review;
-- an index holding the parents' names answers from the index alone.
DROP INDEX IF EXISTS persons_ho_ten_fold_year;
CREATE INDEX IF NOT EXISTS persons_namesakes ON persons (ho_ten_fold, ngay_sinh_year, ho_ten_me, ho_ten_cha);
