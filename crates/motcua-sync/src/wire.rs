//! What travels between a device and the ward server (JSON over HTTP, under `/v1`).
//! `docs/sync-protocol.md` describes the exchanges; these types are the contract, and
//! [`decode`] is the one way either side reads a body.

use motcua_core::record::RegisterRecord;
use motcua_core::store::{ChangePage, OpAnswer, OpReceipt, OutboxOp, RemoteRecord};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub const API_VERSION: &str = "v1";
/// The most operations one push carries; a device sends its backlog in batches.
pub const MAX_OPS_PER_PUSH: usize = 2_000;
/// The most records one pull page carries.
pub const MAX_RECORDS_PER_PULL: usize = 5_000;
/// No body a peer sends may be larger: a page of records is well below it.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// No cell is longer than this in a register; an op carrying more is malformed.
const MAX_CELL_CHARS: usize = 4_096;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub device_id: String,
    pub token: String,
    pub officer: String,
    pub full_name: String,
    pub role: String,
    /// The ward the server holds, for the device's register.
    pub ward_code: String,
    pub ward: String,
    pub province: String,
}

/// One field change, as the device's outbox holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    pub op_id: String,
    pub ma_ban_ghi: String,
    pub field: String,
    pub base_version: i64,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    Applied { version: i64 },
    Conflict { server_value: Option<String>, server_version: i64 },
    Rejected { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub op_id: String,
    pub answer: Answer,
    pub replayed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub receipts: Vec<Receipt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulledRecord {
    pub record: RegisterRecord,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub records: Vec<PulledRecord>,
    pub cursor: i64,
    pub more: bool,
}

/// One entry of a device's audit log, hash-chained as the device wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub officer: String,
    pub action: String,
    pub record: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditUpload {
    pub entries: Vec<AuditRecord>,
}

/// The last entry the server holds of this device's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditAccepted {
    pub through: i64,
}

/// An attachment a device is about to upload (named by the SHA-256 of its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStart {
    pub sha256: String,
    pub ma_ban_ghi: String,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
}

/// Where an upload stands: `received` bytes so far, or `stored` (complete and intact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStatus {
    pub stored: bool,
    pub received: i64,
}

/// Bytes of an attachment in one request: resuming costs at most this much again.
pub const UPLOAD_CHUNK_BYTES: usize = 256 * 1024;

/// The most audit entries one upload carries.
pub const MAX_AUDIT_PER_UPLOAD: usize = 5_000;

/// The most applications one upload carries.
pub const MAX_APPLICATIONS_PER_UPLOAD: usize = 200;

/// A device's applications with events the server lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationsUpload {
    pub applications: Vec<motcua_core::store::ApplicationUpload>,
}

/// The most VNeID accounts one upload carries.
pub const MAX_VNEID_PER_UPLOAD: usize = 500;

/// VNeID accounts a device moved since the server last held them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VneidUpload {
    pub accounts: Vec<motcua_core::store::VneidUpload>,
}

/// The server holds every account of the upload it knows (`kept` of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VneidAccepted {
    pub kept: u32,
}

/// The events the server now holds (the device stops sending them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationsAccepted {
    pub events: Vec<String>,
}

/// Every refusal: a stable code and a technical message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// Error codes of [`ErrorBody`].
pub mod codes {
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const DEVICE_REVOKED: &str = "device_revoked";
    pub const BAD_REQUEST: &str = "bad_request";
    /// An uploaded audit log does not follow what the server holds of it.
    pub const AUDIT_BROKEN: &str = "audit_broken";
    pub const SERVER: &str = "server_error";
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("body of {0} bytes is over the limit")]
    TooLarge(usize),
    #[error("malformed body: {0}")]
    Malformed(String),
    #[error("{0}")]
    Invalid(String),
}

/// Reads a body: size-checked, parsed, then checked for what the type promises.
pub fn decode<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, DecodeError> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    let value: T = serde_json::from_slice(bytes).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    value.validate().map_err(DecodeError::Invalid)?;
    Ok(value)
}

/// What a decoded body must also satisfy beyond its shape.
pub trait Validate {
    fn validate(&self) -> Result<(), String>;
}

