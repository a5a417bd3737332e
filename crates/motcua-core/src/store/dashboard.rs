//! The ward's progress figures, computed from the work itself: applications by
//! procedure, channel, state and day; the online share against targets; VNeID level-2
//! registrations and activations; review findings opened, resolved and overdue; each
//! officer's output; and the overdue lists with their reasons. On a device they count
//! that device's work; on the ward server, every device's.
//!
//! One pass over each table in the date range, aggregated in memory: a ward's year of
//! applications is a few hundred thousand rows, and the figures must be consistent with
//! one another (every total is the sum of its parts, checked by tests).

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use super::applications::{AppState, Channel};
use super::findings::{FindingState, day_of};
use super::{Store, StoreError, audit};
use crate::access::Action;
use crate::review::Kind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardQuery {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
}

/// Filed applications and how many of them online.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Filings {
    pub filed: u64,
    pub online: u64,
    pub by_channel: [u64; 4],
}

impl Filings {
    fn add(&mut self, channel: Channel) {
        self.filed += 1;
        self.online += u64::from(channel != Channel::Giay);
        self.by_channel[Channel::ALL.iter().position(|c| *c == channel).expect("a channel")] += 1;
    }

    /// Online share in [0, 1]; `None` when nothing was filed.
    pub fn share(&self) -> Option<f64> {
        (self.filed > 0).then(|| self.online as f64 / self.filed as f64)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DayFigures {
    pub day: NaiveDate,
    pub filings: Filings,
    pub vneid_registered: u64,
    pub vneid_activated: u64,
    pub findings_opened: u64,
    pub findings_resolved: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupFigures {
    /// `None`: work with no residential group (a newborn's file, say).
    pub group: Option<String>,
    pub filings: Filings,
    pub target: Option<f64>,
    pub vneid_registered: u64,
    pub vneid_activated: u64,
    pub findings_opened: u64,
    pub findings_resolved: u64,
    pub findings_open: u64,
    pub findings_overdue: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProcedureFigures {
    pub procedure: String,
    pub name: String,
    pub filings: Filings,
    /// Applications of the range by their state now, in [`AppState::ALL`] order.
    pub by_state: [u64; 6],
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KindFigures {
    pub kind: String,
    pub label: String,
    pub opened: u64,
    pub resolved: u64,
    pub open: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OfficerFigures {
    pub officer: String,
    pub filed: u64,
    pub online: u64,
    pub findings_resolved: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueApplication {
    pub id: String,
    pub procedure: String,
    pub applicant: String,
    pub group: Option<String>,
    pub due_on: NaiveDate,
    /// "chưa giải trình" when the officer gave none.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VneidFigures {
    pub registered: u64,
    pub activated: u64,
    /// States now, of every citizen the ward follows.
    pub waiting_approval: u64,
    pub waiting_activation: u64,
    pub window_missed: u64,
    pub failed: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Dashboard {
    pub ward: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub total: Filings,
    pub target: Option<f64>,
    pub days: Vec<DayFigures>,
    pub groups: Vec<GroupFigures>,
    pub procedures: Vec<ProcedureFigures>,
    pub vneid: VneidFigures,
    pub kinds: Vec<KindFigures>,
    pub officers: Vec<OfficerFigures>,
    pub overdue_applications: Vec<OverdueApplication>,
    pub overdue_findings: u64,
}

impl Store {
    pub fn dashboard(&self, q: &DashboardQuery) -> Result<Dashboard, StoreError> {
        self.require(Action::ViewCitizen)?;
        if q.to < q.from || (q.to - q.from).num_days() > 366 {
            return Err(StoreError::Application(
                "khoảng ngày phải từ 1 đến 367 ngày, ngày đầu trước ngày cuối".into(),
            ));
        }
        let mut d = Dashboard {
            ward: self.register_meta()?.map(|m| format!("{}, {}", m.ward, m.province)).unwrap_or_default(),
            from: Some(q.from),
            to: Some(q.to),
            ..Default::default()
        };
        let mut days: BTreeMap<NaiveDate, DayFigures> = BTreeMap::new();
        let mut day = q.from;
        while day <= q.to {
            days.insert(day, DayFigures { day, ..Default::default() });
            day = day + Days::new(1);
        }
        // Few groups, many rows: a short list searched by borrowed name.
        let mut groups: Vec<GroupFigures> = Vec::new();
        let in_range = |day: NaiveDate| day >= q.from && day <= q.to;
        let today = chrono::Local::now().date_naive();

        // Applications received in the range.
        let catalog = self.catalog()?;
        let mut procedures: BTreeMap<String, ProcedureFigures> = BTreeMap::new();
        let mut officers: BTreeMap<String, OfficerFigures> = BTreeMap::new();
        let end = (q.to + Days::new(1)).to_string();
        let mut stmt = self.conn.prepare(
            "SELECT rowid, procedure, NULL, to_dan_pho, channel, state, received_at, due_on, NULL, officer
             FROM applications INDEXED BY applications_figures WHERE received_at >= ?1 AND received_at < ?2",
        )?;
        let mut rows = stmt.query(params![q.from.to_string(), end])?;
        // Borrowed cells and small lookups: this loop sees every application of a year.
        let mut late = Vec::new();
        while let Some(r) = rows.next()? {
            let cell = |i: usize| {
                r.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok().flatten()).unwrap_or_default()
            };
            let (Some(channel), Some(state)) = (Channel::from_code(cell(4)), AppState::from_code(cell(5)))
            else {
                continue;
            };
            let Some(day) = ymd(cell(6)) else { continue };
            d.total.add(channel);
            days.entry(day).or_default().filings.add(channel);
            let g = (!cell(3).is_empty()).then_some(cell(3));
            group_of(&mut groups, g).filings.add(channel);
            let procedure = cell(1);
            if !procedures.contains_key(procedure) {
                let name = catalog
                    .procedure(procedure)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| procedure.to_string());
                procedures.insert(
                    procedure.to_string(),
                    ProcedureFigures { procedure: procedure.to_string(), name, ..Default::default() },
                );
            }
            let p = procedures.get_mut(procedure).expect("inserted above");
            p.filings.add(channel);
            p.by_state[AppState::ALL.iter().position(|s| *s == state).expect("a state")] += 1;
            let officer = cell(9);
            if !officers.contains_key(officer) {
                officers.insert(
                    officer.to_string(),
                    OfficerFigures { officer: officer.to_string(), ..Default::default() },
                );
            }
            let o = officers.get_mut(officer).expect("inserted above");
            o.filed += 1;
            o.online += u64::from(channel != Channel::Giay);
            let due = ymd(cell(7));
            if let Some(due) = due.filter(|due| state.is_running() && *due < today) {
                // The rest of the row is read below, for these few.
                late.push(r.get::<_, i64>(0)?);
                d.overdue_applications.push(OverdueApplication {
                    id: String::new(),
                    procedure: p.name.clone(),
                    applicant: String::new(),
                    group: g.map(str::to_string),
                    due_on: due,
                    reason: None,
                });
            }
        }
        let mut detail = self
            .conn
            .prepare_cached("SELECT id, applicant, delay_reason FROM applications WHERE rowid = ?1")?;
        for (a, rowid) in d.overdue_applications.iter_mut().zip(late) {
            (a.id, a.applicant, a.reason) =
                detail.query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        }
        d.overdue_applications.sort_by(|a, b| (a.due_on, &a.id).cmp(&(b.due_on, &b.id)));

        // VNeID: moves in the range, and where everyone stands now.
        let mut stmt = self
            .conn
            .prepare("SELECT state, registered_on, approved_on, activated_on, to_dan_pho FROM vneid")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                Ok(r.get_ref(i)?.as_str_or_null().ok().flatten().and_then(ymd))
            };
            let (state, registered, approved, activated) =
                (r.get::<_, String>(0)?, date(1)?, date(2)?, date(3)?);
            let g: Option<String> = r.get(4)?;
            if let Some(day) = registered.filter(|d| in_range(*d)) {
                d.vneid.registered += 1;
                days.entry(day).or_default().vneid_registered += 1;
                group_of(&mut groups, g.as_deref()).vneid_registered += 1;
            }
            if let Some(day) = activated.filter(|d| in_range(*d)) {
                d.vneid.activated += 1;
                days.entry(day).or_default().vneid_activated += 1;
                group_of(&mut groups, g.as_deref()).vneid_activated += 1;
            }
            match state.as_str() {
                "cho_duyet" => d.vneid.waiting_approval += 1,
                "cho_kich_hoat" => {
                    let missed = approved
                        .is_some_and(|a| crate::procedures::vneid::activation_deadline(a, today).1 < 0);
                    if missed { d.vneid.window_missed += 1 } else { d.vneid.waiting_activation += 1 }
                }
                "loi" => d.vneid.failed += 1,
                _ => {}
            }
        }

        // Review findings: opened and resolved in the range; open and overdue now.
        let deadlines = self.deadlines()?;
        let calendar = self.calendar()?;
        let mut due_cache: HashMap<(NaiveDate, u32), NaiveDate> = HashMap::new();
        let mut kinds: BTreeMap<&'static str, KindFigures> = BTreeMap::new();
        let mut stmt =
            self.conn.prepare("SELECT kind, to_dan_pho, state, opened_at, closed_at, owner FROM findings INDEXED BY findings_figures")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let state: String = r.get(2)?;
            let (Some(kind), Some(state)) = (Kind::from_code(&kind), FindingState::from_code(&state)) else {
                continue;
            };
            let g: Option<String> = r.get(1)?;
            let opened = utc_day(r.get_ref(3)?.as_str().unwrap_or_default());
            let closed = r.get_ref(4)?.as_str_or_null().ok().flatten().map(utc_day);
            let k = kinds.entry(kind.code()).or_insert_with(|| KindFigures {
                kind: kind.code().into(),
                label: kind.label().into(),
                ..Default::default()
            });
            if in_range(opened) {
                k.opened += 1;
                days.entry(opened).or_default().findings_opened += 1;
                group_of(&mut groups, g.as_deref()).findings_opened += 1;
            }
            if let Some(day) = closed.filter(|c| in_range(*c) && !state.is_open()) {
                k.resolved += 1;
                days.entry(day).or_default().findings_resolved += 1;
                group_of(&mut groups, g.as_deref()).findings_resolved += 1;
                if let Some(owner) = r.get::<_, Option<String>>(5)? {
                    officers
                        .entry(owner.clone())
                        .or_insert_with(|| OfficerFigures { officer: owner, ..Default::default() })
                        .findings_resolved += 1;
                }
            }
            if state.is_open() {
                let limit = deadlines.get(&kind).copied().unwrap_or(5);
                let due = *due_cache
                    .entry((opened, limit))
                    .or_insert_with(|| calendar.add_working_days(opened, limit));
                let late = today > due;
                k.open += 1;
                k.overdue += u64::from(late);
                d.overdue_findings += u64::from(late);
                let gf = group_of(&mut groups, g.as_deref());
                gf.findings_open += 1;
                gf.findings_overdue += u64::from(late);
            }
        }

        let targets = self.targets()?;
        d.target = targets.get("").copied();
        for g in &mut groups {
            g.target = g.group.as_deref().and_then(|n| targets.get(n)).copied().or(d.target);
        }
        groups.sort_by_key(|g| super::findings::group_order(g.group.as_deref()));
        d.groups = groups;
        d.days = days.into_values().collect();
        d.procedures = procedures.into_values().collect();
        d.kinds = kinds.into_values().collect();
        d.officers = officers.into_values().collect();
        Ok(d)
    }

    /// Online-share targets by scope ("" for the ward, else a residential group).
    pub fn targets(&self) -> Result<HashMap<String, f64>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT scope, online_share FROM targets")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets the online-share target (0–1) of the ward (`group` None) or one group.
    pub fn set_target(&mut self, group: Option<&str>, online_share: f64) -> Result<(), StoreError> {
        self.require(Action::SetTargets)?;
        if !(0.0..=1.0).contains(&online_share) {
            return Err(StoreError::Application("chỉ tiêu là tỷ lệ từ 0% đến 100%".into()));
        }
        let scope = group.map(str::trim).unwrap_or_default();
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO targets (scope, online_share, set_by, set_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (scope) DO UPDATE SET online_share = excluded.online_share, set_by = excluded.set_by,
                                              set_at = excluded.set_at",
            params![scope, online_share, officer, audit::now()],
        )?;
        audit::append(&tx, &officer, "set_target", None, &format!("{scope} {online_share}"))?;
        tx.commit()?;
        Ok(())
    }
}

/// The date a text starts with (`YYYY-MM-DD…`), read without a general parser: the
/// figures read several dates a row over a year of rows.
fn ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// The UTC day of an RFC 3339 stamp written by [`audit::now`] (`YYYY-MM-DDT…Z`).
fn utc_day(at: &str) -> NaiveDate {
    ymd(at).unwrap_or_else(|| day_of(at))
}

fn group_of<'a>(groups: &'a mut Vec<GroupFigures>, g: Option<&str>) -> &'a mut GroupFigures {
    let at = match groups.iter().position(|x| x.group.as_deref() == g) {
        Some(at) => at,
        None => {
            groups.push(GroupFigures { group: g.map(str::to_string), ..Default::default() });
            groups.len() - 1
        }
    };
    &mut groups[at]
}
