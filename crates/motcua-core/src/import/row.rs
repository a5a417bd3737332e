//! From a row of cells to a register record, or to the reason it cannot be one.

use std::collections::HashMap;
use std::fmt;

use crate::date::{DateError, PartialDate};
use crate::record::{COLUMNS, RegisterRecord};

/// Why a row was not imported. Shown to officers, so it says it in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    BadEncoding,
    CellCount { expected: usize, found: usize },
    Missing { column: &'static str },
    UnreadableDate { column: &'static str, value: String },
    RepeatedInFile { ma_ban_ghi: String },
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::BadEncoding => write!(f, "dòng không phải văn bản UTF-8 hợp lệ (lỗi bảng mã)"),
            RowProblem::CellCount { expected, found } => {
                write!(f, "dòng có {found} ô, tiêu đề có {expected} cột")
            }
            RowProblem::Missing { column } => write!(f, "thiếu giá trị bắt buộc ở cột {column}"),
            RowProblem::UnreadableDate { column, value } => write!(
                f,
                "không đọc được ngày \"{value}\" ở cột {column} (dùng dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"
            ),
            RowProblem::RepeatedInFile { ma_ban_ghi } => {
                write!(f, "mã bản ghi {ma_ban_ghi} đã xuất hiện ở một dòng trước trong tệp")
            }
        }
    }
}

/// Where each known column sits in the file; unknown columns are kept as extras.
pub struct Header {
    names: Vec<String>,
    known: HashMap<&'static str, usize>,
    /// Indexes of the columns the format does not name.
    extras: Vec<usize>,
}

/// Columns a file must have. Of their cells only `ma_ban_ghi` must be filled: an empty
/// name or birth date is a finding for review, and the record still lands.
pub const REQUIRED: [&str; 3] = ["ma_ban_ghi", "ho_ten", "ngay_sinh"];

impl Header {
    /// `Err` lists the required columns the file lacks.
    pub fn new(names: Vec<String>) -> Result<Header, Vec<&'static str>> {
        let mut known = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            if let Some(c) = COLUMNS.iter().find(|c| **c == name) {
                known.entry(*c).or_insert(i);
            }
        }
        let missing: Vec<&'static str> = REQUIRED.into_iter().filter(|c| !known.contains_key(c)).collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let extras = (0..names.len())
            .filter(|i| !known.values().any(|k| k == i) && !names[*i].trim().is_empty())
            .collect();
        Ok(Header { names, known, extras })
    }

    /// Where a known column sits.
    pub fn position(&self, column: &str) -> Option<usize> {
        self.known.get(column).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The record id of a row, if the row has one, for naming it in error lists.
    pub fn ma_ban_ghi(&self, cells: &[&str]) -> Option<String> {
        let v = cells.get(*self.known.get("ma_ban_ghi")?)?.trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    pub fn record(&self, cells: &[&str]) -> Result<RegisterRecord, RowProblem> {
        if cells.len() != self.names.len() {
            return Err(RowProblem::CellCount { expected: self.names.len(), found: cells.len() });
        }
        let get = |c: &str| -> Option<String> {
            let v = cells[*self.known.get(c)?];
            (!v.trim().is_empty()).then(|| v.to_string())
        };

        let date = |c: &'static str| -> Result<Option<String>, RowProblem> {
            let Some(v) = get(c) else { return Ok(None) };
            match PartialDate::parse(&v) {
                // A date that parses but does not exist (30/02) is kept for review to flag.
                Ok(_) | Err(DateError::NoSuchDate(_)) => Ok(Some(v)),
                Err(DateError::Unreadable(_)) => Err(RowProblem::UnreadableDate { column: c, value: v }),
            }
        };
        let extra = self
            .extras
            .iter()
            .filter(|&&i| !cells[i].trim().is_empty())
            .map(|&i| (self.names[i].trim().to_string(), cells[i].to_string()))
            .collect();
        Ok(RegisterRecord {
            ma_ban_ghi: get("ma_ban_ghi")
                .ok_or(RowProblem::Missing { column: "ma_ban_ghi" })?
                .trim()
                .to_string(),
            so_dinh_danh: get("so_dinh_danh"),
            so_cmnd: get("so_cmnd"),
            ho_ten: get("ho_ten").unwrap_or_default(),
            ten_goi_khac: get("ten_goi_khac"),
            ngay_sinh: date("ngay_sinh")?,
            gioi_tinh: get("gioi_tinh"),
            noi_sinh: get("noi_sinh"),
            noi_dang_ky_khai_sinh: get("noi_dang_ky_khai_sinh"),
            que_quan: get("que_quan"),
            dan_toc: get("dan_toc"),
            ton_giao: get("ton_giao"),
            quoc_tich: get("quoc_tich"),
            nhom_mau: get("nhom_mau"),
            tinh_trang_hon_nhan: get("tinh_trang_hon_nhan"),
            noi_thuong_tru: get("noi_thuong_tru"),
            noi_tam_tru: get("noi_tam_tru"),
            noi_o_hien_tai: get("noi_o_hien_tai"),
            so_ho_so_cu_tru: get("so_ho_so_cu_tru"),
            quan_he_chu_ho: get("quan_he_chu_ho"),
            ho_ten_cha: get("ho_ten_cha"),
            so_dinh_danh_cha: get("so_dinh_danh_cha"),
            ho_ten_me: get("ho_ten_me"),
            so_dinh_danh_me: get("so_dinh_danh_me"),
            ho_ten_vo_chong: get("ho_ten_vo_chong"),
            so_dinh_danh_vo_chong: get("so_dinh_danh_vo_chong"),
            so_dien_thoai: get("so_dien_thoai"),
            email: get("email"),
            ngay_chet: date("ngay_chet")?,
            to_dan_pho: get("to_dan_pho"),
            extra,
        })
    }
}
