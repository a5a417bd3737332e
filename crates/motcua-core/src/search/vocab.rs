//! Expanding a typed name word into the register's words it may mean: itself, the
//! words it starts (typeahead), and, for words of four letters or more, the words one
//! typo away (a letter wrong, missing, extra, or two letters swapped).

use rusqlite::Connection;

/// Words shorter than this get no typo tolerance: one edit in "an" or "le" is another name.
const MIN_TYPO_LEN: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordMatch {
    Typo,
    Prefix,
    Whole,
}

/// The register's words a typed word may mean, with how many persons carry them.
#[derive(Debug, Default)]
pub struct Expansion {
    pub tokens: Vec<String>,
    pub persons: i64,
}

pub struct Vocabulary {
    words: Vec<(String, i64)>,
}

impl Vocabulary {
    pub fn load(conn: &Connection) -> rusqlite::Result<Vocabulary> {
        let mut stmt = conn.prepare_cached("SELECT token, persons FROM name_vocabulary WHERE persons > 0")?;
        let words = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(Vocabulary { words })
    }

    pub fn expand(&self, typed: &str) -> Expansion {
        let mut e = Expansion::default();
        for (token, persons) in &self.words {
            if classify(typed, token).is_some() {
                e.tokens.push(token.clone());
                e.persons += persons;
            }
        }
        e
    }
}

/// How a register word answers a typed (folded) word, if it does.
pub fn classify(typed: &str, token: &str) -> Option<WordMatch> {
    if token == typed {
        return Some(WordMatch::Whole);
    }
    if token.starts_with(typed) {
        return Some(WordMatch::Prefix);
    }
    let (a, b) = (typed.chars().count(), token.chars().count());
    if a >= MIN_TYPO_LEN && a.abs_diff(b) <= 1 && strsim::osa_distance(typed, token) == 1 {
        return Some(WordMatch::Typo);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_whole_prefix_and_one_typo() {
        assert_eq!(classify("nguyen", "nguyen"), Some(WordMatch::Whole));
        assert_eq!(classify("ngu", "nguyen"), Some(WordMatch::Prefix));
        assert_eq!(classify("nguyne", "nguyen"), Some(WordMatch::Typo), "swapped letters");
        assert_eq!(classify("ngyen", "nguyen"), Some(WordMatch::Typo), "missing letter");
        assert_eq!(classify("nguyenn", "nguyen"), Some(WordMatch::Typo), "extra letter");
        assert_eq!(classify("nguyan", "nguyen"), Some(WordMatch::Typo), "wrong letter");
        assert_eq!(classify("nguuan", "nguyen"), None, "two edits");
        assert_eq!(classify("lam", "lan"), None, "short words need exactness");
    }
}
