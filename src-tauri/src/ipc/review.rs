//! The review worklist across IPC: findings with their state and deadline, decisions,
//! merges of duplicates, and the progress per residential group.

use motcua_core::review::{Comparison, Finding, Kind, Severity, Verdict};
use motcua_core::store::{
    Decision, FindingState, GroupProgress, Merge, MergeField, MergeState, ReviewRun, WorkItem, WorklistFilter,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{DayRange, IpcError};

/// The finding kinds of the register format (`Kind` in the core), by their codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingKind {
    IdFormat,
    IdProvince,
    IdBirthMismatch,
    IdShared,
    MissingField,
    PartialBirthDate,
    InvalidDate,
    FamilyInconsistent,
    DeceasedResident,
    UnknownAdminUnit,
    LegacyAdminUnit,
    NotNormalized,
    Duplicate,
}

impl From<Kind> for FindingKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::IdFormat => FindingKind::IdFormat,
            Kind::IdProvince => FindingKind::IdProvince,
            Kind::IdBirthMismatch => FindingKind::IdBirthMismatch,
            Kind::IdShared => FindingKind::IdShared,
            Kind::MissingField => FindingKind::MissingField,
            Kind::PartialBirthDate => FindingKind::PartialBirthDate,
            Kind::InvalidDate => FindingKind::InvalidDate,
            Kind::FamilyInconsistent => FindingKind::FamilyInconsistent,
            Kind::DeceasedResident => FindingKind::DeceasedResident,
            Kind::UnknownAdminUnit => FindingKind::UnknownAdminUnit,
            Kind::LegacyAdminUnit => FindingKind::LegacyAdminUnit,
            Kind::NotNormalized => FindingKind::NotNormalized,
            Kind::Duplicate => FindingKind::Duplicate,
        }
    }
}

impl From<FindingKind> for Kind {
    fn from(k: FindingKind) -> Self {
        match k {
            FindingKind::IdFormat => Kind::IdFormat,
            FindingKind::IdProvince => Kind::IdProvince,
            FindingKind::IdBirthMismatch => Kind::IdBirthMismatch,
            FindingKind::IdShared => Kind::IdShared,
            FindingKind::MissingField => Kind::MissingField,
            FindingKind::PartialBirthDate => Kind::PartialBirthDate,
            FindingKind::InvalidDate => Kind::InvalidDate,
            FindingKind::FamilyInconsistent => Kind::FamilyInconsistent,
            FindingKind::DeceasedResident => Kind::DeceasedResident,
            FindingKind::UnknownAdminUnit => Kind::UnknownAdminUnit,
            FindingKind::LegacyAdminUnit => Kind::LegacyAdminUnit,
            FindingKind::NotNormalized => Kind::NotNormalized,
            FindingKind::Duplicate => Kind::Duplicate,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingSeverity {
    Error,
    Warning,
    Info,
}

impl From<Severity> for FindingSeverity {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => FindingSeverity::Error,
            Severity::Warning => FindingSeverity::Warning,
            Severity::Info => FindingSeverity::Info,
        }
    }
}

/// Where a finding stands on the worklist: new, in hand, fixed, not an error, or
/// waiting on the level above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WorkState {
    Moi,
    DangXuLy,
    DaSua,
    KhongPhaiLoi,
    ChuyenCapTren,
}

impl From<FindingState> for WorkState {
    fn from(s: FindingState) -> Self {
        match s {
            FindingState::Moi => WorkState::Moi,
            FindingState::DangXuLy => WorkState::DangXuLy,
            FindingState::DaSua => WorkState::DaSua,
            FindingState::KhongPhaiLoi => WorkState::KhongPhaiLoi,
            FindingState::ChuyenCapTren => WorkState::ChuyenCapTren,
        }
    }
}

