//! Splitting a free-text address into parts and reading each part's unit type and name
//! key, whatever the spelling: with or without diacritics, abbreviated ("P.", "Q.",
//! "TP", "Tx", "TT"), zero-padded numbers ("Phường 01").

use crate::text::fold;

/// The administrative level a part names, when it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Province,
    /// "Thành phố": a province-level city, or a district-level city of the old scheme.
    City,
    District,
    Commune,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part as written, trimmed.
    pub text: String,
    pub kind: Option<Kind>,
    /// The type word as folded (`phuong`, `xa`, `quan`, ...), for disambiguation.
    pub type_word: Option<&'static str>,
    /// Folded name without its type word; numbers without leading zeros.
    pub key: String,
}

/// Type words, folded, longest first so `thi xa` wins over `xa`.
const TYPES: [(&str, Kind); 9] = [
    ("thanh pho", Kind::City),
    ("thi tran", Kind::Commune),
    ("thi xa", Kind::District),
    ("dac khu", Kind::Commune),
    ("phuong", Kind::Commune),
    ("huyen", Kind::District),
    ("quan", Kind::District),
    ("tinh", Kind::Province),
    ("xa", Kind::Commune),
];

/// Abbreviations written before a name, folded.
const ABBREVIATIONS: [(&str, &str); 10] = [
    ("tp", "thanh pho"),
    ("t.p", "thanh pho"),
    ("tx", "thi xa"),
    ("tt", "thi tran"),
    ("p", "phuong"),
    ("q", "quan"),
    ("h", "huyen"),
    ("x", "xa"),
    ("t", "tinh"),
    ("dk", "dac khu"),
];

pub fn split(address: &str) -> Vec<Part> {
    address.split(',').map(str::trim).filter(|p| !p.is_empty()).map(read_part).collect()
}

pub fn read_part(text: &str) -> Part {
    let folded = expand_abbreviation(&fold(text));
    for (word, kind) in TYPES {
        if let Some(rest) = folded.strip_prefix(word).and_then(|r| r.strip_prefix(' ')) {
            return Part {
                text: text.to_string(),
                kind: Some(kind),
                type_word: Some(word),
                key: name_key(rest),
            };
        }
    }
    Part { text: text.to_string(), kind: None, type_word: None, key: name_key(&folded) }
}

/// The comparable form of a unit's name: folded, single-spaced, hyphens as spaces,
/// numbers without leading zeros (`01` and `1` are the same ward).
pub fn name_key(folded: &str) -> String {
    folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii_digit()) {
                w.trim_start_matches('0').to_string()
            } else {
                w.to_string()
            }
        })
        .map(|w| if w.is_empty() { "0".to_string() } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `p. ba dinh`, `p.ba dinh`, `tp ha noi`, `tp.hcm` → the type word spelled out.
fn expand_abbreviation(folded: &str) -> String {
    for (abbr, full) in ABBREVIATIONS {
        let Some(rest) = folded.strip_prefix(abbr) else { continue };
        let rest = if let Some(r) = rest.strip_prefix('.') {
            r.trim_start()
        } else if let Some(r) = rest.strip_prefix(' ') {
            r.trim_start()
        } else {
            continue;
        };
        if !rest.is_empty() {
            return format!("{full} {rest}");
        }
    }
    folded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_types_and_keys_in_every_spelling() {
        let cases = [
            ("Phường Ba Đình", Some(Kind::Commune), "ba dinh"),
            ("P. Ba Đình", Some(Kind::Commune), "ba dinh"),
            ("p.ba dinh", Some(Kind::Commune), "ba dinh"),
            ("Q. Ba Đình", Some(Kind::District), "ba dinh"),
            ("TP Hà Nội", Some(Kind::City), "ha noi"),
            ("Tp. Hồ Chí Minh", Some(Kind::City), "ho chi minh"),
            ("Tx Sơn Tây", Some(Kind::District), "son tay"),
            ("Thị xã Sơn Tây", Some(Kind::District), "son tay"),
            ("TT. Phùng", Some(Kind::Commune), "phung"),
            ("Xã Tân Phú", Some(Kind::Commune), "tan phu"),
            ("Tỉnh Bà Rịa - Vũng Tàu", Some(Kind::Province), "ba ria vung tau"),
            ("Phường 01", Some(Kind::Commune), "1"),
            ("Hà Nội", None, "ha noi"),
        ];
        for (text, kind, key) in cases {
            let p = read_part(text);
            assert_eq!((p.kind, p.key.as_str()), (kind, key), "{text}");
        }
    }

    #[test]
    fn a_name_starting_like_an_abbreviation_is_left_alone() {
        assert_eq!(read_part("Phú Thọ").key, "phu tho");
        assert_eq!(read_part("Xuân Phương").kind, None);
        assert_eq!(read_part("Hà Tĩnh").key, "ha tinh");
    }

    #[test]
    fn splits_on_commas_only() {
        let parts = split("Số 12 phố Quán Thánh,  Phường Ba Đình , Thành phố Hà Nội");
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].text, "Số 12 phố Quán Thánh");
    }
}
