//! Working days: Monday to Friday, less the public holidays. The solar ones are fixed
//! (Bộ luật Lao động 2019, Art. 112: 1/1, 30/4, 1/5, 2/9 and a day beside it); Tết and
//! Giỗ Tổ follow the lunar calendar and the Government announces each year's days (often
//! swapping a weekend day for a bridge day), so a year is either given in full — the
//! shipped `data/ngay-nghi.toml`, or a ward's own — or falls back to the solar rule.
//!
//! Time limits of procedures count from the day after a file is received, and a file
//! received after 15:00 or on a day off counts as received on the next working day.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Files received at or after this hour count from the next working day.
pub const CUT_OFF_HOUR: u32 = 15;

const SHIPPED: &str = include_str!("../data/ngay-nghi.toml");

/// One year's days off and weekend days worked, complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Year {
    pub year: i32,
    #[serde(default)]
    pub source: String,
    pub days_off: Vec<NaiveDate>,
    #[serde(default)]
    pub workdays: Vec<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    year: Vec<Year>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("lịch ngày nghỉ không đọc được: {0}")]
    Unreadable(String),
    #[error("lịch ngày nghỉ năm {year}: {reason}")]
    Invalid { year: i32, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i32, (BTreeSet<NaiveDate>, BTreeSet<NaiveDate>)>,
}

impl Default for Calendar {
    /// The shipped calendar, checked by a test.
    fn default() -> Calendar {
        Calendar::from_toml(SHIPPED).expect("the shipped calendar is valid")
    }
}

impl Calendar {
    /// Only weekends and the solar holidays, every year.
    pub fn solar_only() -> Calendar {
        Calendar { years: BTreeMap::new() }
    }

    pub fn from_toml(text: &str) -> Result<Calendar, CalendarError> {
        let mut calendar = Calendar::solar_only();
        for y in years_from_toml(text)? {
            calendar.set_year(y)?;
        }
        Ok(calendar)
    }

    /// Sets (or replaces) one year, as a ward's supervisor gives it.
    pub fn set_year(&mut self, y: Year) -> Result<(), CalendarError> {
        let invalid = |reason: String| CalendarError::Invalid { year: y.year, reason };
        for d in y.days_off.iter().chain(&y.workdays) {
            if d.year() != y.year {
                return Err(invalid(format!("ngày {} không thuộc năm {}", d.format("%d/%m/%Y"), y.year)));
            }
        }
        if let Some(d) = y.days_off.iter().find(|d| is_weekend(**d)) {
            return Err(invalid(format!(
                "{} là ngày cuối tuần, không cần ghi là ngày nghỉ",
                d.format("%d/%m/%Y")
            )));
        }
        if let Some(d) = y.workdays.iter().find(|d| !is_weekend(**d)) {
            return Err(invalid(format!(
                "ngày làm bù {} không phải thứ Bảy hay Chủ nhật",
                d.format("%d/%m/%Y")
            )));
        }
        if y.days_off.len() > 40 {
            return Err(invalid("quá 40 ngày nghỉ trong một năm".into()));
        }
        self.years.insert(y.year, (y.days_off.into_iter().collect(), y.workdays.into_iter().collect()));
        Ok(())
    }

    /// Years given in full (the others get only the solar holidays).
    pub fn known_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.years.get(&d.year()) {
            Some((off, worked)) => worked.contains(&d) || (!is_weekend(d) && !off.contains(&d)),
            None => {
                let solar = matches!((d.month(), d.day()), (1, 1) | (4, 30) | (5, 1) | (9, 1) | (9, 2));
                !is_weekend(d) && !solar
            }
        }
    }

    /// The day `n` working days after `from` (the day itself not counted).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d + Days::new(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days from `from` to `to` (after `from`, up to and including `to`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut d = from;
        let mut n = 0;
        while d < to {
            d = d + Days::new(1);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }

    /// The working day a file received at `at` (local time) counts as received on.
    pub fn received_on(&self, at: NaiveDateTime) -> NaiveDate {
        let cut_off = NaiveTime::from_hms_opt(CUT_OFF_HOUR, 0, 0).expect("a valid hour");
        let mut d = at.date();
        if at.time() >= cut_off || !self.is_working_day(d) {
            d = self.add_working_days(d, 1);
        }
        d
    }

    /// The last day to settle a file received at `at` with a limit of `limit` working
    /// days (0: the same day it counts as received).
    pub fn due_date(&self, at: NaiveDateTime, limit: u32) -> NaiveDate {
        self.add_working_days(self.received_on(at), limit)
    }
}

/// The years of a calendar file (`[[year]]` tables), each checked.
pub fn years_from_toml(text: &str) -> Result<Vec<Year>, CalendarError> {
    let file: File = toml::from_str(text).map_err(|e| CalendarError::Unreadable(e.message().to_string()))?;
    for y in &file.year {
        Calendar::solar_only().set_year(y.clone())?;
    }
    Ok(file.year)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
#[path = "workdays_tests.rs"]
mod tests;
