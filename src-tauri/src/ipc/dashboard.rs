//! Thống kê across IPC: the progress figures of a date range, the lists behind them, the
//! online-share targets and the reports.

use chrono::NaiveDate;
use motcua_core::review::Kind;
use motcua_core::store::{
    AppState, Channel, Dashboard, DashboardQuery, DayFigures, FigureApplication, FigureFilter, FigureList,
    Filings, GroupFigures, KindFigures, OfficerFigures, OverdueApplication, ProcedureFigures, VneidFigures,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApplicationState, ErrorCode, FilingChannel, FindingKind, IpcError};

/// How many of the overdue files the screen lists, the longest overdue first.
const OVERDUE_LISTED: usize = 100;

/// Days as `YYYY-MM-DD`, both inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayRange {
    pub from: String,
    pub to: String,
}

impl DayRange {
    pub fn days(&self) -> Result<(NaiveDate, NaiveDate), IpcError> {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                IpcError::new(
                    ErrorCode::InvalidRange,
                    &format!("\"{s}\" không phải một ngày (năm-tháng-ngày)"),
                )
            })
        };
        let (from, to) = (day(&self.from)?, day(&self.to)?);
        if to < from {
            return Err(IpcError::new(ErrorCode::InvalidRange, "ngày cuối đứng trước ngày đầu"));
        }
        Ok((from, to))
    }

    /// The screen's query: the figures, and the longest overdue files (the list behind
    /// the figure holds the rest).
    pub fn query(&self) -> Result<DashboardQuery, IpcError> {
        let (from, to) = self.days()?;
        Ok(DashboardQuery { overdue_listed: Some(OVERDUE_LISTED), ..DashboardQuery::new(from, to) })
    }

    /// A report's query: every overdue file, with its reason.
    pub fn report_query(&self) -> Result<DashboardQuery, IpcError> {
        let (from, to) = self.days()?;
        Ok(DashboardQuery::new(from, to))
    }
}

/// Filed applications; `share` is the online share in [0, 1], null when none were filed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FilingsInfo {
    pub filed: u32,
    pub online: u32,
    pub share: Option<f64>,
    pub tu_nop: u32,
    pub tai_quay: u32,
    pub luu_dong: u32,
    pub giay: u32,
}

