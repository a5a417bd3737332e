//! The review adapters on a small demo ward, as the trainer of a demo register.

use motcua_core::review::Kind;
use motcua_core::store::{Decision, FindingState, Store, WorklistFilter};
use motcua_demo::{DemoConfig, create_demo_register};

use super::{compare, fix, refused};
use crate::ipc::{ErrorCode, FieldVerdict, WorkItemInfo, WorkState, WorklistQuery};

fn reviewed_ward() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let config = DemoConfig { residents: 600, seed: 5, ..DemoConfig::default() };
    create_demo_register(&mut s, &config, &mut |_, _, _| {}).unwrap();
    s.run_review().unwrap();
    s
}

fn first(s: &Store, kind: Kind) -> WorkItemInfo {
    let filter = WorklistFilter { kind: Some(kind), open_only: true, ..WorklistFilter::default() };
    let items: Vec<WorkItemInfo> = s.worklist(&filter).unwrap().into_iter().map(Into::into).collect();
    items
        .into_iter()
        .find(|i| kind != Kind::Duplicate || i.records.len() == 2)
        .expect("the demo ward plants it")
}

#[test]
fn a_fix_by_the_suggestion_closes_the_finding() {
    let mut s = reviewed_ward();
    let item = first(&s, Kind::NotNormalized);
    assert!(item.fixable, "{item:?}");
    let version = s.person_detail(&item.records[0]).unwrap().version;
    let fixed = fix(&mut s, item.id, item.suggestion.clone(), version).unwrap();
    assert_eq!(fixed.state, WorkState::DaSua, "{fixed:?}");
    // Fixed from a version that is no longer current: refused, nothing changes.
    let other = first(&s, Kind::NotNormalized);
    let stale = s.person_detail(&other.records[0]).unwrap().version - 1;
    let e = fix(&mut s, other.id, other.suggestion.clone(), stale).unwrap_err();
    assert_eq!(e.code, ErrorCode::StaleEdit);
}

#[test]
fn a_duplicate_is_merged_not_fixed_and_compares_as_its_finding_says() {
    let mut s = reviewed_ward();
    let dup = first(&s, Kind::Duplicate);
    assert!(!dup.fixable);
    assert_eq!(fix(&mut s, dup.id, None, 1).unwrap_err().code, ErrorCode::ReviewRefused);
    let keep = dup.suggestion.as_deref().and_then(|t| t.rsplit(' ').next()).unwrap().to_string();
    let other = dup.records.iter().find(|r| **r != keep).unwrap();
    let ours = compare(&s, &keep, other).unwrap();
    let theirs: Vec<(String, FieldVerdict)> =
        dup.explanation.iter().map(|e| (e.field.clone(), e.verdict)).collect();
    assert_eq!(ours.into_iter().map(|e| (e.field, e.verdict)).collect::<Vec<_>>(), theirs);
}

#[test]
fn a_decision_without_its_reason_is_refused_with_the_core_reason() {
    let mut s = reviewed_ward();
    let item = first(&s, Kind::PartialBirthDate);
    let e = refused(s.decide_finding(item.id, &Decision::NotAnError { reason: "  ".into() }).unwrap_err());
    assert_eq!(e.code, ErrorCode::ReviewRefused);
    assert_eq!(e.message, "cần ghi lý do");
    assert_eq!(s.work_item(item.id).unwrap().state, FindingState::Moi);
}

#[test]
fn the_query_of_the_screen_filters_as_the_core_does() {
    let s = reviewed_ward();
    let query: WorklistQuery = serde_json::from_value(serde_json::json!({
        "kind": "duplicate", "group": "", "state": "moi", "open_only": false, "overdue_only": false,
        "record": null, "limit": 3
    }))
    .unwrap();
    let items = s.worklist(&query.try_into().unwrap()).unwrap();
    assert!(!items.is_empty() && items.len() <= 3);
    assert!(items.iter().all(|i| i.finding.kind == Kind::Duplicate && i.state == FindingState::Moi));
    // The dashboard's lists: found on a day; a day that is not one is refused in Vietnamese.
    let today = chrono::Local::now().date_naive().to_string();
    let query: WorklistQuery = serde_json::from_value(serde_json::json!({
        "kind": null, "group": null, "state": null, "open_only": false, "overdue_only": false,
        "record": null, "limit": null, "opened_in": { "from": today, "to": today }
    }))
    .unwrap();
    assert!(!s.worklist(&query.try_into().unwrap()).unwrap().is_empty(), "the review ran today");
    let query: WorklistQuery = serde_json::from_value(serde_json::json!({
        "kind": null, "group": null, "state": null, "open_only": false, "overdue_only": false,
        "record": null, "limit": null, "closed_in": { "from": "2026-13-01", "to": today }
    }))
    .unwrap();
    let e = WorklistFilter::try_from(query).unwrap_err();
    assert_eq!((e.code, e.message.contains("2026-13-01")), (ErrorCode::InvalidRange, true));
}
