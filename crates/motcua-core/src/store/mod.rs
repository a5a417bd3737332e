//! The register store: one SQLite database per register (a ward's, or a demo ward).
//!
//! Every database is opened through [`Store::open`], the one place that knows about
//! pragmas, migrations and the encryption key.

mod application_photos;
mod application_sync;
mod applications;
mod attachments;
mod audit;
pub(crate) mod bulk;
mod catalogs;
mod dashboard;
mod devices;
mod digest;
mod drilldown;
mod edit;
mod export;
mod findings;
mod key;
mod keyring;
mod lockout;
mod merges;
mod meta;
pub(crate) mod migrations;
mod neighbourhood;
mod officers;
mod person_row;
mod persons;
mod printouts;
mod report_chart;
mod reports;
mod session;
mod summary;
mod sync;
mod training;
pub(crate) mod upsert;
mod vneid;
mod vneid_sync;
mod ward_figures;
mod worklist_export;

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use application_photos::AttachedPhoto;
pub use application_sync::{ApplicationEvent, ApplicationUpload};
pub use applications::{
    AppState, Application, ApplicationChange, ApplicationFilter, Channel, DocState, PaperPhoto,
};
pub use attachments::{AttachmentInfo, MAX_ATTACHMENT_BYTES, UploadState, sha256_hex};
pub use audit::{AuditBreak, AuditCheck, AuditEntry, BreakReason};
pub use catalogs::CatalogInfo;
pub use dashboard::{
    Dashboard, DashboardQuery, DayFigures, Filings, GroupFigures, KindFigures, OfficerFigures,
    OverdueApplication, ProcedureFigures, VneidFigures,
};
pub use devices::Device;
pub use drilldown::{FigureApplication, FigureFilter, FigureList};
pub use edit::{EditOutcome, FieldEdit, OutboxOp, Resolution};
pub use export::{ExportError, records_to_csv};
pub use findings::{Decision, FindingState, GroupProgress, ReviewRun, WorkItem, WorklistFilter};
pub use key::{Credentials, FileState, file_state};
pub use lockout::{FREE_TRIES, Lockout};
pub use merges::{Merge, MergeField, MergeState};
pub use meta::{RegisterKind, RegisterMeta};
pub use migrations::LATEST as SCHEMA_VERSION;
pub use officers::Account;
pub(crate) use person_row::PersonRow;
pub use persons::InsertReport;
pub use reports::{ReportFormat, report_title};
pub use session::{PIN_TRIES, SessionLock, valid_pin};
pub use summary::RegisterSummary;
pub use sync::{ChangePage, OpAnswer, OpReceipt, RemoteRecord, SyncEndpoint};
pub use training::{Subject, TrainingSubjects};
pub use upsert::Outcome;
pub use vneid::VneidRecord;
pub use vneid_sync::VneidUpload;

use crate::access::{Action, Officer, Role};
use crate::search::SearchCache;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration {name} failed: {source}")]
    Migration { name: &'static str, source: rusqlite::Error },
    #[error(
        "the database has schema version {found}, newer than this MotCua supports ({supported}); \
         update MotCua to open it"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("the register is encrypted: a password is needed to open it")]
    PasswordNeeded,
    #[error("wrong login or password for this register")]
    WrongPassword,
    #[error("the key file {0} is missing: restore it from the backup made with the register")]
    KeyringMissing(PathBuf),
    #[error("wrong PIN: {tries_left} tries left")]
    WrongPin { tries_left: u32 },
    #[error("the PIN was wrong too many times: sign in with the password")]
    PinExhausted,
    #[error("the account {0} is disabled")]
    AccountDisabled(String),
    #[error("the role {role} may not {action}", role = role.code(), action = action.code())]
    Forbidden { role: Role, action: Action },
    #[error("this register is not encrypted, so it has no accounts")]
    NoAccounts,
    #[error("{0}")]
    InvalidAccount(String),
    #[error("too many wrong passwords: try again in {seconds} s")]
    LockedOut { seconds: i64 },
    #[error("the register is not encrypted; open it without a password")]
    NotEncrypted,
    #[error("cannot derive the register key: {0}")]
    Key(String),
    #[error("the record changed since it was read (version {seen}, now {current}): read it again")]
    StaleEdit { seen: i64, current: i64 },
    #[error("{0}")]
    InvalidEdit(String),
    #[error("the uploaded audit log breaks at entry {seq} ({reason:?})")]
    AuditBroken { seq: i64, reason: BreakReason },
    #[error("unknown device, token or enrollment code")]
    DeviceUnknown,
    #[error("this device has been revoked")]
    DeviceRevoked,
    #[error("the register has not been set up (no ward recorded)")]
    NotInitialized,
    #[error("the register is already set up as {0}")]
    AlreadyInitialized(String),
    #[error("record {0} already exists")]
    RecordExists(String),
    #[error("no record {0}")]
    NotFound(String),
    #[error("{0}")]
    Catalog(#[from] crate::procedures::CatalogError),
    #[error("{0}")]
    Application(String),
}