impl From<WorkState> for FindingState {
    fn from(s: WorkState) -> Self {
        match s {
            WorkState::Moi => FindingState::Moi,
            WorkState::DangXuLy => FindingState::DangXuLy,
            WorkState::DaSua => FindingState::DaSua,
            WorkState::KhongPhaiLoi => FindingState::KhongPhaiLoi,
            WorkState::ChuyenCapTren => FindingState::ChuyenCapTren,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldVerdict {
    Same,
    Similar,
    Different,
}

/// One compared field of two possibly duplicate records.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldEvidence {
    pub field: String,
    pub verdict: FieldVerdict,
    /// Vietnamese, from the core: what the two values share or not.
    pub detail: String,
    pub weight: f64,
}

impl From<Comparison> for FieldEvidence {
    fn from(c: Comparison) -> Self {
        let verdict = match c.verdict {
            Verdict::Same => FieldVerdict::Same,
            Verdict::Similar => FieldVerdict::Similar,
            Verdict::Different => FieldVerdict::Different,
        };
        FieldEvidence { field: c.field, verdict, detail: c.detail, weight: c.weight }
    }
}

/// A finding on the worklist, for the list and its detail panel.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkItemInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: FindingKind,
    pub severity: FindingSeverity,
    /// `ma_ban_ghi` of the records concerned.
    pub records: Vec<String>,
    pub field: Option<String>,
    /// For duplicates: how sure, in 0..1.
    pub score: Option<f64>,
    /// Vietnamese, from the core.
    pub message: String,
    pub suggestion: Option<String>,
    /// The suggestion is a value for `field` of the one record: "Sửa theo gợi ý" may
    /// put it there (not a duplicate's "Gộp vào…", nor a procedure to follow).
    pub fixable: bool,
    /// For duplicates: the suggested record to keep compared with another, per field.
    pub explanation: Vec<FieldEvidence>,
    pub group: Option<String>,
    pub state: WorkState,
    pub owner: Option<String>,
    pub reason: Option<String>,
    pub delay_reason: Option<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
    /// The last working day to settle it, `yyyy-mm-dd`.
    pub due: String,
    pub overdue: bool,
    /// Working days since it opened (to its closing, when closed).
    pub age_days: i32,
}

/// Kinds whose suggestion is the corrected value of the finding's field.
fn suggests_value(kind: Kind) -> bool {
    matches!(kind, Kind::IdFormat | Kind::InvalidDate | Kind::LegacyAdminUnit | Kind::NotNormalized)
}

/// Whether "Sửa theo gợi ý" applies: one record, one field, a value to put there.
pub fn fixable(f: &Finding) -> bool {
    suggests_value(f.kind) && f.records.len() == 1 && f.field.is_some() && f.suggestion.is_some()
}

impl From<WorkItem> for WorkItemInfo {
    fn from(i: WorkItem) -> Self {
        let fixable = fixable(&i.finding);
        let f = i.finding;
        WorkItemInfo {
            id: i.id,
            kind: f.kind.into(),
            severity: f.severity.into(),
            records: f.records,
            field: f.field,
            score: f.score,
            message: f.message,
            suggestion: f.suggestion,
            fixable,
            explanation: f.explanation.into_iter().map(FieldEvidence::from).collect(),
            group: i.group,
            state: i.state.into(),
            owner: i.owner,
            reason: i.reason,
            delay_reason: i.delay_reason,
            opened_at: i.opened_at,
            closed_at: i.closed_at,
            due: i.due,
            overdue: i.overdue,
            age_days: i.age_days.clamp(0, i32::MAX as i64) as i32,
        }
    }
}

/// Which findings the list shows. Every field is optional in effect: `null` / `false`
/// lists everything.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct WorklistQuery {
    pub kind: Option<FindingKind>,
    pub group: Option<String>,
    pub state: Option<WorkState>,
    pub open_only: bool,
    pub overdue_only: bool,
    pub record: Option<String>,
    pub limit: Option<u32>,
    /// Only findings of no residential group (the dashboard's row for them).
    #[serde(default)]
    #[ts(optional)]
    pub ungrouped: Option<bool>,
    /// Opened on these days (the dashboard's "mới phát hiện").
    #[serde(default)]
    #[ts(optional)]
    pub opened_in: Option<DayRange>,
    /// Settled on these days (the dashboard's "đã xử lý").
    #[serde(default)]
    #[ts(optional)]
    pub closed_in: Option<DayRange>,
}

impl TryFrom<WorklistQuery> for WorklistFilter {
    type Error = IpcError;

    fn try_from(q: WorklistQuery) -> Result<Self, IpcError> {
        Ok(WorklistFilter {
            kind: q.kind.map(Kind::from),
            group: q.group.filter(|g| !g.is_empty()),
            state: q.state.map(FindingState::from),
            open_only: q.open_only,
            overdue_only: q.overdue_only,
            record: q.record.filter(|r| !r.is_empty()),
            ungrouped: q.ungrouped.unwrap_or(false),
            opened_in: q.opened_in.as_ref().map(DayRange::days).transpose()?,
            closed_in: q.closed_in.as_ref().map(DayRange::days).transpose()?,
            limit: q.limit.map(|l| l as usize),
        })
    }
}

/// An officer's decision on a finding; the reasons are required where the core says.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum FindingDecision {
    Take,
    Fixed(Option<String>),
    NotAnError(String),
    Escalate(String),
    ExplainDelay(String),
    Reopen,
}

impl From<FindingDecision> for Decision {
    fn from(d: FindingDecision) -> Self {
        match d {
            FindingDecision::Take => Decision::Take,
            FindingDecision::Fixed(note) => Decision::Fixed { note },
            FindingDecision::NotAnError(reason) => Decision::NotAnError { reason },
            FindingDecision::Escalate(reason) => Decision::Escalate { reason },
            FindingDecision::ExplainDelay(reason) => Decision::ExplainDelay { reason },
            FindingDecision::Reopen => Decision::Reopen,
        }
    }
}

