//! The boundary's codes are the core's, both ways, so the UI and the register agree.

use super::*;
use motcua_core::procedures::Catalog;
use std::collections::BTreeMap;

#[test]
fn states_channels_and_papers_keep_the_core_codes() {
    for s in AppState::ALL {
        let ours = ApplicationState::from(s);
        assert_eq!(serde_json::to_value(ours).unwrap(), s.code());
        assert_eq!(AppState::from(ours), s);
    }
    for c in Channel::ALL {
        let ours = FilingChannel::from(c);
        assert_eq!(serde_json::to_value(ours).unwrap(), c.code());
        assert_eq!(Channel::from(ours), c);
    }
    for d in [DocState::Present, DocState::Missing, DocState::NotNeeded] {
        let ours = PaperState::from(d);
        assert_eq!(serde_json::to_value(ours).unwrap(), serde_json::to_value(d).unwrap());
        assert_eq!(DocState::from(ours), d);
    }
    for v in VneidState::ALL {
        let ours = VneidStatus::from(v);
        assert_eq!(serde_json::to_value(ours).unwrap(), v.code());
        assert_eq!(VneidState::from(ours), v);
    }
}

#[test]
fn every_shipped_procedure_crosses_whole() {
    for p in Catalog::shipped().procedures {
        let info = ProcedureInfo::from(p.clone());
        assert_eq!(
            (info.checks.len(), info.documents.len(), info.fields.len(), info.steps.len()),
            (p.checks.len(), p.documents.len(), p.fields.len(), p.steps.len()),
            "{}",
            p.code
        );
        for (ours, theirs) in info.checks.iter().zip(&p.checks) {
            assert_eq!(serde_json::to_value(ours.rule).unwrap(), serde_json::to_value(theirs.rule).unwrap());
        }
        for (ours, theirs) in info.fields.iter().zip(&p.fields) {
            assert_eq!(serde_json::to_value(ours.kind).unwrap(), serde_json::to_value(theirs.kind).unwrap());
        }
    }
}

#[test]
fn a_check_outcome_reads_as_the_ui_matches_it() {
    let failed = CheckInfo::from(CheckResult {
        key: "the_con_han".into(),
        outcome: CheckOutcome::Failed { message: "Cần thẻ còn hạn".into() },
    });
    assert_eq!(
        serde_json::to_value(&failed).unwrap(),
        serde_json::json!({"key": "the_con_han", "status": {"outcome": "failed", "message": "Cần thẻ còn hạn"}})
    );
    let open = CheckInfo::from(CheckResult {
        key: "k".into(),
        outcome: CheckOutcome::Open { question: "?".into() },
    });
    assert_eq!(serde_json::to_value(&open).unwrap()["status"]["outcome"], "open");
}

#[test]
fn an_edit_reads_as_the_ui_sends_it() {
    let edit: ApplicationEdit = serde_json::from_value(serde_json::json!({
        "form": null, "answers": {"so_chinh_chu": true}, "documents": {"the_can_cuoc": "not_needed"}, "steps_done": 2
    }))
    .unwrap();
    let change = ApplicationChange::from(edit);
    assert_eq!(change.form, None);
    assert_eq!(change.answers, Some(BTreeMap::from([("so_chinh_chu".to_string(), true)])));
    assert_eq!(change.documents.unwrap()["the_can_cuoc"], DocState::NotNeeded);
    assert_eq!(change.steps_done, Some(2));
}

#[test]
fn the_moves_offered_are_those_the_core_allows() {
    let record = |state| VneidRecord {
        ma_ban_ghi: "R1".into(),
        state,
        registered_on: None,
        approved_on: None,
        activated_on: None,
        activate_by: None,
        days_left: None,
        failure: None,
        note: None,
        updated_at: None,
    };
    assert_eq!(
        VneidInfo::from(record(VneidState::ChuaDangKy)).next,
        [VneidStatus::ChoDuyet, VneidStatus::Loi]
    );
    assert_eq!(
        VneidInfo::from(record(VneidState::ChoKichHoat)).next,
        [VneidStatus::DaKichHoat, VneidStatus::Loi]
    );
    assert!(VneidInfo::from(record(VneidState::DaKichHoat)).next.is_empty());
}
