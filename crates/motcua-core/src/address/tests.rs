use std::collections::BTreeSet;

use super::*;
use crate::admin;
use crate::text::fold;

fn current_code(address: &str) -> Option<String> {
    match parse(address).unit {
        UnitMatch::Current { unit } => Some(unit.ward_code.clone()),
        _ => None,
    }
}

/// "Phường Ba Đình" → "P. Ba Đình"; "Thành phố Hà Nội" → "TP Hà Nội".
fn abbreviated(name: &str) -> String {
    for (full, short) in
        [("Thành phố ", "TP "), ("Thị trấn ", "TT. "), ("Phường ", "P. "), ("Xã ", "X. "), ("Tỉnh ", "T. ")]
    {
        if let Some(rest) = name.strip_prefix(full) {
            return format!("{short}{rest}");
        }
    }
    name.to_string()
}

#[test]
fn at_least_99_percent_of_2025_communes_resolve_in_every_spelling() {
    let units = admin::units_2025();
    for (label, spell) in [
        (
            "exact",
            Box::new(|u: &admin::Unit2025| format!("{}, {}", u.ward, u.province)) as Box<dyn Fn(&_) -> _>,
        ),
        ("no diacritics", Box::new(|u: &admin::Unit2025| fold(&format!("Số 5, {}, {}", u.ward, u.province)))),
        (
            "abbreviated",
            Box::new(|u: &admin::Unit2025| format!("{}, {}", abbreviated(&u.ward), abbreviated(&u.province))),
        ),
    ] {
        let wrong: Vec<String> = units
            .iter()
            .filter(|u| current_code(&spell(u)).as_deref() != Some(u.ward_code.as_str()))
            .map(&spell)
            .collect();
        let share = 1.0 - wrong.len() as f64 / units.len() as f64;
        eprintln!("{label}: {} of {} resolved ({share:.4})", units.len() - wrong.len(), units.len());
        assert!(share >= 0.99, "{label}: {share:.4} resolved; e.g. {:?}", &wrong[..wrong.len().min(5)]);
    }
}

#[test]
fn every_legacy_commune_resolves_to_its_mapped_successors() {
    let mut checked = 0;
    for u in admin::units_legacy().iter().filter(|u| !u.ward.is_empty()) {
        let address = format!("Số 1 đường A, {}, {}, {}", u.ward, u.district, u.province);
        let want: BTreeSet<&str> = admin::legacy_to_2025()
            .iter()
            .filter(|m| m.legacy_ward_code == u.ward_code)
            .map(|m| m.ward_code_2025.as_str())
            .collect();
        match parse(&address).unit {
            UnitMatch::Legacy { unit, successors } => {
                assert_eq!(unit.ward_code, u.ward_code, "{address}");
                let got: BTreeSet<&str> = successors.iter().map(|s| s.unit.ward_code.as_str()).collect();
                assert_eq!(got, want, "{address}");
            }
            other => panic!("{address}: {other:?}"),
        }
        checked += 1;
    }
    assert!(checked > 10_000);
}

#[test]
fn the_street_part_is_kept() {
    let a = parse("Số 68 phố Nguyễn Khắc Hiếu, Phường Quán Thánh, Quận Ba Đình, Thành phố Hà Nội");
    assert_eq!(a.street.as_deref(), Some("Số 68 phố Nguyễn Khắc Hiếu"));
    match a.unit {
        UnitMatch::Legacy { unit, successors } => {
            assert_eq!(unit.ward, "Phường Quán Thánh");
            assert_eq!(successors.len(), 1);
            assert_eq!(successors[0].unit.ward, "Phường Ba Đình");
            assert!(successors[0].whole);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_split_commune_gives_candidates_not_a_guess() {
    // Phường Ngọc Hà (00016) was divided between new Ba Đình and another ward.
    match parse("Phường Ngọc Hà, Quận Ba Đình, Thành phố Hà Nội").unit {
        UnitMatch::Legacy { successors, .. } => {
            assert!(successors.len() >= 2, "{successors:?}");
            assert!(successors.iter().all(|s| !s.whole));
            assert_eq!(successors.iter().filter(|s| s.default).count(), 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn current_addresses_with_abbreviations_and_without_marks() {
    assert_eq!(current_code("12 Quán Thánh, P. Ba Đình, TP Hà Nội").as_deref(), Some("00004"));
    assert_eq!(current_code("12 quan thanh, phuong ba dinh, thanh pho ha noi").as_deref(), Some("00004"));
    assert_eq!(current_code("Phường Ba Đình, TP.HCM").as_deref(), None, "not a ward of Hồ Chí Minh City");
}

#[test]
fn unknown_places_are_unknown() {
    assert_eq!(parse("Số 5, Phường Không Có, Thành phố Hà Nội").unit, UnitMatch::Unknown);
    assert_eq!(parse("").unit, UnitMatch::Unknown);
    assert_eq!(parse("abc xyz").unit, UnitMatch::Unknown);
}
