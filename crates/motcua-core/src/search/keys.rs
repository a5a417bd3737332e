//! The searchable keys of a record, derived the same way for the index and the query:
//! name words, the street part of an address, the residential group, the birth date.

use crate::address::read_part;
use crate::date::PartialDate;
use crate::text::fold;

/// A name word as written (normalized, lower case) and folded; `None` for a word that
/// folds to nothing (stray marks).
pub fn name_word(word: &str) -> Option<(String, String)> {
    let folded = fold(word);
    (!folded.is_empty()).then(|| (word.to_lowercase(), folded))
}

/// The folded words of the part of an address before its administrative units
/// (`Số 12 ngõ 5 phố Kim Mã, Phường Giảng Võ, Hà Nội` → `so 12 ngo 5 pho kim ma`):
/// the ward and province are the same for a whole register and say nothing.
#[cfg(test)]
pub fn street_words(address: &str) -> Vec<String> {
    let parts = address.split(',').map(str::trim).filter(|p| !p.is_empty());
    let street = parts.take_while(|p| !names_a_unit(p));
    street.flat_map(str::split_whitespace).flat_map(street_word_pieces).collect()
}

/// Whether a comma part of an address names an administrative unit (`Phường Ba Đình`,
/// `P. Ba Đình`, `TP Hà Nội`), where the street part ends.
pub fn names_a_unit(part: &str) -> bool {
    // Every unit type word and abbreviation starts with one of these letters; most
    // street parts start otherwise (`Số 12`, a number), and skip the full reading.
    let first = part.chars().next().map(|c| fold(c.encode_utf8(&mut [0; 4])));
    first.is_some_and(|f| f.starts_with(['t', 'd', 'p', 'h', 'q', 'x'])) && read_part(part).kind.is_some()
}

/// The folded pieces of one word of a street part (`5/7` → `5`, `7`).
pub fn street_word_pieces(word: &str) -> Vec<String> {
    fold(word).split(['/', '-', '.']).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// What identifies a residential group within a register: its number without leading
/// zeros (`Tổ dân phố số 05` → `5`, `Thôn 3` → `3`), else its folded name without
/// the type words (`Thôn Đông` → `dong`).
pub fn group_key(to_dan_pho: &str) -> Option<String> {
    let folded = fold(to_dan_pho);
    let words: Vec<&str> = folded.split([' ', '.']).filter(|w| !w.is_empty()).collect();
    if let Some(n) = words.iter().rev().find(|w| w.bytes().all(|b| b.is_ascii_digit())) {
        let trimmed = n.trim_start_matches('0');
        return Some(if trimmed.is_empty() { "0".into() } else { trimmed.into() });
    }
    let name: Vec<&str> = words.into_iter().filter(|w| !GROUP_TYPE_WORDS.contains(w)).collect();
    (!name.is_empty()).then(|| name.join(" "))
}

/// Words that say "residential group" rather than name one, folded.
pub const GROUP_TYPE_WORDS: [&str; 9] = ["to", "dan", "pho", "tdp", "so", "thon", "ban", "khom", "ap"];

/// A partial date in one `u32`: year, month and day bit fields, zero where unknown.
/// Zero altogether means no readable date.
pub fn pack_date(d: &PartialDate) -> u32 {
    let year = d.year.clamp(0, 0x7FFFF) as u32;
    (year << 9) | (u32::from(d.month.unwrap_or(0)) << 5) | u32::from(d.day.unwrap_or(0))
}

/// [`pack_date`] of a stored date (`yyyy`, `yyyy-mm`, `yyyy-mm-dd`, as the store writes
/// them and nothing else), read without allocating: it runs once a person per build.
pub fn pack_stored_date(stored: Option<&str>) -> u32 {
    let Some(b) = stored.map(str::as_bytes) else { return 0 };
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let d = b.get(r)?;
        d.iter().all(u8::is_ascii_digit).then(|| d.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
    };
    let parsed = match b.len() {
        4 => num(0..4).map(|y| (y, 0, 0)),
        7 if b[4] == b'-' => num(0..4).zip(num(5..7)).map(|(y, m)| (y, m, 0)),
        10 if b[4] == b'-' && b[7] == b'-' => {
            num(0..4).zip(num(5..7)).zip(num(8..10)).map(|((y, m), d)| (y, m, d))
        }
        _ => None,
    };
    match parsed {
        Some((y, m, d)) if m <= 12 && d <= 31 => (y.min(0x7FFFF) << 9) | (m << 5) | d,
        _ => 0,
    }
}

/// The year alone of a date cell that did not parse as a real date, if it has one
/// (`30/02/2014` → 2014).
pub fn pack_year_of(cell: &str) -> u32 {
    let year =
        cell.split(['/', '-', '.', ' ']).find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()));
    year.and_then(|y| y.parse::<i32>().ok()).map_or(0, |y| pack_date(&PartialDate::year(y)))
}

