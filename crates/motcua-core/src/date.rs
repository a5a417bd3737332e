//! Dates as the register has them: often only a year, or a month and a year.
//!
//! Other systems pad a year-only date to 01/01 or 01/07, which then looks like a real
//! birthday. A [`PartialDate`] keeps exactly what is known.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar date of which the month, or the month and day, may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    /// Only ever `Some` when `month` is.
    pub day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("không đọc được ngày \"{0}\" (dùng dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)")]
    Unreadable(String),
    #[error("ngày \"{0}\" không tồn tại")]
    NoSuchDate(String),
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    pub fn month(year: i32, month: u8) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDate(format!("{month:02}/{year}")));
        }
        Ok(PartialDate { year, month: Some(month), day: None })
    }

    pub fn full(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDate(format!("{day:02}/{month:02}/{year}")));
        }
        Ok(PartialDate { year, month: Some(month), day: Some(day) })
    }

    /// Parses the forms the register format allows: `dd/mm/yyyy`, `mm/yyyy`, `yyyy` and
    /// ISO `yyyy-mm-dd` (also `yyyy-mm`). Day and month may have one digit; `-` and `.`
    /// are accepted as separators in the Vietnamese order.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let t = s.trim();
        let unreadable = || DateError::Unreadable(s.to_string());
        let num = |p: &str, max_len: usize| -> Result<u32, DateError> {
            if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(unreadable());
            }
            p.parse().map_err(|_| unreadable())
        };
        let year = |p: &str| -> Result<i32, DateError> {
            if p.len() != 4 {
                return Err(unreadable());
            }
            Ok(num(p, 4)? as i32)
        };
        // ISO: the year comes first.
        if t.len() >= 7 && t.as_bytes()[4] == b'-' {
            let parts: Vec<&str> = t.split('-').collect();
            return match parts.as_slice() {
                [y, m] => Self::month(year(y)?, num(m, 2)? as u8),
                [y, m, d] => Self::full(year(y)?, num(m, 2)? as u8, num(d, 2)? as u8),
                _ => Err(unreadable()),
            };
        }
        let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
        match parts.as_slice() {
            [y] => Ok(Self::year(year(y)?)),
            [m, y] => Self::month(year(y)?, num(m, 2)? as u8),
            [d, m, y] => Self::full(year(y)?, num(m, 2)? as u8, num(d, 2)? as u8),
            _ => Err(unreadable()),
        }
    }

    /// The ISO-like storage form: `yyyy`, `yyyy-mm` or `yyyy-mm-dd`. It sorts correctly
    /// as text and never invents a day or month.
    pub fn to_storage(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    pub fn is_partial(&self) -> bool {
        self.day.is_none()
    }

    /// Age in whole years on `on`, where it can be known; for a partial date, the age
    /// assuming the latest possible birthday (so it never overstates).
    pub fn age_on(&self, on: PartialDate) -> i32 {
        let mut age = on.year - self.year;
        let birthday = (self.month.unwrap_or(12), self.day.unwrap_or(31));
        let today = (on.month.unwrap_or(1), on.day.unwrap_or(1));
        if today < birthday {
            age -= 1;
        }
        age
    }
}

/// Displays in the Vietnamese order: `dd/mm/yyyy`, `mm/yyyy` or `yyyy`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d:02}/{m:02}/{:04}", self.year),
            (Some(m), None) => write!(f, "{m:02}/{:04}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

pub fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_allowed_form() {
        assert_eq!(PartialDate::parse("12/03/1968").unwrap(), PartialDate::full(1968, 3, 12).unwrap());
        assert_eq!(PartialDate::parse("1968-03-12").unwrap(), PartialDate::full(1968, 3, 12).unwrap());
        assert_eq!(PartialDate::parse("3/1968").unwrap(), PartialDate::month(1968, 3).unwrap());
        assert_eq!(PartialDate::parse(" 1968 ").unwrap(), PartialDate::year(1968));
        assert_eq!(PartialDate::parse("2.9.1945").unwrap(), PartialDate::full(1945, 9, 2).unwrap());
    }

    #[test]
    fn partial_dates_stay_partial() {
        let d = PartialDate::parse("1968").unwrap();
        assert!(d.is_partial());
        assert_eq!(d.to_storage(), "1968");
        assert_eq!(d.to_string(), "1968");
        assert_eq!(PartialDate::parse("03/1968").unwrap().to_storage(), "1968-03");
        assert_eq!(PartialDate::parse("03/1968").unwrap().to_string(), "03/1968");
    }

    #[test]
    fn storage_form_round_trips() {
        for s in ["1968", "1968-03", "1968-03-12"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_storage(), s);
        }
    }

    #[test]
    fn rejects_dates_that_do_not_exist() {
        assert!(matches!(PartialDate::parse("30/02/2001"), Err(DateError::NoSuchDate(_))));
        assert!(matches!(PartialDate::parse("29/02/1900"), Err(DateError::NoSuchDate(_))));
        assert!(PartialDate::parse("29/02/2000").is_ok());
        assert!(matches!(PartialDate::parse("13/1990"), Err(DateError::NoSuchDate(_))));
        assert!(matches!(PartialDate::parse("12/03/68"), Err(DateError::Unreadable(_))));
        assert!(matches!(PartialDate::parse("ngày 5"), Err(DateError::Unreadable(_))));
        assert!(matches!(PartialDate::parse(""), Err(DateError::Unreadable(_))));
    }

    #[test]
    fn age_never_overstates_for_partial_dates() {
        let on = PartialDate::full(2026, 6, 1).unwrap();
        assert_eq!(PartialDate::full(1968, 3, 12).unwrap().age_on(on), 58);
        assert_eq!(PartialDate::full(1968, 6, 2).unwrap().age_on(on), 57);
        assert_eq!(PartialDate::year(1968).age_on(on), 57);
    }
}
