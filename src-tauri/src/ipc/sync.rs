use motcua_core::store::OutboxOp;
use motcua_sync::engine::{Phase, Status};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncPhase {
    /// This register is not enrolled with a ward server (or it is the demo ward).
    NotEnrolled,
    Idle,
    Syncing,
    /// Waiting to try again after a failure (offline, server down).
    Offline,
    Revoked,
}

/// Payload of `sync_status` and the `sync-status` event.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncInfo {
    pub phase: SyncPhase,
    pub server: Option<String>,
    pub pending: u32,
    pub conflicts: u32,
    /// Unix ms of the last full sync in this run of the app.
    #[ts(type = "number | null")]
    pub last_sync: Option<u64>,
    pub last_error: Option<String>,
}

impl SyncInfo {
    pub fn not_enrolled() -> Self {
        SyncInfo {
            phase: SyncPhase::NotEnrolled,
            server: None,
            pending: 0,
            conflicts: 0,
            last_sync: None,
            last_error: None,
        }
    }

    pub fn new(server: String, status: &Status, conflicts: usize, last_sync: Option<u64>) -> Self {
        let phase = match status.phase {
            Phase::Idle => SyncPhase::Idle,
            Phase::Pushing | Phase::Auditing | Phase::Uploading | Phase::Pulling => SyncPhase::Syncing,
            Phase::BackingOff => SyncPhase::Offline,
            Phase::Unenrolled => SyncPhase::NotEnrolled,
            Phase::Revoked => SyncPhase::Revoked,
        };
        SyncInfo {
            phase,
            server: Some(server),
            pending: status.pending as u32,
            conflicts: conflicts as u32,
            last_sync,
            last_error: status.last_error.clone(),
        }
    }
}

/// A conflict for the officer: both values, side by side.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConflictInfo {
    pub op_id: String,
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub field: String,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

impl ConflictInfo {
    pub fn new(op: OutboxOp, ho_ten: String, theirs: Option<String>) -> Self {
        ConflictInfo {
            op_id: op.op_id,
            ma_ban_ghi: op.ma_ban_ghi,
            ho_ten,
            field: op.field,
            mine: op.new_value,
            theirs,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum ConflictChoice {
    Mine,
    Theirs,
    Value(Option<String>),
}

/// An edit the server refused for good (no such record, a field it cannot take, a role
/// that may not edit): shown with the reason, never retried.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RejectedInfo {
    pub op_id: String,
    pub ma_ban_ghi: String,
    pub field: String,
    pub value: Option<String>,
    pub reason: String,
}

impl RejectedInfo {
    pub fn new(op: OutboxOp, reason: String) -> Self {
        RejectedInfo {
            op_id: op.op_id,
            ma_ban_ghi: op.ma_ban_ghi,
            field: op.field,
            value: op.new_value,
            reason,
        }
    }
}
