//! The review worklist: findings saved with their state, owner, age and deadline, and
//! carried to their end (fixed, not an error, escalated), per residential group.
//!
//! A review run writes every finding under its key in one transaction: a finding that
//! still holds keeps its state, a new one opens as `mới`, and an open one that no longer
//! holds is closed as fixed by the data. The incremental run after an edit does the same
//! for the findings of one record, over the records around it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::person_row::{RECORD_SQL, record_from_row};
use super::{Store, StoreError, audit};
use crate::access::Action;
use crate::date::PartialDate;
use crate::record::RegisterRecord;
use crate::review::{self, Finding, Kind, Severity};
use crate::workdays::Calendar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingState {
    Moi,
    DangXuLy,
    DaSua,
    KhongPhaiLoi,
    ChuyenCapTren,
}

impl FindingState {
    pub const ALL: [FindingState; 5] = [
        FindingState::Moi,
        FindingState::DangXuLy,
        FindingState::DaSua,
        FindingState::KhongPhaiLoi,
        FindingState::ChuyenCapTren,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FindingState::Moi => "moi",
            FindingState::DangXuLy => "dang_xu_ly",
            FindingState::DaSua => "da_sua",
            FindingState::KhongPhaiLoi => "khong_phai_loi",
            FindingState::ChuyenCapTren => "chuyen_cap_tren",
        }
    }

    pub fn from_code(code: &str) -> Option<FindingState> {
        FindingState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            FindingState::Moi => "mới",
            FindingState::DangXuLy => "đang xử lý",
            FindingState::DaSua => "đã sửa",
            FindingState::KhongPhaiLoi => "không phải lỗi",
            FindingState::ChuyenCapTren => "chuyển cấp trên",
        }
    }

    /// Still someone's work: new, in hand, or waiting on the level above.
    pub fn is_open(self) -> bool {
        matches!(self, FindingState::Moi | FindingState::DangXuLy | FindingState::ChuyenCapTren)
    }
}

const OPEN_SQL: &str = "('moi', 'dang_xu_ly', 'chuyen_cap_tren')";

/// A finding on the worklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkItem {
    pub id: i64,
    pub finding: Finding,
    pub group: Option<String>,
    pub state: FindingState,
    pub owner: Option<String>,
    pub reason: Option<String>,
    pub delay_reason: Option<String>,
    pub opened_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
    /// The last working day to settle it, `yyyy-mm-dd`.
    pub due: String,
    /// Open past its due day.
    pub overdue: bool,
    /// Working days since it opened (to its closing, when closed).
    pub age_days: i64,
}

#[derive(Debug, Clone, Default)]
pub struct WorklistFilter {
    pub kind: Option<Kind>,
    pub group: Option<String>,
    pub state: Option<FindingState>,
    pub open_only: bool,
    pub overdue_only: bool,
    /// Findings that name this record.
    pub record: Option<String>,
    /// Only findings of no residential group.
    pub ungrouped: bool,
    /// Opened on these days (UTC, as the dashboard counts them), inclusive.
    pub opened_in: Option<(NaiveDate, NaiveDate)>,
    /// Settled (no longer open) on these days, inclusive.
    pub closed_in: Option<(NaiveDate, NaiveDate)>,
    pub limit: Option<usize>,
}

/// What a review run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReviewRun {
    pub records: usize,
    pub findings: usize,
    pub opened: usize,
    pub closed: usize,
}

/// The cleaning progress of one residential group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupProgress {
    /// `None`: records with no group.
    pub group: Option<String>,
    pub records: i64,
    /// Records no open finding names.
    pub clean_records: i64,
    pub open: i64,
    pub resolved: i64,
    pub overdue: i64,
    pub percent_clean: f64,
}

/// An officer's decision on a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Takes it in hand (the officer becomes its owner).
    Take,
    /// Fixed outside the worklist's own fix (e.g. on paper at the commune police).
    Fixed {
        note: Option<String>,
    },
    NotAnError {
        reason: String,
    },
    Escalate {
        reason: String,
    },
    /// Why it is late.
    ExplainDelay {
        reason: String,
    },
    /// Back to work (an escalation answered, a wrong "not an error").
    Reopen,
}

pub(crate) fn today() -> PartialDate {
    let d = chrono::Local::now().date_naive();
    use chrono::Datelike;
    PartialDate::full(d.year(), d.month() as u8, d.day() as u8).expect("today exists")
}

