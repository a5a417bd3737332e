//! Vietnamese text: NFC normalization, canonical tone placement, name casing and the
//! folded keys used for search and matching.
//!
//! Sources mix NFC and NFD and both tone placements (`hoà`/`hòa`), so everything that
//! compares text goes through [`normalize`] or [`fold`]. The original text is never
//! replaced: callers store these forms beside it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC, trimmed, inner whitespace runs collapsed to one space, canonical tone placement.
pub fn normalize(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let words: Vec<String> = nfc.split_whitespace().map(canonical_tone_placement).collect();
    words.join(" ")
}

/// [`normalize`], then each word capitalized: the form a personal name is displayed in.
pub fn normalize_name(s: &str) -> String {
    normalize(s).split(' ').map(capitalize).collect::<Vec<_>>().join(" ")
}

/// The folded key: marks removed, đ→d, lower case, words separated by one space.
///
/// `đ` has no Unicode decomposition, so removing combining marks alone leaves it.
pub fn fold(s: &str) -> String {
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
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
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

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Nguyễn Thị Lan".nfd().collect();
        assert_ne!(nfd, "Nguyễn Thị Lan");
        assert_eq!(normalize(&nfd), "Nguyễn Thị Lan");
    }

    #[test]
    fn names_are_spaced_and_cased() {
        assert_eq!(normalize_name("  NGUYỄN   thị  LAN "), "Nguyễn Thị Lan");
        assert_eq!(normalize_name("đặng văn đức"), "Đặng Văn Đức");
    }

    #[test]
    fn open_syllables_get_one_tone_placement() {
        assert_eq!(normalize("hoà"), "hòa");
        assert_eq!(normalize("Thuý"), "Thúy");
        assert_eq!(normalize("khoẻ"), "khỏe");
        assert_eq!(normalize("Hoà"), "Hòa");
        assert_eq!(normalize("hòa"), "hòa");
    }

    #[test]
    fn closed_and_qu_gi_syllables_are_never_rewritten() {
        for w in ["hoàn", "Huỳnh", "quý", "Quý", "già", "suýt", "Thuận", "Hoàng", "khuya"] {
            assert_eq!(normalize(w), w, "{w}");
        }
    }

    #[test]
    fn fold_removes_marks_and_maps_d() {
        assert_eq!(fold("Đặng  Thị Hoà"), "dang thi hoa");
        assert_eq!(fold("NGUYỄN"), "nguyen");
        let nfd: String = "Lưu Đức Huỳnh".nfd().collect();
        assert_eq!(fold(&nfd), "luu duc huynh");
    }

    #[test]
    fn folding_merges_names_that_differ_only_in_marks() {
        assert_eq!(fold("Hòa"), fold("Hóa"));
        assert_eq!(fold("Hòa"), fold("Hoa"));
    }
}