/// Whether a record's packed birth date can be the query's: the parts both know agree
/// (a record known only to the year is a candidate for any date in that year).
pub fn dates_agree(record: u32, query: u32) -> bool {
    if record == 0 {
        return false;
    }
    let part = |v: u32| (v >> 9, (v >> 5) & 0xF, v & 0x1F);
    let (ry, rm, rd) = part(record);
    let (qy, qm, qd) = part(query);
    ry == qy && (rm == 0 || qm == 0 || rm == qm) && (rd == 0 || qd == 0 || rd == qd)
}

/// Whether the record's date is at least as precise as the query's, for ranking.
pub fn date_as_precise(record: u32, query: u32) -> bool {
    let precision = |v: u32| u8::from((v >> 5) & 0xF != 0) + u8::from(v & 0x1F != 0);
    precision(record) >= precision(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_part_stops_at_the_first_administrative_unit() {
        assert_eq!(
            street_words("Số 12 ngõ 5 phố Kim Mã, Phường Giảng Võ, Thành phố Hà Nội"),
            ["so", "12", "ngo", "5", "pho", "kim", "ma"]
        );
        assert_eq!(street_words("Số 5/7 Cửa Bắc, P. Ba Đình, TP Hà Nội"), ["so", "5", "7", "cua", "bac"]);
        assert_eq!(street_words("Thôn 3, Xã Đông Anh, Hà Nội"), ["thon", "3"]);
        assert!(street_words("Phường Ba Đình, Hà Nội").is_empty());
    }

    #[test]
    fn groups_are_known_by_number_or_name() {
        assert_eq!(group_key("Tổ dân phố số 05").as_deref(), Some("5"));
        assert_eq!(group_key("TDP 5").as_deref(), Some("5"));
        assert_eq!(group_key("Thôn 3").as_deref(), Some("3"));
        assert_eq!(group_key("Thôn Đông").as_deref(), Some("dong"));
        assert_eq!(group_key("Tổ dân phố"), None);
    }

    #[test]
    fn stored_dates_pack_as_parsed_ones() {
        for s in ["1968", "1968-03", "1968-03-12", "2000-12-31"] {
            assert_eq!(pack_stored_date(Some(s)), pack_date(&PartialDate::parse(s).unwrap()), "{s}");
        }
        for s in ["", "68", "1968-3", "1968-13", "12/03/1968", "abcd"] {
            assert_eq!(pack_stored_date(Some(s)), 0, "{s}");
        }
        assert_eq!(pack_stored_date(None), 0);
        assert_eq!(pack_year_of("30/02/2014"), pack_date(&PartialDate::year(2014)));
        assert_eq!(pack_year_of("không rõ"), 0);
    }

    #[test]
    fn partial_dates_agree_on_what_both_know() {
        let p = |s: &str| pack_date(&PartialDate::parse(s).unwrap());
        assert!(dates_agree(p("1968"), p("12/03/1968")));
        assert!(dates_agree(p("12/03/1968"), p("1968")));
        assert!(dates_agree(p("03/1968"), p("12/03/1968")));
        assert!(!dates_agree(p("03/1968"), p("12/04/1968")));
        assert!(!dates_agree(p("12/03/1968"), p("13/03/1968")));
        assert!(!dates_agree(p("1968"), p("1969")));
        assert!(!dates_agree(0, p("1968")), "an unreadable date matches nothing");
        assert!(date_as_precise(p("12/03/1968"), p("1968")));
        assert!(!date_as_precise(p("1968"), p("12/03/1968")));
    }

    #[test]
    fn name_words_pair_written_and_folded_forms() {
        assert_eq!(name_word("Nguyễn"), Some(("nguyễn".into(), "nguyen".into())));
        assert_eq!(name_word("\u{301}"), None);
    }
}