pub(super) fn day_of(at: &str) -> NaiveDate {
    DateTime::parse_from_rfc3339(at).map(|d| d.with_timezone(&Utc).date_naive()).unwrap_or_default()
}

impl Store {
    /// Reviews the whole register and brings the worklist up to date.
    pub fn run_review(&mut self) -> Result<(ReviewRun, Vec<Finding>), StoreError> {
        self.require(Action::EditCitizen)?;
        let mut reviewer = review::Reviewer::new(today());
        let groups = self.each_live_record(None, &mut |r| reviewer.add(r))?;
        let records = reviewer.len();
        let findings = reviewer.finish();
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE findings SET holds = 0 WHERE holds = 1", [])?;
        let opened = save(&tx, &findings, &groups)?;
        let closed = close_gone(&tx, None)?;
        audit::append(&tx, &officer, "review", None, &format!("{} findings", findings.len()))?;
        tx.commit()?;
        Ok((ReviewRun { records, findings: findings.len(), opened, closed }, findings))
    }

    /// Reviews one record again after an edit: its own findings and those it shares
    /// with its household, number, parents and possible duplicates.
    pub fn review_record(&mut self, ma_ban_ghi: &str) -> Result<(ReviewRun, Vec<Finding>), StoreError> {
        self.require(Action::EditCitizen)?;
        let around = self.neighbourhood(ma_ban_ghi)?;
        let mut records = Vec::new();
        let groups = self.each_live_record(Some(&around), &mut |r| records.push(r))?;
        let Some(me) = records.iter().position(|r| r.ma_ban_ghi == ma_ban_ghi) else {
            return Err(StoreError::NotFound(ma_ban_ghi.to_string()));
        };
        let findings = review::review_scoped(&records, today(), Some(&HashSet::from([me])));
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE findings SET holds = 0 WHERE holds = 1 AND id IN
               (SELECT finding_id FROM finding_records WHERE ma_ban_ghi = ?1)",
            [ma_ban_ghi],
        )?;
        let opened = save(&tx, &findings, &groups)?;
        let closed = close_gone(&tx, Some(ma_ban_ghi))?;
        tx.commit()?;
        Ok((ReviewRun { records: records.len(), findings: findings.len(), opened, closed }, findings))
    }

    /// Calls `each` with every record not merged into another (only those of `only`,
    /// looked up one by one, when given); returns their residential groups.
    fn each_live_record(
        &self,
        only: Option<&HashSet<String>>,
        each: &mut dyn FnMut(RegisterRecord),
    ) -> Result<HashMap<String, String>, StoreError> {
        let select = format!(
            "SELECT {RECORD_SQL}, coalesce(to_dan_pho_norm, to_dan_pho) FROM persons WHERE merged_into IS NULL"
        );
        let mut groups = HashMap::new();
        let mut take = |row: &rusqlite::Row<'_>| -> Result<(), StoreError> {
            let r = record_from_row(row)?;
            if let Some(g) = row.get::<_, Option<String>>(31)? {
                groups.insert(r.ma_ban_ghi.clone(), g);
            }
            each(r);
            Ok(())
        };
        match only {
            None => {
                let mut stmt = self.conn.prepare(&format!("{select} ORDER BY id"))?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    take(row)?;
                }
            }
            Some(only) => {
                let mut sorted: Vec<&String> = only.iter().collect();
                sorted.sort();
                let mut stmt = self.conn.prepare_cached(&format!("{select} AND ma_ban_ghi = ?1"))?;
                for ma in sorted {
                    let mut rows = stmt.query([ma])?;
                    if let Some(row) = rows.next()? {
                        take(row)?;
                    }
                }
            }
        }
        Ok(groups)
    }

    /// The worklist, oldest open first.
    pub fn worklist(&self, filter: &WorklistFilter) -> Result<Vec<WorkItem>, StoreError> {
        self.require(Action::ViewCitizen)?;
        let mut sql = String::from(
            "SELECT id, kind, severity, field, records, score, message, suggestion, explanation, to_dan_pho,
                    state, owner, reason, delay_reason, opened_at, updated_at, closed_at
             FROM findings WHERE 1 = 1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(k) = filter.kind {
            args.push(k.code().into());
            sql += &format!(" AND kind = ?{}", args.len());
        }
        if let Some(g) = &filter.group {
            args.push(g.clone());
            sql += &format!(" AND to_dan_pho = ?{}", args.len());
        }
        if let Some(s) = filter.state {
            args.push(s.code().into());
            sql += &format!(" AND state = ?{}", args.len());
        }
        if filter.open_only || filter.overdue_only {
            sql += &format!(" AND state IN {OPEN_SQL}");
        }
        if filter.ungrouped {
            sql += " AND coalesce(to_dan_pho, '') = ''";
        }
        // Stamps are RFC 3339 in UTC, so a day range is a text range.
        for (column, days) in [("opened_at", filter.opened_in), ("closed_at", filter.closed_in)] {
            if let Some((from, to)) = days {
                args.push(from.to_string());
                args.push((to + chrono::Days::new(1)).to_string());
                sql += &format!(" AND {column} >= ?{} AND {column} < ?{}", args.len() - 1, args.len());
            }
        }
        if filter.closed_in.is_some() {
            sql += &format!(" AND state NOT IN {OPEN_SQL}");
        }
        if let Some(r) = &filter.record {
            args.push(r.clone());
            sql += &format!(
                " AND id IN (SELECT finding_id FROM finding_records WHERE ma_ban_ghi = ?{})",
                args.len()
            );
        }
        sql += " ORDER BY (state NOT IN ('moi', 'dang_xu_ly', 'chuyen_cap_tren')), opened_at, id";
        let deadlines = self.deadlines()?;
        let calendar = self.calendar()?;
        let today = chrono::Local::now().date_naive();
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            item_from_row(r, &deadlines, &calendar, today)
        })?;
        let mut out = Vec::new();
        for item in rows {
            let item = item?;
            if filter.overdue_only && !item.overdue {
                continue;
            }
            out.push(item);
            if filter.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
        }
        Ok(out)
    }

    pub fn work_item(&self, id: i64) -> Result<WorkItem, StoreError> {
        self.require(Action::ViewCitizen)?;
        let deadlines = self.deadlines()?;
        let calendar = self.calendar()?;
        let today = chrono::Local::now().date_naive();
        self.conn
            .query_row(
                "SELECT id, kind, severity, field, records, score, message, suggestion, explanation, to_dan_pho,
                        state, owner, reason, delay_reason, opened_at, updated_at, closed_at
                 FROM findings WHERE id = ?1",
                [id],
                |r| item_from_row(r, &deadlines, &calendar, today),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("phát hiện {id}")))
    }

    /// Records an officer's decision on a finding, audited.
    pub fn decide_finding(&mut self, id: i64, decision: &Decision) -> Result<WorkItem, StoreError> {
        self.require(Action::EditCitizen)?;
        let item = self.work_item(id)?;
        let officer = self.officer().login;
        let need = |r: &str| -> Result<String, StoreError> {
            let r = r.trim();
            if r.is_empty() {
                Err(StoreError::InvalidEdit("cần ghi lý do".into()))
            } else {
                Ok(r.to_string())
            }
        };
        let now = audit::now();
        let tx = self.conn.transaction()?;
        let (sql, value): (&str, Option<String>) = match decision {
            Decision::Take => {
                ("UPDATE findings SET state = 'dang_xu_ly', owner = ?2 WHERE id = ?1", Some(officer.clone()))
            }
            Decision::Fixed { note } => (
                "UPDATE findings SET state = 'da_sua', reason = ?2, owner = coalesce(owner, ?3), closed_at = ?4 WHERE id = ?1",
                note.clone(),
            ),
            Decision::NotAnError { reason } => (
                "UPDATE findings SET state = 'khong_phai_loi', reason = ?2, owner = coalesce(owner, ?3), closed_at = ?4 WHERE id = ?1",
                Some(need(reason)?),
            ),
            Decision::Escalate { reason } => (
                "UPDATE findings SET state = 'chuyen_cap_tren', reason = ?2, owner = coalesce(owner, ?3) WHERE id = ?1",
                Some(need(reason)?),
            ),
            Decision::ExplainDelay { reason } => {
                ("UPDATE findings SET delay_reason = ?2 WHERE id = ?1", Some(need(reason)?))
            }
            Decision::Reopen => {
                ("UPDATE findings SET state = 'dang_xu_ly', closed_at = NULL WHERE id = ?1", None)
            }
        };
        let mut stmt = tx.prepare(sql)?;
        let count = stmt.parameter_count();
        let all: [&dyn rusqlite::ToSql; 4] = [&id, &value, &officer, &now];
        stmt.execute(rusqlite::params_from_iter(all.into_iter().take(count)))?;
        drop(stmt);
        tx.execute("UPDATE findings SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
        let tag = match decision {
            Decision::Take => "take",
            Decision::Fixed { .. } => "fixed",
            Decision::NotAnError { .. } => "not_an_error",
            Decision::Escalate { .. } => "escalate",
            Decision::ExplainDelay { .. } => "delay",
            Decision::Reopen => "reopen",
        };
        let record = item.finding.records.first().map(String::as_str);
        audit::append(&tx, &officer, "finding", record, &format!("{id} {tag}"))?;
        tx.commit()?;
        self.work_item(id)
    }

    /// Working days per kind: the ward's own where set, else the kind's default.
    pub fn deadlines(&self) -> Result<HashMap<Kind, u32>, StoreError> {
        let mut out: HashMap<Kind, u32> =
            Kind::ALL.into_iter().map(|k| (k, k.default_deadline_days())).collect();
        let mut stmt = self.conn.prepare("SELECT kind, working_days FROM review_deadlines")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
            let (kind, days) = row?;
            if let Some(k) = Kind::from_code(&kind) {
                out.insert(k, days);
            }
        }
        Ok(out)
    }

    /// Sets the deadline of a kind (a supervisor's decision, like targets).
    pub fn set_deadline(&mut self, kind: Kind, working_days: u32) -> Result<(), StoreError> {
        self.require(Action::SetTargets)?;
        if !(1..=365).contains(&working_days) {
            return Err(StoreError::InvalidEdit("thời hạn phải từ 1 đến 365 ngày làm việc".into()));
        }
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO review_deadlines (kind, working_days) VALUES (?1, ?2)
             ON CONFLICT (kind) DO UPDATE SET working_days = excluded.working_days",
            params![kind.code(), working_days],
        )?;
        audit::append(&tx, &officer, "set_deadline", None, &format!("{} {working_days}", kind.code()))?;
        tx.commit()?;
        Ok(())
    }

    /// Open, resolved and overdue findings and the share of clean records, per group.
    pub fn review_progress(&self) -> Result<Vec<GroupProgress>, StoreError> {
        self.require(Action::ViewCitizen)?;
        let mut by_group: HashMap<Option<String>, GroupProgress> = HashMap::new();
        let blank = |g: Option<String>| GroupProgress {
            group: g,
            records: 0,
            clean_records: 0,
            open: 0,
            resolved: 0,
            overdue: 0,
            percent_clean: 100.0,
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT coalesce(p.to_dan_pho_norm, p.to_dan_pho) AS g, count(*),
                    sum(NOT EXISTS (SELECT 1 FROM finding_records fr JOIN findings f ON f.id = fr.finding_id
                                    WHERE fr.ma_ban_ghi = p.ma_ban_ghi AND f.state IN {OPEN_SQL}))
             FROM persons p WHERE p.merged_into IS NULL GROUP BY g"
        ))?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })? {
            let (g, records, clean) = row?;
            let p = by_group.entry(g.clone()).or_insert_with(|| blank(g));
            p.records = records;
            p.clean_records = clean;
        }
        for item in self.worklist(&WorklistFilter::default())? {
            let p = by_group.entry(item.group.clone()).or_insert_with(|| blank(item.group.clone()));
            if item.state.is_open() {
                p.open += 1;
                p.overdue += i64::from(item.overdue);
            } else {
                p.resolved += 1;
            }
        }
        let mut out: Vec<GroupProgress> = by_group.into_values().collect();
        for p in &mut out {
            if p.records > 0 {
                p.percent_clean = (p.clean_records as f64 * 1000.0 / p.records as f64).round() / 10.0;
            }
        }
        out.sort_by_key(|p| group_order(p.group.as_deref()));
        Ok(out)
    }
}

