//! Applications walked through the store: every shipped procedure from a draft to a
//! result, the VNeID account alongside, due days and overdue reasons, photos, the
//! catalog and calendar a ward loads, and who may do which.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::access::Role;
use crate::procedures::vneid::VneidState;
use crate::procedures::{Catalog, CheckOutcome, FieldKind};
use crate::record::RegisterRecord;

fn people() -> Vec<RegisterRecord> {
    let hoa = RegisterRecord {
        ma_ban_ghi: "R1".into(),
        so_dinh_danh: Some("001185012345".into()),
        ho_ten: "Nguyễn Thị Hoà".into(),
        ngay_sinh: Some("15/03/1985".into()),
        gioi_tinh: Some("Nữ".into()),
        so_dien_thoai: Some("0912345678".into()),
        noi_thuong_tru: Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội".into()),
        noi_o_hien_tai: Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội".into()),
        noi_tam_tru: Some("Số 9 ngõ 12 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội".into()),
        to_dan_pho: Some("Tổ dân phố số 3".into()),
        ..Default::default()
    };
    let baby = RegisterRecord {
        ma_ban_ghi: "R2".into(),
        so_dinh_danh: Some("001326000001".into()),
        ho_ten: "Trần Minh An".into(),
        ngay_sinh: Some("01/11/2026".into()),
        gioi_tinh: Some("Nam".into()),
        ..Default::default()
    };
    vec![hoa, baby]
}

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    s.create_register(&meta, &people(), &mut |_, _| {}).unwrap();
    s
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
}

/// Walks `code` for `who` to "đã nộp": answers yes, papers present (or looked up),
/// missing fields typed, every step walked.
fn walk(s: &mut Store, code: &str, who: &str, received: NaiveDateTime) -> Application {
    let a = s.start_application(code, Some(who), Channel::TaiQuay).unwrap();
    let p = Catalog::shipped().procedure(code).unwrap().clone();
    let answers: BTreeMap<String, bool> = a
        .checks
        .iter()
        .filter(|c| matches!(c.outcome, CheckOutcome::Open { .. }))
        .map(|c| (c.key.clone(), true))
        .collect();
    let documents = p
        .documents
        .iter()
        .map(|d| (d.key.clone(), if d.lookup { DocState::NotNeeded } else { DocState::Present }))
        .collect();
    let form = p
        .fields
        .iter()
        .filter(|f| a.form[&f.key].is_empty())
        .map(|f| {
            let v = match f.kind {
                FieldKind::Date => "02/11/2026".to_string(),
                FieldKind::IdNumber => "001190000777".into(),
                FieldKind::Phone => "0987654321".into(),
                FieldKind::Choice => f.choices[0].clone(),
                FieldKind::Text => "Trần Văn Bình".into(),
            };
            (f.key.clone(), v)
        })
        .collect();
    let half = ApplicationChange {
        answers: Some(answers),
        documents: Some(documents),
        form: Some(form),
        steps_done: Some(1),
    };
    let a = s.change_application(&a.id, &half).unwrap();
    if p.steps.len() > 1 {
        assert!(s.mark_guided(&a.id).is_err(), "{code}: not every step walked yet");
    }
    let rest = ApplicationChange { steps_done: Some(p.steps.len() as u32), ..Default::default() };
    s.change_application(&a.id, &rest).unwrap();
    assert_eq!(s.mark_guided(&a.id).unwrap().state, AppState::DaHuongDan, "{code}");
    s.file_application(&a.id, "G22.99-261203-0001", Some(received)).unwrap()
}

