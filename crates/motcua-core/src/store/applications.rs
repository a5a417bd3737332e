//! Applications (hồ sơ): a procedure walked with one citizen, from a draft to its result.
//!
//! nháp → đã hướng dẫn (every step walked) → đã nộp trực tuyến (the portal's file number,
//! the due day in working days) → đang xử lý → có kết quả | bị từ chối. Every change is
//! an event in `application_events`, written in the same transaction as the change:
//! the history an officer reads and what syncs the application to the ward server.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{AttachmentInfo, Store, StoreError, audit, keyring};
use crate::access::Action;
use crate::procedures::{
    CheckResult, FormError, Procedure, ProcedureKind, check_eligibility, prefill, validate_form,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppState {
    Nhap,
    DaHuongDan,
    DaNop,
    DangXuLy,
    CoKetQua,
    BiTuChoi,
}

impl AppState {
    pub const ALL: [AppState; 6] =
        [Self::Nhap, Self::DaHuongDan, Self::DaNop, Self::DangXuLy, Self::CoKetQua, Self::BiTuChoi];

    pub fn code(self) -> &'static str {
        match self {
            Self::Nhap => "nhap",
            Self::DaHuongDan => "da_huong_dan",
            Self::DaNop => "da_nop",
            Self::DangXuLy => "dang_xu_ly",
            Self::CoKetQua => "co_ket_qua",
            Self::BiTuChoi => "bi_tu_choi",
        }
    }

    pub fn from_code(code: &str) -> Option<AppState> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Nhap => "Nháp",
            Self::DaHuongDan => "Đã hướng dẫn",
            Self::DaNop => "Đã nộp trực tuyến",
            Self::DangXuLy => "Đang xử lý",
            Self::CoKetQua => "Có kết quả",
            Self::BiTuChoi => "Bị từ chối",
        }
    }

    /// The portal's answers an officer may record from this state (drafting and
    /// filing have their own steps: `mark_guided`, `file_application`).
    pub fn may_become(self, to: AppState) -> bool {
        matches!(
            (self, to),
            (Self::DaNop, Self::DangXuLy) | (Self::DaNop | Self::DangXuLy, Self::CoKetQua | Self::BiTuChoi)
        )
    }

    /// Filed and not settled: the due day runs.
    pub fn is_running(self) -> bool {
        matches!(self, Self::DaNop | Self::DangXuLy)
    }
}

