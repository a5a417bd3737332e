use std::collections::BTreeMap;

use motcua_core::date::PartialDate;
use motcua_core::idnum;
use motcua_core::sex::Sex;

use super::*;

fn ward(residents: usize, seed: u64) -> DemoWard {
    generate(&DemoConfig { residents, seed, ..Default::default() }).unwrap()
}

fn findings<'a>(w: &'a DemoWard, kind: &str) -> Vec<&'a Vec<String>> {
    w.truth
        .iter()
        .filter_map(|t| match t {
            Truth::Finding { kind: k, records, .. } if k == kind => Some(records),
            _ => None,
        })
        .collect()
}

/// Records with no planted finding at all.
fn clean(w: &DemoWard) -> Vec<&RegisterRecord> {
    let flagged: std::collections::BTreeSet<&String> = w
        .truth
        .iter()
        .flat_map(|t| match t {
            Truth::Finding { records, .. } => records.iter().collect(),
            Truth::Person { .. } => Vec::new(),
        })
        .collect();
    w.records.iter().filter(|r| !flagged.contains(&r.ma_ban_ghi)).collect()
}

#[test]
fn same_config_same_output_and_seeds_differ() {
    let (a, b, c) = (ward(2000, 9), ward(2000, 9), ward(2000, 10));
    assert_eq!(a.records, b.records);
    assert_eq!(a.truth, b.truth);
    assert_ne!(a.records, c.records);
}

#[test]
fn exact_resident_count_and_unique_record_ids() {
    for n in [1, 7, 500, 3001] {
        let w = ward(n, 3);
        assert_eq!(w.records.len(), n, "{n}");
        let mut ids: Vec<&str> = w.records.iter().map(|r| r.ma_ban_ghi.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), n, "sorted and unique");
    }
}

#[test]
fn the_default_ward_is_ba_dinh() {
    let w = ward(50, 1);
    assert_eq!((w.ward.as_str(), w.province.as_str()), ("Phường Ba Đình", "Thành phố Hà Nội"));
    assert!(matches!(
        generate(&DemoConfig { ward_code: "99999".into(), ..Default::default() }),
        Err(DemoError::UnknownWard(_))
    ));
    assert!(matches!(
        generate(&DemoConfig { residents: 0, ..Default::default() }),
        Err(DemoError::NoResidents)
    ));
}

#[test]
fn clean_records_carry_numbers_that_agree_with_them() {
    let w = ward(5000, 1);
    let clean = clean(&w);
    assert!(clean.len() > 3000);
    for r in clean {
        let id = r.so_dinh_danh.as_deref().unwrap();
        let info = idnum::decode(id).unwrap_or_else(|| panic!("{id}"));
        let born = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
        assert_eq!(info.birth_year, born.year, "{r:?}");
        assert_eq!(Some(info.sex), r.gioi_tinh.as_deref().and_then(Sex::parse), "{r:?}");
        assert_eq!(info.province, r.noi_dang_ky_khai_sinh.as_deref(), "{r:?}");
    }
}

#[test]
fn households_have_one_head_unless_planted() {
    let w = ward(5000, 2);
    let planted: Vec<&String> = findings(&w, "family_inconsistent").into_iter().map(|r| &r[0]).collect();
    let mut heads: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &w.records {
        if let (Some(hs), Some("Chủ hộ")) = (r.so_ho_so_cu_tru.as_deref(), r.quan_he_chu_ho.as_deref()) {
            heads.entry(hs).or_default().push(&r.ma_ban_ghi);
        }
    }
    let households: std::collections::BTreeSet<&str> =
        w.records.iter().filter_map(|r| r.so_ho_so_cu_tru.as_deref()).collect();
    for hs in households {
        let h = heads.get(hs).cloned().unwrap_or_default();
        let extra = h.iter().filter(|m| planted.iter().any(|p| p == *m)).count();
        assert_eq!(h.len() - extra, 1, "household {hs}: heads {h:?}");
    }
}

#[test]
fn planted_problem_shares_are_realistic() {
    let w = ward(10_000, 1);
    let n = 10_000.0;
    let share = |kind: &str| findings(&w, kind).len() as f64 / n;
    let near = |kind: &str, want: f64| {
        let got = share(kind);
        assert!((got - want).abs() <= want * 0.35 + 0.0005, "{kind}: {got} vs {want}");
    };
    near("partial_birth_date", problems::PARTIAL_YEAR_ONLY + problems::PARTIAL_MONTH_YEAR);
    near("not_normalized", problems::NOT_NORMALIZED);
    near("duplicate", problems::DUPLICATE);
    near("missing_field", problems::MISSING_FIELD);
    near("legacy_admin_unit", problems::LEGACY_ADDRESS);
    near("id_birth_mismatch", problems::ID_BIRTH_MISMATCH);
    for kind in
        ["id_format", "id_province", "deceased_resident", "invalid_date", "family_inconsistent", "id_shared"]
    {
        assert!(!findings(&w, kind).is_empty(), "{kind} planted");
    }
}

#[test]
fn partial_dates_are_really_partial() {
    let w = ward(5000, 4);
    let partial = findings(&w, "partial_birth_date");
    assert!(!partial.is_empty());
    for recs in partial {
        let r = w.records.iter().find(|r| r.ma_ban_ghi == recs[0]).unwrap();
        let d = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
        assert!(d.is_partial(), "{:?}", r.ngay_sinh);
    }
}

#[test]
fn duplicates_share_a_person_with_their_original() {
    let w = ward(5000, 5);
    let person: BTreeMap<&str, usize> = w
        .truth
        .iter()
        .filter_map(|t| match t {
            Truth::Person { record, person } => Some((record.as_str(), *person)),
            _ => None,
        })
        .collect();
    assert_eq!(person.len(), w.records.len());
    let dups = findings(&w, "duplicate");
    assert!(dups.len() > 40);
    for pair in dups {
        assert_eq!(person[pair[0].as_str()], person[pair[1].as_str()]);
    }
}

#[test]
fn surnames_and_age_pyramid_look_vietnamese() {
    let w = ward(10_000, 1);
    let n = w.records.len() as f64;
    let nguyen =
        w.records.iter().filter(|r| motcua_core::text::fold(&r.ho_ten).starts_with("nguyen ")).count();
    assert!((nguyen as f64 / n - 0.384).abs() < 0.05, "Nguyễn share {}", nguyen as f64 / n);
    let as_of = DemoConfig::default().as_of;
    let ages: Vec<i32> = w
        .records
        .iter()
        .filter_map(|r| PartialDate::parse(r.ngay_sinh.as_deref()?).ok())
        .map(|d| d.age_on(as_of))
        .collect();
    let share =
        |lo: i32, hi: i32| ages.iter().filter(|a| (lo..=hi).contains(*a)).count() as f64 / ages.len() as f64;
    let (young, working, old) = (share(0, 14), share(15, 64), share(65, 200));
    assert!((young - 0.23).abs() < 0.06, "0-14: {young}");
    assert!((working - 0.68).abs() < 0.06, "15-64: {working}");
    assert!((old - 0.09).abs() < 0.06, "65+: {old}");
}
