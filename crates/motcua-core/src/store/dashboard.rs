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
use serde::{Deserialize, Serialize};

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
    /// How many overdue applications to list (the longest overdue first); all when
    /// `None`. A screen wants the first few, a report every one with its reason.
    pub overdue_listed: Option<usize>,
}

impl DashboardQuery {
    pub fn new(from: NaiveDate, to: NaiveDate) -> DashboardQuery {
        DashboardQuery { from, to, overdue_listed: None }
    }
}

/// Filed applications and how many of them online.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayFigures {
    pub day: NaiveDate,
    pub filings: Filings,
    pub vneid_registered: u64,
    pub vneid_activated: u64,
    pub findings_opened: u64,
    pub findings_resolved: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProcedureFigures {
    pub procedure: String,
    pub name: String,
    pub filings: Filings,
    /// Applications of the range by their state now, in [`AppState::ALL`] order.
    pub by_state: [u64; 6],
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KindFigures {
    pub kind: String,
    pub label: String,
    pub opened: u64,
    pub resolved: u64,
    pub open: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OfficerFigures {
    pub officer: String,
    pub filed: u64,
    pub online: u64,
    pub findings_resolved: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueApplication {
    pub id: String,
    pub procedure: String,
    pub applicant: String,
    pub group: Option<String>,
    pub due_on: NaiveDate,
    /// "chưa giải trình" when the officer gave none.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VneidFigures {
    pub registered: u64,
    pub activated: u64,
    /// States now, of every citizen the ward follows.
    pub waiting_approval: u64,
    pub waiting_activation: u64,
    pub window_missed: u64,
    pub failed: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// The longest overdue first, as many as the query asked for.
    pub overdue_applications: Vec<OverdueApplication>,
    /// Every application of the range still running past its due day.
    pub overdue_count: u64,
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
        let mut groups = Groups::default();
        let in_range = |day: NaiveDate| day >= q.from && day <= q.to;
        let today = chrono::Local::now().date_naive();

        // Applications received in the range.
        let catalog = self.catalog()?;
        let mut procedures: HashMap<String, ProcedureFigures> = HashMap::new();
        let mut officers: HashMap<String, OfficerFigures> = HashMap::new();
        let end = (q.to + Days::new(1)).to_string();
        let mut stmt = self.conn.prepare(
            "SELECT rowid, procedure, to_dan_pho, channel, state, received_at, due_on, officer
             FROM applications INDEXED BY applications_figures WHERE received_at >= ?1 AND received_at < ?2",
        )?;
        let mut rows = stmt.query(params![q.from.to_string(), end])?;
        // Borrowed cells and hashed lookups: this loop sees every application of a year.
        // The overdue ones are noted by (due day, rowid, group, procedure); only those
        // listed are read in full below.
        let mut late: Vec<(NaiveDate, i64, Option<usize>, String)> = Vec::new();
        while let Some(r) = rows.next()? {
            let cell = |i: usize| {
                r.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok().flatten()).unwrap_or_default()
            };
            let (Some(channel), Some(state)) = (Channel::from_code(cell(3)), AppState::from_code(cell(4)))
            else {
                continue;
            };
            let Some(day) = ymd(cell(5)) else { continue };
            d.total.add(channel);
            days.entry(day).or_default().filings.add(channel);
            let g = groups.at(cell(2));
            groups.list[g].filings.add(channel);
            let procedure = cell(1);
            let p = match procedures.get_mut(procedure) {
                Some(p) => p,
                None => {
                    let name = catalog
                        .procedure(procedure)
                        .map(|p| p.name.clone())
                        .unwrap_or_else(|| procedure.to_string());
                    let fresh =
                        ProcedureFigures { procedure: procedure.to_string(), name, ..Default::default() };
                    procedures.entry(procedure.to_string()).or_insert(fresh)
                }
            };
            p.filings.add(channel);
            p.by_state[AppState::ALL.iter().position(|s| *s == state).expect("a state")] += 1;
            let officer = cell(7);
            let o = match officers.get_mut(officer) {
                Some(o) => o,
                None => officers
                    .entry(officer.to_string())
                    .or_insert_with(|| OfficerFigures { officer: officer.to_string(), ..Default::default() }),
            };
            o.filed += 1;
            o.online += u64::from(channel != Channel::Giay);
            if let Some(due) = ymd(cell(6)).filter(|due| state.is_running() && *due < today) {
                late.push((due, r.get::<_, i64>(0)?, (!cell(2).is_empty()).then_some(g), p.name.clone()));
            }
        }
        d.overdue_count = late.len() as u64;
        late.sort_unstable_by_key(|(due, rowid, ..)| (*due, *rowid));
        late.truncate(q.overdue_listed.unwrap_or(usize::MAX));
        let mut detail = self
            .conn
            .prepare_cached("SELECT id, applicant, delay_reason FROM applications WHERE rowid = ?1")?;
        for (due_on, rowid, g, procedure) in late {
            let (id, applicant, reason) =
                detail.query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let group = g.and_then(|g| groups.list[g].group.clone());
            d.overdue_applications.push(OverdueApplication {
                id,
                procedure,
                applicant,
                group,
                due_on,
                reason,
            });
        }

        // VNeID: moves in the range, and where everyone stands now.
        let mut stmt = self
            .conn
            .prepare("SELECT state, registered_on, approved_on, activated_on, to_dan_pho FROM vneid")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cell = |i: usize| {
                r.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok().flatten()).unwrap_or_default()
            };
            let (registered, approved, activated) = (ymd(cell(1)), ymd(cell(2)), ymd(cell(3)));
            if let Some(day) = registered.filter(|d| in_range(*d)) {
                d.vneid.registered += 1;
                days.entry(day).or_default().vneid_registered += 1;
                let g = groups.at(cell(4));
                groups.list[g].vneid_registered += 1;
            }
            if let Some(day) = activated.filter(|d| in_range(*d)) {
                d.vneid.activated += 1;
                days.entry(day).or_default().vneid_activated += 1;
                let g = groups.at(cell(4));
                groups.list[g].vneid_activated += 1;
            }
            match cell(0) {
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
            let cell = |i: usize| {
                r.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok().flatten()).unwrap_or_default()
            };
            let (Some(kind), Some(state)) = (Kind::from_code(cell(0)), FindingState::from_code(cell(2)))
            else {
                continue;
            };
            let opened = utc_day(cell(3));
            let closed = Some(cell(4)).filter(|c| !c.is_empty()).map(utc_day);
            let k = kinds.entry(kind.code()).or_insert_with(|| KindFigures {
                kind: kind.code().into(),
                label: kind.label().into(),
                ..Default::default()
            });
            if in_range(opened) {
                k.opened += 1;
                days.entry(opened).or_default().findings_opened += 1;
                let g = groups.at(cell(1));
                groups.list[g].findings_opened += 1;
            }
            if let Some(day) = closed.filter(|c| in_range(*c) && !state.is_open()) {
                k.resolved += 1;
                days.entry(day).or_default().findings_resolved += 1;
                let g = groups.at(cell(1));
                groups.list[g].findings_resolved += 1;
                let owner = cell(5);
                if !owner.is_empty() {
                    officers
                        .entry(owner.to_string())
                        .or_insert_with(|| OfficerFigures {
                            officer: owner.to_string(),
                            ..Default::default()
                        })
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
                let g = groups.at(cell(1));
                let gf = &mut groups.list[g];
                gf.findings_open += 1;
                gf.findings_overdue += u64::from(late);
            }
        }

        let targets = self.targets()?;
        d.target = targets.get("").copied();
        let mut groups = groups.list;
        for g in &mut groups {
            g.target = g.group.as_deref().and_then(|n| targets.get(n)).copied().or(d.target);
        }
        groups.sort_by_key(|g| super::findings::group_order(g.group.as_deref()));
        d.groups = groups;
        d.days = days.into_values().collect();
        d.procedures = procedures.into_values().collect();
        d.procedures.sort_by(|a, b| a.procedure.cmp(&b.procedure));
        d.kinds = kinds.into_values().collect();
        d.officers = officers.into_values().collect();
        d.officers.sort_by(|a, b| a.officer.cmp(&b.officer));
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

/// The figures of each residential group, found by name in a hash: a ward has hundreds
/// of groups whose names share a long prefix ("Tổ dân phố số …").
#[derive(Default)]
struct Groups {
    list: Vec<GroupFigures>,
    by_name: HashMap<String, usize>,
    ungrouped: Option<usize>,
}

impl Groups {
    /// The index of the group `name` ("" for work of no group), added when new.
    fn at(&mut self, name: &str) -> usize {
        let found = if name.is_empty() { self.ungrouped } else { self.by_name.get(name).copied() };
        if let Some(at) = found {
            return at;
        }
        let at = self.list.len();
        let group = (!name.is_empty()).then(|| name.to_string());
        self.list.push(GroupFigures { group, ..Default::default() });
        if name.is_empty() {
            self.ungrouped = Some(at);
        } else {
            self.by_name.insert(name.to_string(), at);
        }
        at
    }
}
