//! Understanding what was typed into the one search box.

use crate::date::PartialDate;
use crate::idnum;
use crate::{phone, text};

/// One meaningful piece of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A name word: folded key, and the normalized lower-case form as typed (to reward
    /// an exact diacritic match).
    Word { folded: String, typed: String },
    /// A full 12-digit personal identification number.
    IdNumber(String),
    /// A 9-digit old identity card number.
    OldId(String),
    /// A mobile number in the one stored form.
    Phone(String),
    /// Three or more digits that may start an ID number, old ID or phone.
    DigitsPrefix(String),
    /// A household (residence file) number such as `HS000372`.
    Household(String),
    /// A birth date, possibly only a year or month and year.
    BirthDate(PartialDate),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let input = input.trim();
        // A chip card's QR code, scanned by a keyboard-wedge reader into the box:
        // `number|old CMND|full name|ddmmyyyy|sex|address|ddmmyyyy issue` (TT 59/2021).
        if input.contains('|') {
            let fields: Vec<&str> = input.split('|').map(str::trim).collect();
            if let Some(n) = fields.first().filter(|f| idnum::is_id_number(f)) {
                return Query { terms: vec![Term::IdNumber(n.to_string())] };
            }
            if let Some(n) = fields.get(1).filter(|f| idnum::is_old_id_number(f)) {
                return Query { terms: vec![Term::OldId(n.to_string())] };
            }
        }
        // A number typed in groups (`0912 345 678`, `0912.345.678`) is one number.
        let is_grouped_number = input.chars().all(|c| c.is_ascii_digit() || " .-+".contains(c))
            && input.chars().filter(char::is_ascii_digit).count() >= 9;
        if is_grouped_number {
            let joined: String = input.chars().filter(|c| !" .-".contains(*c)).collect();
            return Query { terms: vec![classify(&joined)] };
        }
        let mut terms = Vec::new();
        for raw in input.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
            if raw.is_empty() {
                continue;
            }
            terms.push(classify(raw));
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.terms.iter().filter_map(|t| match t {
            Term::Word { folded, typed } => Some((folded.as_str(), typed.as_str())),
            _ => None,
        })
    }
}

fn classify(raw: &str) -> Term {
    let digits_only = raw.bytes().all(|b| b.is_ascii_digit());
    if digits_only {
        if raw.len() == 4 {
            let year: i32 = raw.parse().unwrap_or(0);
            if (1900..=2100).contains(&year) {
                return Term::BirthDate(PartialDate::year(year));
            }
        }
        if idnum::is_id_number(raw) {
            return Term::IdNumber(raw.to_string());
        }
        if idnum::is_old_id_number(raw) {
            return Term::OldId(raw.to_string());
        }
        if let Some(p) = phone::normalize(raw) {
            return Term::Phone(p);
        }
        if raw.len() >= 3 {
            return Term::DigitsPrefix(raw.to_string());
        }
    }
    if raw.starts_with("+84") {
        if let Some(p) = phone::normalize(raw) {
            return Term::Phone(p);
        }
    }
    if raw.contains(['/', '-', '.']) {
        if let Ok(d) = PartialDate::parse(raw) {
            return Term::BirthDate(d);
        }
    }
    let upper = raw.to_ascii_uppercase();
    if upper.len() > 2 && upper.starts_with("HS") && upper[2..].bytes().all(|b| b.is_ascii_digit()) {
        return Term::Household(upper);
    }
    Term::Word { folded: text::fold(raw), typed: text::normalize(raw).to_lowercase() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(folded: &str, typed: &str) -> Term {
        Term::Word { folded: folded.into(), typed: typed.into() }
    }

    #[test]
    fn names_and_dates_mix() {
        let q = Query::parse("nguyen thi lan 1968");
        assert_eq!(
            q.terms,
            vec![
                word("nguyen", "nguyen"),
                word("thi", "thi"),
                word("lan", "lan"),
                Term::BirthDate(PartialDate::year(1968))
            ]
        );
        let q = Query::parse("Lan Nguyễn 12/03/1968");
        assert_eq!(q.terms[1], word("nguyen", "nguyễn"));
        assert_eq!(q.terms[2], Term::BirthDate(PartialDate::full(1968, 3, 12).unwrap()));
        assert_eq!(
            Query::parse("03/1968").terms,
            vec![Term::BirthDate(PartialDate::month(1968, 3).unwrap())]
        );
    }

    #[test]
    fn numbers_are_recognized_by_shape() {
        assert_eq!(Query::parse("001089552813").terms, vec![Term::IdNumber("001089552813".into())]);
        assert_eq!(Query::parse("434017303").terms, vec![Term::OldId("434017303".into())]);
        assert_eq!(Query::parse("0912345678").terms, vec![Term::Phone("0912345678".into())]);
        assert_eq!(Query::parse("+84912345678").terms, vec![Term::Phone("0912345678".into())]);
        assert_eq!(Query::parse("0912 345 678").terms, vec![Term::Phone("0912345678".into())]);
        assert_eq!(Query::parse("001 089 552 813").terms, vec![Term::IdNumber("001089552813".into())]);
        assert_eq!(Query::parse("00108").terms, vec![Term::DigitsPrefix("00108".into())]);
        assert_eq!(Query::parse("hs000372").terms, vec![Term::Household("HS000372".into())]);
    }

    #[test]
    fn chip_card_qr_payload_finds_the_number() {
        let q = Query::parse(
            "001089552813|434017303|Nguyễn Tuấn Thuận|20021989|Nam|Số 123 phố Cửa Bắc, Ba Đình, Hà Nội|01012022",
        );
        assert_eq!(q.terms, vec![Term::IdNumber("001089552813".into())]);
    }
}
