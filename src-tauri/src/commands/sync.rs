//! Sync with the ward server, edits of a record, and settling conflicts.

use motcua_core::store::{FieldEdit, Resolution};
use tauri::{AppHandle, Manager, State};

use crate::ipc::{ConflictChoice, ConflictInfo, IpcError, PersonDetail, RejectedInfo, SyncInfo};
use crate::state::AppState;
use crate::sync::Syncer;

#[tauri::command]
pub fn sync_status(syncer: State<'_, Syncer>) -> SyncInfo {
    syncer.info()
}

/// Enrolls the open ward register with the ward server (address, the admin's one-time
/// code, the certificate's fingerprint), then syncs.
#[tauri::command]
pub async fn enroll_device(
    server: String,
    code: String,
    fingerprint: String,
    app: AppHandle,
) -> Result<SyncInfo, IpcError> {
    super::blocking(app, move |app, state| {
        state.with_store_mut(|s| {
            Ok(motcua_sync::client::enroll_store(s, server.trim(), code.trim(), Some(&fingerprint))?)
        })?;
        let syncer = app.state::<Syncer>();
        syncer.request();
        Ok(syncer.info())
    })
    .await
}

#[tauri::command]
pub fn sync_now(syncer: State<'_, Syncer>) -> SyncInfo {
    syncer.request();
    syncer.info()
}

/// Changes one field of a record from the version the officer saw; the edit is queued
/// for the ward server and the record comes back as it now is.
#[tauri::command]
pub fn edit_field(
    id: String,
    field: String,
    value: Option<String>,
    base_version: i32,
    state: State<'_, AppState>,
    syncer: State<'_, Syncer>,
) -> Result<PersonDetail, IpcError> {
    let edit = FieldEdit { ma_ban_ghi: id.clone(), field, value, base_version: base_version.into() };
    let detail = state.with_store_mut(|s| {
        s.edit_field(&edit)?;
        Ok(PersonDetail::from(s.person_detail(&id)?).with_sync_state(s.record_sync_state(&id)?))
    })?;
    syncer.nudge();
    Ok(detail)
}

#[tauri::command]
pub fn sync_conflicts(state: State<'_, AppState>) -> Result<Vec<ConflictInfo>, IpcError> {
    state.with_store(|s| {
        let mut out = Vec::new();
        for (op, answer) in s.conflicts()? {
            let theirs = match answer {
                motcua_core::store::OpAnswer::Conflict { server_value, .. } => server_value,
                _ => None,
            };
            let name = s.person_detail(&op.ma_ban_ghi).map(|d| d.ho_ten).unwrap_or_default();
            out.push(ConflictInfo::new(op, name, theirs));
        }
        Ok(out)
    })
}

#[tauri::command]
pub fn sync_rejected(state: State<'_, AppState>) -> Result<Vec<RejectedInfo>, IpcError> {
    state.with_store(|s| {
        Ok(s.rejected_ops()?.into_iter().map(|(op, why)| RejectedInfo::new(op, why)).collect())
    })
}

#[tauri::command]
pub fn resolve_conflict(
    op_id: String,
    choice: ConflictChoice,
    state: State<'_, AppState>,
    syncer: State<'_, Syncer>,
) -> Result<(), IpcError> {
    let how = match choice {
        ConflictChoice::Mine => Resolution::Mine,
        ConflictChoice::Theirs => Resolution::Theirs,
        ConflictChoice::Value(v) => Resolution::Value(v),
    };
    state.with_store_mut(|s| Ok(s.resolve_conflict(&op_id, how).map(drop)?))?;
    syncer.nudge();
    Ok(())
}
