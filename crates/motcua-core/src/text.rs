//! Vietnamese text: NFC normalization, canonical tone placement, name casing and the
//! folded keys used for search and matching.
//!
//! Sources mix NFC and NFD and both tone placements (`hoà`/`hòa`), so everything that
//! compares text goes through [`normalize`] or [`fold`]. The original text is never
//! replaced: callers store these forms beside it.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC, trimmed, inner whitespace runs collapsed to one space, canonical tone placement.
pub fn normalize(s: &str) -> String {
    // Most cells are already NFC (or plain ASCII); skip the re-composition then. This
    // runs on every text cell of every imported row.
    let nfc: Cow<'_, str> = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if may_need_tone_placement(word) {
            out.push_str(&canonical_tone_placement(word));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// [`normalize`], or `None` when the text is already in that form, which most cells
/// are: decided in one pass without allocating (this runs on every text cell of every
/// imported row).
pub fn normalize_if_changed(s: &str) -> Option<String> {
    if !is_settled(s) {
        let n = normalize(s);
        if n != s {
            return Some(n);
        }
    }
    None
}

/// Single spaces only, none at the ends, NFC, and no word whose tone may move.
fn is_settled(s: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut plain_nfc = true;
    for c in s.chars() {
        if c == ' ' {
            match (before_prev, prev) {
                (_, None) | (_, Some(' ')) => return false,
                (Some(b), Some(p)) if may_need_tone_placement_pair(b, p) => return false,
                _ => {}
            }
        } else if c.is_whitespace() {
            return false;
        }
        // Latin letters below the combining marks, and the Vietnamese precomposed
        // block, are NFC by themselves; anything else is left to the full check.
        let u = c as u32;
        plain_nfc &= u < 0x300 || (0x1E00..=0x1EFF).contains(&u);
        before_prev = prev;
        prev = Some(c);
    }
    match (before_prev, prev) {
        (_, Some(' ')) => return false,
        (Some(b), Some(p)) if may_need_tone_placement_pair(b, p) => return false,
        _ => {}
    }
    plain_nfc || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// Whether a (NFC) word ends in `o`/`u` then `a`/`e`/`y`, marks aside: the only words
/// [`canonical_tone_placement`] may rewrite.
fn may_need_tone_placement(word: &str) -> bool {
    let mut rev = word.chars().rev();
    let (Some(last), Some(before)) = (rev.next(), rev.next()) else { return false };
    may_need_tone_placement_pair(before, last)
}

fn may_need_tone_placement_pair(before: char, last: char) -> bool {
    if last.is_ascii() && before.is_ascii() {
        // No mark on either: nothing to move.
        return false;
    }
    let base = |c: char| {
        let mut first = c;
        unicode_normalization::char::decompose_canonical(c, |b| {
            if first == c {
                first = b;
            }
        });
        first.to_ascii_lowercase()
    };
    matches!(base(before), 'o' | 'u') && matches!(base(last), 'a' | 'e' | 'y')
}

/// [`normalize`], then each word capitalized: the form a personal name is displayed in.
pub fn normalize_name(s: &str) -> String {
    let name = normalize(s).split(' ').map(capitalize).collect::<Vec<_>>().join(" ");
    // A capital can lack a precomposed form (Greek ῗ): compose again, so that a name
    // normalizes to itself.
    if unicode_normalization::is_nfc(&name) { name } else { name.nfc().collect() }
}

/// The folded key: marks removed, đ→d, lower case, words separated by one space.
///
/// `đ` has no Unicode decomposition, so removing combining marks alone leaves it.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for w in s.split(|c: char| c.is_ascii_whitespace() || c == '\u{b}').filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether the text is already in the form [`normalize`] gives.
pub fn is_normalized(s: &str) -> bool {
    normalize(s) == s
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        None => String::new(),
        // Only the first letter of a capital that is several (ß → SS): "Ss", which
        // capitalizes to itself, where "SS" would not.
        Some(first) => {
            let mut upper = first.to_uppercase();
            upper
                .next()
                .into_iter()
                .chain(upper.flat_map(char::to_lowercase))
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        }
    }
}

/// The tone marks as combining characters (grave, acute, hook above, tilde, dot below).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// Puts the tone of an open `oa`/`oe`/`uy` syllable on its first vowel (`hoà` → `hòa`),
/// leaving every other syllable untouched.
///
/// Both placements are accepted for these open syllables only; the one chosen here is
/// the traditional one (`hòa`, `thúy`, `khỏe`) that register extracts mostly carry. Closed syllables (`hoàn`, `huỳnh`) have one correct form, and
/// syllables starting with `qu`/`gi` (`quý`, `già`) are not `uy`/`ia` diphthongs, so
/// they are never rewritten.
fn canonical_tone_placement(word: &str) -> String {
    let decomposed: Vec<char> = word.nfd().collect();
    let Some(tone_pos) = decomposed.iter().position(|c| TONES.contains(c)) else {
        return word.to_string();
    };
    let tone = decomposed[tone_pos];
    // Base letters (with their vowel-quality marks such as the circumflex) without the tone.
    let base: String = decomposed
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != tone_pos)
        .map(|(_, c)| *c)
        .collect::<String>()
        .nfc()
        .collect();
    let lower: Vec<char> = base.chars().flat_map(char::to_lowercase).collect();
    if lower.len() != base.chars().count() {
        return word.to_string();
    }
    let Some(first_vowel) = lower.iter().position(|c| is_vowel(*c)) else {
        return word.to_string();
    };
    let onset: String = lower[..first_vowel].iter().collect();
    // `qu` and `gi` onsets: the u/i belongs to the onset, not to the vowel cluster.
    if onset == "q" || (onset == "g" && lower.get(first_vowel) == Some(&'i')) {
        return word.to_string();
    }
    let pair = (lower.get(first_vowel), lower.get(first_vowel + 1));
    let is_target = matches!(pair, (Some('o'), Some('a')) | (Some('o'), Some('e')) | (Some('u'), Some('y')));
    let is_open = first_vowel + 2 == lower.len();
    if !is_target || !is_open {
        return word.to_string();
    }
    let target = first_vowel;
    let mut out = String::with_capacity(word.len() + 2);
    for (i, c) in base.chars().enumerate() {
        out.push(c);
        if i == target {
            out.push(tone);
        }
    }
    out.nfc().collect()
}