#[test]
fn every_shipped_procedure_is_filed_and_settled_through_the_store() {
    let mut s = demo();
    let today = chrono::Local::now().date_naive();
    for p in Catalog::shipped().in_force(today) {
        let who = if p.code == "cap_the_bhyt_tre_em" { "R2" } else { "R1" };
        let filed = walk(&mut s, &p.code, who, at(2026, 12, 3, 9));
        assert_eq!(filed.state, AppState::DaNop, "{}", p.code);
        assert_eq!(filed.portal_number.as_deref(), Some("G22.99-261203-0001"));
        let due = s.calendar().unwrap().due_date(at(2026, 12, 3, 9), p.time_limit_days);
        assert_eq!(filed.due_on, Some(due), "{}", p.code);
        let done = s.advance_application(&filed.id, AppState::DangXuLy, None).unwrap();
        let done = s.advance_application(&done.id, AppState::CoKetQua, None).unwrap();
        assert!(done.closed_at.is_some() && !done.overdue, "{}", p.code);
    }
    let filed =
        s.applications(&ApplicationFilter { state: Some(AppState::CoKetQua), ..Default::default() }).unwrap();
    assert_eq!(filed.len(), Catalog::shipped().in_force(today).count());
    let events: i64 = s.conn.query_row("SELECT count(*) FROM application_events", [], |r| r.get(0)).unwrap();
    assert!(events >= 7 * filed.len() as i64, "{events} events: each change is one");
}

#[test]
fn filing_the_vneid_registration_waits_for_approval_then_counts_down_seven_days() {
    let mut s = demo();
    let filed = walk(&mut s, "vneid_muc_2", "R1", at(2026, 12, 3, 16));
    // After 15:00 on Thursday: counted from Friday, 3 working days → Wednesday 9/12.
    assert_eq!(filed.due_on, NaiveDate::from_ymd_opt(2026, 12, 9));
    let v = s.vneid_status("R1").unwrap();
    assert_eq!((v.state, v.registered_on), (VneidState::ChoDuyet, NaiveDate::from_ymd_opt(2026, 12, 3)));
    let today = chrono::Local::now().date_naive();
    let v = s.set_vneid("R1", VneidState::ChoKichHoat, today, None, None).unwrap();
    assert_eq!(v.days_left, Some(7));
    assert!(s.set_vneid("R1", VneidState::ChuaDangKy, today, None, None).is_err());
    let refused = s.set_vneid("R1", VneidState::Loi, today, None, None).unwrap_err().to_string();
    assert!(refused.contains("chọn lỗi"), "{refused}");
    let v =
        s.set_vneid("R1", VneidState::Loi, today, Some("otp_not_received"), Some("máy hết bộ nhớ")).unwrap();
    assert!(v.failure.unwrap().guidance.contains("gửi lại mã"));
    let v = s.set_vneid("R1", VneidState::ChoKichHoat, today, None, None).unwrap();
    assert_eq!(v.state, VneidState::ChoKichHoat);
    assert_eq!(
        s.set_vneid("R1", VneidState::DaKichHoat, today, None, None).unwrap().state,
        VneidState::DaKichHoat
    );
}

