use super::migrations::{self, LATEST, MIGRATIONS};
use super::*;
use crate::record::RegisterRecord;

fn rec(ma: &str, name: &str, born: &str, sex: &str, hs: &str, rel: &str) -> RegisterRecord {
    RegisterRecord {
        ma_ban_ghi: ma.into(),
        ho_ten: name.into(),
        ngay_sinh: Some(born.into()),
        gioi_tinh: Some(sex.into()),
        so_ho_so_cu_tru: Some(hs.into()),
        quan_he_chu_ho: Some(rel.into()),
        noi_thuong_tru: Some("Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội".into()),
        to_dan_pho: Some("Tổ dân phố số 3".into()),
        ..Default::default()
    }
}

/// How SQLite would run `sql` (its parameters NULL): the plan's lines.
pub(crate) fn query_plan(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub(crate) fn sample_records() -> Vec<RegisterRecord> {
    let mut head = rec("R1", "Nguyễn Văn Hùng", "12/03/1968", "Nam", "HS000001", "Chủ hộ");
    head.so_dinh_danh = Some("001068012345".into());
    head.so_dien_thoai = Some("0912 345 678".into());
    let mut wife = rec("R2", "Trần Thị Hoà", "1970", "Nữ", "HS000001", "Vợ");
    wife.so_cmnd = Some("012345678".into());
    let child = rec("R3", "Nguyễn Thị Lan", "05/1995", "Nữ", "HS000001", "Con");
    let other = rec("R4", "NGUYỄN  THỊ LAN", "02/09/1950", "Nữ", "HS000002", "Chủ hộ");
    vec![head, wife, child, other]
}

fn store_with_samples() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    s
}

#[test]
fn opens_with_wal_foreign_keys_and_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("r.sqlite3"), None).unwrap();
    let mode: String = s.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    assert_eq!(s.schema_version().unwrap(), LATEST);
}

#[test]
fn migrates_from_every_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    for start in 0..LATEST {
        let path = dir.path().join(format!("v{start}.sqlite3"));
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations::migrate_to(&mut conn, start).unwrap();
            assert_eq!(migrations::user_version(&conn).unwrap(), start);
        }
        let s = Store::open(&path, None).unwrap();
        assert_eq!(s.schema_version().unwrap(), LATEST, "from v{start}");
        let problems: Vec<String> = s
            .conn()
            .prepare("PRAGMA foreign_key_check")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(problems.is_empty(), "from v{start}: {problems:?}");
        // The schema reached from an older version is the one a new database gets.
        let fresh = Store::open_in_memory().unwrap();
        assert_eq!(schema_sql(&s), schema_sql(&fresh), "from v{start}");
    }
}

fn schema_sql(s: &Store) -> Vec<String> {
    s.conn()
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1).unwrap();
    }
    match Store::open(&path, None) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!((found, supported), (LATEST + 1, LATEST));
        }
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn migrations_are_numbered_in_order() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert!(m.name.starts_with(&format!("{:04}_", i + 1)), "{}", m.name);
    }
}

#[test]
fn admin_units_are_loaded() {
    let s = Store::open_in_memory().unwrap();
    let n: i64 = s.conn().query_row("SELECT count(*) FROM admin_units_2025", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 3321);
    let ward: String = s
        .conn()
        .query_row(
            "SELECT n.ward FROM admin_legacy_to_2025 m JOIN admin_units_2025 n ON n.ward_code = m.ward_code_2025
             WHERE m.legacy_ward_code = '00013'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ward, "Phường Ba Đình");
}

#[test]
fn original_text_is_kept_beside_normalized_forms() {
    let s = store_with_samples();
    let (raw, norm, fold): (String, String, String) = s
        .conn()
        .query_row("SELECT ho_ten, ho_ten_norm, ho_ten_fold FROM persons WHERE ma_ban_ghi = 'R4'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(raw, "NGUYỄN  THỊ LAN");
    assert_eq!(norm, "Nguyễn Thị Lan");
    assert_eq!(fold, "nguyen thi lan");
}

#[test]
fn partial_dates_are_stored_partial() {
    let s = store_with_samples();
    let get = |ma: &str| -> (String, String) {
        s.conn()
            .query_row("SELECT ngay_sinh, ngay_sinh_date FROM persons WHERE ma_ban_ghi = ?1", [ma], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };
    assert_eq!(get("R2"), ("1970".into(), "1970".into()));
    assert_eq!(get("R3"), ("05/1995".into(), "1995-05".into()));
    assert_eq!(get("R1"), ("12/03/1968".into(), "1968-03-12".into()));
    assert_eq!(s.person_detail("R3").unwrap().ngay_sinh.as_deref(), Some("05/1995"));
}

#[test]
fn households_group_their_members_head_first() {
    let s = store_with_samples();
    assert_eq!(s.count_households().unwrap(), 2);
    let d = s.person_detail("R3").unwrap();
    let h = d.household.unwrap();
    assert_eq!(h.so_ho_so_cu_tru, "HS000001");
    let names: Vec<&str> = h.members.iter().map(|m| m.ho_ten.as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Hùng", "Trần Thị Hoà", "Nguyễn Thị Lan"]);
    assert_eq!(h.members[0].quan_he_chu_ho.as_deref(), Some("Chủ hộ"));
}

#[test]
fn a_record_is_never_inserted_twice() {
    let mut s = store_with_samples();
    let again = sample_records();
    assert!(
        matches!(s.insert_records(&again[..1], &mut |_, _| {}), Err(StoreError::RecordExists(m)) if m == "R1")
    );
    assert_eq!(s.count_persons().unwrap(), 4);
}

#[test]
fn unknown_record_is_not_found() {
    let s = store_with_samples();
    assert!(matches!(s.person_detail("R999"), Err(StoreError::NotFound(_))));
}

#[test]
fn register_kind_is_written_once() {
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(s.register_meta().unwrap(), None);
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Phường Ba Đình".into(),
        province: "Thành phố Hà Nội".into(),
    };
    s.init_register(&meta).unwrap();
    assert_eq!(s.register_meta().unwrap(), Some(meta.clone()));
    let real = RegisterMeta { kind: RegisterKind::Real, ..meta };
    assert!(matches!(s.init_register(&real), Err(StoreError::AlreadyInitialized(_))));
}

#[test]
fn digest_depends_on_content_only() {
    let a = store_with_samples();
    let b = store_with_samples();
    assert_eq!(a.content_digest().unwrap(), b.content_digest().unwrap());
    let mut c = Store::open_in_memory().unwrap();
    let mut recs = sample_records();
    recs[2].ngay_sinh = Some("06/1995".into());
    c.insert_records(&recs, &mut |_, _| {}).unwrap();
    assert_ne!(a.content_digest().unwrap(), c.content_digest().unwrap());
}

#[test]
fn a_failed_register_creation_leaves_nothing_behind() {
    let mut s = Store::open_in_memory().unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Phường Ba Đình".into(),
        province: "Thành phố Hà Nội".into(),
    };
    let mut records = sample_records();
    records.push(records[0].clone());
    assert!(matches!(s.create_register(&meta, &records, &mut |_, _| {}), Err(StoreError::RecordExists(_))));
    assert_eq!(s.count_persons().unwrap(), 0);
    assert_eq!(s.register_meta().unwrap(), None);
    s.create_register(&meta, &records[..4], &mut |_, _| {}).unwrap();
    assert_eq!(s.count_persons().unwrap(), 4);
    assert_eq!(s.register_meta().unwrap().unwrap().kind, RegisterKind::Demo);
}
