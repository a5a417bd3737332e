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
    /// A word of an address's street part (house or lane number, street name), folded.
    /// `still_typing`: the last word, with no space after it yet.
    Street { folded: String, still_typing: bool },
    /// A residential group by its key (`tổ 5` → `5`), as [`super::keys::group_key`] gives.
    Group(String),
    /// A full 12-digit personal identification number.
    IdNumber(String),
    /// A 9-digit old identity card number.
    OldId(String),
    /// A mobile number in the one stored form.
    Phone(String),
    /// Digits that may start an ID number, old ID or phone: four or more, or three
    /// with a leading zero.
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
        let input_ends_with_space = input.ends_with(char::is_whitespace);
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
        let raws: Vec<&str> = input
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|r| !r.is_empty())
            .collect();
        let open_end = !input_ends_with_space;
        let mut terms = Vec::new();
        // Once a house number or a street word shows, the rest of the words are the address.
        let mut address = false;
        let mut i = 0;
        while i < raws.len() {
            if let Some((key, used)) = group_at(&raws[i..]) {
                terms.push(Term::Group(key));
                i += used;
                continue;
            }
            let last = i + 1 == raws.len();
            match classify(raws[i]) {
                Term::Word { folded, typed } => {
                    address |= is_house_number(&folded) || starts_address(&folded, &typed);
                    if address {
                        let pieces: Vec<&str> =
                            folded.split(['/', '-', '.']).filter(|p| !p.is_empty()).collect();
                        let n = pieces.len();
                        for (k, p) in pieces.into_iter().enumerate() {
                            terms.push(Term::Street {
                                folded: p.to_string(),
                                still_typing: last && open_end && k + 1 == n,
                            });
                        }
                    } else {
                        terms.push(Term::Word { folded, typed });
                    }
                }
                other => terms.push(other),
            }
            i += 1;
        }
        Query { terms }
    }

    /// The same query with its name words read as street words: what an officer meant
    /// by `kim ma` when no name has those words.
    pub fn names_as_streets(&self) -> Query {
        let last_word = self.terms.iter().rposition(|t| matches!(t, Term::Word { .. }));
        let terms = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| match t {
                Term::Word { folded, .. } => {
                    Term::Street { folded: folded.clone(), still_typing: Some(i) == last_word }
                }
                other => other.clone(),
            })
            .collect();
        Query { terms }
    }

    pub fn has_streets(&self) -> bool {
        self.terms.iter().any(|t| matches!(t, Term::Street { .. }))
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

/// `tổ 5`, `tdp 5`, `tổ dân phố số 5`, `thôn 3`, `to5`: a group key and how many words
/// it took.
fn group_at(raws: &[&str]) -> Option<(String, usize)> {
    let number = |w: &str| -> Option<String> {
        (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let t = w.trim_start_matches('0');
            if t.is_empty() { "0".to_string() } else { t.to_string() }
        })
    };
    let first = text::fold(raws.first()?);
    for lead in ["tdp", "thon", "to"] {
        if let Some(n) = first.strip_prefix(lead).and_then(number) {
            return Some((n, 1));
        }
    }
    if !["to", "tdp", "thon"].contains(&first.as_str()) {
        return None;
    }
    // Type words may follow (`tổ dân phố số`), then the number.
    for (used, raw) in raws.iter().enumerate().take(5).filter(|&(used, _)| used > 0) {
        let w = text::fold(raw);
        if let Some(n) = number(&w) {
            return Some((n, used + 1));
        }
        if !["dan", "pho", "so"].contains(&w.as_str()) {
            return None;
        }
    }
    None
}

/// A house or lane number: `12`, `12a`, `5/7`. Not a number that may start an ID
/// (those have four digits or more, or a leading zero).
fn is_house_number(folded: &str) -> bool {
    let digits = folded.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &folded[digits..];
    (1..=3).contains(&digits)
        && !folded.starts_with('0')
        && rest.len() <= 3
        && rest.bytes().all(|b| b.is_ascii_lowercase() || b"/-.0123456789".contains(&b))
}

/// Words that start the street part of an address. Without marks only the ones no
/// name shares: `duong` and `ngo` are also the names Dương and Ngô.
fn starts_address(folded: &str, typed: &str) -> bool {
    const FOLDED: [&str; 5] = ["so", "pho", "ngach", "hem", "kiet"];
    const TYPED: [&str; 9] = ["số", "phố", "đường", "ngõ", "ngách", "hẻm", "kiệt", "xóm", "ấp"];
    FOLDED.contains(&folded) || TYPED.contains(&typed)
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
        // Three digits without a leading zero are a house number, not an ID being typed.
        if raw.len() >= 4 || (raw.len() == 3 && raw.starts_with('0')) {
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

    fn street(folded: &str, still_typing: bool) -> Term {
        Term::Street { folded: folded.into(), still_typing }
    }

    #[test]
    fn a_house_number_or_street_word_starts_the_address() {
        assert_eq!(
            Query::parse("lan 12 cua bac").terms,
            vec![word("lan", "lan"), street("12", false), street("cua", false), street("bac", true)]
        );
        assert_eq!(
            Query::parse("số 5/7 phố Cửa Bắc ").terms,
            vec![
                street("so", false),
                street("5", false),
                street("7", false),
                street("pho", false),
                street("cua", false),
                street("bac", false)
            ]
        );
        // Dương and Ngô are names; with their marks đường and ngõ are streets.
        assert_eq!(Query::parse("duong van ngo").terms[0], word("duong", "duong"));
        assert_eq!(Query::parse("ngõ 5").terms, vec![street("ngo", false), street("5", true)]);
        assert_eq!(Query::parse("1968").terms, vec![Term::BirthDate(PartialDate::year(1968))]);
        assert_eq!(Query::parse("012").terms, vec![Term::DigitsPrefix("012".into())]);
    }

    #[test]
    fn residential_groups_by_number() {
        for q in ["tổ 5", "to 05", "tdp 5", "TDP5", "tổ dân phố số 5", "to dan pho 5"] {
            assert_eq!(Query::parse(q).terms, vec![Term::Group("5".into())], "{q}");
        }
        assert_eq!(
            Query::parse("nguyen lan thon 3").terms,
            vec![word("nguyen", "nguyen"), word("lan", "lan"), Term::Group("3".into())]
        );
        assert_eq!(Query::parse("tô lâm").terms, vec![word("to", "tô"), word("lam", "lâm")], "Tô is a name");
    }

    #[test]
    fn names_can_be_reread_as_streets() {
        let q = Query::parse("kim ma").names_as_streets();
        assert_eq!(q.terms, vec![street("kim", false), street("ma", true)]);
    }
}