fn item_from_row(
    r: &rusqlite::Row<'_>,
    deadlines: &HashMap<Kind, u32>,
    calendar: &Calendar,
    today: NaiveDate,
) -> rusqlite::Result<WorkItem> {
    let bad = |i: usize, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let kind_code: String = r.get(1)?;
    let kind = Kind::from_code(&kind_code).ok_or_else(|| bad(1, format!("kind {kind_code}")))?;
    let severity = match r.get::<_, String>(2)?.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    };
    let records: String = r.get(4)?;
    let explanation: String = r.get(8)?;
    let state_code: String = r.get(10)?;
    let state = FindingState::from_code(&state_code).ok_or_else(|| bad(10, format!("state {state_code}")))?;
    let opened_at: String = r.get(14)?;
    let closed_at: Option<String> = r.get(16)?;
    let opened = day_of(&opened_at);
    let due = calendar.add_working_days(opened, deadlines.get(&kind).copied().unwrap_or(5));
    let end = closed_at.as_deref().map(day_of).unwrap_or(today);
    Ok(WorkItem {
        id: r.get(0)?,
        finding: Finding {
            kind,
            severity,
            records: serde_json::from_str(&records).map_err(|e| bad(4, e.to_string()))?,
            field: r.get(3)?,
            score: r.get(5)?,
            message: r.get(6)?,
            suggestion: r.get(7)?,
            explanation: serde_json::from_str(&explanation).map_err(|e| bad(8, e.to_string()))?,
        },
        group: r.get(9)?,
        state,
        owner: r.get(11)?,
        reason: r.get(12)?,
        delay_reason: r.get(13)?,
        overdue: state.is_open() && today > due,
        due: due.to_string(),
        age_days: calendar.working_days_between(opened, end),
        opened_at,
        updated_at: r.get(15)?,
        closed_at,
    })
}

