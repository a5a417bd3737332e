//! Working days: Monday to Friday, less the fixed public holidays of the solar calendar
//! (Bộ luật Lao động 2019, Art. 112: 1/1, 30/4, 1/5, 2/9 and the day before or after it).
//! Tết and Giỗ Tổ follow the lunar calendar and are given per year by the ward.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Holidays that move with the lunar calendar, set per year.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    pub extra_holidays: Vec<NaiveDate>,
}

impl Calendar {
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        let fixed = matches!((d.month(), d.day()), (1, 1) | (4, 30) | (5, 1) | (9, 1) | (9, 2));
        !weekend && !fixed && !self.extra_holidays.contains(&d)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekends_and_fixed_holidays_are_skipped() {
        let c = Calendar::default();
        // Friday 2026-12-04 + 2 working days = Tuesday 2026-12-08.
        assert_eq!(c.add_working_days(day(2026, 12, 4), 2), day(2026, 12, 8));
        // Wednesday 29/4/2026: 30/4 and 1/5 are holidays, 2–3/5 a weekend.
        assert_eq!(c.add_working_days(day(2026, 4, 29), 1), day(2026, 5, 4));
        assert_eq!(c.working_days_between(day(2026, 12, 4), day(2026, 12, 8)), 2);
        let tet = Calendar { extra_holidays: vec![day(2027, 2, 8)] };
        assert_eq!(tet.add_working_days(day(2027, 2, 5), 1), day(2027, 2, 9));
    }
}
