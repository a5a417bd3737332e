//! Errors across IPC are `{code, message}`: the UI picks its Vietnamese message by
//! `code`; `message` is the technical detail for the log and support.

use motcua_core::import::ImportError;
use motcua_core::procedures::CatalogError;
use motcua_core::store::{ExportError, StoreError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    Database,
    RegisterNotReady,
    SchemaTooNew,
    /// The register is encrypted and no password was given.
    RegisterLocked,
    WrongPassword,
    LockedOut,
    /// The register's key file (`.keys`) is missing beside it.
    KeyringMissing,
    AccountDisabled,
    /// The officer's role does not permit the command.
    Forbidden,
    /// A login, name or password that an account cannot have.
    InvalidAccount,
    WrongPin,
    /// The record changed since the officer read it.
    StaleEdit,
    /// A field that cannot be edited, or a value it cannot take.
    InvalidEdit,
    /// The ward server does not know this device (enrollment code or token).
    DeviceUnknown,
    DeviceRevoked,
    /// Enrolling with the ward server failed (unreachable, wrong fingerprint or code,
    /// another ward).
    EnrollFailed,
    /// The quick-unlock PIN was wrong too many times: the password is needed.
    PinExhausted,
    /// The ward's own register has not been made yet (no extract imported).
    NoWardRegister,
    FileUnreadable,
    FileNoHeader,
    FileMissingColumns,
    WardRequired,
    UnknownWard,
    ImportBusy,
    /// A step of the review worklist the register refuses (a reason missing, a merge no
    /// longer waiting, a finding already settled); `message` says which, in Vietnamese.
    ReviewRefused,
    /// The worklist could not be written to the chosen file.
    ExportFailed,
    /// A step of an application (hồ sơ) or of a citizen's VNeID account the register
    /// refuses (a check failing or unanswered, a paper missing, a form error, a move that
    /// is not allowed); `message` is the core's Vietnamese sentence, listing every reason.
    ApplicationRefused,
    /// A procedure catalog file that is not TOML, or not a file that can be read;
    /// `message` says where, in Vietnamese.
    CatalogUnreadable,
    /// A procedure catalog refused: `message` holds every reason, one per line.
    CatalogInvalid,
    /// A printout could not be written to the app's folder.
    PrintFailed,
    /// A date range the figures cannot be counted over (a day that is not a day, the end
    /// before the start, more than a year).
    InvalidRange,
    /// The scanner's folder (Cài đặt) cannot be read: gone, not a folder, no access.
    ScanFolderUnreadable,
    /// The ward server's figures cannot be had: this device is not enrolled, or the
    /// server does not answer; the device's own figures still show.
    WardFiguresUnavailable,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: &str) -> Self {
        IpcError { code, message: message.to_string() }
    }

    pub fn internal(message: &str) -> Self {
        IpcError { code: ErrorCode::Internal, message: message.to_string() }
    }

    pub fn import_busy() -> Self {
        IpcError { code: ErrorCode::ImportBusy, message: "an import is already running".into() }
    }

    pub fn not_ready() -> Self {
        IpcError { code: ErrorCode::RegisterNotReady, message: "the register is not open yet".into() }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::TooNew { .. } => ErrorCode::SchemaTooNew,
            StoreError::NotInitialized => ErrorCode::RegisterNotReady,
            StoreError::PasswordNeeded => ErrorCode::RegisterLocked,
            StoreError::WrongPassword => ErrorCode::WrongPassword,
            StoreError::LockedOut { .. } => ErrorCode::LockedOut,
            StoreError::KeyringMissing(_) => ErrorCode::KeyringMissing,
            StoreError::WrongPin { .. } => ErrorCode::WrongPin,
            StoreError::StaleEdit { .. } => ErrorCode::StaleEdit,
            StoreError::DeviceUnknown => ErrorCode::DeviceUnknown,
            StoreError::DeviceRevoked => ErrorCode::DeviceRevoked,
            StoreError::InvalidEdit(_) => ErrorCode::InvalidEdit,
            StoreError::PinExhausted => ErrorCode::PinExhausted,
            StoreError::AccountDisabled(_) => ErrorCode::AccountDisabled,
            StoreError::Forbidden { .. } => ErrorCode::Forbidden,
            StoreError::InvalidAccount(_) | StoreError::NoAccounts => ErrorCode::InvalidAccount,
            StoreError::Application(_) => ErrorCode::ApplicationRefused,
            StoreError::Catalog(CatalogError::Unreadable(_)) => ErrorCode::CatalogUnreadable,
            StoreError::Catalog(CatalogError::Invalid(_)) => ErrorCode::CatalogInvalid,
            StoreError::Sqlite(_)
            | StoreError::Migration { .. }
            | StoreError::AuditBroken { .. }
            | StoreError::NotEncrypted
            | StoreError::Key(_)
            | StoreError::AlreadyInitialized(_)
            | StoreError::RecordExists(_) => ErrorCode::Database,
        };
        let message = match e {
            // One reason a line, so the screen can list every one.
            StoreError::Catalog(CatalogError::Invalid(reasons)) => reasons.join("\n"),
            other => other.to_string(),
        };
        IpcError { code, message }
    }
}

