//! Expanding a typed word into the register's words it may mean: itself, the words it
//! starts (typeahead), and, where either word has four letters or more, the words one
//! typo away (a letter wrong, missing, extra, or two neighbours swapped).

use super::index::{Vocab, WordPlan};

/// Below this length on both sides there is no typo tolerance: one edit in "an" or
/// "lan" is another name. "mih" for "minh" (a letter dropped) is a typo.
const MIN_TYPO_LEN: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordMatch {
    /// A letter wrong, missing or extra.
    Typo,
    /// Two neighbouring letters swapped: the commonest slip at a keyboard, so "laon"
    /// is Loan before Lan.
    Swap,
    Prefix,
    Whole,
}

/// Points of a name word's match: diacritics as typed beat folded matches, whole words
/// beat prefixes, prefixes beat typos.
pub(super) mod points {
    pub const EXACT: u8 = 100;
    pub const WHOLE: u8 = 80;
    pub const EXACT_PREFIX: u8 = 60;
    pub const PREFIX: u8 = 50;
    pub const SWAP: u8 = 44;
    pub const TYPO: u8 = 40;
    /// Street words count for less than name words: they narrow, names identify.
    pub const STREET_WHOLE: u8 = 50;
    pub const STREET_PREFIX: u8 = 30;
    pub const STREET_TYPO: u8 = 20;
}

/// How a name word typed as `typed` (normalized, lower case) and folded as `folded`
/// scores against the name vocabularies; against the words as written only when
/// `exact` is given (the query was typed with marks).
pub(super) fn name_word(names: &Vocab, exact: Option<&Vocab>, folded: &str, typed: &str) -> WordPlan {
    let mut plan = plan_over(names, |w| match classify(folded, w)? {
        WordMatch::Whole => Some(points::WHOLE),
        WordMatch::Prefix => Some(points::PREFIX),
        WordMatch::Swap => Some(points::SWAP),
        WordMatch::Typo => Some(points::TYPO),
    });
    if let Some(exact) = exact {
        plan.exact_points = exact
            .words
            .iter()
            .map(|w| match () {
                _ if **w == *typed => points::EXACT,
                // Typed with marks: "lâ" prefers Lâm to Lan.
                _ if typed != folded && w.starts_with(typed) => points::EXACT_PREFIX,
                _ => 0,
            })
            .collect();
    }
    plan
}

/// How an address word scores against the street vocabulary. A house or lane number
/// matches only itself, unless it is the word still being typed.
pub(super) fn street_word(streets: &Vocab, folded: &str, still_typing: bool) -> WordPlan {
    let is_number = folded.bytes().next().is_some_and(|b| b.is_ascii_digit());
    plan_over(streets, |w| match classify(folded, w)? {
        WordMatch::Whole => Some(points::STREET_WHOLE),
        WordMatch::Prefix if !is_number || still_typing => Some(points::STREET_PREFIX),
        WordMatch::Typo | WordMatch::Swap if !is_number => Some(points::STREET_TYPO),
        _ => None,
    })
}

fn plan_over(vocab: &Vocab, score: impl Fn(&str) -> Option<u8>) -> WordPlan {
    let mut plan =
        WordPlan { points: vec![0; vocab.len()], exact_points: Vec::new(), tokens: Vec::new(), estimate: 0 };
    for (id, w) in vocab.words.iter().enumerate() {
        if let Some(p) = score(w) {
            plan.points[id] = p;
            plan.tokens.push(id as u32);
            plan.estimate += vocab.postings[id].len();
        }
    }
    plan
}

/// How a register word answers a typed (folded) word, if it does.
pub fn classify(typed: &str, token: &str) -> Option<WordMatch> {
    if token == typed {
        return Some(WordMatch::Whole);
    }
    if token.starts_with(typed) {
        return Some(WordMatch::Prefix);
    }
    if typed.len().max(token.len()) >= MIN_TYPO_LEN {
        return one_edit(typed.as_bytes(), token.as_bytes());
    }
    None
}

/// Optimal-string-alignment distance exactly 1 (one substitution, insertion, deletion
/// or swap of neighbours), in one pass without allocating: it runs against every word
/// of the vocabulary on each keystroke. Folded Vietnamese words are ASCII; in a word
/// with other letters a byte edit is stricter than a letter edit, which only withholds
/// a typo match.
fn one_edit(a: &[u8], b: &[u8]) -> Option<WordMatch> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return None;
    }
    let Some(i) = short.iter().zip(long).position(|(x, y)| x != y) else {
        // Equal, or one extra letter at the end.
        return (long.len() != short.len()).then_some(WordMatch::Typo);
    };
    let (same, kind) = if short.len() == long.len() {
        let swapped = i + 1 < short.len() && short[i] == long[i + 1] && short[i + 1] == long[i];
        let rest = if swapped { i + 2 } else { i + 1 };
        (short[rest..] == long[rest..], if swapped { WordMatch::Swap } else { WordMatch::Typo })
    } else {
        (short[i..] == long[i + 1..], WordMatch::Typo)
    };
    same.then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_whole_prefix_and_one_typo() {
        assert_eq!(classify("nguyen", "nguyen"), Some(WordMatch::Whole));
        assert_eq!(classify("ngu", "nguyen"), Some(WordMatch::Prefix));
        assert_eq!(classify("nguyne", "nguyen"), Some(WordMatch::Swap), "swapped letters");
        assert_eq!(classify("ngyen", "nguyen"), Some(WordMatch::Typo), "missing letter");
        assert_eq!(classify("nguyenn", "nguyen"), Some(WordMatch::Typo), "extra letter");
        assert_eq!(classify("nguyan", "nguyen"), Some(WordMatch::Typo), "wrong letter");
        assert_eq!(classify("nguuan", "nguyen"), None, "two edits");
        assert_eq!(classify("lam", "lan"), None, "short words need exactness");
        assert_eq!(classify("mih", "minh"), Some(WordMatch::Typo), "a letter dropped from a longer word");
        assert_eq!(classify("laon", "loan"), Some(WordMatch::Swap));
        assert!(classify("laon", "loan") > classify("laon", "lan"), "a swap is likelier than a drop");
    }

    #[test]
    fn one_edit_agrees_with_strsim_on_every_pair_of_a_small_alphabet() {
        // Every word of up to five letters over {a, b, c} against every other.
        let mut words: Vec<String> = vec![String::new()];
        for len in 1..=5 {
            let prev: Vec<String> = words.iter().filter(|w| w.len() == len - 1).cloned().collect();
            for w in prev {
                for c in ['a', 'b', 'c'] {
                    words.push(format!("{w}{c}"));
                }
            }
        }
        for a in &words {
            for b in &words {
                let want = strsim::osa_distance(a, b) == 1;
                assert_eq!(one_edit(a.as_bytes(), b.as_bytes()).is_some(), want, "{a:?} vs {b:?}");
            }
        }
    }
}