#[test]
fn nothing_is_filed_while_a_check_fails_a_paper_is_missing_or_the_number_is_bad() {
    let mut s = demo();
    // The newborn is not 14: the VNeID procedure says so and refuses to file.
    let a = s.start_application("vneid_muc_2", Some("R2"), Channel::LuuDong).unwrap();
    let steps = Catalog::shipped().procedure("vneid_muc_2").unwrap().steps.len() as u32;
    s.change_application(&a.id, &ApplicationChange { steps_done: Some(steps), ..Default::default() })
        .unwrap();
    s.mark_guided(&a.id).unwrap();
    let why = s.file_application(&a.id, "ABC-123", None).unwrap_err().to_string();
    assert!(
        why.contains("đủ 14 tuổi") && why.contains("thiếu giấy tờ") && why.contains("chưa trả lời"),
        "{why}"
    );
    // A paper the office cannot look up may not be marked "not needed".
    let p = s.start_application("thuong_tru", Some("R1"), Channel::TaiQuay).unwrap();
    let docs = BTreeMap::from([("cho_o_hop_phap".to_string(), DocState::NotNeeded)]);
    let change = ApplicationChange { documents: Some(docs), ..Default::default() };
    assert!(s.change_application(&p.id, &change).unwrap_err().to_string().contains("phải có"));
    // A bad portal number is refused with what it should look like; nothing changes.
    let filed = walk(&mut s, "tam_tru", "R1", at(2026, 12, 3, 9));
    let again = s.start_application("tam_tru", Some("R1"), Channel::TaiQuay).unwrap();
    assert!(s.file_application(&again.id, "??", None).is_err());
    assert_eq!(s.application(&again.id).unwrap().state, AppState::Nhap);
    // A filed form is the portal's: it cannot change here; refusing needs a reason.
    assert!(s.change_application(&filed.id, &ApplicationChange::default()).is_err());
    assert!(s.advance_application(&filed.id, AppState::BiTuChoi, Some(" ")).is_err());
    let refused =
        s.advance_application(&filed.id, AppState::BiTuChoi, Some("Thiếu hợp đồng thuê nhà")).unwrap();
    assert_eq!(refused.refusal_reason.as_deref(), Some("Thiếu hợp đồng thuê nhà"));
}

#[test]
fn an_overdue_application_is_listed_until_its_delay_is_explained() {
    let mut s = demo();
    let filed = walk(&mut s, "thuong_tru", "R1", at(2026, 1, 5, 9));
    assert!(filed.overdue, "7 working days from January are long past");
    assert!(s.explain_delay(&filed.id, "x").is_err());
    let overdue = s.applications(&ApplicationFilter { overdue_only: true, ..Default::default() }).unwrap();
    assert_eq!(overdue.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), [filed.id.as_str()]);
    let explained = s.explain_delay(&filed.id, "Chờ xác minh chỗ ở với chủ nhà").unwrap();
    assert_eq!(explained.delay_reason.as_deref(), Some("Chờ xác minh chỗ ở với chủ nhà"));
    let fresh = walk(&mut s, "thuong_tru", "R1", chrono::Local::now().naive_local());
    assert!(!fresh.overdue && s.explain_delay(&fresh.id, "Chờ xác minh chỗ ở").is_err());
}

#[test]
fn a_photo_is_straightened_shrunk_and_marks_its_paper_present() {
    let mut s = demo();
    let a = s.start_application("thuong_tru", Some("R1"), Channel::TaiQuay).unwrap();
    let img = image::RgbImage::from_fn(3000, 2400, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x ^ y) % 256) as u8])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let photo = s.attach_photo(&a.id, "cho_o_hop_phap", "so-do.png", &png).unwrap();
    assert_eq!((photo.width, photo.height), (2000, 1600));
    assert!(photo.size <= crate::photo::MAX_JPEG_BYTES, "{}", photo.size);
    let a = s.application(&a.id).unwrap();
    assert_eq!(a.documents["cho_o_hop_phap"], DocState::Present);
    assert_eq!(a.attachments.len(), 1);
    assert_eq!(a.attachments[0].file_name, "so-do.jpg");
    assert_eq!((a.photos[0].document.as_deref(), a.photos[0].warnings.len()), (Some("cho_o_hop_phap"), 0));
    assert!(!s.attachment_thumbnail(&photo.sha256).unwrap().is_empty());
    assert!(s.attach_photo(&a.id, "cho_o_hop_phap", "x.jpg", b"not a photo").is_err());
    assert!(s.attach_photo(&a.id, "khong_co", "x.png", &png).is_err());

    // From the scanner's folder: the file chosen there, kept under its own name.
    let scans = tempfile::tempdir().unwrap();
    let form =
        image::RgbImage::from_fn(1200, 1700, |x, y| image::Rgb([(y % 233) as u8, (x % 229) as u8, 140]));
    let mut scanned_png = Vec::new();
    image::DynamicImage::ImageRgb8(form)
        .write_to(&mut std::io::Cursor::new(&mut scanned_png), image::ImageFormat::Png)
        .unwrap();
    std::fs::write(scans.path().join("Scan_0007.PNG"), &scanned_png).unwrap();
    std::fs::write(scans.path().join("ghi-chu.txt"), b"x").unwrap();
    let newest = crate::scans::newest_scans(scans.path(), 6).unwrap();
    assert_eq!(newest.len(), 1);
    let scanned = s.attach_scan(&a.id, "to_khai_ct01", &newest[0].path).unwrap();
    assert_eq!(scanned.document, "to_khai_ct01");
    let a = s.application(&a.id).unwrap();
    assert!(a.attachments.iter().any(|x| x.file_name == "Scan_0007.jpg"), "{:?}", a.attachments);
    let refused = s.attach_scan(&a.id, "to_khai_ct01", &scans.path().join("ghi-chu.txt")).unwrap_err();
    assert!(refused.to_string().contains("không phải ảnh"), "{refused}");
}

