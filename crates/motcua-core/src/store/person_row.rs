//! The `persons` row of a register record: its original cells and the forms derived
//! from them, in one column list shared by insert, update and read-back.

use rusqlite::{Row, ToSql};

use crate::date::PartialDate;
use crate::record::RegisterRecord;
use crate::sex::Sex;
use crate::{phone, text};

/// Every column a record writes, in the order [`PersonRow::values`] gives them.
pub(super) const COLUMNS: [&str; 53] = [
    "ma_ban_ghi",
    "so_dinh_danh",
    "so_cmnd",
    "ho_ten",
    "ho_ten_norm",
    "ho_ten_fold",
    "ten_goi_khac",
    "ten_goi_khac_norm",
    "ngay_sinh",
    "ngay_sinh_date",
    "gioi_tinh",
    "gioi_tinh_code",
    "noi_sinh",
    "noi_sinh_norm",
    "noi_dang_ky_khai_sinh",
    "noi_dang_ky_khai_sinh_norm",
    "que_quan",
    "que_quan_norm",
    "dan_toc",
    "dan_toc_norm",
    "ton_giao",
    "ton_giao_norm",
    "quoc_tich",
    "quoc_tich_norm",
    "nhom_mau",
    "tinh_trang_hon_nhan",
    "tinh_trang_hon_nhan_norm",
    "noi_thuong_tru",
    "noi_thuong_tru_norm",
    "noi_tam_tru",
    "noi_tam_tru_norm",
    "noi_o_hien_tai",
    "noi_o_hien_tai_norm",
    "so_ho_so_cu_tru",
    "quan_he_chu_ho",
    "quan_he_chu_ho_norm",
    "ho_ten_cha",
    "ho_ten_cha_norm",
    "so_dinh_danh_cha",
    "ho_ten_me",
    "ho_ten_me_norm",
    "so_dinh_danh_me",
    "ho_ten_vo_chong",
    "ho_ten_vo_chong_norm",
    "so_dinh_danh_vo_chong",
    "so_dien_thoai",
    "so_dien_thoai_norm",
    "email",
    "ngay_chet",
    "ngay_chet_date",
    "to_dan_pho",
    "to_dan_pho_norm",
    "extra",
];

/// A record ready to be written: the record itself (its cells are bound as they are)
/// and the forms derived from it. Made off the writing thread during an import.
pub struct PersonRow {
    record: RegisterRecord,
    derived: Derived,
}

/// The derived columns of [`COLUMNS`], in order.
struct Derived {
    ho_ten_norm: String,
    ho_ten_fold: String,
    ten_goi_khac_norm: Option<String>,
    ngay_sinh_date: Option<String>,
    gioi_tinh_code: Option<&'static str>,
    noi_sinh_norm: Option<String>,
    noi_dang_ky_khai_sinh_norm: Option<String>,
    que_quan_norm: Option<String>,
    dan_toc_norm: Option<String>,
    ton_giao_norm: Option<String>,
    quoc_tich_norm: Option<String>,
    tinh_trang_hon_nhan_norm: Option<String>,
    noi_thuong_tru_norm: Option<String>,
    noi_tam_tru_norm: Option<String>,
    noi_o_hien_tai_norm: Option<String>,
    quan_he_chu_ho_norm: Option<String>,
    ho_ten_cha_norm: Option<String>,
    ho_ten_me_norm: Option<String>,
    ho_ten_vo_chong_norm: Option<String>,
    so_dien_thoai_norm: Option<String>,
    ngay_chet_date: Option<String>,
    to_dan_pho_norm: Option<String>,
    extra: String,
}

/// The normalized form of a cell, or `None` when the cell is already normalized (most
/// are): readers take `coalesce(X_norm, X)`. Storing the cell twice would double the
/// register's size and the import's work; a non-NULL `X_norm` also marks the cells
/// review must report as not normalized.
fn norm(v: &Option<String>) -> Option<String> {
    text::normalize_if_changed(v.as_deref()?)
}

fn date(v: &Option<String>) -> Option<String> {
    v.as_deref().and_then(|s| PartialDate::parse(s).ok()).map(|d| d.to_storage())
}

impl PersonRow {
    pub fn new(r: &RegisterRecord) -> PersonRow {
        PersonRow::from_record(r.clone())
    }

    pub fn from_record(r: RegisterRecord) -> PersonRow {
        let derived = Derived {
            ho_ten_norm: text::normalize_name(&r.ho_ten),
            ho_ten_fold: text::fold(&r.ho_ten),
            ten_goi_khac_norm: norm(&r.ten_goi_khac),
            ngay_sinh_date: date(&r.ngay_sinh),
            gioi_tinh_code: r.gioi_tinh.as_deref().and_then(Sex::parse).map(Sex::code),
            noi_sinh_norm: norm(&r.noi_sinh),
            noi_dang_ky_khai_sinh_norm: norm(&r.noi_dang_ky_khai_sinh),
            que_quan_norm: norm(&r.que_quan),
            dan_toc_norm: norm(&r.dan_toc),
            ton_giao_norm: norm(&r.ton_giao),
            quoc_tich_norm: norm(&r.quoc_tich),
            tinh_trang_hon_nhan_norm: norm(&r.tinh_trang_hon_nhan),
            noi_thuong_tru_norm: norm(&r.noi_thuong_tru),
            noi_tam_tru_norm: norm(&r.noi_tam_tru),
            noi_o_hien_tai_norm: norm(&r.noi_o_hien_tai),
            quan_he_chu_ho_norm: norm(&r.quan_he_chu_ho),
            ho_ten_cha_norm: norm(&r.ho_ten_cha),
            ho_ten_me_norm: norm(&r.ho_ten_me),
            ho_ten_vo_chong_norm: norm(&r.ho_ten_vo_chong),
            so_dien_thoai_norm: r.so_dien_thoai.as_deref().and_then(phone::normalize),
            ngay_chet_date: date(&r.ngay_chet),
            to_dan_pho_norm: norm(&r.to_dan_pho),
            extra: serde_json::to_string(&r.extra).expect("string pairs serialize"),
        };
        PersonRow { record: r, derived }
    }

