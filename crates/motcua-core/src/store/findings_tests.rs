//! The worklist: states kept across runs, decisions, deadlines, merges and undoing them,
//! progress per group, and the officers' file.

use super::*;
use crate::access::Role;
use crate::record::RegisterRecord;
use crate::review::Kind;

fn person(ma: &str, name: &str, born: &str, id: &str, group: &str) -> RegisterRecord {
    RegisterRecord {
        ma_ban_ghi: ma.into(),
        so_dinh_danh: Some(id.into()),
        ho_ten: name.into(),
        ngay_sinh: Some(born.into()),
        gioi_tinh: Some("Nữ".into()),
        noi_thuong_tru: Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội".into()),
        so_ho_so_cu_tru: Some(format!("HS-{ma}")),
        quan_he_chu_ho: Some("Chủ hộ".into()),
        to_dan_pho: Some(group.into()),
        ..Default::default()
    }
}

/// R1 and R2 are one person (R2 written without marks, one digit off, no household,
/// but with her phone); R3 has only a birth year; R4 is clean.
fn records() -> Vec<RegisterRecord> {
    let mut copy = person("R2", "Nguyen Thi Hoa", "15/03/1985", "001185012346", "Tổ dân phố số 1");
    copy.so_ho_so_cu_tru = None;
    copy.quan_he_chu_ho = None;
    copy.so_dien_thoai = Some("0912345678".into());
    vec![
        person("R1", "Nguyễn Thị Hòa", "15/03/1985", "001185012345", "Tổ dân phố số 1"),
        copy,
        person("R3", "Lê Thị Lan", "1990", "001190054321", "Tổ dân phố số 2"),
        person("R4", "Phạm Thị Mai", "20/10/1992", "001192011111", "Tổ dân phố số 2"),
    ]
}

/// An encrypted real register with a desk officer and a supervisor; opens as `login`.
fn register(dir: &Path, login: &str) -> Store {
    let path = dir.join("r.sqlite3");
    if !path.exists() {
        let mut admin = Store::open(&path, Some(&Credentials::new("admin", "quản trị 2026"))).unwrap();
        let meta = RegisterMeta {
            kind: RegisterKind::Real,
            ward_code: "00004".into(),
            ward: "Ba Đình".into(),
            province: "Hà Nội".into(),
        };
        admin.create_register(&meta, &records(), &mut |_, _| {}).unwrap();
        admin.add_officer("cb.lan", "Lê Lan", Role::DeskOfficer, "một cửa 2026").unwrap();
        admin.add_officer("gs.hoa", "Lê Thị Hoa", Role::Supervisor, "giám sát 2026").unwrap();
    }
    let password = if login == "cb.lan" { "một cửa 2026" } else { "giám sát 2026" };
    Store::open(&path, Some(&Credentials::new(login, password))).unwrap()
}

fn open_of(s: &Store, kind: Kind) -> Vec<WorkItem> {
    let filter = WorklistFilter { kind: Some(kind), open_only: true, ..Default::default() };
    s.worklist(&filter).unwrap()
}

fn group<'a>(p: &'a [GroupProgress], name: &str) -> &'a GroupProgress {
    p.iter().find(|g| g.group.as_deref() == Some(name)).unwrap()
}

#[test]
fn a_second_run_keeps_states_and_a_fixed_record_closes_its_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = register(dir.path(), "cb.lan");
    let (run, findings) = s.run_review().unwrap();
    assert_eq!((run.records, run.opened, run.closed), (4, findings.len(), 0));
    let kinds: Vec<Kind> = findings.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&Kind::Duplicate) && kinds.contains(&Kind::PartialBirthDate), "{kinds:?}");

    let partial = open_of(&s, Kind::PartialBirthDate).remove(0);
    assert_eq!(partial.finding.records, ["R3"]);
    assert_eq!(partial.group.as_deref(), Some("Tổ dân phố số 2"));
    let refused = s.decide_finding(partial.id, &Decision::NotAnError { reason: "  ".into() });
    assert!(matches!(refused, Err(StoreError::InvalidEdit(_))), "a reason is required");
    let taken = s.decide_finding(partial.id, &Decision::Take).unwrap();
    assert_eq!((taken.state, taken.owner.as_deref()), (FindingState::DangXuLy, Some("cb.lan")));

    let (again, _) = s.run_review().unwrap();
    assert_eq!((again.opened, again.closed), (0, 0));
    assert_eq!(s.work_item(partial.id).unwrap().state, FindingState::DangXuLy, "kept across runs");

    let version = s.person_detail("R3").unwrap().version;
    let fix = FieldEdit {
        ma_ban_ghi: "R3".into(),
        field: "ngay_sinh".into(),
        value: Some("04/05/1990".into()),
        base_version: version,
    };
    s.edit_field(&fix).unwrap();
    let (one, _) = s.review_record("R3").unwrap();
    assert_eq!(one.closed, 1);
    let closed = s.work_item(partial.id).unwrap();
    assert_eq!(closed.state, FindingState::DaSua);
    assert!(closed.closed_at.is_some());
    assert_eq!(s.pending_ops().unwrap().len(), 1, "the fix itself goes to the ward server");
    let p = s.review_progress().unwrap();
    assert_eq!((group(&p, "Tổ dân phố số 2").records, group(&p, "Tổ dân phố số 2").clean_records), (2, 2));
    assert_eq!(group(&p, "Tổ dân phố số 2").percent_clean, 100.0);
}

