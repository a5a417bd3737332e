//! The scanner's or camera's folder: its newest pictures, and attaching one to a paper.

use std::path::Path;

use tauri::AppHandle;

use crate::ipc::{AttachedPhotoInfo, IpcError, ScanInfo};

/// How many of the newest pictures the wizard offers.
const OFFERED: usize = 8;

#[tauri::command]
pub fn newest_scans(folder: String) -> Result<Vec<ScanInfo>, IpcError> {
    Ok(motcua_core::scans::newest_scans(Path::new(&folder), OFFERED)?
        .into_iter()
        .map(ScanInfo::from)
        .collect())
}

/// Attaches the picture at `path` to the paper `document` of application `id`.
#[tauri::command]
pub async fn attach_scan(
    id: String,
    document: String,
    path: String,
    app: AppHandle,
) -> Result<AttachedPhotoInfo, IpcError> {
    super::blocking(app, move |_, state| {
        state.with_store_mut(|s| Ok(s.attach_scan(&id, &document, Path::new(&path))?.into()))
    })
    .await
}
