//! The lists behind the dashboard's figures: a figure (a day's filings, a group's online
//! share, a procedure's refusals, an officer's output, the overdue files) opens the
//! applications it counts. The filter reads the same columns, with the same rules, as
//! [`Store::dashboard`], so a list is as long as the figure it came from.

use chrono::{Days, NaiveDate};

use super::applications::{AppState, Channel};
use super::{Store, StoreError};
use crate::access::Action;

/// Which applications received in `from..=to` a figure counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub procedure: Option<String>,
    pub channel: Option<Channel>,
    pub state: Option<AppState>,
    /// A residential group by name; see `ungrouped`.
    pub group: Option<String>,
    /// Only the files of no residential group (the dashboard's "không thuộc tổ" row).
    pub ungrouped: bool,
    pub officer: Option<String>,
    /// Every channel but paper.
    pub online_only: bool,
    /// Still running past their due day.
    pub overdue_only: bool,
    /// How many rows to return; `total` counts them all.
    pub limit: usize,
}

impl FigureFilter {
    pub fn range(from: NaiveDate, to: NaiveDate) -> FigureFilter {
        FigureFilter {
            from,
            to,
            procedure: None,
            channel: None,
            state: None,
            group: None,
            ungrouped: false,
            officer: None,
            online_only: false,
            overdue_only: false,
            limit: 200,
        }
    }
}

/// One application as the list behind a figure shows it: no form, no checks.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureApplication {
    pub id: String,
    pub procedure: String,
    pub applicant: String,
    pub ma_ban_ghi: Option<String>,
    pub group: Option<String>,
    pub channel: Channel,
    pub state: AppState,
    pub received_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub delay_reason: Option<String>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FigureList {
    /// Every application the figure counts; `rows` holds the first `limit` of them.
    pub total: u64,
    pub rows: Vec<FigureApplication>,
}

impl Store {
    /// The applications behind a dashboard figure, the latest received first.
    pub fn figure_applications(&self, f: &FigureFilter) -> Result<FigureList, StoreError> {
        self.require(Action::ViewCitizen)?;
        if f.to < f.from {
            return Err(StoreError::Application("ngày đầu phải trước ngày cuối".into()));
        }
        let today = chrono::Local::now().date_naive();
        let end = (f.to + Days::new(1)).to_string();
        let mut sql = String::from(
            "SELECT id, procedure, applicant, ma_ban_ghi, to_dan_pho, channel, state, received_at, due_on,
                    delay_reason, officer
             FROM applications WHERE received_at >= ?1 AND received_at < ?2",
        );
        let mut args: Vec<String> = vec![f.from.to_string(), end];
        let mut eq = |column: &str, value: &str| {
            args.push(value.to_string());
            sql += &format!(" AND {column} = ?{}", args.len());
        };
        if let Some(p) = &f.procedure {
            eq("procedure", p);
        }
        if let Some(c) = f.channel {
            eq("channel", c.code());
        }
        if let Some(s) = f.state {
            eq("state", s.code());
        }
        if let Some(g) = &f.group {
            eq("to_dan_pho", g);
        }
        if let Some(o) = &f.officer {
            eq("officer", o);
        }
        if f.ungrouped {
            sql += " AND coalesce(to_dan_pho, '') = ''";
        }
        if f.online_only {
            sql += &format!(" AND channel <> '{}'", Channel::Giay.code());
        }
        if f.overdue_only {
            args.push(today.to_string());
            sql += &format!(
                " AND state IN ('{}', '{}') AND due_on < ?{}",
                AppState::DaNop.code(),
                AppState::DangXuLy.code(),
                args.len()
            );
        }
        sql += " ORDER BY received_at DESC, id";
        let catalog = self.catalog()?;
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let mut out = FigureList::default();
        while let Some(r) = rows.next()? {
            out.total += 1;
            if out.rows.len() >= f.limit {
                continue;
            }
            let day = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                Ok(r.get::<_, Option<String>>(i)?
                    .as_deref()
                    .and_then(|s| s.get(..10))
                    .and_then(|s| s.parse().ok()))
            };
            let code: String = r.get(1)?;
            let state = AppState::from_code(&r.get::<_, String>(6)?).unwrap_or(AppState::Nhap);
            let due_on = day(8)?;
            out.rows.push(FigureApplication {
                id: r.get(0)?,
                procedure: catalog.procedure(&code).map(|p| p.name.clone()).unwrap_or(code),
                applicant: r.get(2)?,
                ma_ban_ghi: r.get(3)?,
                group: r.get::<_, Option<String>>(4)?.filter(|g| !g.is_empty()),
                channel: Channel::from_code(&r.get::<_, String>(5)?).unwrap_or(Channel::Giay),
                state,
                received_on: day(7)?.unwrap_or(f.from),
                due_on,
                overdue: state.is_running() && due_on.is_some_and(|d| d < today),
                delay_reason: r.get(9)?,
                officer: r.get(10)?,
            });
        }
        Ok(out)
    }
}
