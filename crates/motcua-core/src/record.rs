//! One row of the register extract, exactly as the interchange format carries it.
//!
//! Values are the raw cell text: nothing here is normalized or validated. The store
//! keeps this original text and derives normalized forms beside it, so a record can
//! always be exported as it arrived.

use serde::{Deserialize, Serialize};

/// The columns of `register-csv.md`, in the order the spec lists them.
pub const COLUMNS: [&str; 30] = [
    "ma_ban_ghi",
    "so_dinh_danh",
    "so_cmnd",
    "ho_ten",
    "ten_goi_khac",
    "ngay_sinh",
    "gioi_tinh",
    "noi_sinh",
    "noi_dang_ky_khai_sinh",
    "que_quan",
    "dan_toc",
    "ton_giao",
    "quoc_tich",
    "nhom_mau",
    "tinh_trang_hon_nhan",
    "noi_thuong_tru",
    "noi_tam_tru",
    "noi_o_hien_tai",
    "so_ho_so_cu_tru",
    "quan_he_chu_ho",
    "ho_ten_cha",
    "so_dinh_danh_cha",
    "ho_ten_me",
    "so_dinh_danh_me",
    "ho_ten_vo_chong",
    "so_dinh_danh_vo_chong",
    "so_dien_thoai",
    "email",
    "ngay_chet",
    "to_dan_pho",
];

/// A register row. `None` is an empty cell ("unknown"); `Some` holds the cell verbatim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRecord {
    pub ma_ban_ghi: String,
    pub so_dinh_danh: Option<String>,
    pub so_cmnd: Option<String>,
    pub ho_ten: String,
    pub ten_goi_khac: Option<String>,
    pub ngay_sinh: Option<String>,
    pub gioi_tinh: Option<String>,
    pub noi_sinh: Option<String>,
    pub noi_dang_ky_khai_sinh: Option<String>,
    pub que_quan: Option<String>,
    pub dan_toc: Option<String>,
    pub ton_giao: Option<String>,
    pub quoc_tich: Option<String>,
    pub nhom_mau: Option<String>,
    pub tinh_trang_hon_nhan: Option<String>,
    pub noi_thuong_tru: Option<String>,
    pub noi_tam_tru: Option<String>,
    pub noi_o_hien_tai: Option<String>,
    pub so_ho_so_cu_tru: Option<String>,
    pub quan_he_chu_ho: Option<String>,
    pub ho_ten_cha: Option<String>,
    pub so_dinh_danh_cha: Option<String>,
    pub ho_ten_me: Option<String>,
    pub so_dinh_danh_me: Option<String>,
    pub ho_ten_vo_chong: Option<String>,
    pub so_dinh_danh_vo_chong: Option<String>,
    pub so_dien_thoai: Option<String>,
    pub email: Option<String>,
    pub ngay_chet: Option<String>,
    pub to_dan_pho: Option<String>,
    /// Columns the spec does not name, kept verbatim as (header, value) pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<(String, String)>,
}

impl RegisterRecord {
    /// The cell of column `field` (one of [`COLUMNS`] but `ma_ban_ghi`, which names the
    /// record and never changes); `None` for any other name.
    pub fn field_mut(&mut self, field: &str) -> Option<&mut Option<String>> {
        Some(match field {
            "so_dinh_danh" => &mut self.so_dinh_danh,
            "so_cmnd" => &mut self.so_cmnd,
            "ten_goi_khac" => &mut self.ten_goi_khac,
            "ngay_sinh" => &mut self.ngay_sinh,
            "gioi_tinh" => &mut self.gioi_tinh,
            "noi_sinh" => &mut self.noi_sinh,
            "noi_dang_ky_khai_sinh" => &mut self.noi_dang_ky_khai_sinh,
            "que_quan" => &mut self.que_quan,
            "dan_toc" => &mut self.dan_toc,
            "ton_giao" => &mut self.ton_giao,
            "quoc_tich" => &mut self.quoc_tich,
            "nhom_mau" => &mut self.nhom_mau,
            "tinh_trang_hon_nhan" => &mut self.tinh_trang_hon_nhan,
            "noi_thuong_tru" => &mut self.noi_thuong_tru,
            "noi_tam_tru" => &mut self.noi_tam_tru,
            "noi_o_hien_tai" => &mut self.noi_o_hien_tai,
            "so_ho_so_cu_tru" => &mut self.so_ho_so_cu_tru,
            "quan_he_chu_ho" => &mut self.quan_he_chu_ho,
            "ho_ten_cha" => &mut self.ho_ten_cha,
            "so_dinh_danh_cha" => &mut self.so_dinh_danh_cha,
            "ho_ten_me" => &mut self.ho_ten_me,
            "so_dinh_danh_me" => &mut self.so_dinh_danh_me,
            "ho_ten_vo_chong" => &mut self.ho_ten_vo_chong,
            "so_dinh_danh_vo_chong" => &mut self.so_dinh_danh_vo_chong,
            "so_dien_thoai" => &mut self.so_dien_thoai,
            "email" => &mut self.email,
            "ngay_chet" => &mut self.ngay_chet,
            "to_dan_pho" => &mut self.to_dan_pho,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_but_the_record_id_and_the_name_is_an_optional_cell() {
        let mut r = RegisterRecord::default();
        for c in COLUMNS {
            let expected = !matches!(c, "ma_ban_ghi" | "ho_ten");
            assert_eq!(r.field_mut(c).is_some(), expected, "{c}");
        }
        *r.field_mut("ngay_sinh").unwrap() = Some("1968".into());
        assert_eq!(r.ngay_sinh.as_deref(), Some("1968"));
        assert!(r.field_mut("version").is_none());
    }
}
