//! The review rules and duplicate detection measured against known truth: the spec's
//! sample extract (copied from `register-csv.md`'s fixtures) and a generated ward.
//! The acceptance bar of the review issue: precision and recall ≥ 0.98 for every rule,
//! F1 ≥ 0.95 for duplicates.

use motcua_core::date::PartialDate;
use motcua_core::import::Header;
use motcua_core::record::RegisterRecord;
use motcua_core::review;
use motcua_demo::evaluate::{KindScore, score_with_examples};
use motcua_demo::{DemoConfig, Truth};

fn sample() -> (Vec<RegisterRecord>, Vec<Truth>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut reader = csv::Reader::from_path(dir.join("register-sample.csv")).unwrap();
    let header = Header::new(reader.headers().unwrap().iter().map(str::to_string).collect()).unwrap();
    let records = reader
        .records()
        .map(|row| header.record(row.unwrap().iter().map(str::to_string).collect()).unwrap())
        .collect();
    let truth = std::fs::read_to_string(dir.join("register-sample-truth.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (records, truth)
}

fn assert_bar(
    what: &str,
    scores: &std::collections::BTreeMap<&str, KindScore>,
    misses: &impl std::fmt::Debug,
) {
    for (kind, s) in scores {
        eprintln!(
            "{what} {kind:<20} P {:.4} R {:.4} F1 {:.4} ({} found, {} planted)",
            s.precision(),
            s.recall(),
            s.f1(),
            s.found,
            s.planted
        );
    }
    for (kind, s) in scores {
        if *kind == "duplicate" {
            assert!(s.f1() >= 0.95, "{what} duplicate F1 {:.4}: {misses:?}", s.f1());
        } else {
            assert!(s.precision() >= 0.98 && s.recall() >= 0.98, "{what} {kind}: {s:?} {misses:?}");
        }
    }
}

#[test]
fn the_specs_sample_is_reviewed_to_the_bar() {
    let (records, truth) = sample();
    // The sample's latest real date is 15/09/2026.
    let findings = review::review(&records, PartialDate::full(2026, 10, 1).unwrap());
    // The sample lists the problems of a person's second record only now and then (a
    // copy's legacy address or doubled spaces are often left out), so findings about
    // second records alone are not held against precision; duplicates name them anyway.
    let mut first: std::collections::HashMap<usize, &str> = std::collections::HashMap::new();
    for t in &truth {
        if let Truth::Person { record, person } = t {
            let f = first.entry(*person).or_insert(record);
            if record.as_str() < *f {
                *f = record;
            }
        }
    }
    let copies: std::collections::HashSet<&str> = truth
        .iter()
        .filter_map(|t| match t {
            Truth::Person { record, person } if first[person] != record => Some(record.as_str()),
            _ => None,
        })
        .collect();
    let planted_on_copies: std::collections::HashSet<String> = truth
        .iter()
        .filter_map(|t| match t {
            Truth::Finding { records, field, .. } if records.iter().all(|r| copies.contains(r.as_str())) => {
                Some(format!("{}|{}", field.as_deref().unwrap_or(""), records.join(",")))
            }
            _ => None,
        })
        .collect();
    let findings: Vec<_> = findings
        .into_iter()
        .filter(|f| {
            let about_copies =
                f.kind != review::Kind::Duplicate && f.records.iter().all(|r| copies.contains(r.as_str()));
            let key = format!("{}|{}", f.field.as_deref().unwrap_or(""), f.records.join(","));
            !about_copies || planted_on_copies.contains(&key)
        })
        .collect();
    let (scores, misses) = score_with_examples(&findings, &truth, 5);
    assert_eq!(scores.len(), 12, "every planted kind is scored: {:?}", scores.keys());
    assert_bar("sample", &scores, &misses);
}

#[test]
fn a_generated_ward_is_reviewed_to_the_bar() {
    let config = DemoConfig { residents: 10_000, seed: 7, ..Default::default() };
    let ward = motcua_demo::generate(&config).unwrap();
    let findings = review::review(&ward.records, config.as_of);
    let (scores, misses) = score_with_examples(&findings, &ward.truth, 5);
    assert!(scores.len() >= 12, "{:?}", scores.keys());
    assert_bar("generated", &scores, &misses);
}

/// After an edit only the record's neighbourhood is read again: what it finds about the
/// record must be what the whole register's review finds about it.
#[test]
fn reviewing_one_record_finds_what_the_full_review_finds_about_it() {
    use motcua_core::store::{RegisterKind, RegisterMeta, Store};
    let config = DemoConfig { residents: 3_000, seed: 11, ..Default::default() };
    let ward = motcua_demo::generate(&config).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: ward.ward_code.clone(),
        ward: ward.ward.clone(),
        province: ward.province.clone(),
    };
    store.create_register(&meta, &ward.records, &mut |_, _| {}).unwrap();
    let (_, full) = store.run_review().unwrap();
    let about = |findings: &[review::Finding], ma: &str| -> std::collections::BTreeSet<String> {
        findings.iter().filter(|f| f.records.iter().any(|r| r == ma)).map(review::Finding::key).collect()
    };
    // Every record some finding names across records, and every 50th of the others.
    let mut sample: std::collections::BTreeSet<&str> = full
        .iter()
        .filter(|f| f.records.len() > 1)
        .flat_map(|f| f.records.iter().map(String::as_str))
        .collect();
    sample.extend(ward.records.iter().step_by(50).map(|r| r.ma_ban_ghi.as_str()));
    assert!(sample.len() > 150, "{}", sample.len());
    for ma in sample {
        let (_, one) = store.review_record(ma).unwrap();
        assert_eq!(about(&one, ma), about(&full, ma), "{ma}");
    }
}

/// The dashboard on a generated ward with a year of applications: every total is the
/// sum of its parts, and the filed count is what a plain count of the table says.
#[test]
fn a_generated_wards_figures_add_up() {
    use motcua_core::store::{DashboardQuery, RegisterKind, RegisterMeta, Store};
    let config = DemoConfig { residents: 3_000, seed: 5, ..Default::default() };
    let ward = motcua_demo::generate(&config).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: ward.ward_code.clone(),
        ward: ward.ward.clone(),
        province: ward.province.clone(),
    };
    store.create_register(&meta, &ward.records, &mut |_, _| {}).unwrap();
    let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let uploads = motcua_demo::applications::generate(&ward.records, 6_000, 5, last, 90);
    store.seed_applications(&uploads).unwrap();
    store.run_review().unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let d = store.dashboard(&DashboardQuery::new(from, last)).unwrap();
    let in_range = uploads
        .iter()
        .filter(|a| a.received_at.as_deref().is_some_and(|r| ("2026-10-01".."2026-12-01").contains(&r)))
        .count() as u64;
    assert!(in_range > 3_000, "{in_range}");
    assert_eq!(d.total.filed, in_range);
    let t = d.total;
    assert_eq!(t.by_channel.iter().sum::<u64>(), t.filed);
    assert_eq!(t.filed - t.by_channel[3], t.online, "online is every channel but paper");
    assert_eq!(d.days.len(), 61);
    for (what, filed, online) in [
        (
            "days",
            d.days.iter().map(|x| x.filings.filed).sum::<u64>(),
            d.days.iter().map(|x| x.filings.online).sum(),
        ),
        (
            "groups",
            d.groups.iter().map(|x| x.filings.filed).sum(),
            d.groups.iter().map(|x| x.filings.online).sum(),
        ),
        (
            "procedures",
            d.procedures.iter().map(|x| x.filings.filed).sum(),
            d.procedures.iter().map(|x| x.filings.online).sum(),
        ),
        ("officers", d.officers.iter().map(|x| x.filed).sum(), d.officers.iter().map(|x| x.online).sum()),
    ] {
        assert_eq!((filed, online), (t.filed, t.online), "{what}");
    }
    for p in &d.procedures {
        assert_eq!(p.by_state.iter().sum::<u64>(), p.filings.filed, "{}", p.procedure);
    }
    let v = &d.vneid;
    assert!(v.registered > 0 && v.activated > 0);
    assert_eq!(d.days.iter().map(|x| x.vneid_registered).sum::<u64>(), v.registered);
    assert_eq!(d.groups.iter().map(|x| x.vneid_activated).sum::<u64>(), v.activated);
    let open: u64 = d.kinds.iter().map(|k| k.open).sum();
    assert!(open > 0);
    assert_eq!(d.groups.iter().map(|g| g.findings_open).sum::<u64>(), open);
    assert_eq!(d.groups.iter().map(|g| g.findings_overdue).sum::<u64>(), d.overdue_findings);
    assert_eq!(d.kinds.iter().map(|k| k.overdue).sum::<u64>(), d.overdue_findings);
    assert!(d.overdue_applications.iter().all(|a| a.due_on < chrono::Local::now().date_naive()));

    // Every figure opens a list exactly as long as the figure.
    use motcua_core::store::{FigureFilter, WorklistFilter};
    let range = FigureFilter { limit: 0, ..FigureFilter::range(from, last) };
    let count = |f: FigureFilter| store.figure_applications(&f).unwrap().total;
    assert_eq!(count(range.clone()), t.filed);
    assert_eq!(count(FigureFilter { online_only: true, ..range.clone() }), t.online);
    assert_eq!(
        count(FigureFilter { overdue_only: true, ..range.clone() }),
        d.overdue_applications.len() as u64
    );
    assert_eq!(d.overdue_count, d.overdue_applications.len() as u64, "every one listed when none is capped");
    for x in d.days.iter().step_by(7) {
        assert_eq!(
            count(FigureFilter { from: x.day, to: x.day, ..range.clone() }),
            x.filings.filed,
            "{}",
            x.day
        );
    }
    for g in &d.groups {
        let f = match &g.group {
            Some(name) => FigureFilter { group: Some(name.clone()), ..range.clone() },
            None => FigureFilter { ungrouped: true, ..range.clone() },
        };
        assert_eq!(count(FigureFilter { online_only: true, ..f.clone() }), g.filings.online, "{:?}", g.group);
        assert_eq!(count(f), g.filings.filed, "{:?}", g.group);
        let open = WorklistFilter {
            group: g.group.clone(),
            ungrouped: g.group.is_none(),
            open_only: true,
            ..Default::default()
        };
        assert_eq!(store.worklist(&open).unwrap().len() as u64, g.findings_open, "{:?}", g.group);
    }
    for p in &d.procedures {
        assert_eq!(
            count(FigureFilter { procedure: Some(p.procedure.clone()), ..range.clone() }),
            p.filings.filed
        );
    }
    for o in &d.officers {
        assert_eq!(count(FigureFilter { officer: Some(o.officer.clone()), ..range.clone() }), o.filed);
    }
    for k in &d.kinds {
        let kind = motcua_core::review::Kind::from_code(&k.kind);
        let of = |f: WorklistFilter| store.worklist(&WorklistFilter { kind, ..f }).unwrap().len() as u64;
        assert_eq!(of(WorklistFilter { open_only: true, ..Default::default() }), k.open, "{}", k.kind);
        assert_eq!(of(WorklistFilter { overdue_only: true, ..Default::default() }), k.overdue, "{}", k.kind);
        assert_eq!(
            of(WorklistFilter { opened_in: Some((from, last)), ..Default::default() }),
            k.opened,
            "{}",
            k.kind
        );
    }
}

