//! Addresses that resolve to no unit, or to a unit of the pre-2025 scheme.
//!
//! Households share an address, so each distinct text is resolved once per review.

use std::collections::HashMap;

use super::finding::Finding;
use super::kind::Kind;
use super::subject::{Subject, cell};
use crate::address::{self, UnitMatch};

#[derive(Clone)]
enum Verdict {
    Fine,
    Unknown,
    /// The address rewritten in the 2025 units, and whether the old commune was split
    /// (then the suggestion is the successor that took most of it, to be checked).
    Legacy {
        suggestion: String,
        split: bool,
    },
}

#[derive(Default)]
pub(super) struct Places {
    seen: HashMap<String, Verdict>,
}

impl Places {
    pub fn check(&mut self, s: &Subject, out: &mut Vec<Finding>) {
        let r = s.r;
        let permanent = cell(&r.noi_thuong_tru);
        let fields = [
            ("noi_thuong_tru", permanent),
            ("noi_tam_tru", cell(&r.noi_tam_tru)),
            // The current place is most often the permanent one: one finding covers both.
            (
                "noi_o_hien_tai",
                cell(&r.noi_o_hien_tai).filter(|&a| permanent.is_none_or(|p| !same_text(a, p))),
            ),
        ];
        for (field, text) in fields {
            let Some(text) = text else { continue };
            let verdict = match self.seen.get(text) {
                Some(v) => v.clone(),
                None => {
                    let v = verdict(text);
                    self.seen.insert(text.to_string(), v.clone());
                    v
                }
            };
            let ma = vec![s.ma().to_string()];
            match verdict {
                Verdict::Fine => {}
                Verdict::Unknown => out.push(Finding::new(
                    Kind::UnknownAdminUnit,
                    ma,
                    field,
                    "Không xác định được xã, phường, tỉnh của địa chỉ".into(),
                )),
                Verdict::Legacy { suggestion, split } => {
                    let message = if split {
                        "Địa chỉ theo đơn vị hành chính trước 1/7/2025; xã, phường cũ đã chia cho nhiều đơn vị mới, cần xác minh"
                    } else {
                        "Địa chỉ theo đơn vị hành chính trước 1/7/2025"
                    };
                    out.push(
                        Finding::new(Kind::LegacyAdminUnit, ma, field, message.into())
                            .suggest(Some(suggestion)),
                    )
                }
            }
        }
    }
}

/// Equal once normalized: an unnormalized copy of the permanent address is one place.
fn same_text(a: &str, b: &str) -> bool {
    a == b || crate::text::fold(a) == crate::text::fold(b)
}

fn verdict(text: &str) -> Verdict {
    let parsed = address::parse(text);
    match parsed.unit {
        UnitMatch::Current { .. } | UnitMatch::Ambiguous { .. } => Verdict::Fine,
        UnitMatch::Unknown => Verdict::Unknown,
        UnitMatch::Legacy { successors, .. } => {
            let Some(best) = successors.iter().find(|s| s.default || s.whole).or(successors.first()) else {
                return Verdict::Unknown;
            };
            let unit = best.unit;
            let suggestion = match parsed.street {
                Some(street) => format!("{street}, {}, {}", unit.ward, unit.province),
                None => format!("{}, {}", unit.ward, unit.province),
            };
            Verdict::Legacy { suggestion, split: successors.len() > 1 }
        }
    }
}
