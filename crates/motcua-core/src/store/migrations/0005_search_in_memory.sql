-- Name search moved into memory (search::index, built from `persons` when the register
-- is first searched): the token and vocabulary tables, and the indexes on folded names
-- and birth years, only served the SQL search. Households are read from `persons` by
-- their residence file number (a record names one household), so their tables were
-- copies that every write had to keep in step.

DROP TABLE person_name_tokens;
DROP TABLE name_vocabulary;
DROP TABLE household_members;
DROP TABLE households;
DROP INDEX persons_ho_ten_fold;
DROP INDEX persons_ngay_sinh_year;

-- A free-text column's X_norm is now NULL when the cell X is already normalized (most
-- are): readers take coalesce(X_norm, X), and a non-NULL X_norm marks a cell review
-- reports as not normalized. The name keeps ho_ten_norm always (NOT NULL).
UPDATE persons SET
    ten_goi_khac_norm = nullif(ten_goi_khac_norm, ten_goi_khac),
    noi_sinh_norm = nullif(noi_sinh_norm, noi_sinh),
    noi_dang_ky_khai_sinh_norm = nullif(noi_dang_ky_khai_sinh_norm, noi_dang_ky_khai_sinh),
    que_quan_norm = nullif(que_quan_norm, que_quan),
    dan_toc_norm = nullif(dan_toc_norm, dan_toc),
    ton_giao_norm = nullif(ton_giao_norm, ton_giao),
    quoc_tich_norm = nullif(quoc_tich_norm, quoc_tich),
    tinh_trang_hon_nhan_norm = nullif(tinh_trang_hon_nhan_norm, tinh_trang_hon_nhan),
    noi_thuong_tru_norm = nullif(noi_thuong_tru_norm, noi_thuong_tru),
    noi_tam_tru_norm = nullif(noi_tam_tru_norm, noi_tam_tru),
    noi_o_hien_tai_norm = nullif(noi_o_hien_tai_norm, noi_o_hien_tai),
    quan_he_chu_ho_norm = nullif(quan_he_chu_ho_norm, quan_he_chu_ho),
    ho_ten_cha_norm = nullif(ho_ten_cha_norm, ho_ten_cha),
    ho_ten_me_norm = nullif(ho_ten_me_norm, ho_ten_me),
    ho_ten_vo_chong_norm = nullif(ho_ten_vo_chong_norm, ho_ten_vo_chong),
    to_dan_pho_norm = nullif(to_dan_pho_norm, to_dan_pho);

-- Groups are read through coalesce(to_dan_pho_norm, to_dan_pho) now; an index on the
-- _norm column alone would mislead, and nothing looks groups up by index yet.
DROP INDEX persons_to_dan_pho;
