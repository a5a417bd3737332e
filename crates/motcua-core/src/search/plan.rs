//! From a parsed query to what the index asks of each person.

use super::index::{DATE_BONUS, FULL_NAME_BONUS, LEAD_BONUS, ORDER_BONUS, Plan, SearchIndex};
use super::keys::pack_date;
use super::vocab::{self, points};
use super::{NumberMatches, Query, Term};

/// Why nobody can match.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Unmatched {
    /// A name word no name in the register has, even one typo away.
    NameWord,
    /// A street word, group or number that nobody has.
    Other,
}

pub(super) fn plan(
    index: &SearchIndex,
    query: &Query,
    numbers: Option<&NumberMatches>,
) -> Result<Plan, Unmatched> {
    let mut plan = Plan::default();
    // A query typed without any marks says nothing about them: "nguyen thi lan" must
    // not prefer the few records written without marks to every Nguyễn Thị Lan.
    let marked = query.words().any(|(folded, typed)| folded != typed);
    // `nguyen thi lan 19`: a birth year being typed after a name. It narrows nothing
    // until it is a year, and is no house number.
    let typing_year = |i: usize, folded: &str| {
        i + 1 == query.terms.len()
            && folded.len() < 4
            && folded.bytes().all(|b| b.is_ascii_digit())
            && query.terms[..i].iter().any(|t| matches!(t, Term::Word { .. }))
    };
    for (i, term) in query.terms.iter().enumerate() {
        match term {
            Term::Word { folded, .. } | Term::Street { folded, .. } if typing_year(i, folded) => {}
            Term::Word { folded, typed } => {
                let w = vocab::name_word(&index.names, marked.then_some(&index.exact), folded, typed);
                if w.tokens.is_empty() {
                    return Err(Unmatched::NameWord);
                }
                plan.names.push(w);
            }
            Term::Street { folded, still_typing } => {
                let w = vocab::street_word(&index.streets, folded, *still_typing);
                if w.tokens.is_empty() {
                    return Err(Unmatched::Other);
                }
                plan.streets.push(w);
            }
            Term::Group(key) => plan.group = Some(index.groups.id(key).ok_or(Unmatched::Other)?),
            Term::BirthDate(d) => plan.birth = Some(pack_date(d)),
            Term::IdNumber(_)
            | Term::OldId(_)
            | Term::Phone(_)
            | Term::DigitsPrefix(_)
            | Term::Household(_) => {}
        }
    }
    if let Some(n) = numbers {
        let mut docs: Vec<u32> = n.persons.iter().filter_map(|&p| index.doc_of(p)).collect();
        if docs.is_empty() {
            return Err(Unmatched::Other);
        }
        docs.sort_unstable();
        plan.allowed = Some(docs);
    }
    Ok(plan)
}

/// A hit's points as a score in 0..=1: every word matched with its marks as typed,
/// the whole name typed and the birth date as precise as the query's make 1.
pub(super) fn score(points: u32, words: u32) -> f64 {
    if words == 0 {
        // Numbers, groups or dates alone: every hit matched exactly.
        return 1.0;
    }
    let best = f64::from(
        words * (u32::from(points::EXACT) + FULL_NAME_BONUS + ORDER_BONUS + LEAD_BONUS + DATE_BONUS),
    );
    (f64::from(points) / best).min(1.0)
}
