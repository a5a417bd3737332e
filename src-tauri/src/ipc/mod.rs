//! The IPC boundary: types the UI sees, generated to TypeScript by ts-rs (into
//! `ui/src/lib/bindings/` when the tests run) so the two sides cannot drift.
//!
//! They are not the core's domain types: the boundary changes on its own schedule and
//! carries only what the screens need.

mod dashboard;
mod detail;
mod error;
mod import;
mod procedures;
mod register;
mod review;
mod scans;
mod search;
mod session;
mod sync;
mod training;

pub use dashboard::{DashboardInfo, DayRange, FigureListInfo, FigureQuery, ReportKind};
pub use detail::{Household, HouseholdMember, PersonDetail, RecordSyncState};
pub use error::{ErrorCode, IpcError};
pub use import::{ImportOutcome, ImportProgress, ImportRowError, WardChoice};
pub use procedures::{
    ApplicationEdit, ApplicationInfo, ApplicationQuery, ApplicationState, AttachedPhotoInfo, CatalogSummary,
    CheckStatus, FilingChannel, PaperState, ProcedureInfo, VneidFailureInfo, VneidInfo, VneidMove,
    VneidStatus,
};
pub use register::{RegisterInfo, RegisterProgress, RegisterStage};
pub use review::{
    FieldEvidence, FieldVerdict, FindingDecision, FindingKind, FindingSeverity, GroupProgressInfo,
    MergeFieldInfo, MergeInfo, MergeStatus, MergeTake, ReviewRunInfo, WorkItemInfo, WorkState, WorklistQuery,
};
pub use scans::ScanInfo;
pub use search::{MatchKind, PersonHit, SearchResult};
pub use session::{LockInfo, NewAccount, OfficerInfo, StaffRole, WardRegister};
pub use sync::{ConflictChoice, ConflictInfo, RejectedInfo, SyncInfo, SyncPhase};
pub use training::{SubjectInfo, TrainingSubjectsInfo};
