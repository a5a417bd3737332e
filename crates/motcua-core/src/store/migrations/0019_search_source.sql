-- What a search reads of the register, in one narrow covering index.
--
-- Unlocking builds the in-memory search index from every person (search/index.rs,
-- ROW_SQL). Read from the table, that is every page of the register, and in an
-- encrypted register every page is decrypted and its HMAC checked: the build took 1.4
-- times as long as in a plaintext register. A search then reads each hit's row for the
-- result list (search/mod.rs, HIT_SQL), one page each, decrypted again once it has left
-- the page cache. This index holds exactly those values, a third of the table's bytes:
-- the build decrypts a third of the pages, and for a ward's register (up to ~300,000
-- persons) the whole index then stays decrypted in the page cache for the searches.
-- A hit's line shows cells as written; the index keeps the written form only where
-- normalizing changed it (the CASE columns: NULL, no bytes, for almost every row).
-- ROW_SQL and HIT_SQL must keep these very expressions, or SQLite goes back to the
-- table (tests check both query plans).
CREATE INDEX IF NOT EXISTS persons_search_source ON persons (
    id,
    ma_ban_ghi,
    ho_ten_norm,
    ngay_sinh_date,
    CASE WHEN ngay_sinh_date IS NULL THEN ngay_sinh END,
    gioi_tinh_code,
    CASE WHEN gioi_tinh_code IS NULL THEN gioi_tinh END,
    so_dinh_danh,
    so_ho_so_cu_tru,
    coalesce(to_dan_pho_norm, to_dan_pho),
    coalesce(noi_o_hien_tai_norm, noi_o_hien_tai, noi_thuong_tru_norm, noi_thuong_tru),
    noi_o_hien_tai IS NULL,
    CASE WHEN ho_ten_norm IS NOT ho_ten THEN ho_ten END,
    CASE WHEN to_dan_pho_norm IS NOT NULL THEN to_dan_pho END,
    CASE WHEN noi_o_hien_tai_norm IS NOT NULL THEN noi_o_hien_tai END
);