/// How the application reached the portal (the dashboard counts online filings by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The citizen filed online alone, shown how.
    TuNop,
    /// Filed online with an officer at the desk.
    TaiQuay,
    /// Filed online with the mobile team, at home.
    LuuDong,
    /// On paper.
    Giay,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Self::TuNop, Self::TaiQuay, Self::LuuDong, Self::Giay];

    pub fn code(self) -> &'static str {
        match self {
            Self::TuNop => "tu_nop",
            Self::TaiQuay => "tai_quay",
            Self::LuuDong => "luu_dong",
            Self::Giay => "giay",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TuNop => "Công dân tự nộp trực tuyến",
            Self::TaiQuay => "Nộp trực tuyến có hỗ trợ tại bộ phận một cửa",
            Self::LuuDong => "Nộp trực tuyến với tổ lưu động",
            Self::Giay => "Nộp hồ sơ giấy",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocState {
    Present,
    Missing,
    /// The office looks it up itself (only where the catalog says it can).
    NotNeeded,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    pub id: String,
    pub procedure: String,
    pub procedure_name: String,
    pub catalog_version: String,
    pub ma_ban_ghi: Option<String>,
    pub applicant: String,
    pub to_dan_pho: Option<String>,
    pub channel: Channel,
    pub state: AppState,
    pub form: BTreeMap<String, String>,
    pub answers: BTreeMap<String, bool>,
    pub documents: BTreeMap<String, DocState>,
    pub steps_done: u32,
    pub portal_number: Option<String>,
    pub received_at: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub closed_at: Option<String>,
    pub refusal_reason: Option<String>,
    pub delay_reason: Option<String>,
    pub officer: String,
    pub created_at: String,
    pub updated_at: String,
    /// Derived on reading: the checks on the citizen as the register has them now,
    /// what stops the form, and whether the due day has passed.
    pub checks: Vec<CheckResult>,
    pub form_errors: Vec<FormError>,
    pub overdue: bool,
    pub attachments: Vec<AttachmentInfo>,
    /// The photos of papers, with the paper each shows and what was wrong with it.
    pub photos: Vec<PaperPhoto>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperPhoto {
    pub sha256: String,
    pub document: Option<String>,
    pub file_name: String,
    pub size: i64,
    pub warnings: Vec<crate::photo::PhotoWarning>,
}

/// What an officer changes while walking: any part, the rest kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationChange {
    pub form: Option<BTreeMap<String, String>>,
    pub answers: Option<BTreeMap<String, bool>>,
    pub documents: Option<BTreeMap<String, DocState>>,
    pub steps_done: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    pub ma_ban_ghi: Option<String>,
    pub state: Option<AppState>,
    pub overdue_only: bool,
    /// The newest this many; all when `None`. A ward files tens of thousands a year.
    pub limit: Option<usize>,
}

const COLUMNS: &str = "id, procedure, catalog_version, ma_ban_ghi, applicant, to_dan_pho, channel, state, form,
    answers, documents, steps_done, portal_number, received_at, due_on, closed_at, refusal_reason, delay_reason,
    officer, created_at, updated_at";

impl Store {
    /// Starts a draft of `procedure` for the citizen `ma_ban_ghi` (none for a person not
    /// in the register yet), its form prefilled from the register.
    pub fn start_application(
        &mut self,
        procedure: &str,
        ma_ban_ghi: Option<&str>,
        channel: Channel,
    ) -> Result<Application, StoreError> {
        self.require(Action::EditCitizen)?;
        let catalog = self.catalog()?;
        let p = catalog
            .procedure(procedure)
            .filter(|p| p.in_force(chrono::Local::now().date_naive()))
            .ok_or_else(|| {
                StoreError::Application(format!("không có thủ tục \"{procedure}\" đang có hiệu lực"))
            })?;
        let person = ma_ban_ghi.map(|m| self.stored_record(m)).transpose()?;
        let form = prefill(p, person.as_ref());
        let applicant = person.as_ref().map(|r| r.ho_ten.clone()).unwrap_or_default();
        // The group as the review and the figures name it (normalized).
        let group: Option<String> = match ma_ban_ghi {
            Some(m) => self.conn.query_row(
                "SELECT coalesce(to_dan_pho_norm, to_dan_pho) FROM persons WHERE ma_ban_ghi = ?1",
                [m],
                |r| r.get(0),
            )?,
            None => None,
        };
        let id = keyring::to_hex(&keyring::random::<8>()?);
        let officer = self.officer().login;
        let now = audit::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO applications (id, procedure, catalog_version, ma_ban_ghi, applicant, to_dan_pho, channel,
                                       form, officer, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![id, p.code, catalog.version, ma_ban_ghi, applicant, group, channel.code(), json(&form), officer, now],
        )?;
        event(
            &tx,
            &id,
            "start",
            &serde_json::json!({ "procedure": p.code, "channel": channel.code() }),
            &officer,
        )?;
        audit::append(&tx, &officer, "application_start", ma_ban_ghi, &format!("{id} {}", p.code))?;
        tx.commit()?;
        self.application(&id)
    }

    pub fn application(&self, id: &str) -> Result<Application, StoreError> {
        self.require(Action::ViewCitizen)?;
        let found = self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM applications WHERE id = ?1"), [id], from_row)
            .optional()?;
        let a = found.ok_or_else(|| StoreError::NotFound(format!("hồ sơ {id}")))?;
        self.derive(a)
    }

    /// Applications, newest first.
    pub fn applications(&self, filter: &ApplicationFilter) -> Result<Vec<Application>, StoreError> {
        self.require(Action::ViewCitizen)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM applications
             WHERE (?1 IS NULL OR ma_ban_ghi = ?1) AND (?2 IS NULL OR state = ?2)
               AND (?3 IS NULL OR (state IN ('da_nop', 'dang_xu_ly') AND due_on < ?3))
             ORDER BY created_at DESC, id"
        ))?;
        // The overdue ones found by the index, not by deriving every application.
        let late_before = filter.overdue_only.then(|| chrono::Local::now().date_naive().to_string());
        let rows = stmt
            .query_map(params![filter.ma_ban_ghi, filter.state.map(AppState::code), late_before], from_row)?;
        let mut out = Vec::new();
        for a in rows {
            if filter.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
            let a = self.derive(a?)?;
            if !filter.overdue_only || a.overdue {
                out.push(a);
            }
        }
        Ok(out)
    }

    /// Changes what the officer filled in while walking; a filed application's form is
    /// the portal's now and is not changed here.
    pub fn change_application(
        &mut self,
        id: &str,
        change: &ApplicationChange,
    ) -> Result<Application, StoreError> {
        self.require(Action::EditCitizen)?;
        let mut a = self.application(id)?;
        if !matches!(a.state, AppState::Nhap | AppState::DaHuongDan) {
            return Err(StoreError::Application(format!(
                "hồ sơ đã nộp ({}): không sửa được",
                a.state.label()
            )));
        }
        let p = self.procedure_of(&a)?;
        if let Some(docs) = &change.documents {
            for (key, state) in docs {
                let Some(spec) = p.documents.iter().find(|d| &d.key == key) else {
                    return Err(StoreError::Application(format!("thủ tục không có giấy tờ \"{key}\"")));
                };
                if *state == DocState::NotNeeded && !spec.lookup {
                    return Err(StoreError::Application(format!(
                        "\"{}\" phải có: cơ quan không tự tra cứu được giấy này",
                        spec.name
                    )));
                }
            }
        }
        if let Some(n) = change.steps_done.filter(|n| *n as usize > p.steps.len()) {
            return Err(StoreError::Application(format!(
                "thủ tục chỉ có {} bước (không phải {n})",
                p.steps.len()
            )));
        }
        if let Some(keys) = change.answers.as_ref().map(|a| a.keys())
            && let Some(k) = keys.into_iter().find(|k| !p.checks.iter().any(|c| &c.key == *k))
        {
            return Err(StoreError::Application(format!("thủ tục không có câu hỏi \"{k}\"")));
        }
        if let Some(f) = &change.form {
            a.form.extend(f.clone());
        }
        if let Some(x) = &change.answers {
            a.answers.extend(x.clone());
        }
        if let Some(d) = &change.documents {
            a.documents.extend(d.clone());
        }
        a.steps_done = change.steps_done.unwrap_or(a.steps_done);
        let applicant = ["ho_ten", "nguoi_khai", "ho_ten_nguoi_mat", "ho_ten_tre"]
            .iter()
            .find_map(|k| a.form.get(*k).filter(|v| !v.trim().is_empty()))
            .cloned()
            .unwrap_or(a.applicant.clone());
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE applications SET form = ?2, answers = ?3, documents = ?4, steps_done = ?5, applicant = ?6,
                                     updated_at = ?7 WHERE id = ?1",
            params![id, json(&a.form), json(&a.answers), json(&a.documents), a.steps_done, applicant, audit::now()],
        )?;
        event(&tx, id, "change", &serde_json::to_value(change).expect("a change serializes"), &officer)?;
        tx.commit()?;
        self.application(id)
    }

    /// Every step has been walked with the citizen.
    pub fn mark_guided(&mut self, id: &str) -> Result<Application, StoreError> {
        self.require(Action::EditCitizen)?;
        let a = self.application(id)?;
        let p = self.procedure_of(&a)?;
        if a.state != AppState::Nhap {
            return Err(StoreError::Application(format!("hồ sơ đang ở trạng thái {}", a.state.label())));
        }
        if (a.steps_done as usize) < p.steps.len() {
            return Err(StoreError::Application(format!(
                "mới hướng dẫn {} trên {} bước",
                a.steps_done,
                p.steps.len()
            )));
        }
        self.set_state(id, AppState::DaHuongDan, serde_json::json!({}), None, None)
    }

    /// Records the filing on the portal: its file number, when it was received (now
    /// unless given), and the due day from the procedure's limit in working days.
    pub fn file_application(
        &mut self,
        id: &str,
        portal_number: &str,
        received_at: Option<NaiveDateTime>,
    ) -> Result<Application, StoreError> {
        self.require(Action::EditCitizen)?;
        let a = self.application(id)?;
        let p = self.procedure_of(&a)?;
        if a.state != AppState::DaHuongDan {
            return Err(StoreError::Application("hướng dẫn hết các bước trước khi ghi nhận đã nộp".into()));
        }
        let number = portal_number.trim();
        if number.len() < 4
            || number.len() > 40
            || !number.chars().all(|c| c.is_ascii_alphanumeric() || "-./".contains(c))
        {
            return Err(StoreError::Application(
                "mã hồ sơ trên cổng gồm 4–40 chữ, số hoặc dấu - . / (xem trên màn hình nộp thành công)"
                    .into(),
            ));
        }
        let mut blocking: Vec<String> = a
            .checks
            .iter()
            .filter_map(|c| match &c.outcome {
                crate::procedures::CheckOutcome::Passed => None,
                crate::procedures::CheckOutcome::Failed { message } => Some(message.clone()),
                crate::procedures::CheckOutcome::Open { question } => {
                    Some(format!("chưa trả lời: {question}"))
                }
            })
            .collect();
        blocking.extend(a.form_errors.iter().map(|e| e.message.clone()));
        for d in p.documents.iter().filter(|d| d.required) {
            if !matches!(a.documents.get(&d.key), Some(DocState::Present | DocState::NotNeeded)) {
                blocking.push(format!("thiếu giấy tờ: {}", d.name));
            }
        }
        if !blocking.is_empty() {
            return Err(StoreError::Application(format!("chưa nộp được: {}", blocking.join("; "))));
        }
        let at = received_at.unwrap_or_else(|| chrono::Local::now().naive_local());
        let due = self.calendar()?.due_date(at, p.time_limit_days);
        let detail =
            serde_json::json!({ "portal_number": number, "received_at": at.to_string(), "due_on": due });
        // The account's registration is part of the filing: both or neither.
        let registers =
            (p.kind == ProcedureKind::Vneid).then(|| a.ma_ban_ghi.clone()).flatten().map(|m| (m, at.date()));
        self.set_state(id, AppState::DaNop, detail, Some((number, at, due)), registers)
    }

    /// The portal's answer: in processing, a result, or a refusal (with its reason).
    pub fn advance_application(
        &mut self,
        id: &str,
        to: AppState,
        reason: Option<&str>,
    ) -> Result<Application, StoreError> {
        self.require(Action::EditCitizen)?;
        let a = self.application(id)?;
        if !a.state.may_become(to) {
            return Err(StoreError::Application(format!(
                "không chuyển được từ \"{}\" sang \"{}\"",
                a.state.label(),
                to.label()
            )));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if to == AppState::BiTuChoi && reason.is_none() {
            return Err(StoreError::Application("ghi lý do cơ quan từ chối hồ sơ".into()));
        }
        self.set_state(id, to, serde_json::json!({ "reason": reason }), None, None)
    }

    /// Why an overdue application is late: required of the officer for each one.
    pub fn explain_delay(&mut self, id: &str, reason: &str) -> Result<Application, StoreError> {
        self.require(Action::EditCitizen)?;
        let a = self.application(id)?;
        let reason = reason.trim();
        if !a.overdue {
            return Err(StoreError::Application("hồ sơ chưa quá hạn".into()));
        }
        if reason.chars().count() < 5 {
            return Err(StoreError::Application("ghi rõ lý do chậm (ít nhất 5 ký tự)".into()));
        }
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE applications SET delay_reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reason, audit::now()],
        )?;
        event(&tx, id, "delay_reason", &serde_json::json!({ "reason": reason }), &officer)?;
        tx.commit()?;
        self.application(id)
    }

    pub(super) fn procedure_of(&self, a: &Application) -> Result<Procedure, StoreError> {
        self.catalog()?
            .procedure(&a.procedure)
            .cloned()
            .ok_or_else(|| StoreError::Application(format!("danh mục không còn thủ tục \"{}\"", a.procedure)))
    }

    fn set_state(
        &mut self,
        id: &str,
        to: AppState,
        detail: serde_json::Value,
        filed: Option<(&str, NaiveDateTime, NaiveDate)>,
        vneid: Option<(String, NaiveDate)>,
    ) -> Result<Application, StoreError> {
        let officer = self.officer().login;
        let now = audit::now();
        let closed = matches!(to, AppState::CoKetQua | AppState::BiTuChoi).then_some(now.clone());
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE applications SET state = ?2, updated_at = ?3, closed_at = coalesce(?4, closed_at) WHERE id = ?1",
            params![id, to.code(), now, closed],
        )?;
        if to == AppState::BiTuChoi {
            let reason = detail.get("reason").and_then(|r| r.as_str());
            tx.execute("UPDATE applications SET refusal_reason = ?2 WHERE id = ?1", params![id, reason])?;
        }
        if let Some((number, at, due)) = filed {
            tx.execute(
                "UPDATE applications SET portal_number = ?2, received_at = ?3, due_on = ?4 WHERE id = ?1",
                params![id, number, at.format("%Y-%m-%dT%H:%M:%S").to_string(), due.to_string()],
            )?;
        }
        event(&tx, id, to.code(), &detail, &officer)?;
        let ma: Option<String> =
            tx.query_row("SELECT ma_ban_ghi FROM applications WHERE id = ?1", [id], |r| r.get(0))?;
        audit::append(&tx, &officer, "application_state", ma.as_deref(), &format!("{id} {}", to.code()))?;
        if let Some((ma, on)) = vneid {
            super::vneid::registered_in(&tx, &ma, on, &officer)?;
        }
        tx.commit()?;
        self.application(id)
    }

    fn derive(&self, mut a: Application) -> Result<Application, StoreError> {
        let p = self.procedure_of(&a)?;
        a.procedure_name = p.name.clone();
        let person = match &a.ma_ban_ghi {
            Some(m) => Some(self.stored_record(m)?),
            None => None,
        };
        a.checks = check_eligibility(&p, person.as_ref(), &a.answers, super::findings::today());
        a.form_errors = validate_form(&p, &a.form);
        let today = chrono::Local::now().date_naive();
        a.overdue = a.state.is_running() && a.due_on.is_some_and(|d| d < today);
        a.attachments = self.attachments_of_application(&a.id)?;
        a.photos = self.photos_of_application(&a.id)?;
        Ok(a)
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    let bad = |i: usize, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let parse = |i: usize| -> rusqlite::Result<serde_json::Value> {
        serde_json::from_str(&r.get::<_, String>(i)?).map_err(|e| bad(i, e.to_string()))
    };
    let channel: String = r.get(6)?;
    let state: String = r.get(7)?;
    let due: Option<String> = r.get(14)?;
    Ok(Application {
        id: r.get(0)?,
        procedure: r.get(1)?,
        procedure_name: String::new(),
        catalog_version: r.get(2)?,
        ma_ban_ghi: r.get(3)?,
        applicant: r.get(4)?,
        to_dan_pho: r.get(5)?,
        channel: Channel::from_code(&channel).ok_or_else(|| bad(6, channel.clone()))?,
        state: AppState::from_code(&state).ok_or_else(|| bad(7, state.clone()))?,
        form: serde_json::from_value(parse(8)?).map_err(|e| bad(8, e.to_string()))?,
        answers: serde_json::from_value(parse(9)?).map_err(|e| bad(9, e.to_string()))?,
        documents: serde_json::from_value(parse(10)?).map_err(|e| bad(10, e.to_string()))?,
        steps_done: r.get(11)?,
        portal_number: r.get(12)?,
        received_at: r.get(13)?,
        due_on: due.map(|d| d.parse().map_err(|_| bad(14, d.clone()))).transpose()?,
        closed_at: r.get(15)?,
        refusal_reason: r.get(16)?,
        delay_reason: r.get(17)?,
        officer: r.get(18)?,
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
        checks: Vec::new(),
        form_errors: Vec::new(),
        overdue: false,
        attachments: Vec::new(),
        photos: Vec::new(),
    })
}

fn json(v: &impl Serialize) -> String {
    serde_json::to_string(v).expect("maps serialize")
}

/// Appends an event of application `id`, inside the caller's transaction.
pub(super) fn event(
    tx: &Transaction<'_>,
    id: &str,
    kind: &str,
    detail: &serde_json::Value,
    officer: &str,
) -> Result<(), StoreError> {
    let event_id = keyring::to_hex(&keyring::random::<16>()?);
    tx.execute(
        "INSERT INTO application_events (event_id, application_id, kind, detail, officer, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![event_id, id, kind, detail.to_string(), officer, audit::now()],
    )?;
    Ok(())
}
