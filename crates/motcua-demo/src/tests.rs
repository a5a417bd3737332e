use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use motcua_core::date::PartialDate;
use motcua_core::idnum;
use motcua_core::sex::Sex;
use motcua_core::text::{normalize, normalize_name};

use super::*;

fn ward(residents: usize, seed: u64) -> DemoWard {
    generate(&DemoConfig { residents, seed, ..Default::default() }).unwrap()
}

/// The default ward (10,000 residents, seed 1), made once for the tests that read it.
fn default_ward() -> &'static DemoWard {
    static WARD: OnceLock<DemoWard> = OnceLock::new();
    WARD.get_or_init(|| generate(&DemoConfig::default()).unwrap())
}

fn findings<'a>(w: &'a DemoWard, kind: &str) -> Vec<(&'a Vec<String>, Option<&'a str>)> {
    w.truth
        .iter()
        .filter_map(|t| match t {
            Truth::Finding { kind: k, records, field } if k == kind => Some((records, field.as_deref())),
            _ => None,
        })
        .collect()
}

fn by_id(w: &DemoWard) -> BTreeMap<&str, &RegisterRecord> {
    w.records.iter().map(|r| (r.ma_ban_ghi.as_str(), r)).collect()
}

fn persons(w: &DemoWard) -> BTreeMap<&str, usize> {
    w.truth
        .iter()
        .filter_map(|t| match t {
            Truth::Person { record, person } => Some((record.as_str(), *person)),
            _ => None,
        })
        .collect()
}

/// Records with no planted finding at all.
fn clean(w: &DemoWard) -> Vec<&RegisterRecord> {
    let flagged: BTreeSet<&String> = w
        .truth
        .iter()
        .flat_map(|t| match t {
            Truth::Finding { records, .. } => records.iter().collect(),
            Truth::Person { .. } => Vec::new(),
        })
        .collect();
    w.records.iter().filter(|r| !flagged.contains(&r.ma_ban_ghi)).collect()
}

fn as_of() -> PartialDate {
    DemoConfig::default().as_of
}

#[test]
fn same_config_same_output_and_seeds_differ() {
    let (a, b, c) = (ward(2000, 9), ward(2000, 9), ward(2000, 10));
    assert_eq!(a.records, b.records);
    assert_eq!(a.truth, b.truth);
    assert_ne!(a.records, c.records);
    assert_ne!(a.truth, c.truth);
    let later = generate(&DemoConfig {
        residents: 2000,
        seed: 9,
        as_of: PartialDate::full(2030, 6, 1).unwrap(),
        ..Default::default()
    })
    .unwrap();
    assert_ne!(a.records, later.records, "as_of moves the birth dates");
}

#[test]
fn exact_resident_count_and_shuffled_unique_record_ids() {
    for n in [1, 7, 12, 500, 3001] {
        let w = ward(n, 3);
        assert_eq!(w.records.len(), n, "{n}");
        let ids: BTreeSet<&str> = w.records.iter().map(|r| r.ma_ban_ghi.as_str()).collect();
        assert_eq!(ids.len(), n, "unique");
        assert!(w.records.windows(2).all(|p| p[0].ma_ban_ghi < p[1].ma_ban_ghi), "sorted");
        for id in ids {
            assert!(
                id.len() == 7 && id.starts_with('R') && id[1..].bytes().all(|b| b.is_ascii_digit()),
                "{id}"
            );
        }
    }
    // In record-number order, neighbours are rarely of one household.
    let w = default_ward();
    let same = w.records.windows(2).filter(|p| p[0].so_ho_so_cu_tru == p[1].so_ho_so_cu_tru).count();
    assert!(same < w.records.len() / 20, "{same} neighbours share a household");
}

#[test]
fn every_record_is_a_person_in_the_truth() {
    let w = default_ward();
    let person = persons(w);
    assert_eq!(person.len(), w.records.len());
    assert!(w.records.iter().all(|r| person.contains_key(r.ma_ban_ghi.as_str())));
    let people: BTreeSet<usize> = person.values().copied().collect();
    let dups = findings(w, "duplicate").len();
    assert_eq!(people.len() + dups, w.records.len(), "only duplicates share a person");
}

