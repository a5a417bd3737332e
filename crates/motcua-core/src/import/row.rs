//! From a row of cells to a register record, or to the reason it cannot be one.

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
    /// By [`COLUMNS`] position: where that column sits in the file.
    known: [Option<usize>; COLUMNS.len()],
    /// Indexes of the columns the format does not name.
    extras: Vec<usize>,
}

/// A column's position in [`COLUMNS`]; a name not there fails to compile where it is
/// used in a `const` block.
const fn column_index(name: &str) -> usize {
    let mut i = 0;
    while i < COLUMNS.len() {
        if const_eq(COLUMNS[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("not a column of the register format")
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Columns a file must have. Of their cells only `ma_ban_ghi` must be filled: an empty
/// name or birth date is a finding for review, and the record still lands.
pub const REQUIRED: [&str; 3] = ["ma_ban_ghi", "ho_ten", "ngay_sinh"];

impl Header {
    /// `Err` lists the required columns the file lacks.
    pub fn new(names: Vec<String>) -> Result<Header, Vec<&'static str>> {
        let mut known = [None; COLUMNS.len()];
        for (i, name) in names.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            if let Some(c) = COLUMNS.iter().position(|c| *c == name) {
                known[c].get_or_insert(i);
            }
        }
        let missing: Vec<&'static str> =
            REQUIRED.into_iter().filter(|c| known[column_index(c)].is_none()).collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let extras =
            (0..names.len()).filter(|i| !known.contains(&Some(*i)) && !names[*i].trim().is_empty()).collect();
        Ok(Header { names, known, extras })
    }

    /// Where a known column sits.
    pub fn position(&self, column: &str) -> Option<usize> {
        self.known[COLUMNS.iter().position(|c| *c == column)?]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The record id of a row, if the row has one, for naming it in error lists.
    pub fn ma_ban_ghi(&self, cells: &[&str]) -> Option<String> {
        let v = cells.get(self.known[0]?)?.trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    /// The record a row's cells make, taking the cells (no copy); on failure, why,
    /// with the row's record id when it has one.
    pub fn record(&self, mut cells: Vec<String>) -> Result<RegisterRecord, (RowProblem, Option<String>)> {
        if cells.len() != self.names.len() {
            let ma = self.ma_ban_ghi(&cells.iter().map(String::as_str).collect::<Vec<_>>());
            return Err((RowProblem::CellCount { expected: self.names.len(), found: cells.len() }, ma));
        }
        let ma = self.known[0].map(|i| cells[i].trim().to_string()).filter(|m| !m.is_empty());
        let fail = |p: RowProblem| (p, ma.clone());
        // Dates are checked before any cell is taken.
        for c in ["ngay_sinh", "ngay_chet"] {
            let Some(i) = self.known[column_index(c)] else { continue };
            let v = &cells[i];
            if !v.trim().is_empty() {
                // A date that parses but does not exist (30/02) is kept for review to flag.
                if let Err(DateError::Unreadable(_)) = PartialDate::parse(v) {
                    return Err(fail(RowProblem::UnreadableDate { column: c, value: v.clone() }));
                }
            }
        }
        let extra = self
            .extras
            .iter()
            .filter(|&&i| !cells[i].trim().is_empty())
            .map(|&i| (self.names[i].trim().to_string(), cells[i].clone()))
            .collect();
        // By column name for the reader; the index is found at compile time.
        let mut get = |c: usize| -> Option<String> {
            let v = std::mem::take(&mut cells[self.known[c]?]);
            (!v.trim().is_empty()).then_some(v)
        };
        let ma_ban_ghi = ma.clone().ok_or_else(|| fail(RowProblem::Missing { column: "ma_ban_ghi" }))?;
        Ok(RegisterRecord {
            ma_ban_ghi,
            so_dinh_danh: get(const { column_index("so_dinh_danh") }),
            so_cmnd: get(const { column_index("so_cmnd") }),
            ho_ten: get(const { column_index("ho_ten") }).unwrap_or_default(),
            ten_goi_khac: get(const { column_index("ten_goi_khac") }),
            ngay_sinh: get(const { column_index("ngay_sinh") }),
            gioi_tinh: get(const { column_index("gioi_tinh") }),
            noi_sinh: get(const { column_index("noi_sinh") }),
            noi_dang_ky_khai_sinh: get(const { column_index("noi_dang_ky_khai_sinh") }),
            que_quan: get(const { column_index("que_quan") }),
            dan_toc: get(const { column_index("dan_toc") }),
            ton_giao: get(const { column_index("ton_giao") }),
            quoc_tich: get(const { column_index("quoc_tich") }),
            nhom_mau: get(const { column_index("nhom_mau") }),
            tinh_trang_hon_nhan: get(const { column_index("tinh_trang_hon_nhan") }),
            noi_thuong_tru: get(const { column_index("noi_thuong_tru") }),
            noi_tam_tru: get(const { column_index("noi_tam_tru") }),
            noi_o_hien_tai: get(const { column_index("noi_o_hien_tai") }),
            so_ho_so_cu_tru: get(const { column_index("so_ho_so_cu_tru") }),
            quan_he_chu_ho: get(const { column_index("quan_he_chu_ho") }),
            ho_ten_cha: get(const { column_index("ho_ten_cha") }),
            so_dinh_danh_cha: get(const { column_index("so_dinh_danh_cha") }),
            ho_ten_me: get(const { column_index("ho_ten_me") }),
            so_dinh_danh_me: get(const { column_index("so_dinh_danh_me") }),
            ho_ten_vo_chong: get(const { column_index("ho_ten_vo_chong") }),
            so_dinh_danh_vo_chong: get(const { column_index("so_dinh_danh_vo_chong") }),
            so_dien_thoai: get(const { column_index("so_dien_thoai") }),
            email: get(const { column_index("email") }),
            ngay_chet: get(const { column_index("ngay_chet") }),
            to_dan_pho: get(const { column_index("to_dan_pho") }),
            extra,
        })
    }
}
