use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn the_shipped_calendar_loads_and_knows_tet() {
    let c = Calendar::default();
    assert_eq!(c.known_years(), [2025, 2026, 2027]);
    // Tết Bính Ngọ: Monday 16/2 to Friday 20/2/2026 off.
    for d in 16..=20 {
        assert!(!c.is_working_day(day(2026, 2, d)), "{d}/2/2026");
    }
    assert!(c.is_working_day(day(2026, 2, 23)));
    // A swapped Saturday is worked: 26/4/2025 for Friday 2/5/2025.
    assert!(c.is_working_day(day(2025, 4, 26)) && !c.is_working_day(day(2025, 5, 2)));
    // A year not given gets the solar holidays only.
    assert!(!c.is_working_day(day(2030, 4, 30)) && c.is_working_day(day(2030, 2, 4)));
}

#[test]
fn weekends_and_holidays_are_skipped() {
    let c = Calendar::default();
    // Friday 2026-12-04 + 2 working days = Tuesday 2026-12-08.
    assert_eq!(c.add_working_days(day(2026, 12, 4), 2), day(2026, 12, 8));
    // Wednesday 29/4/2026: 30/4 and 1/5 are holidays, 2–3/5 a weekend.
    assert_eq!(c.add_working_days(day(2026, 4, 29), 1), day(2026, 5, 4));
    assert_eq!(c.working_days_between(day(2026, 12, 4), day(2026, 12, 8)), 2);
}

#[test]
fn due_dates_count_from_the_day_after_and_the_cut_off_moves_a_day() {
    let c = Calendar::default();
    // Thursday 3/12/2026 at 14:59, 7 working days (thường trú): Friday, then 6 from Monday.
    assert_eq!(c.received_on(at(2026, 12, 3, 14, 59)), day(2026, 12, 3));
    assert_eq!(c.due_date(at(2026, 12, 3, 14, 59), 7), day(2026, 12, 14));
    // At 15:00 it counts from Friday: one day later.
    assert_eq!(c.received_on(at(2026, 12, 3, 15, 0)), day(2026, 12, 4));
    assert_eq!(c.due_date(at(2026, 12, 3, 15, 0), 7), day(2026, 12, 15));
    // Friday after 15:00 and Saturday both count as Monday.
    assert_eq!(c.received_on(at(2026, 12, 4, 16, 30)), day(2026, 12, 7));
    assert_eq!(c.received_on(at(2026, 12, 5, 9, 0)), day(2026, 12, 7));
    // Same-day procedures: the day it counts as received.
    assert_eq!(c.due_date(at(2026, 12, 4, 10, 0), 0), day(2026, 12, 4));
    assert_eq!(c.due_date(at(2026, 12, 4, 15, 1), 0), day(2026, 12, 7));
}

#[test]
fn tet_stops_the_clock() {
    let c = Calendar::default();
    // Received Thursday 12/2/2026 morning, 3 working days: Friday 13/2, then Tết
    // (Monday 16 – Friday 20/2), then Monday 23 and Tuesday 24/2.
    assert_eq!(c.due_date(at(2026, 2, 12, 9, 0), 3), day(2026, 2, 24));
    // Received on the eve at 15:30 (Friday 13/2): counts from Monday 23/2.
    assert_eq!(c.received_on(at(2026, 2, 13, 15, 30)), day(2026, 2, 23));
    assert_eq!(c.due_date(at(2026, 2, 13, 15, 30), 0), day(2026, 2, 23));
    // Filed during Tết: received Monday 23/2, 7 days → Wednesday 4/3.
    assert_eq!(c.due_date(at(2026, 2, 18, 10, 0), 7), day(2026, 3, 4));
    // Without Tết in the calendar the same file would be due a week earlier.
    assert_eq!(Calendar::solar_only().due_date(at(2026, 2, 12, 9, 0), 3), day(2026, 2, 17));
}

#[test]
fn a_ward_sets_a_year_and_bad_years_are_refused_with_the_reason() {
    let mut c = Calendar::default();
    let y2028 =
        Year { year: 2028, source: String::new(), days_off: vec![day(2028, 1, 26)], workdays: vec![] };
    c.set_year(y2028).unwrap();
    assert!(!c.is_working_day(day(2028, 1, 26)));
    let weekend =
        Year { year: 2028, source: String::new(), days_off: vec![day(2028, 1, 29)], workdays: vec![] };
    let err = c.set_year(weekend).unwrap_err().to_string();
    assert!(err.contains("29/01/2028 là ngày cuối tuần"), "{err}");
    let wrong_year =
        Year { year: 2028, source: String::new(), days_off: vec![day(2029, 1, 2)], workdays: vec![] };
    assert!(c.set_year(wrong_year).unwrap_err().to_string().contains("không thuộc năm 2028"));
    assert!(matches!(Calendar::from_toml("[[year]]\nyear = 'x'"), Err(CalendarError::Unreadable(_))));
}