impl Validate for PushRequest {
    fn validate(&self) -> Result<(), String> {
        if self.ops.len() > MAX_OPS_PER_PUSH {
            return Err(format!("{} operations in one push, at most {MAX_OPS_PER_PUSH}", self.ops.len()));
        }
        for op in &self.ops {
            let id_ok =
                (16..=64).contains(&op.op_id.len()) && op.op_id.bytes().all(|b| b.is_ascii_hexdigit());
            if !id_ok {
                return Err("an op id is 16 to 64 hex digits".into());
            }
            let long = |v: &Option<String>| v.as_ref().is_some_and(|v| v.chars().count() > MAX_CELL_CHARS);
            if op.ma_ban_ghi.is_empty()
                || op.ma_ban_ghi.len() > 64
                || op.field.len() > 64
                || long(&op.old_value)
                || long(&op.new_value)
            {
                return Err(format!("operation {} is malformed", op.op_id));
            }
        }
        Ok(())
    }
}

impl Validate for PullResponse {
    fn validate(&self) -> Result<(), String> {
        match self.records.len() > MAX_RECORDS_PER_PULL || self.cursor < 0 {
            true => Err("pull page out of bounds".into()),
            false => Ok(()),
        }
    }
}

macro_rules! no_extra_checks {
    ($($t:ty),*) => { $(impl Validate for $t { fn validate(&self) -> Result<(), String> { Ok(()) } })* };
}
no_extra_checks!(
    EnrollRequest,
    EnrollResponse,
    PushResponse,
    ErrorBody,
    AuditAccepted,
    UploadStatus,
    ApplicationsAccepted,
    VneidAccepted
);

/// The whole ward's figures of a range, as the server computes them
/// (`GET /v1/figures?from=YYYY-MM-DD&to=YYYY-MM-DD`).
pub type Figures = motcua_core::store::Dashboard;

impl Validate for Figures {
    fn validate(&self) -> Result<(), String> {
        // A range is at most 367 days; a ward has at most a few thousand groups,
        // procedures, kinds and officers; the server sends at most 100 overdue files.
        let sizes = [
            ("days", self.days.len(), 367),
            ("groups", self.groups.len(), 10_000),
            ("procedures", self.procedures.len(), 1_000),
            ("kinds", self.kinds.len(), 100),
            ("officers", self.officers.len(), 10_000),
            ("overdue files", self.overdue_applications.len(), 100),
        ];
        match sizes.iter().find(|(_, n, max)| n > max) {
            Some((what, n, _)) => Err(format!("{n} {what} in the figures")),
            None => Ok(()),
        }
    }
}

impl Validate for VneidUpload {
    fn validate(&self) -> Result<(), String> {
        if self.accounts.len() > MAX_VNEID_PER_UPLOAD {
            return Err(format!("{} VNeID accounts in one upload", self.accounts.len()));
        }
        match self.accounts.iter().find(|a| !a.is_well_formed()) {
            Some(a) => {
                Err(format!("malformed VNeID account {}", a.ma_ban_ghi.chars().take(64).collect::<String>()))
            }
            None => Ok(()),
        }
    }
}

impl Validate for ApplicationsUpload {
    fn validate(&self) -> Result<(), String> {
        use motcua_core::store::{AppState, Channel};
        if self.applications.len() > MAX_APPLICATIONS_PER_UPLOAD {
            return Err(format!("{} applications in one upload", self.applications.len()));
        }
        for a in &self.applications {
            let short = [&a.id, &a.procedure, &a.catalog_version, &a.officer, &a.created_at, &a.updated_at]
                .iter()
                .all(|v| !v.is_empty() && v.len() <= 64);
            let texts = [&a.form, &a.answers, &a.documents].iter().all(|v| v.len() <= 64 * 1024)
                && a.applicant.len() <= MAX_CELL_CHARS;
            let codes = Channel::from_code(&a.channel).is_some() && AppState::from_code(&a.state).is_some();
            let events = a.events.len() <= 1_000
                && a.events
                    .iter()
                    .all(|e| e.event_id.len() <= 64 && e.kind.len() <= 32 && e.detail.len() <= 64 * 1024);
            if !(short && texts && codes && events && a.photos.len() <= 100) {
                return Err(format!("malformed application {}", a.id.chars().take(64).collect::<String>()));
            }
        }
        Ok(())
    }
}