/// Writes findings under their keys; returns how many are new. A finding closed as
/// fixed that holds again is reopened; other states are kept.
fn save(
    tx: &Transaction<'_>,
    findings: &[Finding],
    groups: &HashMap<String, String>,
) -> Result<usize, StoreError> {
    let now = audit::now();
    let mut upsert = tx.prepare_cached(
        "INSERT INTO findings (key, kind, severity, field, records, score, message, suggestion, explanation,
                               to_dan_pho, opened_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT (key) DO UPDATE SET
             holds = 1, score = excluded.score, message = excluded.message, suggestion = excluded.suggestion,
             explanation = excluded.explanation, to_dan_pho = excluded.to_dan_pho,
             state = CASE WHEN state = 'da_sua' THEN 'moi' ELSE state END,
             closed_at = CASE WHEN state = 'da_sua' THEN NULL ELSE closed_at END,
             updated_at = CASE WHEN state = 'da_sua' THEN excluded.updated_at ELSE updated_at END
         RETURNING id, opened_at = ?11",
    )?;
    let mut member =
        tx.prepare_cached("INSERT OR IGNORE INTO finding_records (finding_id, ma_ban_ghi) VALUES (?1, ?2)")?;
    let mut opened = 0;
    for f in findings {
        let group = f.records.first().and_then(|r| groups.get(r));
        let explanation = serde_json::to_string(&f.explanation).expect("comparisons serialize");
        let records = serde_json::to_string(&f.records).expect("strings serialize");
        let (id, new): (i64, bool) = upsert.query_row(
            params![
                f.key(),
                f.kind.code(),
                f.severity.code(),
                f.field,
                records,
                f.score,
                f.message,
                f.suggestion,
                explanation,
                group,
                now
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if new {
            opened += 1;
            for ma in &f.records {
                member.execute(params![id, ma])?;
            }
        }
    }
    Ok(opened)
}

/// Closes open findings that no longer hold (of one record, when given).
fn close_gone(tx: &Transaction<'_>, record: Option<&str>) -> Result<usize, StoreError> {
    let now = audit::now();
    let scope = match record {
        Some(_) => " AND id IN (SELECT finding_id FROM finding_records WHERE ma_ban_ghi = ?2)",
        None => "",
    };
    let sql = format!(
        "UPDATE findings SET state = 'da_sua', closed_at = ?1, updated_at = ?1,
                reason = coalesce(reason, 'Không còn phát hiện khi rà soát lại'), holds = 1
         WHERE holds = 0 AND +state IN {OPEN_SQL}{scope}"
    );
    let n = match record {
        Some(r) => tx.execute(&sql, params![now, r])?,
        None => tx.execute(&sql, params![now])?,
    };
    // Closed findings that do not hold stay closed, marked as holding nothing. (The `+`
    // keeps SQLite off the state index: for one record, its few findings by id are
    // cheaper than every open finding of the register.)
    Ok(n)
}

/// Groups in their natural order ("Tổ dân phố số 2" before "số 10"), records with no
/// group last.
pub(super) fn group_order(g: Option<&str>) -> (bool, String, u64, String) {
    let Some(g) = g else { return (true, String::new(), 0, String::new()) };
    let digits: String =
        g.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let stem = g[..g.len() - digits.len()].to_string();
    (false, stem, digits.parse().unwrap_or(0), g.to_string())
}
