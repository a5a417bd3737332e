//! Writing the register back out in the interchange format, original cells as they
//! arrived, so that import → export → import changes nothing.

use std::collections::BTreeSet;
use std::io::Write;

use super::person_row::{RECORD_SQL, record_from_row};
use super::{Store, StoreError};
use crate::access::Action;
use crate::record::{COLUMNS, RegisterRecord};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot write: {0}")]
    Write(#[from] csv::Error),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl Store {
    /// Writes the register to `path`, CSV or XLSX by its extension. The file appears
    /// whole or not at all: it is written beside, then renamed.
    pub fn export_file(&self, path: &std::path::Path) -> Result<usize, ExportError> {
        self.require(Action::ExportRegister)?;
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = std::path::PathBuf::from(part);
        let is_xlsx = crate::import::FileKind::of(path) == crate::import::FileKind::Xlsx;
        let written = if is_xlsx {
            self.export_xlsx(&part)
        } else {
            std::fs::File::create(&part)
                .map_err(ExportError::from)
                .and_then(|f| self.export_csv(std::io::BufWriter::new(f)))
        };
        let n = match written {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        std::fs::rename(&part, path)?;
        Ok(n)
    }

    /// Writes every record as CSV: the format's columns, then the extra columns any
    /// record carries (sorted by name). Returns the number of records written.
    pub fn export_csv(&self, out: impl Write) -> Result<usize, ExportError> {
        self.require(Action::ExportRegister)?;
        let mut w = csv::Writer::from_writer(out);
        let n = self.export_rows(|_, cells| {
            w.write_record(cells.iter().map(|c| c.unwrap_or("")))?;
            Ok(())
        })?;
        w.flush()?;
        self.audit_action(Action::ExportRegister, None, &format!("csv records={n}"))?;
        Ok(n)
    }

    /// Writes every record to one sheet of an Excel workbook, every cell as text (so ID
    /// numbers keep their leading zeros), with the same columns as [`Store::export_csv`].
    pub fn export_xlsx(&self, path: &std::path::Path) -> Result<usize, ExportError> {
        self.require(Action::ExportRegister)?;
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name("so_dan_cu")?;
        sheet.set_freeze_panes(1, 0)?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let n = self.export_rows(|row, cells| {
            for (col, cell) in cells.iter().enumerate() {
                match (row, cell) {
                    (0, Some(v)) => sheet.write_string_with_format(0, col as u16, *v, &bold)?,
                    (_, Some(v)) => sheet.write_string(row as u32, col as u16, *v)?,
                    (_, None) => continue,
                };
            }
            Ok(())
        })?;
        workbook.save(path)?;
        self.audit_action(Action::ExportRegister, None, &format!("xlsx records={n}"))?;
        Ok(n)
    }

    /// Calls `write(row, cells)` for the header (row 0) and each record in insertion
    /// order; returns the number of records.
    fn export_rows(
        &self,
        mut write: impl FnMut(usize, &[Option<&str>]) -> Result<(), ExportError>,
    ) -> Result<usize, ExportError> {
        let extra_names = self.extra_names()?;
        let header: Vec<Option<&str>> =
            COLUMNS.iter().copied().chain(extra_names.iter().map(String::as_str)).map(Some).collect();
        write(0, &header)?;
        let mut stmt = self.conn().prepare(&format!("SELECT {RECORD_SQL} FROM persons ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let r = record_from_row(row)?;
            n += 1;
            write(n, &row_cells(&r, &extra_names))?;
        }
        Ok(n)
    }

    /// The names of the extra columns any record carries, sorted.
    fn extra_names(&self) -> Result<BTreeSet<String>, StoreError> {
        let mut stmt =
            self.conn().prepare(&format!("SELECT {RECORD_SQL} FROM persons WHERE extra <> '[]'"))?;
        let mut names = BTreeSet::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            names.extend(record_from_row(row)?.extra.into_iter().map(|(k, _)| k));
        }
        Ok(names)
    }
}

/// Writes records that are not in a register (a generated ward, say) as the same CSV
/// extract [`Store::export_csv`] writes.
pub fn records_to_csv(records: &[RegisterRecord], out: impl Write) -> Result<usize, ExportError> {
    let extra_names: BTreeSet<String> =
        records.iter().flat_map(|r| r.extra.iter().map(|(k, _)| k.clone())).collect();
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS.iter().copied().chain(extra_names.iter().map(String::as_str)))?;
    for r in records {
        w.write_record(row_cells(r, &extra_names).iter().map(|c| c.unwrap_or("")))?;
    }
    w.flush()?;
    Ok(records.len())
}

/// A record's cells: the format's columns, then the named extra columns.
fn row_cells<'a>(r: &'a RegisterRecord, extra_names: &BTreeSet<String>) -> Vec<Option<&'a str>> {
    let extras =
        extra_names.iter().map(|name| r.extra.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()));
    cells(r).into_iter().chain(extras).collect()
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
