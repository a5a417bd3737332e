//! The scan folder across IPC: its newest pictures, to attach one to a paper.

use motcua_core::scans::{ScanError, ScanFile};
use serde::Serialize;
use ts_rs::TS;

use super::{ErrorCode, IpcError};

/// A picture in the scan folder; `modified` as the desk reads it (`15:30 04/12/2026`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScanInfo {
    pub path: String,
    pub name: String,
    pub size: u32,
    pub modified: String,
}

impl From<ScanFile> for ScanInfo {
    fn from(f: ScanFile) -> Self {
        let at: chrono::DateTime<chrono::Local> = f.modified.into();
        ScanInfo {
            path: f.path.to_string_lossy().into_owned(),
            name: f.name,
            size: u32::try_from(f.size).unwrap_or(u32::MAX),
            modified: at.format("%H:%M %d/%m/%Y").to_string(),
        }
    }
}

impl From<ScanError> for IpcError {
    fn from(e: ScanError) -> Self {
        IpcError { code: ErrorCode::ScanFolderUnreadable, message: e.to_string() }
    }
}
