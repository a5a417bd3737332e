//! Lookup tables over the vendored administrative units, keyed by folded names.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::parts::{name_key, read_part};
use crate::admin::{self, LegacyMapping, Unit2025, UnitLegacy};

pub struct Index {
    /// Province name key → 2025 province code.
    pub provinces_2025: HashMap<String, String>,
    /// Province name key → legacy province code.
    pub provinces_legacy: HashMap<String, String>,
    /// (2025 province code, commune key) → communes.
    pub communes_2025: HashMap<(String, String), Vec<&'static Unit2025>>,
    /// Commune key → 2025 communes anywhere, for addresses with no province.
    pub communes_2025_any: HashMap<String, Vec<&'static Unit2025>>,
    /// (legacy province code, district key, commune key) → legacy communes.
    pub communes_legacy: HashMap<(String, String, String), Vec<&'static UnitLegacy>>,
    /// (legacy province code, commune key) → legacy communes in any district.
    pub communes_legacy_any_district: HashMap<(String, String), Vec<&'static UnitLegacy>>,
    /// Legacy commune code → its mapping rows.
    pub successors: HashMap<&'static str, Vec<&'static LegacyMapping>>,
}

fn key_of(name: &str) -> String {
    read_part(name).key
}

/// Other ways people write a province: the common short forms of the two big cities.
const PROVINCE_ALIASES: [(&str, &str); 4] =
    [("hcm", "ho chi minh"), ("tphcm", "ho chi minh"), ("sai gon", "ho chi minh"), ("hn", "ha noi")];

pub fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build)
}

fn build() -> Index {
    let mut provinces_2025 = HashMap::new();
    let mut communes_2025: HashMap<(String, String), Vec<&'static Unit2025>> = HashMap::new();
    let mut communes_2025_any: HashMap<String, Vec<&'static Unit2025>> = HashMap::new();
    for u in admin::units_2025() {
        provinces_2025.insert(key_of(&u.province), u.province_code.clone());
        let key = key_of(&u.ward);
        communes_2025.entry((u.province_code.clone(), key.clone())).or_default().push(u);
        communes_2025_any.entry(key).or_default().push(u);
    }
    let mut provinces_legacy = HashMap::new();
    let mut communes_legacy: HashMap<(String, String, String), Vec<&'static UnitLegacy>> = HashMap::new();
    let mut communes_legacy_any_district: HashMap<(String, String), Vec<&'static UnitLegacy>> =
        HashMap::new();
    for u in admin::units_legacy() {
        provinces_legacy.insert(key_of(&u.province), u.province_code.clone());
        if u.ward.is_empty() {
            continue;
        }
        let (district, ward) = (key_of(&u.district), key_of(&u.ward));
        communes_legacy.entry((u.province_code.clone(), district, ward.clone())).or_default().push(u);
        communes_legacy_any_district.entry((u.province_code.clone(), ward)).or_default().push(u);
    }
    for (alias, name) in PROVINCE_ALIASES {
        if let Some(code) = provinces_2025.get(name).cloned() {
            provinces_2025.insert(name_key(alias), code);
        }
        if let Some(code) = provinces_legacy.get(name).cloned() {
            provinces_legacy.insert(name_key(alias), code);
        }
    }
    let mut successors: HashMap<&'static str, Vec<&'static LegacyMapping>> = HashMap::new();
    for m in admin::legacy_to_2025() {
        successors.entry(m.legacy_ward_code.as_str()).or_default().push(m);
    }
    Index {
        provinces_2025,
        provinces_legacy,
        communes_2025,
        communes_2025_any,
        communes_legacy,
        communes_legacy_any_district,
        successors,
    }
}
