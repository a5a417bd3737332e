//! Administrative units: the 2025 two-level scheme (province, commune), the legacy
//! three-level scheme (province, district, commune) and the mapping between them.
//!
//! A commune code alone is ambiguous: new communes often reuse a predecessor's code
//! with a new name and boundary (new Phường Ba Đình = 00004 = old Phường Trúc Bạch).
//! So the scheme is part of every type here, and codes of the two schemes never mix.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub(crate) const UNITS_2025_CSV: &str = include_str!("../data/units-2025.csv");
pub(crate) const UNITS_LEGACY_CSV: &str = include_str!("../data/units-legacy.csv");
pub(crate) const LEGACY_TO_2025_CSV: &str = include_str!("../data/legacy-to-2025.csv");

/// A commune-level unit (xã, phường, đặc khu) of the scheme in force since 1/7/2025.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit2025 {
    pub province_code: String,
    pub province: String,
    pub ward_code: String,
    pub ward: String,
    pub ward_type: String,
}

/// A commune-level unit of the scheme before 1/7/2025. Island districts had no
/// communes: for them `ward_code` and `ward` are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLegacy {
    pub province_code: String,
    pub province: String,
    pub district_code: String,
    pub district: String,
    pub ward_code: String,
    pub ward: String,
}

/// One edge of the old→new mapping. `whole` is false when the legacy commune was split;
/// `default` marks the successor that took most of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyMapping {
    pub legacy_ward_code: String,
    pub ward_code_2025: String,
    pub whole: bool,
    pub default: bool,
}

fn parse<T>(csv_text: &str, row: impl Fn(&csv::StringRecord) -> T) -> Vec<T> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| row(&r.expect("vendored administrative-unit CSV is valid")))
        .collect()
}

pub fn units_2025() -> &'static [Unit2025] {
    static LIST: OnceLock<Vec<Unit2025>> = OnceLock::new();
    LIST.get_or_init(|| {
        parse(UNITS_2025_CSV, |r| Unit2025 {
            province_code: r[0].to_string(),
            province: r[1].to_string(),
            ward_code: r[2].to_string(),
            ward: r[3].to_string(),
            ward_type: r[4].to_string(),
        })
    })
}

pub fn units_legacy() -> &'static [UnitLegacy] {
    static LIST: OnceLock<Vec<UnitLegacy>> = OnceLock::new();
    LIST.get_or_init(|| {
        parse(UNITS_LEGACY_CSV, |r| UnitLegacy {
            province_code: r[0].to_string(),
            province: r[1].to_string(),
            district_code: r[2].to_string(),
            district: r[3].to_string(),
            ward_code: r[4].to_string(),
            ward: r[5].to_string(),
        })
    })
}

pub fn legacy_to_2025() -> &'static [LegacyMapping] {
    static LIST: OnceLock<Vec<LegacyMapping>> = OnceLock::new();
    LIST.get_or_init(|| {
        parse(LEGACY_TO_2025_CSV, |r| LegacyMapping {
            legacy_ward_code: r[0].to_string(),
            ward_code_2025: r[1].to_string(),
            whole: &r[2] == "1",
            default: &r[3] == "1",
        })
    })
}

pub fn unit_2025(ward_code: &str) -> Option<&'static Unit2025> {
    units_2025().iter().find(|u| u.ward_code == ward_code)
}

pub fn unit_legacy(ward_code: &str) -> Option<&'static UnitLegacy> {
    if ward_code.is_empty() {
        return None;
    }
    units_legacy().iter().find(|u| u.ward_code == ward_code)
}

/// Legacy communes that became (wholly or partly) the given 2025 commune.
pub fn predecessors(ward_code_2025: &str) -> Vec<&'static UnitLegacy> {
    legacy_to_2025()
        .iter()
        .filter(|m| m.ward_code_2025 == ward_code_2025)
        .filter_map(|m| unit_legacy(&m.legacy_ward_code))
        .collect()
}

/// 2025 communes for a picker: `query` is a code (or its first digits), or words that
/// each begin a word of the commune's or province's name, with or without diacritics
/// ("ba dinh ha noi", "P Ba Đình"). Communes whose own name matches come first.
pub fn find_2025(query: &str, limit: usize) -> Vec<&'static Unit2025> {
    let q = crate::text::fold(query);
    let words: Vec<&str> = q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() == 1 && words[0].bytes().all(|b| b.is_ascii_digit()) {
        return units_2025().iter().filter(|u| u.ward_code.starts_with(words[0])).take(limit).collect();
    }
    let mut found: Vec<(bool, &Unit2025)> = units_2025()
        .iter()
        .filter_map(|u| {
            let ward = crate::text::fold(&u.ward);
            let all = format!("{ward} {}", crate::text::fold(&u.province));
            let begins = |w: &str| {
                all.split(' ').any(|n| n.starts_with(w) || (w.len() == 1 && is_unit_abbreviation(w, n)))
            };
            if !words.iter().all(|w| begins(w)) {
                return None;
            }
            let in_ward = words.iter().all(|w| ward.split(' ').any(|n| n.starts_with(w)));
            Some((in_ward, u))
        })
        .collect();
    found.sort_by_key(|(in_ward, u)| (!in_ward, u.ward.len()));
    found.into_iter().take(limit).map(|(_, u)| u).collect()
}

/// "p" for phường, "x" for xã, as officers abbreviate them.
fn is_unit_abbreviation(w: &str, name_word: &str) -> bool {
    matches!((w, name_word), ("p", "phuong") | ("x", "xa"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communes_are_found_by_code_or_by_words_without_marks() {
        assert_eq!(find_2025("00004", 5)[0].ward, "Phường Ba Đình");
        let names: Vec<&str> = find_2025("ba dinh ha noi", 5).iter().map(|u| u.ward.as_str()).collect();
        assert_eq!(names.first(), Some(&"Phường Ba Đình"), "{names:?}");
        let names: Vec<&str> = find_2025("P Ba Đình", 5).iter().map(|u| u.ward.as_str()).collect();
        assert_eq!(names.first(), Some(&"Phường Ba Đình"), "{names:?}");
        assert!(find_2025("ha noi", 500).iter().all(|u| u.province == "Thành phố Hà Nội"));
        assert!(find_2025("zzz", 5).is_empty());
        assert!(find_2025("  ", 5).is_empty());
    }

    #[test]
    fn scheme_2025_has_34_provinces_and_3321_communes() {
        let units = units_2025();
        assert_eq!(units.len(), 3321);
        let mut provinces: Vec<&str> = units.iter().map(|u| u.province_code.as_str()).collect();
        provinces.sort_unstable();
        provinces.dedup();
        assert_eq!(provinces.len(), 34);
    }

    #[test]
    fn codes_are_reused_across_schemes() {
        assert_eq!(unit_2025("00004").unwrap().ward, "Phường Ba Đình");
        assert_eq!(unit_legacy("00004").unwrap().ward, "Phường Trúc Bạch");
    }

    #[test]
    fn ba_dinh_has_its_predecessors() {
        let names: Vec<&str> = predecessors("00004").iter().map(|u| u.ward.as_str()).collect();
        assert!(names.contains(&"Phường Trúc Bạch"), "{names:?}");
        assert!(names.contains(&"Phường Quán Thánh"), "{names:?}");
    }

    #[test]
    fn every_mapping_points_at_known_units() {
        for m in legacy_to_2025() {
            assert!(unit_2025(&m.ward_code_2025).is_some(), "{m:?}");
            assert!(unit_legacy(&m.legacy_ward_code).is_some(), "{m:?}");
        }
    }
}
