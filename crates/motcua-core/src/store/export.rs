//! Writing the register back out in the interchange format, original cells as they
//! arrived, so that import → export → import changes nothing.

use std::collections::BTreeSet;
use std::io::Write;

use super::person_row::{RECORD_SQL, record_from_row};
use super::{Store, StoreError};
use crate::record::{COLUMNS, RegisterRecord};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write: {0}")]
    Write(#[from] csv::Error),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl Store {
    /// Writes every record as CSV: the format's columns, then the extra columns any
    /// record carries (sorted by name). Returns the number of records written.
    pub fn export_csv(&self, out: impl Write) -> Result<usize, ExportError> {
        let extra_names: BTreeSet<String> =
            self.records(|r| r.extra.iter().map(|(k, _)| k.clone()).collect())?;
        let mut w = csv::Writer::from_writer(out);
        w.write_record(COLUMNS.iter().copied().chain(extra_names.iter().map(String::as_str)))?;
        let mut n = 0;
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {RECORD_SQL} FROM persons ORDER BY id"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let r = record_from_row(row).map_err(StoreError::from)?;
            let mut cells: Vec<&str> = cells(&r).into_iter().map(|c| c.unwrap_or("")).collect();
            for name in &extra_names {
                cells.push(r.extra.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str()));
            }
            w.write_record(&cells)?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    }

    /// Writes every record to one sheet of an Excel workbook, every cell as text (so ID
    /// numbers keep their leading zeros), with the same columns as [`Store::export_csv`].
    pub fn export_xlsx(&self, path: &std::path::Path) -> Result<usize, ExportError> {
        let extra_names: BTreeSet<String> =
            self.records(|r| r.extra.iter().map(|(k, _)| k.clone()).collect())?;
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name("so_dan_cu")?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let names: Vec<&str> =
            COLUMNS.iter().copied().chain(extra_names.iter().map(String::as_str)).collect();
        for (col, name) in names.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *name, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut n: u32 = 0;
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {RECORD_SQL} FROM persons ORDER BY id"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let r = record_from_row(row).map_err(StoreError::from)?;
            n += 1;
            let extras = extra_names
                .iter()
                .map(|name| r.extra.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()));
            for (col, cell) in cells(&r).into_iter().chain(extras).enumerate() {
                if let Some(v) = cell {
                    sheet.write_string(n, col as u16, v)?;
                }
            }
        }
        workbook.save(path)?;
        Ok(n as usize)
    }

    /// Folds every record's extra-column names into one set.
    fn records(&self, f: impl Fn(&RegisterRecord) -> Vec<String>) -> Result<BTreeSet<String>, StoreError> {
        let mut stmt =
            self.conn().prepare(&format!("SELECT {RECORD_SQL} FROM persons WHERE extra <> '[]'"))?;
        let mut names = BTreeSet::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            names.extend(f(&record_from_row(row)?));
        }
        Ok(names)
    }
}

/// The cells of a record in [`COLUMNS`] order.
fn cells(r: &RegisterRecord) -> [Option<&str>; 30] {
    [
        Some(r.ma_ban_ghi.as_str()),
        r.so_dinh_danh.as_deref(),
        r.so_cmnd.as_deref(),
        Some(r.ho_ten.as_str()),
        r.ten_goi_khac.as_deref(),
        r.ngay_sinh.as_deref(),
        r.gioi_tinh.as_deref(),
        r.noi_sinh.as_deref(),
        r.noi_dang_ky_khai_sinh.as_deref(),
        r.que_quan.as_deref(),
        r.dan_toc.as_deref(),
        r.ton_giao.as_deref(),
        r.quoc_tich.as_deref(),
        r.nhom_mau.as_deref(),
        r.tinh_trang_hon_nhan.as_deref(),
        r.noi_thuong_tru.as_deref(),
        r.noi_tam_tru.as_deref(),
        r.noi_o_hien_tai.as_deref(),
        r.so_ho_so_cu_tru.as_deref(),
        r.quan_he_chu_ho.as_deref(),
        r.ho_ten_cha.as_deref(),
        r.so_dinh_danh_cha.as_deref(),
        r.ho_ten_me.as_deref(),
        r.so_dinh_danh_me.as_deref(),
        r.ho_ten_vo_chong.as_deref(),
        r.so_dinh_danh_vo_chong.as_deref(),
        r.so_dien_thoai.as_deref(),
        r.email.as_deref(),
        r.ngay_chet.as_deref(),
        r.to_dan_pho.as_deref(),
    ]
}
