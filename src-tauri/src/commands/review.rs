//! Rà soát: the full review, the worklist and its decisions, fixes by the suggestion,
//! merging duplicates, progress per residential group, and the worklist as a file.

use std::path::Path;

use motcua_core::store::{FieldEdit, Store, StoreError};
use tauri::{AppHandle, State};

use crate::ipc::{
    ErrorCode, FieldEvidence, FindingDecision, GroupProgressInfo, IpcError, MergeInfo, MergeTake,
    ReviewRunInfo, WorkItemInfo, WorklistQuery,
};
use crate::state::AppState;
use crate::sync::Syncer;

/// Reviews the whole register (seconds on a big one) and brings the worklist up to date.
#[tauri::command]
pub async fn run_review(app: AppHandle) -> Result<ReviewRunInfo, IpcError> {
    super::blocking(app, |_, state| state.with_store_mut(|s| Ok(s.run_review()?.0.into()))).await
}

#[tauri::command]
pub fn worklist(query: WorklistQuery, state: State<'_, AppState>) -> Result<Vec<WorkItemInfo>, IpcError> {
    state.with_store(|s| Ok(s.worklist(&query.try_into()?)?.into_iter().map(WorkItemInfo::from).collect()))
}

#[tauri::command]
pub fn work_item(id: i64, state: State<'_, AppState>) -> Result<WorkItemInfo, IpcError> {
    state.with_store(|s| Ok(s.work_item(id)?.into()))
}

#[tauri::command]
pub fn decide_finding(
    id: i64,
    decision: FindingDecision,
    state: State<'_, AppState>,
) -> Result<WorkItemInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.decide_finding(id, &decision.into()).map_err(refused)?.into()))
}

/// Puts `value` (the suggestion, or what the officer typed instead) in the finding's
/// field of its record, from the version the officer saw, then reviews the record again
/// so that the finding closes if it no longer holds.
#[tauri::command]
pub fn fix_finding(
    id: i64,
    value: Option<String>,
    base_version: i32,
    state: State<'_, AppState>,
    syncer: State<'_, Syncer>,
) -> Result<WorkItemInfo, IpcError> {
    let item = state.with_store_mut(|s| fix(s, id, value, base_version.into()))?;
    syncer.nudge();
    Ok(item)
}

#[tauri::command]
pub fn request_merge(
    finding_id: i64,
    keep: String,
    take: Vec<MergeTake>,
    state: State<'_, AppState>,
) -> Result<MergeInfo, IpcError> {
    let take: Vec<(String, String)> = take.into_iter().map(|t| (t.field, t.from)).collect();
    state.with_store_mut(|s| Ok(s.request_merge(finding_id, &keep, &take).map_err(refused)?.into()))
}

#[tauri::command]
pub fn approve_merge(
    merge_id: i64,
    state: State<'_, AppState>,
    syncer: State<'_, Syncer>,
) -> Result<MergeInfo, IpcError> {
    let merge = state.with_store_mut(|s| Ok(s.approve_merge(merge_id).map_err(refused)?.into()))?;
    syncer.nudge();
    Ok(merge)
}

#[tauri::command]
pub fn reject_merge(
    merge_id: i64,
    reason: String,
    state: State<'_, AppState>,
) -> Result<MergeInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.reject_merge(merge_id, &reason).map_err(refused)?.into()))
}

#[tauri::command]
pub fn undo_merge(
    merge_id: i64,
    state: State<'_, AppState>,
    syncer: State<'_, Syncer>,
) -> Result<MergeInfo, IpcError> {
    let merge = state.with_store_mut(|s| Ok(s.undo_merge(merge_id).map_err(refused)?.into()))?;
    syncer.nudge();
    Ok(merge)
}

#[tauri::command]
pub fn merges_of(finding_id: i64, state: State<'_, AppState>) -> Result<Vec<MergeInfo>, IpcError> {
    state.with_store(|s| Ok(s.merges_of(finding_id)?.into_iter().map(MergeInfo::from).collect()))
}

#[tauri::command]
pub fn review_progress(state: State<'_, AppState>) -> Result<Vec<GroupProgressInfo>, IpcError> {
    state.with_store(|s| Ok(s.review_progress()?.into_iter().map(GroupProgressInfo::from).collect()))
}

/// Writes the findings `query` lists to `path` (CSV, or an Excel workbook with the
/// progress per group too); the number of findings written.
#[tauri::command]
pub async fn export_worklist(path: String, query: WorklistQuery, app: AppHandle) -> Result<u32, IpcError> {
    super::blocking(app, move |_, state| {
        state.with_store(|s| Ok(s.export_worklist(Path::new(&path), &query.try_into()?)? as u32))
    })
    .await
}

/// Two records of a duplicate group compared field by field, for the side-by-side view
/// of a group of three or more (a pair's finding carries its own comparison).
#[tauri::command]
pub fn compare_records(
    keep: String,
    other: String,
    state: State<'_, AppState>,
) -> Result<Vec<FieldEvidence>, IpcError> {
    state.with_store(|s| compare(s, &keep, &other))
}

fn fix(s: &mut Store, id: i64, value: Option<String>, base_version: i64) -> Result<WorkItemInfo, IpcError> {
    let item = s.work_item(id)?;
    let (Some(field), [record]) = (item.finding.field.clone(), item.finding.records.as_slice()) else {
        return Err(IpcError::new(ErrorCode::ReviewRefused, "phát hiện này không sửa theo một trường được"));
    };
    let edit = FieldEdit { ma_ban_ghi: record.clone(), field, value, base_version };
    s.edit_field(&edit)?;
    s.review_record(record)?;
    Ok(s.work_item(id)?.into())
}

fn compare(s: &Store, keep: &str, other: &str) -> Result<Vec<FieldEvidence>, IpcError> {
    let (_, explanation) = s.compare_records(keep, other)?;
    Ok(explanation.into_iter().map(FieldEvidence::from).collect())
}

/// A worklist step the register refuses (a reason missing, a merge no longer pending, a
/// finding already settled): its own code, with the core's Vietnamese reason.
fn refused(e: StoreError) -> IpcError {
    match e {
        StoreError::InvalidEdit(why) => IpcError::new(ErrorCode::ReviewRefused, &why),
        other => other.into(),
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
