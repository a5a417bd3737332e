//! Free-text addresses to administrative units.
//!
//! Register addresses come in the 2025 two-level form ("…, Phường Ba Đình, Thành phố Hà
//! Nội") or the legacy three-level form ("…, Phường Quán Thánh, Quận Ba Đình, Thành phố
//! Hà Nội"), with or without diacritics and with abbreviations. A legacy address is
//! resolved to its legacy commune and that commune's 2025 successors: a split commune
//! gives several candidates, each marked, never one guess presented as fact.

mod index;
mod parts;

use serde::Serialize;

use crate::admin::{Unit2025, UnitLegacy};
use index::index;
pub use parts::{Kind, Part, read_part, split};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedAddress {
    /// What stands before the commune: house number, lane, street, village.
    pub street: Option<String>,
    pub unit: UnitMatch,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum UnitMatch {
    /// Written in the 2025 units.
    Current { unit: &'static Unit2025 },
    /// Written in the pre-2025 units; `successors` are the 2025 communes it became.
    Legacy { unit: &'static UnitLegacy, successors: Vec<Successor> },
    /// Several 2025 communes fit what was written (no province, or a repeated name).
    Ambiguous { candidates: Vec<&'static Unit2025> },
    /// No administrative unit matches.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Successor {
    pub unit: &'static Unit2025,
    /// The whole legacy commune went to this one.
    pub whole: bool,
    /// The successor that took most of a split commune.
    pub default: bool,
}

pub fn parse(address: &str) -> ParsedAddress {
    let parts = split(address);
    let (unit, used) = resolve(&parts);
    let street_parts = &parts[..parts.len() - used];
    let street = (!street_parts.is_empty())
        .then(|| street_parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(", "));
    ParsedAddress { street, unit }
}

/// Resolves from the right; returns the match and how many trailing parts it used.
fn resolve(parts: &[Part]) -> (UnitMatch, usize) {
    let idx = index();
    let n = parts.len();
    if n == 0 {
        return (UnitMatch::Unknown, 0);
    }
    let province = &parts[n - 1];
    let is_province = matches!(province.kind, None | Some(Kind::Province) | Some(Kind::City));
    let p2025 = is_province.then(|| idx.provinces_2025.get(&province.key)).flatten();
    let plegacy = is_province.then(|| idx.provinces_legacy.get(&province.key)).flatten();
    if p2025.is_none() && plegacy.is_none() {
        // No province: a commune name alone, matched across the country.
        return (anywhere(province), 1);
    }
    if n == 1 {
        return (UnitMatch::Unknown, 0);
    }
    let next = &parts[n - 2];
    let is_district = matches!(next.kind, Some(Kind::District) | Some(Kind::City));
    if is_district && n >= 3 {
        if let Some(code) = plegacy {
            let commune = &parts[n - 3];
            let key = (code.clone(), next.key.clone(), commune.key.clone());
            if let Some(found) = idx.communes_legacy.get(&key) {
                if let Some(u) = pick_legacy(found, commune) {
                    return (legacy(u), 3);
                }
            }
        }
    }
    if let Some(code) = p2025 {
        if let Some(found) = idx.communes_2025.get(&(code.clone(), next.key.clone())) {
            let fitting = by_type_2025(found, next);
            match fitting.as_slice() {
                [one] => return (UnitMatch::Current { unit: one }, 2),
                [] => {}
                many => return (UnitMatch::Ambiguous { candidates: many.to_vec() }, 2),
            }
        }
    }
    // A legacy commune written without its district.
    if let Some(code) = plegacy {
        if let Some(found) = idx.communes_legacy_any_district.get(&(code.clone(), next.key.clone())) {
            if let Some(u) = pick_legacy(found, next) {
                return (legacy(u), 2);
            }
        }
    }
    (UnitMatch::Unknown, 1)
}

fn anywhere(part: &Part) -> UnitMatch {
    let Some(found) = index().communes_2025_any.get(&part.key) else {
        return UnitMatch::Unknown;
    };
    match by_type_2025(found, part).as_slice() {
        [] => UnitMatch::Unknown,
        [one] => UnitMatch::Current { unit: one },
        many => UnitMatch::Ambiguous { candidates: many.to_vec() },
    }
}

/// Narrows units whose folded names collide: first by the written type word, then, if
/// several remain, by the exact (diacritic) name ("Phường Sa Pa" vs "Phường Sa Pả").
fn narrow<U: Copy>(found: &[U], part: &Part, ward: impl Fn(U) -> &'static str) -> Vec<U> {
    let typed: Vec<U> = match part.type_word {
        None => found.to_vec(),
        Some(word) => {
            found.iter().copied().filter(|&u| parts::read_part(ward(u)).type_word == Some(word)).collect()
        }
    };
    if typed.len() <= 1 {
        return typed;
    }
    let exact: Vec<U> = typed
        .iter()
        .copied()
        .filter(|&u| name_tail(ward(u), &part.key) == name_tail(&part.text, &part.key))
        .collect();
    if exact.is_empty() { typed } else { exact }
}

/// The last words of `text` (as many as `key` has), normalized and lower-cased: the
/// name as written, without its type word or abbreviation.
fn name_tail(text: &str, key: &str) -> String {
    let normalized = crate::text::normalize(text).to_lowercase();
    let words: Vec<&str> = normalized.split(' ').collect();
    let n = key.split(' ').count().min(words.len());
    words[words.len() - n..].join(" ")
}

fn by_type_2025(found: &[&'static Unit2025], part: &Part) -> Vec<&'static Unit2025> {
    narrow(found, part, |u| u.ward.as_str())
}

fn pick_legacy(found: &[&'static UnitLegacy], part: &Part) -> Option<&'static UnitLegacy> {
    match narrow(found, part, |u| u.ward.as_str()).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

fn legacy(unit: &'static UnitLegacy) -> UnitMatch {
    let successors = index()
        .successors
        .get(unit.ward_code.as_str())
        .map(|rows| {
            rows.iter()
                .filter_map(|m| {
                    crate::admin::unit_2025(&m.ward_code_2025).map(|u| Successor {
                        unit: u,
                        whole: m.whole,
                        default: m.default,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    UnitMatch::Legacy { unit, successors }
}

#[cfg(test)]
mod tests;