#[test]
fn a_ward_loads_a_newer_catalog_and_its_own_tet_and_bad_ones_are_refused() {
    let mut s = demo();
    let newer = Catalog::shipped_text()
        .replacen("version = \"2026.12.1\"", "version = \"2026.12.2\"", 1)
        .replacen("time_limit_days = 7", "time_limit_days = 5", 1);
    let info = s.load_catalog(&newer).unwrap();
    assert_eq!((info.version.as_str(), info.loaded_by.as_deref()), ("2026.12.2", Some("local")));
    assert_eq!(s.catalog().unwrap().procedure("thuong_tru").unwrap().time_limit_days, 5);
    let same = s.load_catalog(&newer).unwrap_err().to_string();
    assert!(same.contains("không mới hơn"), "{same}");
    let broken = newer.replacen("version = \"2026.12.2\"", "version = \"2026.12.3\"", 1).replacen(
        "picture = \"ma_otp\"",
        "picture = \"x\"",
        1,
    );
    assert!(matches!(s.load_catalog(&broken), Err(StoreError::Catalog(_))));
    assert_eq!(s.catalog_info().unwrap().version, "2026.12.2");

    let y2028 = crate::workdays::Year {
        year: 2028,
        source: "Thông báo".into(),
        days_off: vec![NaiveDate::from_ymd_opt(2028, 1, 26).unwrap()],
        workdays: vec![],
    };
    s.set_holiday_year(y2028).unwrap();
    assert!(!s.calendar().unwrap().is_working_day(NaiveDate::from_ymd_opt(2028, 1, 26).unwrap()));
    assert!(s.holiday_year_set(2028).unwrap());
}

#[test]
fn each_role_is_refused_what_it_may_not_do_with_applications() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let mut admin = Store::open(&path, Some(&Credentials::new("admin", "quản trị 2026"))).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    admin.create_register(&meta, &people(), &mut |_, _| {}).unwrap();
    admin.add_officer("cb.lan", "Lê Lan", Role::DeskOfficer, "một cửa 2026").unwrap();
    // The ward admin runs the system, not casework.
    assert!(matches!(
        admin.start_application("vneid_muc_2", Some("R1"), Channel::TaiQuay),
        Err(StoreError::Forbidden { .. })
    ));
    drop(admin);
    let mut desk = Store::open(&path, Some(&Credentials::new("cb.lan", "một cửa 2026"))).unwrap();
    let a = desk.start_application("vneid_muc_2", Some("R1"), Channel::TaiQuay).unwrap();
    assert_eq!(a.form["ho_ten"], "Nguyễn Thị Hoà");
    assert!(matches!(desk.load_catalog(Catalog::shipped_text()), Err(StoreError::Forbidden { .. })));
    let y = crate::workdays::Year { year: 2028, source: String::new(), days_off: vec![], workdays: vec![] };
    assert!(matches!(desk.set_holiday_year(y), Err(StoreError::Forbidden { .. })));
    // The register is encrypted, and so are the application and its events.
    drop(desk);
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.windows(b"vneid_muc_2".len()).any(|w| w == b"vneid_muc_2"));
}