/// The scenario people are found in a demo ward, each fitting the case it stands for, and
/// are the same people in the same ward made again.
#[test]
fn the_training_scenarios_find_their_people_in_a_demo_ward() {
    use motcua_core::store::Store;
    let make = || {
        let mut store = Store::open_in_memory().unwrap();
        let config = DemoConfig { residents: 3_000, seed: 1, ..Default::default() };
        motcua_demo::create_demo_register(&mut store, &config, &mut |_, _, _| {}).unwrap();
        store
    };
    let mut store = make();
    let before = store.training_subjects().unwrap();
    assert!(before.moved_duplicate.is_none(), "no duplicate is known before a review");
    store.run_review().unwrap();
    let s = store.training_subjects().unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let born = |x: &motcua_core::store::Subject| -> i32 {
        x.ngay_sinh.as_deref().unwrap().rsplit('/').next().unwrap().parse().unwrap()
    };
    let elderly = s.elderly.as_ref().expect("an elderly woman");
    assert!(year - born(elderly) >= 70, "{elderly:?}");
    let detail = store.person_detail(&elderly.ma_ban_ghi).unwrap();
    assert_eq!(detail.gioi_tinh.as_deref(), Some("Nữ"));
    assert!(detail.so_dien_thoai.is_some());
    let year_only = s.year_only.as_ref().expect("a year-only birth date");
    assert_eq!(year_only.ngay_sinh.as_deref().map(str::len), Some(4), "{year_only:?}");
    let mother = s.mother.as_ref().expect("a young mother");
    assert!((20..=35).contains(&(year - born(mother))), "{mother:?}");
    let (a, b) = s.moved_duplicate.as_ref().expect("a duplicate left by a move");
    let at = |ma: &str| store.person_detail(ma).unwrap().noi_thuong_tru;
    assert_ne!(at(&a.ma_ban_ghi), at(&b.ma_ban_ghi));
    assert_eq!(before.elderly, s.elderly, "reviewing does not change who the scenarios are about");
    assert_eq!(make().training_subjects().unwrap().year_only, s.year_only, "the same ward, the same people");
}
