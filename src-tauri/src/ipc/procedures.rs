//! Thủ tục across IPC: the catalog's procedures as the wizard walks them, applications
//! (hồ sơ) from a draft to the portal's answer, photos of papers, and a citizen's VNeID
//! level-2 account. Dates are `yyyy-mm-dd`; times as the core stores them.

use std::collections::BTreeMap;

use motcua_core::photo::PhotoWarning;
use motcua_core::procedures::vneid::{Failure, VneidState};
use motcua_core::procedures::{
    Check, CheckOutcome, CheckResult, CheckRule, DocumentSpec, FieldKind, FormError, FormField, Procedure,
    ProcedureKind, Step,
};
use motcua_core::store::{
    AppState, Application, ApplicationChange, ApplicationFilter, AttachedPhoto, CatalogInfo, Channel,
    DocState, VneidRecord,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProcedureType {
    /// The VNeID level-2 account: registered at the police, activated in the app.
    Vneid,
    /// One procedure filed online.
    Filing,
    /// Several procedures filed as one (liên thông).
    Bundle,
}

impl From<ProcedureKind> for ProcedureType {
    fn from(k: ProcedureKind) -> Self {
        match k {
            ProcedureKind::Vneid => ProcedureType::Vneid,
            ProcedureKind::Filing => ProcedureType::Filing,
            ProcedureKind::Bundle => ProcedureType::Bundle,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckKind {
    AgeAtLeast,
    AgeBelow,
    HasIdNumber,
    Alive,
    /// A yes/no question the officer asks; "yes" passes.
    Question,
}

impl From<CheckRule> for CheckKind {
    fn from(r: CheckRule) -> Self {
        match r {
            CheckRule::AgeAtLeast => CheckKind::AgeAtLeast,
            CheckRule::AgeBelow => CheckKind::AgeBelow,
            CheckRule::HasIdNumber => CheckKind::HasIdNumber,
            CheckRule::Alive => CheckKind::Alive,
            CheckRule::Question => CheckKind::Question,
        }
    }
}

/// A condition of a procedure, as the catalog states it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckSpec {
    pub key: String,
    pub rule: CheckKind,
    pub years: Option<i32>,
    pub question: Option<String>,
    /// Shown when the check fails: why, and what to do.
    pub message: String,
}

impl From<Check> for CheckSpec {
    fn from(c: Check) -> Self {
        CheckSpec {
            key: c.key,
            rule: c.rule.into(),
            years: c.years,
            question: c.question,
            message: c.message,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentInfo {
    pub key: String,
    pub name: String,
    pub required: bool,
    /// The office looks it up itself, so "không cần" may be chosen.
    pub lookup: bool,
    pub note: String,
}

impl From<DocumentSpec> for DocumentInfo {
    fn from(d: DocumentSpec) -> Self {
        DocumentInfo { key: d.key, name: d.name, required: d.required, lookup: d.lookup, note: d.note }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldType {
    Text,
    Date,
    IdNumber,
    Phone,
    Choice,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FormFieldInfo {
    pub key: String,
    pub label: String,
    pub kind: FieldType,
    pub required: bool,
    pub choices: Vec<String>,
}

impl From<FormField> for FormFieldInfo {
    fn from(f: FormField) -> Self {
        let kind = match f.kind {
            FieldKind::Text => FieldType::Text,
            FieldKind::Date => FieldType::Date,
            FieldKind::IdNumber => FieldType::IdNumber,
            FieldKind::Phone => FieldType::Phone,
            FieldKind::Choice => FieldType::Choice,
        };
        FormFieldInfo { key: f.key, label: f.label, kind, required: f.required, choices: f.choices }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StepInfo {
    pub title: String,
    pub text: String,
    /// A picture's name, served by `step_picture`.
    pub picture: Option<String>,
}

impl From<Step> for StepInfo {
    fn from(s: Step) -> Self {
        StepInfo { title: s.title, text: s.text, picture: s.picture }
    }
}

/// Đồng; `None` where there is no fee of that kind.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FeeInfo {
    pub in_person: Option<u32>,
    pub online: Option<u32>,
    pub note: String,
}

/// A procedure of the catalog in force, with what each step of the wizard shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProcedureInfo {
    pub code: String,
    pub name: String,
    pub kind: ProcedureType,
    pub agency: String,
    /// Working days after the day the file counts as received; 0 = the same day.
    pub time_limit_days: u32,
    pub time_limit_note: String,
    pub fee: FeeInfo,
    pub legal_basis: Vec<String>,
    pub includes: Vec<String>,
    pub checks: Vec<CheckSpec>,
    pub documents: Vec<DocumentInfo>,
    pub fields: Vec<FormFieldInfo>,
    pub steps: Vec<StepInfo>,
}

impl From<Procedure> for ProcedureInfo {
    fn from(p: Procedure) -> Self {
        ProcedureInfo {
            code: p.code,
            name: p.name,
            kind: p.kind.into(),
            agency: p.agency,
            time_limit_days: p.time_limit_days,
            time_limit_note: p.time_limit_note,
            fee: FeeInfo { in_person: p.fee.in_person, online: p.fee.online, note: p.fee.note },
            legal_basis: p.legal_basis,
            includes: p.includes,
            checks: p.checks.into_iter().map(CheckSpec::from).collect(),
            documents: p.documents.into_iter().map(DocumentInfo::from).collect(),
            fields: p.fields.into_iter().map(FormFieldInfo::from).collect(),
            steps: p.steps.into_iter().map(StepInfo::from).collect(),
        }
    }
}

/// The catalog in force: its version, and who loaded it (`None`: shipped with the app).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CatalogSummary {
    pub version: String,
    pub effective_from: String,
    pub procedures: u32,
    pub loaded_by: Option<String>,
    pub loaded_at: Option<String>,
}

impl From<CatalogInfo> for CatalogSummary {
    fn from(c: CatalogInfo) -> Self {
        CatalogSummary {
            version: c.version,
            effective_from: c.effective_from.to_string(),
            procedures: c.procedures.min(u32::MAX as usize) as u32,
            loaded_by: c.loaded_by,
            loaded_at: c.loaded_at,
        }
    }
}

/// nháp → đã hướng dẫn → đã nộp trực tuyến → đang xử lý → có kết quả | bị từ chối.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApplicationState {
    Nhap,
    DaHuongDan,
    DaNop,
    DangXuLy,
    CoKetQua,
    BiTuChoi,
}

impl From<AppState> for ApplicationState {
    fn from(s: AppState) -> Self {
        match s {
            AppState::Nhap => ApplicationState::Nhap,
            AppState::DaHuongDan => ApplicationState::DaHuongDan,
            AppState::DaNop => ApplicationState::DaNop,
            AppState::DangXuLy => ApplicationState::DangXuLy,
            AppState::CoKetQua => ApplicationState::CoKetQua,
            AppState::BiTuChoi => ApplicationState::BiTuChoi,
        }
    }
}

impl From<ApplicationState> for AppState {
    fn from(s: ApplicationState) -> Self {
        match s {
            ApplicationState::Nhap => AppState::Nhap,
            ApplicationState::DaHuongDan => AppState::DaHuongDan,
            ApplicationState::DaNop => AppState::DaNop,
            ApplicationState::DangXuLy => AppState::DangXuLy,
            ApplicationState::CoKetQua => AppState::CoKetQua,
            ApplicationState::BiTuChoi => AppState::BiTuChoi,
        }
    }
}

/// How the application reaches the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FilingChannel {
    TuNop,
    TaiQuay,
    LuuDong,
    Giay,
}

impl From<Channel> for FilingChannel {
    fn from(c: Channel) -> Self {
        match c {
            Channel::TuNop => FilingChannel::TuNop,
            Channel::TaiQuay => FilingChannel::TaiQuay,
            Channel::LuuDong => FilingChannel::LuuDong,
            Channel::Giay => FilingChannel::Giay,
        }
    }
}

impl From<FilingChannel> for Channel {
    fn from(c: FilingChannel) -> Self {
        match c {
            FilingChannel::TuNop => Channel::TuNop,
            FilingChannel::TaiQuay => Channel::TaiQuay,
            FilingChannel::LuuDong => Channel::LuuDong,
            FilingChannel::Giay => Channel::Giay,
        }
    }
}

/// A paper the citizen brings: there, missing, or looked up by the office itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaperState {
    Present,
    Missing,
    NotNeeded,
}

impl From<DocState> for PaperState {
    fn from(d: DocState) -> Self {
        match d {
            DocState::Present => PaperState::Present,
            DocState::Missing => PaperState::Missing,
            DocState::NotNeeded => PaperState::NotNeeded,
        }
    }
}

impl From<PaperState> for DocState {
    fn from(d: PaperState) -> Self {
        match d {
            PaperState::Present => DocState::Present,
            PaperState::Missing => DocState::Missing,
            PaperState::NotNeeded => DocState::NotNeeded,
        }
    }
}

/// A check's outcome on the citizen now: passed, failed with why, or open with what to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum CheckStatus {
    Passed,
    Failed { message: String },
    Open { question: String },
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckInfo {
    pub key: String,
    pub status: CheckStatus,
}

impl From<CheckResult> for CheckInfo {
    fn from(c: CheckResult) -> Self {
        let status = match c.outcome {
            CheckOutcome::Passed => CheckStatus::Passed,
            CheckOutcome::Failed { message } => CheckStatus::Failed { message },
            CheckOutcome::Open { question } => CheckStatus::Open { question },
        };
        CheckInfo { key: c.key, status }
    }
}

/// What stops one field of the form (Vietnamese, from the core).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    pub key: String,
    pub message: String,
}

impl From<FormError> for FieldProblem {
    fn from(e: FormError) -> Self {
        FieldProblem { key: e.key, message: e.message }
    }
}

/// A photo attached to an application (its thumbnail comes from `attachment_thumbnail`).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApplicationPhoto {
    pub sha256: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: i64,
}

/// An application as the list and the wizard show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApplicationInfo {
    pub id: String,
    pub procedure: String,
    pub procedure_name: String,
    pub catalog_version: String,
    pub ma_ban_ghi: Option<String>,
    pub applicant: String,
    pub to_dan_pho: Option<String>,
    pub channel: FilingChannel,
    pub state: ApplicationState,
    pub form: BTreeMap<String, String>,
    pub answers: BTreeMap<String, bool>,
    pub documents: BTreeMap<String, PaperState>,
    /// Steps walked with the citizen so far.
    pub steps_done: u32,
    pub portal_number: Option<String>,
    pub received_at: Option<String>,
    pub due_on: Option<String>,
    pub closed_at: Option<String>,
    pub refusal_reason: Option<String>,
    pub delay_reason: Option<String>,
    pub officer: String,
    pub created_at: String,
    pub updated_at: String,
    /// The checks on the citizen as the register has them now.
    pub checks: Vec<CheckInfo>,
    pub form_errors: Vec<FieldProblem>,
    /// Filed, not settled, and past its due day.
    pub overdue: bool,
    pub photos: Vec<ApplicationPhoto>,
}

impl From<Application> for ApplicationInfo {
    fn from(a: Application) -> Self {
        ApplicationInfo {
            id: a.id,
            procedure: a.procedure,
            procedure_name: a.procedure_name,
            catalog_version: a.catalog_version,
            ma_ban_ghi: a.ma_ban_ghi,
            applicant: a.applicant,
            to_dan_pho: a.to_dan_pho,
            channel: a.channel.into(),
            state: a.state.into(),
            form: a.form,
            answers: a.answers,
            documents: a.documents.into_iter().map(|(k, d)| (k, d.into())).collect(),
            steps_done: a.steps_done,
            portal_number: a.portal_number,
            received_at: a.received_at,
            due_on: day(a.due_on),
            closed_at: a.closed_at,
            refusal_reason: a.refusal_reason,
            delay_reason: a.delay_reason,
            officer: a.officer,
            created_at: a.created_at,
            updated_at: a.updated_at,
            checks: a.checks.into_iter().map(CheckInfo::from).collect(),
            form_errors: a.form_errors.into_iter().map(FieldProblem::from).collect(),
            overdue: a.overdue,
            photos: a
                .attachments
                .into_iter()
                .map(|p| ApplicationPhoto { sha256: p.sha256, file_name: p.file_name, size: p.size })
                .collect(),
        }
    }
}

/// Which applications the list shows; `null` / `false` lists every one.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ApplicationQuery {
    pub ma_ban_ghi: Option<String>,
    pub state: Option<ApplicationState>,
    pub overdue_only: bool,
    /// The newest this many; every one when left out.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

impl From<ApplicationQuery> for ApplicationFilter {
    fn from(q: ApplicationQuery) -> Self {
        ApplicationFilter {
            ma_ban_ghi: q.ma_ban_ghi.filter(|m| !m.is_empty()),
            state: q.state.map(AppState::from),
            overdue_only: q.overdue_only,
            limit: q.limit.map(|l| l as usize),
        }
    }
}

/// What the officer changed while walking: any part, the rest kept.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ApplicationEdit {
    pub form: Option<BTreeMap<String, String>>,
    pub answers: Option<BTreeMap<String, bool>>,
    pub documents: Option<BTreeMap<String, PaperState>>,
    pub steps_done: Option<u32>,
}

impl From<ApplicationEdit> for ApplicationChange {
    fn from(e: ApplicationEdit) -> Self {
        ApplicationChange {
            form: e.form,
            answers: e.answers,
            documents: e.documents.map(|d| d.into_iter().map(|(k, s)| (k, s.into())).collect()),
            steps_done: e.steps_done,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PhotoIssue {
    TooDark,
    Blurred,
}

/// Why a photo may not be readable: retake it while the citizen is still there.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PhotoWarningInfo {
    pub code: PhotoIssue,
    /// Vietnamese, from the core.
    pub message: String,
}

impl From<PhotoWarning> for PhotoWarningInfo {
    fn from(w: PhotoWarning) -> Self {
        let code = match w {
            PhotoWarning::TooDark { .. } => PhotoIssue::TooDark,
            PhotoWarning::Blurred { .. } => PhotoIssue::Blurred,
        };
        PhotoWarningInfo { code, message: w.message() }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AttachedPhotoInfo {
    pub sha256: String,
    pub document: String,
    pub width: u32,
    pub height: u32,
    pub size: u32,
    pub warnings: Vec<PhotoWarningInfo>,
}

impl From<AttachedPhoto> for AttachedPhotoInfo {
    fn from(p: AttachedPhoto) -> Self {
        AttachedPhotoInfo {
            sha256: p.sha256,
            document: p.document,
            width: p.width,
            height: p.height,
            size: p.size.min(u32::MAX as usize) as u32,
            warnings: p.warnings.into_iter().map(PhotoWarningInfo::from).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VneidStatus {
    ChuaDangKy,
    ChoDuyet,
    ChoKichHoat,
    DaKichHoat,
    Loi,
}

impl From<VneidState> for VneidStatus {
    fn from(s: VneidState) -> Self {
        match s {
            VneidState::ChuaDangKy => VneidStatus::ChuaDangKy,
            VneidState::ChoDuyet => VneidStatus::ChoDuyet,
            VneidState::ChoKichHoat => VneidStatus::ChoKichHoat,
            VneidState::DaKichHoat => VneidStatus::DaKichHoat,
            VneidState::Loi => VneidStatus::Loi,
        }
    }
}

impl From<VneidStatus> for VneidState {
    fn from(s: VneidStatus) -> Self {
        match s {
            VneidStatus::ChuaDangKy => VneidState::ChuaDangKy,
            VneidStatus::ChoDuyet => VneidState::ChoDuyet,
            VneidStatus::ChoKichHoat => VneidState::ChoKichHoat,
            VneidStatus::DaKichHoat => VneidState::DaKichHoat,
            VneidStatus::Loi => VneidState::Loi,
        }
    }
}

/// A usual failure of a registration or an activation, with what fixes it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VneidFailureInfo {
    pub code: String,
    pub label: String,
    pub guidance: String,
}

impl From<&Failure> for VneidFailureInfo {
    fn from(f: &Failure) -> Self {
        VneidFailureInfo { code: f.code.into(), label: f.label.into(), guidance: f.guidance.into() }
    }
}

/// A citizen's VNeID level-2 account as the ward follows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VneidInfo {
    pub ma_ban_ghi: String,
    pub state: VneidStatus,
    pub registered_on: Option<String>,
    pub approved_on: Option<String>,
    pub activated_on: Option<String>,
    /// While waiting for activation: the last day, and the days left (negative once missed).
    pub activate_by: Option<String>,
    pub days_left: Option<i32>,
    pub failure: Option<VneidFailureInfo>,
    pub note: Option<String>,
    pub updated_at: Option<String>,
    /// The moves an officer may record from here, as the core allows them.
    pub next: Vec<VneidStatus>,
}

impl From<VneidRecord> for VneidInfo {
    fn from(r: VneidRecord) -> Self {
        let next =
            VneidState::ALL.into_iter().filter(|to| r.state.may_become(*to)).map(VneidStatus::from).collect();
        VneidInfo {
            ma_ban_ghi: r.ma_ban_ghi,
            state: r.state.into(),
            registered_on: day(r.registered_on),
            approved_on: day(r.approved_on),
            activated_on: day(r.activated_on),
            activate_by: day(r.activate_by),
            days_left: r.days_left.map(|d| d.clamp(i32::MIN as i64, i32::MAX as i64) as i32),
            failure: r.failure.as_ref().map(VneidFailureInfo::from),
            note: r.note,
            updated_at: r.updated_at,
            next,
        }
    }
}

/// A move of a citizen's account the officer records: the day it happened (the SMS's
/// day for an approval) and, for a failure, its code.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct VneidMove {
    pub to: VneidStatus,
    /// `yyyy-mm-dd`.
    pub on: String,
    pub failure: Option<String>,
    pub note: Option<String>,
}

/// A day as `yyyy-mm-dd` (the core's dates print so).
fn day(d: Option<impl ToString>) -> Option<String> {
    d.map(|d| d.to_string())
}

#[cfg(test)]
#[path = "procedures_tests.rs"]
mod tests;