impl Validate for UploadStart {
    fn validate(&self) -> Result<(), String> {
        let hex = self.sha256.len() == 64 && self.sha256.bytes().all(|b| b.is_ascii_hexdigit());
        let sized = self.size > 0 && self.size as usize <= motcua_core::store::MAX_ATTACHMENT_BYTES;
        let named = !self.ma_ban_ghi.is_empty()
            && self.ma_ban_ghi.len() <= 64
            && self.file_name.len() <= 255
            && self.mime.len() <= 100;
        match hex && sized && named {
            true => Ok(()),
            false => Err("malformed attachment upload".into()),
        }
    }
}

impl Validate for AuditUpload {
    fn validate(&self) -> Result<(), String> {
        match self.entries.len() > MAX_AUDIT_PER_UPLOAD {
            true => Err(format!(
                "{} audit entries in one upload, at most {MAX_AUDIT_PER_UPLOAD}",
                self.entries.len()
            )),
            false => Ok(()),
        }
    }
}

impl From<motcua_core::store::AuditEntry> for AuditRecord {
    fn from(e: motcua_core::store::AuditEntry) -> Self {
        AuditRecord {
            seq: e.seq,
            at: e.at,
            officer: e.officer,
            action: e.action,
            record: e.record,
            detail: e.detail,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

impl From<AuditRecord> for motcua_core::store::AuditEntry {
    fn from(e: AuditRecord) -> Self {
        motcua_core::store::AuditEntry {
            seq: e.seq,
            at: e.at,
            officer: e.officer,
            action: e.action,
            record: e.record,
            detail: e.detail,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

impl From<&OutboxOp> for Op {
    fn from(o: &OutboxOp) -> Self {
        Op {
            op_id: o.op_id.clone(),
            ma_ban_ghi: o.ma_ban_ghi.clone(),
            field: o.field.clone(),
            base_version: o.base_version,
            old_value: o.old_value.clone(),
            new_value: o.new_value.clone(),
        }
    }
}

impl Op {
    /// The operation as the server's store applies it, for `officer` of the device.
    pub fn into_outbox(self, officer: &str) -> OutboxOp {
        OutboxOp {
            seq: 0,
            op_id: self.op_id,
            ma_ban_ghi: self.ma_ban_ghi,
            field: self.field,
            base_version: self.base_version,
            old_value: self.old_value,
            new_value: self.new_value,
            officer: officer.to_string(),
            created_at: String::new(),
        }
    }
}

impl From<OpReceipt> for Receipt {
    fn from(r: OpReceipt) -> Self {
        let answer = match r.answer {
            OpAnswer::Applied { version } => Answer::Applied { version },
            OpAnswer::Conflict { server_value, server_version } => {
                Answer::Conflict { server_value, server_version }
            }
            OpAnswer::Rejected { reason } => Answer::Rejected { reason },
        };
        Receipt { op_id: r.op_id, answer, replayed: r.replayed }
    }
}

impl From<Receipt> for OpReceipt {
    fn from(r: Receipt) -> Self {
        let answer = match r.answer {
            Answer::Applied { version } => OpAnswer::Applied { version },
            Answer::Conflict { server_value, server_version } => {
                OpAnswer::Conflict { server_value, server_version }
            }
            Answer::Rejected { reason } => OpAnswer::Rejected { reason },
        };
        OpReceipt { op_id: r.op_id, answer, replayed: r.replayed }
    }
}

impl From<ChangePage> for PullResponse {
    fn from(p: ChangePage) -> Self {
        let records =
            p.records.into_iter().map(|r| PulledRecord { record: r.record, version: r.version }).collect();
        PullResponse { records, cursor: p.cursor, more: p.more }
    }
}

impl From<PullResponse> for ChangePage {
    fn from(p: PullResponse) -> Self {
        let records =
            p.records.into_iter().map(|r| RemoteRecord { record: r.record, version: r.version }).collect();
        ChangePage { records, cursor: p.cursor, more: p.more }
    }
}