    pub fn record(&self) -> &RegisterRecord {
        &self.record
    }

    /// The values of [`COLUMNS`], in order, borrowed.
    pub fn values(&self) -> impl Iterator<Item = &dyn ToSql> {
        let (r, d) = (&self.record, &self.derived);
        let v: [&dyn ToSql; 53] = [
            &r.ma_ban_ghi,
            &r.so_dinh_danh,
            &r.so_cmnd,
            &r.ho_ten,
            &d.ho_ten_norm,
            &d.ho_ten_fold,
            &r.ten_goi_khac,
            &d.ten_goi_khac_norm,
            &r.ngay_sinh,
            &d.ngay_sinh_date,
            &r.gioi_tinh,
            &d.gioi_tinh_code,
            &r.noi_sinh,
            &d.noi_sinh_norm,
            &r.noi_dang_ky_khai_sinh,
            &d.noi_dang_ky_khai_sinh_norm,
            &r.que_quan,
            &d.que_quan_norm,
            &r.dan_toc,
            &d.dan_toc_norm,
            &r.ton_giao,
            &d.ton_giao_norm,
            &r.quoc_tich,
            &d.quoc_tich_norm,
            &r.nhom_mau,
            &r.tinh_trang_hon_nhan,
            &d.tinh_trang_hon_nhan_norm,
            &r.noi_thuong_tru,
            &d.noi_thuong_tru_norm,
            &r.noi_tam_tru,
            &d.noi_tam_tru_norm,
            &r.noi_o_hien_tai,
            &d.noi_o_hien_tai_norm,
            &r.so_ho_so_cu_tru,
            &r.quan_he_chu_ho,
            &d.quan_he_chu_ho_norm,
            &r.ho_ten_cha,
            &d.ho_ten_cha_norm,
            &r.so_dinh_danh_cha,
            &r.ho_ten_me,
            &d.ho_ten_me_norm,
            &r.so_dinh_danh_me,
            &r.ho_ten_vo_chong,
            &d.ho_ten_vo_chong_norm,
            &r.so_dinh_danh_vo_chong,
            &r.so_dien_thoai,
            &d.so_dien_thoai_norm,
            &r.email,
            &r.ngay_chet,
            &d.ngay_chet_date,
            &r.to_dan_pho,
            &d.to_dan_pho_norm,
            &d.extra,
        ];
        v.into_iter()
    }
}

/// The original cells of a stored record, as `SELECT {RECORD_SQL} FROM persons` gives them.
pub(super) const RECORD_SQL: &str = "ma_ban_ghi, so_dinh_danh, so_cmnd, ho_ten, ten_goi_khac, ngay_sinh,
    gioi_tinh, noi_sinh, noi_dang_ky_khai_sinh, que_quan, dan_toc, ton_giao, quoc_tich, nhom_mau,
    tinh_trang_hon_nhan, noi_thuong_tru, noi_tam_tru, noi_o_hien_tai, so_ho_so_cu_tru, quan_he_chu_ho,
    ho_ten_cha, so_dinh_danh_cha, ho_ten_me, so_dinh_danh_me, ho_ten_vo_chong, so_dinh_danh_vo_chong,
    so_dien_thoai, email, ngay_chet, to_dan_pho, extra";

pub(super) fn record_from_row(r: &Row<'_>) -> rusqlite::Result<RegisterRecord> {
    let extra: String = r.get(30)?;
    Ok(RegisterRecord {
        ma_ban_ghi: r.get(0)?,
        so_dinh_danh: r.get(1)?,
        so_cmnd: r.get(2)?,
        ho_ten: r.get(3)?,
        ten_goi_khac: r.get(4)?,
        ngay_sinh: r.get(5)?,
        gioi_tinh: r.get(6)?,
        noi_sinh: r.get(7)?,
        noi_dang_ky_khai_sinh: r.get(8)?,
        que_quan: r.get(9)?,
        dan_toc: r.get(10)?,
        ton_giao: r.get(11)?,
        quoc_tich: r.get(12)?,
        nhom_mau: r.get(13)?,
        tinh_trang_hon_nhan: r.get(14)?,
        noi_thuong_tru: r.get(15)?,
        noi_tam_tru: r.get(16)?,
        noi_o_hien_tai: r.get(17)?,
        so_ho_so_cu_tru: r.get(18)?,
        quan_he_chu_ho: r.get(19)?,
        ho_ten_cha: r.get(20)?,
        so_dinh_danh_cha: r.get(21)?,
        ho_ten_me: r.get(22)?,
        so_dinh_danh_me: r.get(23)?,
        ho_ten_vo_chong: r.get(24)?,
        so_dinh_danh_vo_chong: r.get(25)?,
        so_dien_thoai: r.get(26)?,
        email: r.get(27)?,
        ngay_chet: r.get(28)?,
        to_dan_pho: r.get(29)?,
        extra: serde_json::from_str(&extra).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(30, rusqlite::types::Type::Text, Box::new(e))
        })?,
    })
}
