//! Writing register records: the original cells plus the normalized forms derived
//! from them, the name-token index and household membership.

use rusqlite::{Transaction, params};

use super::meta::write_meta;
use super::{RegisterMeta, Store, StoreError};
use crate::date::PartialDate;
use crate::record::RegisterRecord;
use crate::sex::Sex;
use crate::{phone, text};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InsertReport {
    pub persons: usize,
    pub households: usize,
}

const INSERT_PERSON: &str = "INSERT INTO persons (
    ma_ban_ghi, so_dinh_danh, so_cmnd, ho_ten, ho_ten_norm, ho_ten_fold,
    ten_goi_khac, ten_goi_khac_norm, ngay_sinh, ngay_sinh_date, gioi_tinh, gioi_tinh_code,
    noi_sinh, noi_sinh_norm, noi_dang_ky_khai_sinh, noi_dang_ky_khai_sinh_norm,
    que_quan, que_quan_norm, dan_toc, dan_toc_norm, ton_giao, ton_giao_norm,
    quoc_tich, quoc_tich_norm, nhom_mau, tinh_trang_hon_nhan, tinh_trang_hon_nhan_norm,
    noi_thuong_tru, noi_thuong_tru_norm, noi_tam_tru, noi_tam_tru_norm,
    noi_o_hien_tai, noi_o_hien_tai_norm, so_ho_so_cu_tru, quan_he_chu_ho, quan_he_chu_ho_norm,
    ho_ten_cha, ho_ten_cha_norm, so_dinh_danh_cha, ho_ten_me, ho_ten_me_norm, so_dinh_danh_me,
    ho_ten_vo_chong, ho_ten_vo_chong_norm, so_dinh_danh_vo_chong,
    so_dien_thoai, so_dien_thoai_norm, email, ngay_chet, ngay_chet_date,
    to_dan_pho, to_dan_pho_norm, extra
) VALUES (
    ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
    ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38,
    ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52, ?53
)";

fn norm(v: &Option<String>) -> Option<String> {
    v.as_deref().map(text::normalize)
}

fn date_storage(v: &Option<String>) -> Option<String> {
    v.as_deref().and_then(|s| PartialDate::parse(s).ok()).map(|d| d.to_storage())
}

fn is_head(relation: Option<&str>) -> bool {
    relation.is_some_and(|r| text::fold(r) == "chu ho")
}

