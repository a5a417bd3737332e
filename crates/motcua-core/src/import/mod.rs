//! Importing a register extract (the CSV interchange format), streamed.
//!
//! Rows are read one at a time and written in batches, one transaction each: memory
//! stays flat in file size, and a crash leaves the register as it was or with whole
//! batches, never half a row. Bad rows are listed with their line and reason; good
//! rows still land. Re-importing the same file changes nothing.

mod csv_source;
mod row;
mod xlsx_source;

use std::collections::HashSet;
use std::io::Read;

pub use row::{Header, REQUIRED, RowProblem};

use crate::record::RegisterRecord;
use crate::store::upsert::{Outcome, upsert};
use crate::store::{RegisterKind, RegisterMeta, Store, StoreError};

/// Rows per transaction: large enough to amortize the commit, small enough that a
/// crash loses little work and progress moves.
pub const BATCH_ROWS: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    pub ma_ban_ghi: Option<String>,
    pub problem: RowProblem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    pub rows: usize,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the file: {0}")]
    Read(#[from] csv::Error),
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    #[error("cannot open the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file has no header row")]
    NoHeader,
    #[error("the file lacks required columns: {}", .0.join(", "))]
    MissingColumns(Vec<&'static str>),
    #[error("this register is a demo ward: real extracts go into a register of their own")]
    DemoRegister,
    #[error("a new register needs its ward (2025 commune code)")]
    NoWard,
    #[error("no 2025 commune has code {0}")]
    UnknownWard(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Makes sure real data goes into a real register: sets up a new one for `ward_code`,
/// accepts an existing real one, and refuses a demo ward.
pub fn prepare_real_register(store: &mut Store, ward_code: Option<&str>) -> Result<(), ImportError> {
    match store.register_meta()? {
        Some(meta) if meta.kind == RegisterKind::Demo => Err(ImportError::DemoRegister),
        Some(_) => Ok(()),
        None => {
            let code = ward_code.ok_or(ImportError::NoWard)?;
            let unit =
                crate::admin::unit_2025(code).ok_or_else(|| ImportError::UnknownWard(code.to_string()))?;
            store.init_register(&RegisterMeta {
                kind: RegisterKind::Real,
                ward_code: unit.ward_code.clone(),
                ward: unit.ward.clone(),
                province: unit.province.clone(),
            })?;
            Ok(())
        }
    }
}

/// One row as a source read it: its line (1-based, header is 1), its cells or why they
/// could not be read, and how far into the file the reader is.
pub(crate) struct RawRow {
    pub line: u64,
    pub cells: Result<Vec<String>, RowProblem>,
    pub bytes: u64,
}

impl Store {
    /// Imports a CSV extract. `source` names it in the history of updated records.
    pub fn import_csv(
        &mut self,
        input: impl Read,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ImportError> {
        let (header, rows) = csv_source::open(input)?;
        self.import_rows(header, rows, source, progress)
    }

    /// Imports the first sheet of an Excel workbook with the same columns as the CSV format.
    pub fn import_xlsx(
        &mut self,
        path: &std::path::Path,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ImportError> {
        let mut workbook = xlsx_source::Workbook::open(path)?;
        let (header, rows) = workbook.rows()?;
        self.import_rows(header, rows, source, progress)
    }

    fn import_rows(
        &mut self,
        header: Header,
        rows: impl Iterator<Item = Result<RawRow, ImportError>>,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ImportError> {
        let mut report = ImportReport::default();
        let mut seen: HashSet<String> = HashSet::new();
        let mut touched: HashSet<i64> = HashSet::new();
        let mut batch: Vec<RegisterRecord> = Vec::with_capacity(BATCH_ROWS);
        let mut bytes = 0;
        let mut rows = rows.peekable();
        while let Some(row) = rows.next() {
            let row = row?;
            report.rows += 1;
            bytes = row.bytes;
            let refs: Vec<&str> = match &row.cells {
                Ok(cells) => cells.iter().map(String::as_str).collect(),
                Err(_) => Vec::new(),
            };
            let outcome = match &row.cells {
                Ok(_) => header.record(&refs).map_err(|p| (p, header.ma_ban_ghi(&refs))),
                Err(p) => Err((p.clone(), None)),
            };
            match outcome {
                Ok(record) if seen.insert(record.ma_ban_ghi.clone()) => batch.push(record),
                Ok(record) => {
                    let ma = record.ma_ban_ghi;
                    report.errors.push(RowError {
                        line: row.line,
                        ma_ban_ghi: Some(ma.clone()),
                        problem: RowProblem::RepeatedInFile { ma_ban_ghi: ma },
                    });
                }
                Err((problem, ma_ban_ghi)) => {
                    report.errors.push(RowError { line: row.line, ma_ban_ghi, problem })
                }
            }
            if batch.len() >= BATCH_ROWS || (rows.peek().is_none() && !batch.is_empty()) {
                self.write_batch(&batch, source, &mut report, &mut touched)?;
                batch.clear();
                progress(ImportProgress { rows: report.rows, bytes });
            }
        }
        progress(ImportProgress { rows: report.rows, bytes });
        Ok(report)
    }

    fn write_batch(
        &mut self,
        batch: &[RegisterRecord],
        source: &str,
        report: &mut ImportReport,
        touched: &mut HashSet<i64>,
    ) -> Result<(), StoreError> {
        let tx = self.conn_mut().transaction()?;
        for record in batch {
            match upsert(&tx, record, source, touched)? {
                Outcome::Inserted => report.inserted += 1,
                Outcome::Updated => report.updated += 1,
                Outcome::Unchanged => report.unchanged += 1,
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
