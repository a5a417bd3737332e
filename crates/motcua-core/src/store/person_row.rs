//! The `persons` row of a register record: its original cells and the forms derived
//! from them, in one column list shared by insert, update and read-back.

use rusqlite::Row;
use rusqlite::types::Value;

use crate::date::PartialDate;
use crate::record::RegisterRecord;
use crate::sex::Sex;
use crate::{phone, text};

/// Every column a record writes, in the order [`values`] gives them.
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

fn raw(v: &Option<String>) -> Value {
    v.clone().map_or(Value::Null, Value::Text)
}

fn norm(v: &Option<String>) -> Value {
    v.as_deref().map_or(Value::Null, |s| Value::Text(text::normalize(s)))
}

fn date(v: &Option<String>) -> Value {
    match v.as_deref().map(PartialDate::parse) {
        Some(Ok(d)) => Value::Text(d.to_storage()),
        _ => Value::Null,
    }
}

fn opt(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::Text)
}

/// The values of [`COLUMNS`] for a record.
pub(super) fn values(r: &RegisterRecord) -> Vec<Value> {
    let sex = r.gioi_tinh.as_deref().and_then(Sex::parse).map(|s| s.code().to_string());
    vec![
        Value::Text(r.ma_ban_ghi.clone()),
        raw(&r.so_dinh_danh),
        raw(&r.so_cmnd),
        Value::Text(r.ho_ten.clone()),
        Value::Text(text::normalize_name(&r.ho_ten)),
        Value::Text(text::fold(&r.ho_ten)),
        raw(&r.ten_goi_khac),
        norm(&r.ten_goi_khac),
        raw(&r.ngay_sinh),
        date(&r.ngay_sinh),
        raw(&r.gioi_tinh),
        opt(sex),
        raw(&r.noi_sinh),
        norm(&r.noi_sinh),
        raw(&r.noi_dang_ky_khai_sinh),
        norm(&r.noi_dang_ky_khai_sinh),
        raw(&r.que_quan),
        norm(&r.que_quan),
        raw(&r.dan_toc),
        norm(&r.dan_toc),
        raw(&r.ton_giao),
        norm(&r.ton_giao),
        raw(&r.quoc_tich),
        norm(&r.quoc_tich),
        raw(&r.nhom_mau),
        raw(&r.tinh_trang_hon_nhan),
        norm(&r.tinh_trang_hon_nhan),
        raw(&r.noi_thuong_tru),
        norm(&r.noi_thuong_tru),
        raw(&r.noi_tam_tru),
        norm(&r.noi_tam_tru),
        raw(&r.noi_o_hien_tai),
        norm(&r.noi_o_hien_tai),
        raw(&r.so_ho_so_cu_tru),
        raw(&r.quan_he_chu_ho),
        norm(&r.quan_he_chu_ho),
        raw(&r.ho_ten_cha),
        norm(&r.ho_ten_cha),
        raw(&r.so_dinh_danh_cha),
        raw(&r.ho_ten_me),
        norm(&r.ho_ten_me),
        raw(&r.so_dinh_danh_me),
        raw(&r.ho_ten_vo_chong),
        norm(&r.ho_ten_vo_chong),
        raw(&r.so_dinh_danh_vo_chong),
        raw(&r.so_dien_thoai),
        opt(r.so_dien_thoai.as_deref().and_then(phone::normalize)),
        raw(&r.email),
        raw(&r.ngay_chet),
        date(&r.ngay_chet),
        raw(&r.to_dan_pho),
        norm(&r.to_dan_pho),
        Value::Text(serde_json::to_string(&r.extra).expect("string pairs serialize")),
    ]
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