#[test]
fn a_merge_waits_for_a_supervisor_keeps_both_records_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = register(dir.path(), "cb.lan");
    desk.run_review().unwrap();
    let dup = open_of(&desk, Kind::Duplicate).remove(0);
    assert_eq!(dup.finding.records, ["R1", "R2"]);
    assert_eq!(dup.finding.suggestion.as_deref(), Some("Gộp vào bản ghi R1"));
    let before = desk.review_progress().unwrap();
    let take = [("so_dien_thoai".to_string(), "R2".to_string())];
    assert!(desk.request_merge(dup.id, "R9", &take).is_err(), "only a record of the group is kept");
    let m = desk.request_merge(dup.id, "R1", &take).unwrap();
    assert_eq!((m.state, m.merged.clone()), (MergeState::ChoDuyet, vec!["R2".to_string()]));
    assert!(
        matches!(desk.approve_merge(m.id), Err(StoreError::Forbidden { .. })),
        "a desk officer cannot approve"
    );
    drop(desk);

    let mut sup = register(dir.path(), "gs.hoa");
    let done = sup.approve_merge(m.id).unwrap();
    assert_eq!(done.state, MergeState::DaGop);
    assert_eq!(done.fields[0].replaced, None, "R1 had no phone");
    assert_eq!(sup.person_detail("R1").unwrap().so_dien_thoai.as_deref(), Some("0912345678"));
    assert_eq!(sup.merged_into("R2").unwrap().as_deref(), Some("R1"));
    assert!(sup.person_detail("R2").is_ok(), "the merged record is kept");
    assert_eq!(sup.work_item(dup.id).unwrap().state, FindingState::DaSua);
    let after = sup.review_progress().unwrap();
    let (b, a) = (group(&before, "Tổ dân phố số 1"), group(&after, "Tổ dân phố số 1"));
    assert_eq!((a.open, a.resolved), (b.open - 1, b.resolved + 1));
    assert_eq!(a.records, b.records - 1, "the merged record no longer counts");
    assert_eq!(sup.pending_ops().unwrap().iter().filter(|o| o.field == "so_dien_thoai").count(), 1);
    let (rerun, findings) = sup.run_review().unwrap();
    assert_eq!(rerun.records, 3);
    assert!(findings.iter().all(|f| f.kind != Kind::Duplicate), "a merged pair is not found again");

    let undone = sup.undo_merge(m.id).unwrap();
    assert_eq!(undone.state, MergeState::DaHoanTac);
    assert_eq!(sup.person_detail("R1").unwrap().so_dien_thoai, None);
    assert_eq!(sup.merged_into("R2").unwrap(), None);
    assert_eq!(sup.work_item(dup.id).unwrap().state, FindingState::DangXuLy);
    let actions: Vec<String> = sup.audit_entries(0, 1000).unwrap().into_iter().map(|e| e.action).collect();
    for a in ["review", "merge_request", "merge", "merge_undo"] {
        assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
    }
    assert_eq!(sup.verify_audit().unwrap().broken_at, None);
}

#[test]
fn overdue_findings_are_listed_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = register(dir.path(), "gs.hoa");
    s.run_review().unwrap();
    s.set_deadline(Kind::PartialBirthDate, 2).unwrap();
    assert!(s.set_deadline(Kind::PartialBirthDate, 0).is_err());
    let item = open_of(&s, Kind::PartialBirthDate).remove(0);
    assert!(!item.overdue);
    s.conn()
        .execute("UPDATE findings SET opened_at = '2020-01-06T08:00:00.000Z' WHERE id = ?1", [item.id])
        .unwrap();
    let late = s.work_item(item.id).unwrap();
    assert!(late.overdue);
    assert_eq!(late.due, "2020-01-08");
    assert!(late.age_days > 1000);
    let overdue = WorklistFilter { overdue_only: true, ..Default::default() };
    assert_eq!(s.worklist(&overdue).unwrap().iter().map(|i| i.id).collect::<Vec<_>>(), [item.id]);
    s.decide_finding(item.id, &Decision::ExplainDelay { reason: "Chờ giấy khai sinh bản gốc".into() })
        .unwrap();
    assert_eq!(s.work_item(item.id).unwrap().delay_reason.as_deref(), Some("Chờ giấy khai sinh bản gốc"));
    assert_eq!(group(&s.review_progress().unwrap(), "Tổ dân phố số 2").overdue, 1);

    let book = dir.path().join("rasoat.xlsx");
    let n = s.export_worklist(&book, &WorklistFilter::default()).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names(), ["phat_hien", "tien_do"]);
    let sheet = wb.worksheet_range("phat_hien").unwrap();
    assert_eq!(sheet.height(), n + 1);
    let late_row = sheet.rows().find(|r| r[0].to_string() == item.id.to_string()).unwrap();
    assert_eq!(late_row[12].to_string(), "Quá hạn: Chờ giấy khai sinh bản gốc");
    let progress = wb.worksheet_range("tien_do").unwrap();
    assert_eq!(progress.get((1, 0)).unwrap().to_string(), "Tổ dân phố số 1");
}
