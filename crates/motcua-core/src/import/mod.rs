//! Importing a register extract (the CSV interchange format), streamed.
//!
//! Rows are read one at a time and written in batches, one transaction each: memory
//! stays flat in file size, and a crash leaves the register as it was or with whole
//! batches, never half a row. Bad rows are listed with their line and reason; good
//! rows still land. Re-importing the same file changes nothing.

mod csv_source;
mod file;
mod row;
mod xlsx_source;

use crate::access::Action;
use std::collections::HashSet;
use std::io::Read;
use std::sync::mpsc::SyncSender;

pub use file::{FileKind, FileProgress, import_file, import_into, import_to_folder};
pub use row::{Header, REQUIRED, RowProblem};

use crate::store::bulk;
use crate::store::upsert::{Outcome, upsert};
use crate::store::{PersonRow, RegisterKind, RegisterMeta, Store, StoreError};

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

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Store(e.into())
    }
}

/// Makes sure real data goes into a real register: sets up a new one for `ward_code`,
/// accepts an existing real one, and refuses a demo ward.
pub fn prepare_real_register(store: &mut Store, ward_code: Option<&str>) -> Result<(), ImportError> {
    store.require(Action::ImportRegister)?;
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
        input: impl Read + Send,
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

    /// Reads and prepares rows on a thread of its own while this one writes: parsing
    /// and normalizing cost about as much as SQLite's writing, and machines have two
    /// cores at least. A bounded channel keeps memory flat.
    fn import_rows(
        &mut self,
        header: Header,
        rows: impl Iterator<Item = Result<RawRow, ImportError>> + Send,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ImportError> {
        self.require(Action::ImportRegister)?;
        // For the length of the import: a page cache large enough to hold the number
        // indexes of a city-sized register, whose inserts land anywhere in them, and
        // fewer, larger checkpoints. Put back afterwards; failing to costs memory or
        // WAL file size, never data.
        let mut saved = Vec::new();
        for (pragma, value) in IMPORT_PRAGMAS {
            let old: i64 = self.conn().query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?;
            self.conn().pragma_update(None, pragma, value)?;
            saved.push((pragma, old));
        }
        let result = self.write_batches(header, rows, source, progress);
        for (pragma, old) in saved {
            let _ = self.conn().pragma_update(None, pragma, old);
        }
        let report = result?;
        let counts = format!(
            "rows={} inserted={} updated={} unchanged={} errors={}",
            report.rows,
            report.inserted,
            report.updated,
            report.unchanged,
            report.errors.len()
        );
        self.audit_action(Action::ImportRegister, None, &counts)?;
        Ok(report)
    }

    fn write_batches(
        &mut self,
        header: Header,
        rows: impl Iterator<Item = Result<RawRow, ImportError>> + Send,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ImportError> {
        // Into an empty register every row is new: no lookups, and the number indexes
        // are built once at the end (see store::bulk).
        let fresh = self.count_persons()? == 0;
        if fresh {
            bulk::drop_number_indexes(self.conn())?;
        }
        let result = self.write_batches_in(header, rows, source, progress, fresh);
        if fresh {
            // Also after a failure: the batches that landed stay, with their indexes.
            bulk::ensure_number_indexes(self.conn())?;
        }
        result
    }

    fn write_batches_in(
        &mut self,
        header: Header,
        rows: impl Iterator<Item = Result<RawRow, ImportError>> + Send,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
        fresh: bool,
    ) -> Result<ImportReport, ImportError> {
        std::thread::scope(|scope| {
            let (sender, batches) = std::sync::mpsc::sync_channel(2);
            std::thread::Builder::new()
                .name("import-reader".into())
                .spawn_scoped(scope, move || read_batches(&header, rows, &sender))
                .map_err(ImportError::Io)?;
            let mut report = ImportReport::default();
            let mut touched: HashSet<i64> = HashSet::new();
            for batch in batches {
                let batch = batch?;
                self.write_batch(&batch.rows, source, &mut report, &mut touched, fresh)?;
                report.rows = batch.rows_read;
                report.errors.extend(batch.errors);
                progress(ImportProgress { rows: report.rows, bytes: batch.bytes });
            }
            Ok(report)
        })
    }

    fn write_batch(
        &mut self,
        batch: &[PersonRow],
        source: &str,
        report: &mut ImportReport,
        touched: &mut HashSet<i64>,
        fresh: bool,
    ) -> Result<(), StoreError> {
        let tx = self.conn_mut().transaction()?;
        let mut written = Vec::with_capacity(batch.len());
        for row in batch {
            let (outcome, person) = upsert(&tx, row, source, touched, fresh)?;
            match outcome {
                Outcome::Inserted => report.inserted += 1,
                Outcome::Updated => report.updated += 1,
                Outcome::Unchanged => {
                    report.unchanged += 1;
                    continue;
                }
            }
            written.push(person);
        }
        tx.commit()?;
        self.search_persons_changed(written);
        Ok(())
    }
}

/// Rows read and prepared, ready for one transaction.
struct Batch {
    rows: Vec<PersonRow>,
    errors: Vec<RowError>,
    /// Rows read so far in the file (good and bad), and bytes.
    rows_read: usize,
    bytes: u64,
}

/// The reading side of an import: cells to records to rows, bad rows to errors, in
/// batches of [`BATCH_ROWS`]. Stops when the writer hangs up.
fn read_batches(
    header: &Header,
    rows: impl Iterator<Item = Result<RawRow, ImportError>>,
    sender: &SyncSender<Result<Batch, ImportError>>,
) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut batch =
        Batch { rows: Vec::with_capacity(BATCH_ROWS), errors: Vec::new(), rows_read: 0, bytes: 0 };
    let mut rows = rows.peekable();
    while let Some(row) = rows.next() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let _ = sender.send(Err(e));
                return;
            }
        };
        batch.rows_read += 1;
        batch.bytes = row.bytes;
        let outcome = match row.cells {
            Ok(cells) => header.record(cells),
            Err(p) => Err((p, None)),
        };
        match outcome {
            Ok(record) if seen.insert(record.ma_ban_ghi.clone()) => {
                batch.rows.push(PersonRow::from_record(record))
            }
            Ok(record) => {
                let ma = record.ma_ban_ghi;
                batch.errors.push(RowError {
                    line: row.line,
                    ma_ban_ghi: Some(ma.clone()),
                    problem: RowProblem::RepeatedInFile { ma_ban_ghi: ma },
                });
            }
            Err((problem, ma_ban_ghi)) => batch.errors.push(RowError { line: row.line, ma_ban_ghi, problem }),
        }
        if batch.rows.len() >= BATCH_ROWS || rows.peek().is_none() {
            let next = Batch {
                rows: Vec::with_capacity(BATCH_ROWS),
                errors: Vec::new(),
                rows_read: batch.rows_read,
                bytes: batch.bytes,
            };
            if sender.send(Ok(std::mem::replace(&mut batch, next))).is_err() {
                return;
            }
        }
    }
}

/// Settings for the length of an import: a 192 MiB page cache (negative: KiB), a
/// checkpoint every 64 MiB of WAL instead of every 4 MiB, and a second thread for the
/// sorts that build indexes after a bulk load.
const IMPORT_PRAGMAS: [(&str, i64); 3] =
    [("cache_size", -192 * 1024), ("wal_autocheckpoint", 16_384), ("threads", 2)];

#[cfg(test)]
mod tests;
