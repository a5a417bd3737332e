//! Queries as officers type them, made from the ward's own records so that each has
//! answers, and what counts as a right answer.

use std::collections::HashMap;

use motcua_core::record::RegisterRecord;
use motcua_core::text::fold;

/// The birth year of a record, if its date has one.
pub fn birth_year(r: &RegisterRecord) -> Option<&str> {
    r.ngay_sinh.as_deref()?.split(['/', '-']).find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Every prefix of `text` an officer sees while typing it, one per keystroke.
pub fn keystrokes(text: &str) -> Vec<String> {
    text.char_indices()
        .filter(|&(i, _)| i > 0)
        .map(|(i, _)| text[..i].to_string())
        .chain([text.to_string()])
        .collect()
}

/// The query with one typo in its longest word of four letters or more: in turn two
/// letters swapped, one dropped, one doubled, one replaced by its keyboard neighbour.
pub fn with_one_typo(q: &str, i: usize) -> Option<String> {
    let words: Vec<&str> = q.split(' ').collect();
    let (at, word) = words.iter().enumerate().filter(|(_, w)| w.len() >= 4).max_by_key(|(_, w)| w.len())?;
    let mut c: Vec<char> = word.chars().collect();
    let mid = c.len() / 2;
    match i % 4 {
        0 => c.swap(mid - 1, mid),
        1 => {
            c.remove(mid);
        }
        2 => c.insert(mid, c[mid]),
        _ => c[mid] = neighbour(c[mid]),
    }
    let typo: String = c.into_iter().collect();
    if typo == *word {
        return None;
    }
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[at] = typo;
    Some(out.join(" "))
}

/// A key next to `c` on a QWERTY keyboard.
fn neighbour(c: char) -> char {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    for row in ROWS {
        if let Some(i) = row.find(c) {
            let b = row.as_bytes();
            return char::from(if i + 1 < b.len() { b[i + 1] } else { b[i - 1] });
        }
    }
    'x'
}

/// Which records a query means, for recall: those indistinguishable from its source
/// record by what the query says (the same folded name, and birth year when the query
/// has it). A name alone cannot single out one of a city's homonyms; recall@10 asks
/// that the first ten hits be such records, `min(10, |relevant|)` of them.
pub struct Relevance {
    by_name: HashMap<String, Vec<usize>>,
    by_name_year: HashMap<(String, String), Vec<usize>>,
}

impl Relevance {
    pub fn new(records: &[RegisterRecord]) -> Relevance {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name_year: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            let name = fold(&r.ho_ten);
            if let Some(y) = birth_year(r) {
                by_name_year.entry((name.clone(), y.to_string())).or_default().push(i);
            }
            by_name.entry(name).or_default().push(i);
        }
        Relevance { by_name, by_name_year }
    }

    pub fn relevant(&self, r: &RegisterRecord, with_year: bool) -> &[usize] {
        let name = fold(&r.ho_ten);
        let found = if with_year {
            birth_year(r).and_then(|y| self.by_name_year.get(&(name, y.to_string())))
        } else {
            self.by_name.get(&name)
        };
        found.map_or(&[], Vec::as_slice)
    }
}

/// Recall@10 of one query: the share of the first ten hits' places that relevant
/// records fill, out of as many as there are (up to ten).
pub fn recall_at_10(hits: &[String], relevant: &[usize], records: &[RegisterRecord]) -> f64 {
    let want = relevant.len().min(10);
    if want == 0 {
        return 1.0;
    }
    let found =
        hits.iter().take(10).filter(|h| relevant.iter().any(|&i| records[i].ma_ban_ghi == **h)).count();
    found.min(want) as f64 / want as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_one_edit_in_the_longest_word() {
        assert_eq!(with_one_typo("nguyen thi lan", 0).as_deref(), Some("ngyuen thi lan"));
        assert_eq!(with_one_typo("nguyen thi lan", 1).as_deref(), Some("nguen thi lan"));
        assert_eq!(with_one_typo("nguyen thi lan", 2).as_deref(), Some("nguyyen thi lan"));
        assert_eq!(with_one_typo("nguyen thi lan", 3).as_deref(), Some("nguuen thi lan"));
        assert_eq!(with_one_typo("le an", 0), None, "no word long enough");
    }

    #[test]
    fn keystrokes_end_with_the_whole_query() {
        assert_eq!(keystrokes("lê a"), ["l", "lê", "lê ", "lê a"]);
    }
}