pub struct Store {
    conn: Connection,
    /// The in-memory search index, built at the first search (interior: searching
    /// reads the register).
    search: RefCell<SearchCache>,
    /// The account that unlocked an encrypted register; `None` for a plaintext one.
    account: Option<Officer>,
    /// The data key, while open: adding an account seals it for them.
    data_key: Option<keyring::DataKey>,
    path: Option<PathBuf>,
    /// Demo or real, once the register is set up.
    kind: Cell<Option<RegisterKind>>,
}

impl Store {
    /// Opens (creating if needed) and migrates the register at `path`. With credentials,
    /// a new register is created encrypted with them as its first ward admin, and an
    /// existing one must be encrypted and have their account; without, it must not be.
    pub fn open(path: &Path, creds: Option<&Credentials>) -> Result<Store, StoreError> {
        let state = key::file_state(path).map_err(|e| StoreError::Sqlite(io_error(path, e)))?;
        let mut store = match (creds, state) {
            (None, FileState::Encrypted { .. }) => return Err(StoreError::PasswordNeeded),
            (Some(_), FileState::Plain) => return Err(StoreError::NotEncrypted),
            (None, _) => Self::setup(Connection::open(path)?, migrations::LATEST)?,
            (Some(c), state) => {
                let opened = key::open_encrypted(path, c, state)?;
                let mut store = Self::setup(opened.conn, migrations::LATEST)?;
                if opened.created {
                    store.create_first_admin(c.login())?;
                }
                store.load_account(c.login())?;
                store.data_key = Some(opened.key);
                store
            }
        };
        store.path = Some(path.to_path_buf());
        store.audit("unlock", None, if creds.is_some() { "password" } else { "" })?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(Connection::open_in_memory()?, migrations::LATEST)
    }

    fn setup(mut conn: Connection, target: u32) -> Result<Store, StoreError> {
        // A second process (the CLI beside the app) may hold the write lock briefly.
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // WAL lets searches run while a sync batch or import writes.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MiB of pages (negative: KiB): the rows searches display stay in memory,
        // and an encrypted register does not decrypt them again for every query.
        conn.pragma_update(None, "cache_size", -64 * 1024)?;
        // Every search appends to the audit log, and the commit that crosses the WAL's
        // checkpoint size pays the checkpoint's fsyncs (~5 ms here): 4,000 pages (16 MiB)
        // makes that one search in several thousand instead of one in eight hundred.
        conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
        migrations::migrate_to(&mut conn, target)?;
        if target == migrations::LATEST {
            bulk::ensure_number_indexes(&conn)?;
        }
        Ok(Store {
            conn,
            search: RefCell::default(),
            account: None,
            data_key: None,
            path: None,
            kind: Cell::new(None),
        })
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(migrations::user_version(&self.conn)?)
    }

    /// The file this register was opened from (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(crate) fn search_cache(&self) -> &RefCell<SearchCache> {
        &self.search
    }

    /// After a write that may have touched anyone: the next search rebuilds its index.
    pub(crate) fn search_index_stale(&self) {
        self.search.borrow_mut().stale_all();
    }

    /// After a write that touched these persons (inserted, changed or removed).
    pub(crate) fn search_persons_changed(&self, persons: impl IntoIterator<Item = i64>) {
        self.search.borrow_mut().stale(persons);
    }
}

#[cfg(test)]
mod applications_tests;
#[cfg(test)]
mod dashboard_tests;
#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod findings_tests;
#[cfg(test)]
mod key_tests;
#[cfg(test)]
mod officer_tests;
#[cfg(test)]
pub(crate) mod tests;

fn io_error(path: &Path, e: std::io::Error) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
        Some(format!("{}: {e}", path.display())),
    )
}

/// The files a register at `db` may consist of: the database, SQLite's WAL and shared
/// memory, the key slots and the count of wrong passwords.
pub fn register_files(db: &Path) -> [std::path::PathBuf; 5] {
    ["", "-wal", "-shm", ".keys", ".unlock"].map(|suffix| {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        p.into()
    })
}

/// Removes a register's files (the database must exist; the others may not).
pub fn remove_register(db: &Path) -> std::io::Result<()> {
    std::fs::remove_file(db)?;
    for side in &register_files(db)[1..] {
        match std::fs::remove_file(side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}