impl Store {
    /// Inserts new records in one transaction: either all land or none.
    ///
    /// `progress(done, total)` is called every few hundred records.
    pub fn insert_records(
        &mut self,
        records: &[RegisterRecord],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<InsertReport, StoreError> {
        let tx = self.conn.transaction()?;
        let report = insert_all(&tx, records, progress)?;
        tx.commit()?;
        Ok(report)
    }

    /// Sets up a new register and fills it, in one transaction: a crash or an error
    /// leaves an empty database, never a half-made register.
    pub fn create_register(
        &mut self,
        meta: &RegisterMeta,
        records: &[RegisterRecord],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<InsertReport, StoreError> {
        let tx = self.conn.transaction()?;
        write_meta(&tx, meta)?;
        let report = insert_all(&tx, records, progress)?;
        tx.commit()?;
        Ok(report)
    }

    pub fn count_persons(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM persons", [], |r| r.get(0))?)
    }

    pub fn count_households(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM households", [], |r| r.get(0))?)
    }

    pub fn count_residential_groups(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT to_dan_pho_norm) FROM persons WHERE to_dan_pho_norm IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

fn insert_all(
    tx: &Transaction<'_>,
    records: &[RegisterRecord],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<InsertReport, StoreError> {
    let mut report = InsertReport::default();
    for (i, r) in records.iter().enumerate() {
        insert_one(tx, r, &mut report)?;
        if (i + 1) % 500 == 0 {
            progress(i + 1, records.len());
        }
    }
    progress(records.len(), records.len());
    Ok(report)
}

fn insert_one(tx: &Transaction<'_>, r: &RegisterRecord, report: &mut InsertReport) -> Result<(), StoreError> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM persons WHERE ma_ban_ghi = ?1)",
        [&r.ma_ban_ghi],
        |row| row.get(0),
    )?;
    if exists {
        return Err(StoreError::RecordExists(r.ma_ban_ghi.clone()));
    }
    let ho_ten_norm = text::normalize_name(&r.ho_ten);
    let ho_ten_fold = text::fold(&r.ho_ten);
    let sex = r.gioi_tinh.as_deref().and_then(Sex::parse).map(Sex::code);
    let phone_norm = r.so_dien_thoai.as_deref().and_then(phone::normalize);
    let extra = serde_json::to_string(&r.extra).expect("string pairs serialize");
    let mut stmt = tx.prepare_cached(INSERT_PERSON)?;
    stmt.execute(params![
        r.ma_ban_ghi,
        r.so_dinh_danh,
        r.so_cmnd,
        r.ho_ten,
        ho_ten_norm,
        ho_ten_fold,
        r.ten_goi_khac,
        norm(&r.ten_goi_khac),
        r.ngay_sinh,
        date_storage(&r.ngay_sinh),
        r.gioi_tinh,
        sex,
        r.noi_sinh,
        norm(&r.noi_sinh),
        r.noi_dang_ky_khai_sinh,
        norm(&r.noi_dang_ky_khai_sinh),
        r.que_quan,
        norm(&r.que_quan),
        r.dan_toc,
        norm(&r.dan_toc),
        r.ton_giao,
        norm(&r.ton_giao),
        r.quoc_tich,
        norm(&r.quoc_tich),
        r.nhom_mau,
        r.tinh_trang_hon_nhan,
        norm(&r.tinh_trang_hon_nhan),
        r.noi_thuong_tru,
        norm(&r.noi_thuong_tru),
        r.noi_tam_tru,
        norm(&r.noi_tam_tru),
        r.noi_o_hien_tai,
        norm(&r.noi_o_hien_tai),
        r.so_ho_so_cu_tru,
        r.quan_he_chu_ho,
        norm(&r.quan_he_chu_ho),
        r.ho_ten_cha,
        norm(&r.ho_ten_cha),
        r.so_dinh_danh_cha,
        r.ho_ten_me,
        norm(&r.ho_ten_me),
        r.so_dinh_danh_me,
        r.ho_ten_vo_chong,
        norm(&r.ho_ten_vo_chong),
        r.so_dinh_danh_vo_chong,
        r.so_dien_thoai,
        phone_norm,
        r.email,
        r.ngay_chet,
        date_storage(&r.ngay_chet),
        r.to_dan_pho,
        norm(&r.to_dan_pho),
        extra,
    ])?;
    let person_id = tx.last_insert_rowid();
    report.persons += 1;

    let mut tok = tx.prepare_cached(
        "INSERT OR IGNORE INTO person_name_tokens (token, person_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, t) in ho_ten_fold.split(' ').filter(|t| !t.is_empty()).enumerate() {
        tok.execute(params![t, person_id, pos as i64])?;
    }

    if let Some(hs) = r.so_ho_so_cu_tru.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let head = is_head(r.quan_he_chu_ho.as_deref());
        let address = r.noi_thuong_tru.as_deref().map(text::normalize);
        let group = r.to_dan_pho.as_deref().map(text::normalize);
        let created = tx.execute(
            "INSERT OR IGNORE INTO households (so_ho_so_cu_tru, dia_chi, to_dan_pho) VALUES (?1, ?2, ?3)",
            params![hs, address, group],
        )?;
        report.households += created;
        if head {
            // The household's address is the head's, whichever member arrived first.
            tx.execute(
                "UPDATE households SET dia_chi = coalesce(?2, dia_chi), to_dan_pho = coalesce(?3, to_dan_pho)
                 WHERE so_ho_so_cu_tru = ?1",
                params![hs, address, group],
            )?;
        }
        tx.execute(
            "INSERT INTO household_members (household_id, person_id, quan_he_chu_ho, is_head)
             SELECT id, ?2, ?3, ?4 FROM households WHERE so_ho_so_cu_tru = ?1",
            params![hs, person_id, r.quan_he_chu_ho, head],
        )?;
    }
    Ok(())
}
