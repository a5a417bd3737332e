//! Field edits: the change, its history, its audit entry and its outbox operation.

use super::tests::sample_records;
use super::*;
use crate::access::Role;

fn real(dir: &Path) -> Store {
    let mut s = Store::open(&dir.join("r.sqlite3"), None).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    s.create_register(&meta, &sample_records(), &mut |_, _| {}).unwrap();
    s
}

fn edit(field: &str, value: Option<&str>, base_version: i64) -> FieldEdit {
    FieldEdit { ma_ban_ghi: "R2".into(), field: field.into(), value: value.map(Into::into), base_version }
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// A supervisor's session on an encrypted copy: plaintext real registers act as their
/// ward admin, who does not edit casework.
fn supervisor(dir: &Path) -> Store {
    let path = dir.join("e.sqlite3");
    let mut admin = Store::open(&path, Some(&Credentials::new("admin", "quản trị 2026"))).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    admin.create_register(&meta, &sample_records(), &mut |_, _| {}).unwrap();
    admin.add_officer("gs.hoa", "Lê Thị Hoa", Role::Supervisor, "giám sát 2026").unwrap();
    drop(admin);
    Store::open(&path, Some(&Credentials::new("gs.hoa", "giám sát 2026"))).unwrap()
}

#[test]
fn an_edit_lands_with_its_history_audit_and_outbox_operation_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = supervisor(dir.path());
    let out = s.edit_field(&edit("ngay_sinh", Some(" 14/07/1970 "), 1)).unwrap();
    let EditOutcome::Applied { version: 2, op_id: Some(op_id) } = out else { panic!("{out:?}") };
    assert_eq!(s.person_detail("R2").unwrap().ngay_sinh.as_deref(), Some("14/07/1970"));
    assert_eq!(s.search("tran thi hoa 14/07/1970", 5).unwrap().hits[0].ma_ban_ghi, "R2", "the index follows");

    let ops = s.pending_ops().unwrap();
    assert_eq!(ops.len(), 1);
    let op = &ops[0];
    assert_eq!((op.op_id.as_str(), op.field.as_str(), op.base_version), (op_id.as_str(), "ngay_sinh", 1));
    assert_eq!((op.old_value.as_deref(), op.new_value.as_deref()), (Some("1970"), Some("14/07/1970")));
    assert_eq!(op.officer, "gs.hoa");
    assert_eq!(count(&s, "person_history"), 1);
    let edits: Vec<_> =
        s.audit_entries(0, 100).unwrap().into_iter().filter(|e| e.action == "edit_citizen").collect();
    assert_eq!(edits.len(), 1);
    assert_eq!(
        (edits[0].record.as_deref(), edits[0].detail.as_str()),
        (Some("R2"), "ngay_sinh"),
        "the field, not its value"
    );

    // From the version it saw, not a stale one; the same value again writes nothing.
    let stale = s.edit_field(&edit("so_dien_thoai", Some("0912000111"), 1));
    assert!(matches!(stale, Err(StoreError::StaleEdit { seen: 1, current: 2 })), "{stale:?}");
    assert_eq!(s.edit_field(&edit("ngay_sinh", Some("14/07/1970"), 2)).unwrap(), EditOutcome::Unchanged);
    assert_eq!(s.edit_field(&edit("email", None, 2)).unwrap(), EditOutcome::Unchanged, "already empty");
    assert_eq!(s.pending_ops().unwrap().len(), 1);
}

#[test]
fn a_failed_edit_writes_nothing_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = supervisor(dir.path());
    let before = (count(&s, "audit_log"), count(&s, "person_history"));
    // The outbox refuses the operation: the change and its audit entry go with it.
    s.conn()
        .execute_batch(
            "CREATE TRIGGER no_ops BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    assert!(s.edit_field(&edit("ngay_sinh", Some("14/07/1970"), 1)).is_err());
    assert_eq!(s.person_detail("R2").unwrap().ngay_sinh.as_deref(), Some("1970"));
    // The view just now is the only new audit entry.
    assert_eq!((count(&s, "audit_log") - 1, count(&s, "person_history")), before);
    for bad in
        [edit("ma_ban_ghi", Some("R9"), 1), edit("version", Some("9"), 1), edit("ho_ten", Some("  "), 1)]
    {
        assert!(matches!(s.edit_field(&bad), Err(StoreError::InvalidEdit(_))), "{bad:?}");
    }
    let missing = FieldEdit { ma_ban_ghi: "R404".into(), ..edit("email", Some("a@b.vn"), 1) };
    assert!(matches!(s.edit_field(&missing), Err(StoreError::NotFound(_))));
}

#[test]
fn who_may_edit_and_where_edits_go() {
    let dir = tempfile::tempdir().unwrap();
    // The ward admin keeping a plaintext register runs the system, not casework.
    let mut plain = real(dir.path());
    let refused = plain.edit_field(&edit("email", Some("a@b.vn"), 1));
    assert!(matches!(refused, Err(StoreError::Forbidden { role: Role::WardAdmin, .. })), "{refused:?}");
    // A trainer edits the demo ward, which never syncs: no operation is queued.
    let mut demo = Store::open(&dir.path().join("d.sqlite3"), None).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    demo.create_register(&meta, &sample_records(), &mut |_, _| {}).unwrap();
    let out = demo.edit_field(&edit("email", Some("hoa@example.vn"), 1)).unwrap();
    assert_eq!(out, EditOutcome::Applied { version: 2, op_id: None });
    assert!(demo.pending_ops().unwrap().is_empty());
}
