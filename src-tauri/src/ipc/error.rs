//! Errors across IPC are `{code, message}`: the UI picks its Vietnamese message by
//! `code`; `message` is the technical detail for the log and support.

use motcua_core::store::StoreError;
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
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn internal(message: &str) -> Self {
        IpcError { code: ErrorCode::Internal, message: message.to_string() }
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
            StoreError::Sqlite(_)
            | StoreError::Migration { .. }
            | StoreError::EncryptionUnavailable
            | StoreError::AlreadyInitialized(_)
            | StoreError::RecordExists(_) => ErrorCode::Database,
        };
        IpcError { code, message: e.to_string() }
    }
}

impl From<motcua_demo::OpenError> for IpcError {
    fn from(e: motcua_demo::OpenError) -> Self {
        match e {
            motcua_demo::OpenError::Store(s) => s.into(),
            other => IpcError { code: ErrorCode::Internal, message: other.to_string() },
        }
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
    fn a_newer_database_has_its_own_code() {
        let e: IpcError = StoreError::TooNew { found: 9, supported: 2 }.into();
        assert_eq!(e.code, ErrorCode::SchemaTooNew);
    }
}