#[test]
fn truth_lines_read_like_the_sample() {
    let person = Truth::Person { record: "R000001".into(), person: 0 };
    assert_eq!(serde_json::to_string(&person).unwrap(), r#"{"type":"person","record":"R000001","person":0}"#);
    let dup =
        Truth::Finding { kind: "duplicate".into(), records: vec!["R1".into(), "R2".into()], field: None };
    assert_eq!(
        serde_json::to_string(&dup).unwrap(),
        r#"{"type":"finding","kind":"duplicate","records":["R1","R2"]}"#
    );
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
    assert!(matches!(
        generate(&DemoConfig { as_of: PartialDate::year(1990), ..Default::default() }),
        Err(DemoError::AsOfOutOfRange(_))
    ));
}

#[test]
fn ba_dinh_addresses_use_its_streets_and_predecessors() {
    let w = default_ward();
    let legacy: BTreeSet<&str> =
        findings(w, "legacy_admin_unit").iter().map(|(r, _)| r[0].as_str()).collect();
    let old_wards: Vec<String> = motcua_core::admin::predecessors("00004")
        .iter()
        .map(|u| format!(", {}, {}, ", u.ward, u.district))
        .collect();
    for r in &w.records {
        let Some(a) = r.noi_thuong_tru.as_deref() else { continue };
        let a = normalize(a);
        assert!(a.starts_with("Số "), "{a}");
        if legacy.contains(r.ma_ban_ghi.as_str()) {
            assert!(old_wards.iter().any(|o| a.contains(o.as_str())), "{a}");
            assert!(a.ends_with(", Thành phố Hà Nội") && !a.contains("Phường Ba Đình,"), "{a}");
        } else {
            assert!(a.ends_with(", Phường Ba Đình, Thành phố Hà Nội"), "{a}");
        }
    }
}

#[test]
fn other_wards_work_with_their_own_names() {
    let code = |name: &str| {
        motcua_core::admin::units_2025().iter().find(|u| u.ward.contains(name)).unwrap().ward_code.clone()
    };
    for ward_code in [code("Phường Sài Gòn"), code("Xã ")] {
        let w = generate(&DemoConfig {
            residents: 800,
            seed: 2,
            ward_code: ward_code.clone(),
            ..Default::default()
        })
        .unwrap();
        let unit = motcua_core::admin::unit_2025(&ward_code).unwrap();
        assert_eq!(w.ward, unit.ward);
        assert_eq!(w.records.len(), 800);
        let current = w
            .records
            .iter()
            .filter_map(|r| r.noi_thuong_tru.as_deref())
            .filter(|a| a.ends_with(&format!("{}, {}", unit.ward, unit.province)))
            .count();
        assert!(current > 500, "{ward_code}: {current}");
        let names = |w: &DemoWard| w.records.iter().take(50).map(|r| r.ho_ten.clone()).collect::<Vec<_>>();
        assert_ne!(names(&w), names(&ward(800, 2)), "another ward, other people");
    }
}

#[test]
fn residential_groups_hold_about_275_residents() {
    let w = default_ward();
    // A duplicate copy may carry an old address; the household's own rows do not.
    let copies: BTreeSet<&str> = findings(w, "duplicate").iter().map(|(r, _)| r[1].as_str()).collect();
    let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
    let mut group_of: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
    for r in w.records.iter().filter(|r| !copies.contains(r.ma_ban_ghi.as_str())) {
        let (Some(hs), Some(g)) = (r.so_ho_so_cu_tru.as_deref(), r.to_dan_pho.as_deref()) else { continue };
        *per_group.entry(g).or_default() += 1;
        let address = r.noi_o_hien_tai.as_deref().unwrap();
        group_of.entry(hs).or_default().insert((g, address));
    }
    assert!((30..=42).contains(&per_group.len()), "{} groups", per_group.len());
    assert!(per_group.values().all(|&n| (180..=380).contains(&n)), "{per_group:?}");
    assert!(per_group.keys().all(|g| g.starts_with("Tổ dân phố số ")));
    for (hs, places) in group_of {
        assert_eq!(places.len(), 1, "household {hs} lives in one place: {places:?}");
    }
}

#[test]
fn clean_records_carry_numbers_that_agree_with_them() {
    let w = default_ward();
    let clean = clean(w);
    assert!(clean.len() > 7000);
    let mut numbers = BTreeSet::new();
    for r in clean {
        let id = r.so_dinh_danh.as_deref().unwrap();
        let info = idnum::decode(id).unwrap_or_else(|| panic!("{id}"));
        let born = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
        assert_eq!(info.birth_year, born.year, "{r:?}");
        assert_eq!(Some(info.sex), r.gioi_tinh.as_deref().and_then(Sex::parse), "{r:?}");
        assert_eq!(info.province, r.noi_dang_ky_khai_sinh.as_deref(), "{r:?}");
        assert_eq!(r.noi_sinh, r.noi_dang_ky_khai_sinh);
        assert!(numbers.insert(id), "{id} twice");
        if let Some(c) = &r.so_cmnd {
            assert!(idnum::is_old_id_number(c), "{c}");
            assert!(born.year < 2004, "{r:?}");
        }
    }
}

#[test]
fn most_people_are_registered_in_ha_noi_and_some_elsewhere() {
    let w = default_ward();
    let hanoi = w.records.iter().filter(|r| r.noi_dang_ky_khai_sinh.as_deref() == Some("Hà Nội")).count();
    let share = hanoi as f64 / w.records.len() as f64;
    assert!((0.6..0.85).contains(&share), "{share}");
    let provinces: BTreeSet<&str> =
        w.records.iter().filter_map(|r| r.noi_dang_ky_khai_sinh.as_deref()).collect();
    assert!(provinces.len() > 30, "{}", provinces.len());
}

#[test]
fn households_have_one_head_unless_planted() {
    let w = default_ward();
    let planted: BTreeSet<&str> = findings(w, "family_inconsistent")
        .into_iter()
        .filter(|(_, field)| *field == Some("quan_he_chu_ho"))
        .map(|(r, _)| r[0].as_str())
        .collect();
    assert!(!planted.is_empty());
    let mut heads: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &w.records {
        let hs = r.so_ho_so_cu_tru.as_deref();
        heads.entry(hs.unwrap_or_default()).or_default();
        if r.quan_he_chu_ho.as_deref() == Some("Chủ hộ") {
            heads.entry(hs.unwrap()).or_default().push(&r.ma_ban_ghi);
        }
    }
    heads.remove("");
    for (hs, h) in heads {
        let extra = h.iter().filter(|m| planted.contains(*m)).count();
        assert_eq!(h.len() - extra, 1, "household {hs}: heads {h:?}");
    }
}

#[test]
fn families_are_consistent_where_nothing_was_planted() {
    let w = default_ward();
    let records = by_id(w);
    let clean: BTreeSet<&str> = clean(w).into_iter().map(|r| r.ma_ban_ghi.as_str()).collect();
    let by_number: BTreeMap<&str, &RegisterRecord> =
        w.records.iter().filter_map(|r| Some((r.so_dinh_danh.as_deref()?, r))).collect();
    let birth = |r: &RegisterRecord| PartialDate::parse(r.ngay_sinh.as_deref()?).ok();
    let mut checked = 0;
    for id in &clean {
        let r = records[id];
        let age = birth(r).unwrap().age_on(as_of());
        for (name, number) in [(&r.ho_ten_cha, &r.so_dinh_danh_cha), (&r.ho_ten_me, &r.so_dinh_danh_me)] {
            let (Some(name), Some(number)) = (name, number) else { continue };
            let Some(parent) = by_number.get(number.as_str()) else { continue };
            if !clean.contains(parent.ma_ban_ghi.as_str()) {
                continue;
            }
            assert_eq!(&parent.ho_ten, name);
            assert_eq!(parent.so_ho_so_cu_tru, r.so_ho_so_cu_tru);
            let gap = birth(parent).unwrap().age_on(as_of()) - age;
            assert!(gap >= 16, "{} is {gap} years older than {}", parent.ho_ten, r.ho_ten);
            checked += 1;
        }
        if let Some(father) = &r.ho_ten_cha {
            let surname = |n: &str| n.split(' ').next().unwrap().to_string();
            assert_eq!(surname(father), surname(&r.ho_ten), "children take the father's surname");
        }
        let married = r.tinh_trang_hon_nhan.as_deref() == Some("Đã kết hôn");
        assert_eq!(married, r.ho_ten_vo_chong.is_some(), "{r:?}");
        if age < 18 {
            assert_eq!(r.tinh_trang_hon_nhan.as_deref(), Some("Chưa kết hôn"));
        }
    }
    assert!(checked > 3000, "{checked}");
}

#[test]
fn relations_and_household_sizes_look_vietnamese() {
    let w = default_ward();
    let mut relations: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &w.records {
        if let Some(q) = r.quan_he_chu_ho.as_deref() {
            *relations.entry(q).or_default() += 1;
        }
        if let Some(hs) = r.so_ho_so_cu_tru.as_deref() {
            *sizes.entry(hs).or_default() += 1;
        }
    }
    for q in ["Chủ hộ", "Vợ", "Chồng", "Con", "Bố", "Mẹ", "Cháu", "Con dâu"] {
        assert!(relations.get(q).copied().unwrap_or(0) > 0, "{q}: {relations:?}");
    }
    let mean = sizes.values().sum::<usize>() as f64 / sizes.len() as f64;
    assert!((2.8..4.0).contains(&mean), "mean household {mean}");
    let alone = sizes.values().filter(|&&n| n == 1).count() as f64 / sizes.len() as f64;
    assert!((0.08..0.25).contains(&alone), "living alone {alone}");
    assert!(sizes.values().any(|&n| n >= 6));
}

#[test]
fn planted_problem_shares_are_realistic() {
    let w = default_ward();
    let n = w.records.len() as f64;
    for (kind, want) in PLANTED_SHARES {
        let got = findings(w, kind).len() as f64 / n;
        // Duplicates bring a few findings of other kinds with them; legacy addresses
        // are drawn per household.
        let tolerance = want * 0.25 + 0.0008;
        assert!((got - want).abs() <= tolerance, "{kind}: {got:.4} vs {want}");
    }
}

#[test]
fn planted_problems_are_really_there() {
    let w = default_ward();
    let records = by_id(w);
    let person = persons(w);
    let one = |kind: &str| findings(w, kind).into_iter().map(|(r, f)| (records[r[0].as_str()], r, f));
    for (r, _, field) in one("partial_birth_date") {
        assert_eq!(field, Some("ngay_sinh"));
        let d = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
        assert!(d.is_partial(), "{:?}", r.ngay_sinh);
    }
    let partial: Vec<PartialDate> = one("partial_birth_date")
        .map(|(r, _, _)| PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap())
        .collect();
    assert!(partial.iter().any(|d| d.month.is_some()) && partial.iter().any(|d| d.month.is_none()));
    for (r, _, field) in one("not_normalized") {
        match field {
            Some("ho_ten") => assert_ne!(normalize_name(&r.ho_ten), r.ho_ten),
            Some("noi_thuong_tru") => {
                let a = r.noi_thuong_tru.as_deref().unwrap();
                assert_ne!(normalize(a), a);
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(one("not_normalized").any(|(r, _, _)| r.ho_ten.contains("oà")
        || r.ho_ten.contains("uỷ")
        || r.ho_ten.contains("uý")
        || r.ho_ten.contains("uỳ")
        || r.ho_ten.contains("oè")
        || r.ho_ten.contains("uỵ")));
    for (r, _, _) in one("id_format") {
        let bad_id = r.so_dinh_danh.as_deref().is_some_and(|n| !idnum::is_id_number(n));
        let bad_cmnd = r.so_cmnd.as_deref().is_some_and(|n| !idnum::is_old_id_number(n));
        assert!(bad_id || bad_cmnd, "{r:?}");
    }
    for (r, _, _) in one("id_province") {
        let info = idnum::decode(r.so_dinh_danh.as_deref().unwrap()).unwrap();
        assert_eq!(info.province, None);
    }
    for (r, _, _) in one("id_birth_mismatch") {
        let info = idnum::decode(r.so_dinh_danh.as_deref().unwrap()).unwrap();
        let born = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
        let sex = Sex::parse(r.gioi_tinh.as_deref().unwrap()).unwrap();
        assert!(info.birth_year != born.year || info.sex != sex, "{r:?}");
    }
    for (r, _, field) in one("missing_field") {
        let value = match field.unwrap() {
            "gioi_tinh" => &r.gioi_tinh,
            "noi_thuong_tru" => &r.noi_thuong_tru,
            "so_dinh_danh" => &r.so_dinh_danh,
            "ngay_sinh" => &r.ngay_sinh,
            other => panic!("{other}"),
        };
        assert!(value.is_none(), "{r:?}");
    }
    for (r, _, _) in one("deceased_resident") {
        let died = PartialDate::parse(r.ngay_chet.as_deref().unwrap()).unwrap();
        let born = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
        assert!(died <= as_of() && died > born, "{r:?}");
        assert!(r.so_ho_so_cu_tru.is_some(), "still listed");
    }
    for (r, _, _) in one("invalid_date") {
        // A date that reads but does not exist: the importer keeps it for review, where an
        // unreadable one would be refused.
        let d = r.ngay_sinh.as_deref().unwrap();
        assert!(matches!(PartialDate::parse(d), Err(motcua_core::date::DateError::NoSuchDate(_))), "{d}");
    }
    for (r, ids, field) in one("family_inconsistent") {
        let other = records[ids[1].as_str()];
        assert_eq!(r.so_ho_so_cu_tru, other.so_ho_so_cu_tru);
        match field {
            Some("quan_he_chu_ho") => {
                assert_eq!(r.quan_he_chu_ho.as_deref(), Some("Chủ hộ"));
                assert_eq!(other.quan_he_chu_ho.as_deref(), Some("Chủ hộ"));
            }
            Some("ngay_sinh") => {
                let child = PartialDate::parse(r.ngay_sinh.as_deref().unwrap()).unwrap();
                let parent = PartialDate::parse(other.ngay_sinh.as_deref().unwrap()).unwrap();
                assert!(child < parent, "child {child} parent {parent}");
                assert!([&r.so_dinh_danh_cha, &r.so_dinh_danh_me].contains(&&other.so_dinh_danh));
            }
            other => panic!("{other:?}"),
        }
    }
    for (r, ids, _) in one("id_shared") {
        let other = records[ids[1].as_str()];
        assert_eq!(r.so_dinh_danh, other.so_dinh_danh);
        assert_ne!(person[ids[0].as_str()], person[ids[1].as_str()]);
    }
    for (r, _, _) in one("legacy_admin_unit") {
        assert!(normalize(r.noi_thuong_tru.as_deref().unwrap()).contains(", Quận "), "{r:?}");
    }
}

#[test]
fn duplicates_are_the_same_person_written_differently() {
    let w = default_ward();
    let records = by_id(w);
    let person = persons(w);
    let dups = findings(w, "duplicate");
    assert!(dups.len() > 100);
    let (mut folded, mut other_id, mut other_date, mut other_address) = (0, 0, 0, 0);
    for (pair, field) in dups {
        assert_eq!(field, None);
        assert_eq!(person[pair[0].as_str()], person[pair[1].as_str()]);
        let (a, b) = (records[pair[0].as_str()], records[pair[1].as_str()]);
        assert_ne!(a.ma_ban_ghi, b.ma_ban_ghi);
        let differs = [
            a.ho_ten != b.ho_ten,
            a.so_dinh_danh != b.so_dinh_danh,
            a.ngay_sinh != b.ngay_sinh,
            a.noi_thuong_tru != b.noi_thuong_tru,
        ];
        assert!(differs.iter().any(|&d| d), "{b:?}");
        assert_eq!(motcua_core::text::fold(&a.ho_ten), motcua_core::text::fold(&b.ho_ten));
        folded += usize::from(differs[0]);
        other_id += usize::from(differs[1]);
        other_date += usize::from(differs[2]);
        other_address += usize::from(differs[3]);
    }
    for (what, n) in
        [("name", folded), ("number", other_id), ("date", other_date), ("address", other_address)]
    {
        assert!(n > 20, "{what} differs in only {n} duplicates");
    }
}

#[test]
fn phones_are_vietnamese_mobiles_and_young_children_have_few() {
    let w = default_ward();
    let mut young = (0, 0);
    for r in &w.records {
        if let Some(p) = &r.so_dien_thoai {
            assert!(motcua_core::phone::normalize(p).is_some(), "{p}");
        }
        let Some(born) = r.ngay_sinh.as_deref().and_then(|d| PartialDate::parse(d).ok()) else { continue };
        if born.age_on(as_of()) < 14 {
            young.0 += 1;
            young.1 += usize::from(r.so_dien_thoai.is_some());
        }
    }
    assert!(young.1 * 3 < young.0, "{} of {} young children have a phone", young.1, young.0);
    assert!(w.records.iter().any(|r| r.so_dien_thoai.as_deref().is_some_and(|p| p.starts_with("+84"))));
    assert!(w.records.iter().filter(|r| r.email.is_some()).count() > 500);
}

#[test]
fn ethnic_groups_religions_and_blood_groups_have_realistic_shares() {
    let w = default_ward();
    let n = w.records.len() as f64;
    let share = |f: &dyn Fn(&RegisterRecord) -> bool| w.records.iter().filter(|r| f(r)).count() as f64 / n;
    let kinh = share(&|r| r.dan_toc.as_deref() == Some("Kinh"));
    assert!((0.93..0.995).contains(&kinh), "Kinh {kinh}");
    let none = share(&|r| r.ton_giao.as_deref() == Some("Không"));
    assert!((0.75..0.93).contains(&none), "no religion {none}");
    let o = share(&|r| r.nhom_mau.as_deref() == Some("O"));
    let ab = share(&|r| r.nhom_mau.as_deref() == Some("AB"));
    assert!((0.3..0.45).contains(&o) && (0.02..0.09).contains(&ab), "O {o}, AB {ab}");
    assert!(w.records.iter().all(|r| r.quoc_tich.as_deref() == Some("Việt Nam")));
}

#[test]
fn surnames_and_age_pyramid_look_vietnamese() {
    let w = default_ward();
    let n = w.records.len() as f64;
    let nguyen =
        w.records.iter().filter(|r| motcua_core::text::fold(&r.ho_ten).starts_with("nguyen ")).count();
    assert!((nguyen as f64 / n - 0.384).abs() < 0.05, "Nguyễn share {}", nguyen as f64 / n);
    let ages: Vec<i32> = w
        .records
        .iter()
        .filter_map(|r| PartialDate::parse(r.ngay_sinh.as_deref()?).ok())
        .map(|d| d.age_on(as_of()))
        .collect();
    let share =
        |lo: i32, hi: i32| ages.iter().filter(|a| (lo..=hi).contains(*a)).count() as f64 / ages.len() as f64;
    let (young, working, old) = (share(0, 14), share(15, 64), share(65, 200));
    assert!((young - 0.23).abs() < 0.06, "0-14: {young}");
    assert!((working - 0.68).abs() < 0.06, "15-64: {working}");
    assert!((old - 0.09).abs() < 0.06, "65+: {old}");
    // The young-adult bulge: more people in their thirties than in their fifties.
    assert!(share(30, 39) > share(50, 59) * 1.1, "30s {} vs 50s {}", share(30, 39), share(50, 59));
    assert!(ages.iter().all(|&a| (0..=105).contains(&a)));
}

#[test]
fn progress_is_reported_up_to_the_total() {
    let mut calls = Vec::new();
    generate_with_progress(&DemoConfig { residents: 1200, ..Default::default() }, &mut |d, t| {
        calls.push((d, t))
    })
    .unwrap();
    assert!(calls.len() >= 3);
    assert!(calls.windows(2).all(|c| c[0].0 <= c[1].0));
    assert_eq!(calls.last(), Some(&(1200, 1200)));
}