#[test]
fn the_guide_and_the_receipt_print_with_the_citizens_name_and_are_audited() {
    let mut s = demo();
    let draft = s.start_application("vneid_muc_2", Some("R1"), Channel::TaiQuay).unwrap();
    let refused = s.print_receipt(&draft.id).unwrap_err().to_string();
    assert!(refused.contains("chưa nộp"), "{refused}");
    let guide = s.print_guide(&draft.id).unwrap();
    assert!(guide.starts_with(b"%PDF-"));
    let filed = walk(&mut s, "thuong_tru", "R1", at(2026, 12, 3, 9));
    let receipt = s.print_receipt(&filed.id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, pdf, wanted) in [
        ("guide.pdf", &guide, vec!["Nguyễn Thị Hoà", "Hướng dẫn từng bước", "Nhập mã OTP", "1900 0368"]),
        (
            "receipt.pdf",
            &receipt,
            vec!["Nguyễn Thị Hoà", "Biên nhận hồ sơ", "G22.99-261203-0001", "14/12/2026"],
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, pdf).unwrap();
        let out =
            std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("poppler-utils");
        let text: String =
            unicode_normalization::UnicodeNormalization::nfc(String::from_utf8_lossy(&out.stdout).as_ref())
                .collect();
        for w in wanted {
            assert!(text.contains(w), "{name} shows {w}:\n{text}");
        }
    }
    let prints: i64 =
        s.conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'print'", [], |r| r.get(0)).unwrap();
    assert_eq!(prints, 2, "each print is audited, the refused one not");
}

#[test]
fn a_vneid_filing_and_the_accounts_registration_land_together_or_not_at_all() {
    let mut s = demo();
    s.conn
        .execute_batch(
            "CREATE TRIGGER refuse_vneid BEFORE INSERT ON vneid BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    let a = s.start_application("vneid_muc_2", Some("R1"), Channel::TaiQuay).unwrap();
    let answers = a.checks.iter().map(|c| (c.key.clone(), true)).collect();
    let docs = BTreeMap::from([
        ("the_can_cuoc".to_string(), DocState::Present),
        ("dien_thoai".to_string(), DocState::Present),
    ]);
    let change = ApplicationChange {
        answers: Some(answers),
        documents: Some(docs),
        steps_done: Some(7),
        ..Default::default()
    };
    s.change_application(&a.id, &change).unwrap();
    s.mark_guided(&a.id).unwrap();
    assert!(s.file_application(&a.id, "G01.000123", None).is_err());
    let after = s.application(&a.id).unwrap();
    assert_eq!((after.state, after.portal_number), (AppState::DaHuongDan, None), "the filing rolled back");
    s.conn.execute_batch("DROP TRIGGER refuse_vneid").unwrap();
    assert_eq!(s.file_application(&a.id, "G01.000123", None).unwrap().state, AppState::DaNop);
    assert_eq!(s.vneid_status("R1").unwrap().state, VneidState::ChoDuyet);
    assert!(
        AppState::DaNop.may_become(AppState::DangXuLy) && !AppState::CoKetQua.may_become(AppState::BiTuChoi)
    );
}

#[test]
fn a_list_of_applications_holds_the_newest_up_to_its_limit() {
    let mut s = demo();
    for _ in 0..3 {
        s.start_application("tam_tru", Some("R1"), Channel::TaiQuay).unwrap();
    }
    let all = s.applications(&ApplicationFilter::default()).unwrap();
    let two = s.applications(&ApplicationFilter { limit: Some(2), ..Default::default() }).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(
        two.iter().map(|a| &a.id).collect::<Vec<_>>(),
        all.iter().take(2).map(|a| &a.id).collect::<Vec<_>>()
    );
}
