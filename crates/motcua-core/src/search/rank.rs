//! Ordering candidates: exact diacritics before folded matches, whole words before
//! prefixes, prefixes before typo matches, then a stable order so the same query
//! always lists the same way.

use super::vocab::{WordMatch, classify};
use super::{Query, SearchHit, Term};

pub(super) struct Candidate {
    pub ho_ten_norm: String,
    pub ho_ten_fold: String,
    pub hit: SearchHit,
}

pub(super) fn rank(query: &Query, candidates: &mut [Candidate]) {
    let words: Vec<(&str, &str)> = query.words().collect();
    let has_date = query.terms.iter().any(|t| matches!(t, Term::BirthDate(_)));
    for c in candidates.iter_mut() {
        c.hit.score = score(&words, has_date, c);
    }
    candidates.sort_by(|a, b| {
        b.hit
            .score
            .total_cmp(&a.hit.score)
            .then_with(|| a.ho_ten_fold.cmp(&b.ho_ten_fold))
            .then_with(|| a.hit.ma_ban_ghi.cmp(&b.hit.ma_ban_ghi))
    });
}

fn score(words: &[(&str, &str)], has_date: bool, c: &Candidate) -> f64 {
    if words.is_empty() {
        // Number, household or date lookups: every candidate matched exactly.
        return 1.0;
    }
    let folded_tokens: Vec<&str> = c.ho_ten_fold.split(' ').collect();
    let lower = c.ho_ten_norm.to_lowercase();
    let exact_tokens: Vec<&str> = lower.split(' ').collect();
    let mut total = 0.0;
    for (folded, typed) in words {
        let best = folded_tokens.iter().filter_map(|t| classify(folded, t)).max();
        total += match best {
            _ if exact_tokens.contains(typed) => 1.0,
            Some(WordMatch::Whole) => 0.8,
            Some(WordMatch::Prefix) => 0.5,
            Some(WordMatch::Typo) => 0.4,
            None => 0.0,
        };
    }
    let mut s = total / words.len() as f64;
    // All the name's words typed: the person named, not one sharing a word.
    if words.len() == folded_tokens.len() {
        s += 0.1;
    }
    if has_date {
        s += 0.05;
    }
    (s / 1.15).min(1.0)
}