fn is_vowel(c: char) -> bool {
    // Strip vowel-quality marks (ă, â, ê, ô, ơ, ư) to get the base letter.
    let base = c.to_string().nfd().next().unwrap_or(c);
    matches!(base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, normalize(input)).
    const NORMALIZE: &[(&str, &str)] = &[
        // NFD becomes NFC.
        ("Nguye\u{302}\u{303}n Thi\u{323} Lan", "Nguyễn Thị Lan"),
        ("Tra\u{302}\u{300}n Thi\u{323} Hoa\u{300}", "Trần Thị Hòa"),
        // Open oa/oe/uy syllables: the tone goes on the first vowel, in any case.
        ("hoà", "hòa"),
        ("Hoà", "Hòa"),
        ("HOÀ", "HÒA"),
        ("hoá", "hóa"),
        ("hoả", "hỏa"),
        ("hoã", "hõa"),
        ("hoạ", "họa"),
        ("khoẻ", "khỏe"),
        ("xoè", "xòe"),
        ("thuý", "thúy"),
        ("Thuỷ", "Thủy"),
        ("uỷ", "ủy"),
        ("tuỳ", "tùy"),
        ("luỹ", "lũy"),
        ("Thuỵ", "Thụy"),
        ("Lê Thị Thuý Hoà", "Lê Thị Thúy Hòa"),
        // Already in that form.
        ("hòa", "hòa"),
        ("thúy", "thúy"),
        // Closed syllables have one correct form: never rewritten.
        ("hoàn", "hoàn"),
        ("Hoàng", "Hoàng"),
        ("Huỳnh", "Huỳnh"),
        ("Thuận", "Thuận"),
        ("toán", "toán"),
        ("khuyết", "khuyết"),
        ("Nguyễn", "Nguyễn"),
        ("suýt", "suýt"),
        ("ngoài", "ngoài"),
        ("khuỷu", "khuỷu"),
        ("khuya", "khuya"),
        // qu- and gi- onsets: the u and i belong to the onset.
        ("quý", "quý"),
        ("Quý", "Quý"),
        ("quỳ", "quỳ"),
        ("Quỳnh", "Quỳnh"),
        ("quà", "quà"),
        ("quạ", "quạ"),
        ("già", "già"),
        ("giá", "giá"),
        ("giỏi", "giỏi"),
        // Spacing.
        ("  Nguyễn   Thị  Lan ", "Nguyễn Thị Lan"),
        ("Lan\tAnh\u{a0}Thư", "Lan Anh Thư"),
        ("", ""),
    ];

    #[test]
    fn normalize_table() {
        for (input, want) in NORMALIZE {
            assert_eq!(normalize(input), *want, "{input:?}");
            assert!(is_normalized(want), "{want:?} is a fixed point");
            let changed = normalize_if_changed(input);
            assert_eq!(changed.as_deref().unwrap_or(input), *want, "{input:?}");
            assert_eq!(changed.is_none(), input == want, "{input:?}");
        }
    }

    #[test]
    fn name_table() {
        for (input, want) in [
            ("  NGUYỄN   thị  LAN ", "Nguyễn Thị Lan"),
            ("đặng văn đức", "Đặng Văn Đức"),
            ("LÊ THỊ HOÀ", "Lê Thị Hòa"),
            ("nguyễn văn a", "Nguyễn Văn A"),
            ("ĐINH quý", "Đinh Quý"),
            // Found by the fuzzer: capitalizing must not change on a second pass.
            ("ß", "Ss"),
            ("ῗ", "Ϊ\u{342}"),
        ] {
            assert_eq!(normalize_name(input), want, "{input:?}");
        }
    }

    #[test]
    fn fold_table() {
        let nfd: String = "Lưu Đức Huỳnh".nfd().collect();
        for (input, want) in [
            ("Đặng  Thị Hoà", "dang thi hoa"),
            ("NGUYỄN", "nguyen"),
            (nfd.as_str(), "luu duc huynh"),
            ("  Le   VAN  an ", "le van an"),
            ("Hòa", "hoa"),
            ("Hóa", "hoa"),
            ("Hoa", "hoa"),
            ("Ngô Quý Đạt", "ngo quy dat"),
        ] {
            assert_eq!(fold(input), want, "{input:?}");
        }
    }

    #[test]
    fn both_tone_placements_fold_and_normalize_alike() {
        for (a, b) in [("hoà", "hòa"), ("Thuý", "Thúy"), ("khoẻ", "khỏe"), ("uỷ", "ủy")] {
            assert_eq!(normalize(a), normalize(b));
            assert_eq!(fold(a), fold(b));
        }
    }
}