fn n(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl From<Filings> for FilingsInfo {
    fn from(f: Filings) -> Self {
        let [tu_nop, tai_quay, luu_dong, giay] = f.by_channel.map(n);
        FilingsInfo {
            filed: n(f.filed),
            online: n(f.online),
            share: f.share(),
            tu_nop,
            tai_quay,
            luu_dong,
            giay,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DayFiguresInfo {
    pub day: String,
    pub filings: FilingsInfo,
    pub vneid_registered: u32,
    pub vneid_activated: u32,
    pub findings_opened: u32,
    pub findings_resolved: u32,
}

impl From<DayFigures> for DayFiguresInfo {
    fn from(d: DayFigures) -> Self {
        DayFiguresInfo {
            day: d.day.to_string(),
            filings: d.filings.into(),
            vneid_registered: n(d.vneid_registered),
            vneid_activated: n(d.vneid_activated),
            findings_opened: n(d.findings_opened),
            findings_resolved: n(d.findings_resolved),
        }
    }
}

/// A residential group's figures; `group` null for work of no group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupFiguresInfo {
    pub group: Option<String>,
    pub filings: FilingsInfo,
    /// The online-share target in force for the group (its own, else the ward's).
    pub target: Option<f64>,
    pub vneid_registered: u32,
    pub vneid_activated: u32,
    pub findings_opened: u32,
    pub findings_resolved: u32,
    pub findings_open: u32,
    pub findings_overdue: u32,
}

impl From<GroupFigures> for GroupFiguresInfo {
    fn from(g: GroupFigures) -> Self {
        GroupFiguresInfo {
            group: g.group,
            filings: g.filings.into(),
            target: g.target,
            vneid_registered: n(g.vneid_registered),
            vneid_activated: n(g.vneid_activated),
            findings_opened: n(g.findings_opened),
            findings_resolved: n(g.findings_resolved),
            findings_open: n(g.findings_open),
            findings_overdue: n(g.findings_overdue),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StateCount {
    pub state: ApplicationState,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProcedureFiguresInfo {
    pub procedure: String,
    pub name: String,
    pub filings: FilingsInfo,
    /// Where the range's applications stand now, every state listed.
    pub by_state: Vec<StateCount>,
}

impl From<ProcedureFigures> for ProcedureFiguresInfo {
    fn from(p: ProcedureFigures) -> Self {
        let by_state = AppState::ALL
            .iter()
            .zip(p.by_state)
            .map(|(s, count)| StateCount { state: (*s).into(), count: n(count) })
            .collect();
        ProcedureFiguresInfo { procedure: p.procedure, name: p.name, filings: p.filings.into(), by_state }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindFiguresInfo {
    pub kind: FindingKind,
    pub opened: u32,
    pub resolved: u32,
    pub open: u32,
    pub overdue: u32,
}

impl KindFiguresInfo {
    fn from_core(k: KindFigures) -> Option<Self> {
        Some(KindFiguresInfo {
            kind: Kind::from_code(&k.kind)?.into(),
            opened: n(k.opened),
            resolved: n(k.resolved),
            open: n(k.open),
            overdue: n(k.overdue),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OfficerFiguresInfo {
    pub officer: String,
    pub filed: u32,
    pub online: u32,
    pub findings_resolved: u32,
}

impl From<OfficerFigures> for OfficerFiguresInfo {
    fn from(o: OfficerFigures) -> Self {
        OfficerFiguresInfo {
            officer: o.officer,
            filed: n(o.filed),
            online: n(o.online),
            findings_resolved: n(o.findings_resolved),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OverdueInfo {
    pub id: String,
    pub procedure: String,
    pub applicant: String,
    pub group: Option<String>,
    pub due_on: String,
    /// Null when the officer has not said why yet.
    pub reason: Option<String>,
}

impl From<OverdueApplication> for OverdueInfo {
    fn from(a: OverdueApplication) -> Self {
        OverdueInfo {
            id: a.id,
            procedure: a.procedure,
            applicant: a.applicant,
            group: a.group,
            due_on: a.due_on.to_string(),
            reason: a.reason,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VneidFiguresInfo {
    pub registered: u32,
    pub activated: u32,
    pub waiting_approval: u32,
    pub waiting_activation: u32,
    pub window_missed: u32,
    pub failed: u32,
}

impl From<VneidFigures> for VneidFiguresInfo {
    fn from(v: VneidFigures) -> Self {
        VneidFiguresInfo {
            registered: n(v.registered),
            activated: n(v.activated),
            waiting_approval: n(v.waiting_approval),
            waiting_activation: n(v.waiting_activation),
            window_missed: n(v.window_missed),
            failed: n(v.failed),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DashboardInfo {
    pub ward: String,
    pub from: String,
    pub to: String,
    pub total: FilingsInfo,
    /// The ward's online-share target, if a supervisor set one.
    pub target: Option<f64>,
    pub days: Vec<DayFiguresInfo>,
    pub groups: Vec<GroupFiguresInfo>,
    pub procedures: Vec<ProcedureFiguresInfo>,
    pub vneid: VneidFiguresInfo,
    pub kinds: Vec<KindFiguresInfo>,
    pub officers: Vec<OfficerFiguresInfo>,
    /// The longest overdue, at most a hundred; `overdue_count` counts them all.
    pub overdue_applications: Vec<OverdueInfo>,
    pub overdue_count: u32,
    pub overdue_findings: u32,
}

impl From<Dashboard> for DashboardInfo {
    fn from(d: Dashboard) -> Self {
        let day = |x: Option<NaiveDate>| x.map(|x| x.to_string()).unwrap_or_default();
        DashboardInfo {
            ward: d.ward,
            from: day(d.from),
            to: day(d.to),
            total: d.total.into(),
            target: d.target,
            days: d.days.into_iter().map(Into::into).collect(),
            groups: d.groups.into_iter().map(Into::into).collect(),
            procedures: d.procedures.into_iter().map(Into::into).collect(),
            vneid: d.vneid.into(),
            kinds: d.kinds.into_iter().filter_map(KindFiguresInfo::from_core).collect(),
            officers: d.officers.into_iter().map(Into::into).collect(),
            overdue_applications: d.overdue_applications.into_iter().map(Into::into).collect(),
            overdue_count: n(d.overdue_count),
            overdue_findings: n(d.overdue_findings),
        }
    }
}

/// Which applications a figure counts (see `FigureFilter` in the core).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FigureQuery {
    pub range: DayRange,
    pub procedure: Option<String>,
    pub channel: Option<FilingChannel>,
    pub state: Option<ApplicationState>,
    pub group: Option<String>,
    pub ungrouped: bool,
    pub officer: Option<String>,
    pub online_only: bool,
    pub overdue_only: bool,
}

/// At most this many rows come across; the total says how many there are.
const FIGURE_ROWS: usize = 500;

impl FigureQuery {
    pub fn filter(self) -> Result<FigureFilter, IpcError> {
        let (from, to) = self.range.days()?;
        Ok(FigureFilter {
            procedure: self.procedure.filter(|p| !p.is_empty()),
            channel: self.channel.map(Channel::from),
            state: self.state.map(AppState::from),
            group: self.group.filter(|g| !g.is_empty()),
            ungrouped: self.ungrouped,
            officer: self.officer.filter(|o| !o.is_empty()),
            online_only: self.online_only,
            overdue_only: self.overdue_only,
            limit: FIGURE_ROWS,
            ..FigureFilter::range(from, to)
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FigureRow {
    pub id: String,
    pub procedure: String,
    pub applicant: String,
    pub ma_ban_ghi: Option<String>,
    pub group: Option<String>,
    pub channel: FilingChannel,
    pub state: ApplicationState,
    pub received_on: String,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub delay_reason: Option<String>,
    pub officer: String,
}

impl From<FigureApplication> for FigureRow {
    fn from(a: FigureApplication) -> Self {
        FigureRow {
            id: a.id,
            procedure: a.procedure,
            applicant: a.applicant,
            ma_ban_ghi: a.ma_ban_ghi,
            group: a.group,
            channel: a.channel.into(),
            state: a.state.into(),
            received_on: a.received_on.to_string(),
            due_on: a.due_on.map(|d| d.to_string()),
            overdue: a.overdue,
            delay_reason: a.delay_reason,
            officer: a.officer,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FigureListInfo {
    /// Every application the figure counts; `rows` holds the latest of them.
    pub total: u32,
    pub rows: Vec<FigureRow>,
}

impl From<FigureList> for FigureListInfo {
    fn from(l: FigureList) -> Self {
        FigureListInfo { total: n(l.total), rows: l.rows.into_iter().map(Into::into).collect() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    Xlsx,
    Pdf,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: &str, to: &str) -> DayRange {
        DayRange { from: from.into(), to: to.into() }
    }

    #[test]
    fn a_range_is_two_days_in_order_or_a_vietnamese_refusal() {
        let days = range("2026-11-01", "2026-11-30").days().unwrap();
        assert_eq!(days.0.to_string(), "2026-11-01");
        let e = range("2026-11-31", "2026-12-01").days().unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidRange);
        assert!(
            e.message.contains("2026-11-31") && e.message.contains("không phải một ngày"),
            "{}",
            e.message
        );
        assert_eq!(range("2026-12-02", "2026-12-01").days().unwrap_err().code, ErrorCode::InvalidRange);
    }

    #[test]
    fn the_screens_query_becomes_the_cores_filter() {
        let q: FigureQuery = serde_json::from_value(serde_json::json!({
            "range": { "from": "2026-11-01", "to": "2026-11-07" }, "procedure": "", "channel": "luu_dong",
            "state": "da_nop", "group": "Tổ dân phố số 3", "ungrouped": false, "officer": null,
            "online_only": true, "overdue_only": false
        }))
        .unwrap();
        let f = q.filter().unwrap();
        assert_eq!(f.procedure, None, "an empty choice is no filter");
        assert_eq!((f.channel, f.state), (Some(Channel::LuuDong), Some(AppState::DaNop)));
        assert_eq!(f.group.as_deref(), Some("Tổ dân phố số 3"));
        assert!(f.online_only && !f.overdue_only && f.limit == FIGURE_ROWS);
    }

    #[test]
    fn the_figures_cross_with_every_channel_and_state_named() {
        let f = Filings { filed: 5, online: 4, by_channel: [1, 2, 1, 1] };
        let info = FilingsInfo::from(f);
        assert_eq!((info.tu_nop, info.tai_quay, info.luu_dong, info.giay), (1, 2, 1, 1));
        assert_eq!(info.share, Some(0.8));
        let p = ProcedureFigures { by_state: [0, 1, 2, 0, 3, 0], ..Default::default() };
        let states: Vec<(ApplicationState, u32)> =
            ProcedureFiguresInfo::from(p).by_state.into_iter().map(|s| (s.state, s.count)).collect();
        assert_eq!(states.len(), 6);
        assert_eq!(states[4], (ApplicationState::CoKetQua, 3));
        let k = KindFigures { kind: "duplicate".into(), open: 2, ..Default::default() };
        assert_eq!(KindFiguresInfo::from_core(k).unwrap().kind, FindingKind::Duplicate);
    }
}