/// What a full review did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReviewRunInfo {
    pub records: u32,
    pub findings: u32,
    pub opened: u32,
    pub closed: u32,
}

impl From<ReviewRun> for ReviewRunInfo {
    fn from(r: ReviewRun) -> Self {
        ReviewRunInfo {
            records: r.records as u32,
            findings: r.findings as u32,
            opened: r.opened as u32,
            closed: r.closed as u32,
        }
    }
}

/// The cleaning progress of one residential group (`group` null: records with none).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GroupProgressInfo {
    pub group: Option<String>,
    pub records: u32,
    /// Records no open finding names.
    pub clean_records: u32,
    pub open: u32,
    pub resolved: u32,
    pub overdue: u32,
    pub percent_clean: f64,
}

impl From<GroupProgress> for GroupProgressInfo {
    fn from(p: GroupProgress) -> Self {
        let n = |v: i64| v.clamp(0, u32::MAX as i64) as u32;
        GroupProgressInfo {
            group: p.group,
            records: n(p.records),
            clean_records: n(p.clean_records),
            open: n(p.open),
            resolved: n(p.resolved),
            overdue: n(p.overdue),
            percent_clean: p.percent_clean,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MergeStatus {
    /// Waiting for a supervisor.
    ChoDuyet,
    DaGop,
    TuChoi,
    DaHoanTac,
}

/// A value taken from a merged record into the kept one.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeFieldInfo {
    pub field: String,
    pub from: String,
    pub value: Option<String>,
    /// What the kept record held before (known once the merge is approved).
    pub replaced: Option<String>,
}

impl From<MergeField> for MergeFieldInfo {
    fn from(f: MergeField) -> Self {
        MergeFieldInfo { field: f.field, from: f.from, value: f.value, replaced: f.replaced }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeInfo {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub finding_id: i64,
    pub keep: String,
    pub merged: Vec<String>,
    pub fields: Vec<MergeFieldInfo>,
    pub state: MergeStatus,
    pub requested_by: String,
    pub requested_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

impl From<Merge> for MergeInfo {
    fn from(m: Merge) -> Self {
        let state = match m.state {
            MergeState::ChoDuyet => MergeStatus::ChoDuyet,
            MergeState::DaGop => MergeStatus::DaGop,
            MergeState::TuChoi => MergeStatus::TuChoi,
            MergeState::DaHoanTac => MergeStatus::DaHoanTac,
        };
        MergeInfo {
            id: m.id,
            finding_id: m.finding_id,
            keep: m.keep,
            merged: m.merged,
            fields: m.fields.into_iter().map(MergeFieldInfo::from).collect(),
            state,
            requested_by: m.requested_by,
            requested_at: m.requested_at,
            decided_by: m.decided_by,
            decided_at: m.decided_at,
        }
    }
}

/// A field of the kept record to take from another record of the duplicate group.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct MergeTake {
    pub field: String,
    pub from: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_keep_the_core_codes() {
        for k in Kind::ALL {
            let ours = FindingKind::from(k);
            assert_eq!(serde_json::to_value(ours).unwrap(), k.code());
            assert_eq!(Kind::from(ours), k);
        }
        for s in FindingState::ALL {
            let ours = WorkState::from(s);
            assert_eq!(serde_json::to_value(ours).unwrap(), s.code());
            assert_eq!(FindingState::from(ours), s);
        }
    }

    #[test]
    fn decisions_read_as_the_ui_sends_them() {
        let d: FindingDecision =
            serde_json::from_value(serde_json::json!({"kind": "not_an_error", "value": "đúng"})).unwrap();
        assert_eq!(Decision::from(d), Decision::NotAnError { reason: "đúng".into() });
        let d: FindingDecision = serde_json::from_value(serde_json::json!({"kind": "take"})).unwrap();
        assert_eq!(Decision::from(d), Decision::Take);
    }

    #[test]
    fn only_a_value_for_one_field_of_one_record_is_fixable() {
        let f = |kind, records: &[&str], suggestion: Option<&str>| {
            Finding::new(kind, records.iter().map(|r| r.to_string()).collect(), "noi_thuong_tru", "x".into())
                .suggest(suggestion.map(String::from))
        };
        assert!(fixable(&f(Kind::NotNormalized, &["R1"], Some("Số 1"))));
        assert!(!fixable(&f(Kind::NotNormalized, &["R1"], None)));
        assert!(!fixable(&f(Kind::IdShared, &["R1", "R2"], Some("x"))));
        assert!(!fixable(&f(Kind::DeceasedResident, &["R1"], Some("Xóa đăng ký thường trú"))));
    }
}