impl From<motcua_demo::OpenError> for IpcError {
    fn from(e: motcua_demo::OpenError) -> Self {
        match e {
            // Opening the ward's register before any import: not a broken database.
            motcua_demo::OpenError::Store(StoreError::NotInitialized) => {
                IpcError { code: ErrorCode::NoWardRegister, message: StoreError::NotInitialized.to_string() }
            }
            motcua_demo::OpenError::Store(s) => s.into(),
            other => IpcError { code: ErrorCode::Internal, message: other.to_string() },
        }
    }
}

impl From<motcua_sync::client::SyncError> for IpcError {
    fn from(e: motcua_sync::client::SyncError) -> Self {
        match e {
            motcua_sync::client::SyncError::Store(s) => s.into(),
            other => IpcError { code: ErrorCode::EnrollFailed, message: other.to_string() },
        }
    }
}

impl From<ExportError> for IpcError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Store(s) => s.into(),
            other => IpcError { code: ErrorCode::ExportFailed, message: other.to_string() },
        }
    }
}

impl From<ImportError> for IpcError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(s) => s.into(),
            other => IpcError { code: import_code(&other), message: other.to_string() },
        }
    }
}

fn import_code(e: &ImportError) -> ErrorCode {
    match e {
        ImportError::Read(_) | ImportError::Workbook(_) | ImportError::Io(_) => ErrorCode::FileUnreadable,
        ImportError::NoHeader => ErrorCode::FileNoHeader,
        ImportError::MissingColumns(_) => ErrorCode::FileMissingColumns,
        ImportError::NoWard => ErrorCode::WardRequired,
        ImportError::UnknownWard(_) => ErrorCode::UnknownWard,
        // The app imports only into the ward's own register, never into the demo ward.
        ImportError::DemoRegister => ErrorCode::Internal,
        ImportError::Store(_) => ErrorCode::Database,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let e: IpcError = StoreError::NotFound("R1".into()).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json["message"].as_str().unwrap().contains("R1"));
    }

    #[test]
    fn import_errors_have_codes_of_their_own() {
        let cases = [
            (ImportError::NoHeader, ErrorCode::FileNoHeader),
            (ImportError::MissingColumns(vec!["ho_ten"]), ErrorCode::FileMissingColumns),
            (ImportError::NoWard, ErrorCode::WardRequired),
            (ImportError::UnknownWard("9".into()), ErrorCode::UnknownWard),
            (ImportError::Io(std::io::Error::other("gone")), ErrorCode::FileUnreadable),
            (ImportError::Store(StoreError::TooNew { found: 9, supported: 2 }), ErrorCode::SchemaTooNew),
        ];
        for (e, code) in cases {
            assert_eq!(IpcError::from(e).code, code);
        }
    }

    #[test]
    fn a_refused_catalog_lists_each_reason_on_its_own_line() {
        let reasons = vec!["phiên bản \"x\" phải có dạng NĂM.THÁNG.SỐ".to_string(), "a; b".to_string()];
        let e: IpcError = StoreError::Catalog(CatalogError::Invalid(reasons.clone())).into();
        assert_eq!(e.code, ErrorCode::CatalogInvalid);
        assert_eq!(e.message.lines().collect::<Vec<_>>(), reasons);
        let e: IpcError = StoreError::Catalog(CatalogError::Unreadable("dòng 3".into())).into();
        assert_eq!((e.code, e.message.contains("dòng 3")), (ErrorCode::CatalogUnreadable, true));
        let e: IpcError = StoreError::Application("chưa nộp được: thiếu giấy tờ".into()).into();
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::ApplicationRefused, "chưa nộp được: thiếu giấy tờ")
        );
    }

    #[test]
    fn a_newer_database_has_its_own_code() {
        let e: IpcError = StoreError::TooNew { found: 9, supported: 2 }.into();
        assert_eq!(e.code, ErrorCode::SchemaTooNew);
    }
}
