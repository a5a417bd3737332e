//! The Thủ tục adapters on a small demo register, as its trainer (who may do everything).

use std::collections::BTreeMap;

use motcua_core::folder::RegisterFolder;
use motcua_core::procedures::Catalog;
use motcua_core::record::RegisterRecord;
use motcua_core::store::{RegisterKind, RegisterMeta, Store};

use super::*;
use crate::ipc::{CheckStatus, VneidStatus};

fn register() -> Store {
    let hoa = RegisterRecord {
        ma_ban_ghi: "R1".into(),
        so_dinh_danh: Some("001185012345".into()),
        ho_ten: "Nguyễn Thị Hoà".into(),
        ngay_sinh: Some("15/03/1985".into()),
        gioi_tinh: Some("Nữ".into()),
        so_dien_thoai: Some("0912345678".into()),
        to_dan_pho: Some("Tổ dân phố số 3".into()),
        ..Default::default()
    };
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    let mut s = Store::open_in_memory().unwrap();
    s.create_register(&meta, &[hoa], &mut |_, _| {}).unwrap();
    s
}

fn vneid_procedure(s: &Store) -> ProcedureInfo {
    in_force(s).unwrap().into_iter().find(|p| p.code == "vneid_muc_2").expect("VNeID is in force")
}

/// Starts the VNeID application for R1 and walks it to "đã hướng dẫn", answering yes to
/// every question but `unanswered`.
fn guided(s: &mut Store, unanswered: Option<&str>) -> ApplicationInfo {
    let p = vneid_procedure(s);
    let a: ApplicationInfo =
        s.start_application(&p.code, Some("R1"), FilingChannel::TaiQuay.into()).unwrap().into();
    assert_eq!(
        a.form.get("ho_ten").map(String::as_str),
        Some("Nguyễn Thị Hoà"),
        "prefilled from the register"
    );
    let answers: BTreeMap<String, bool> = p
        .checks
        .iter()
        .filter(|c| c.question.is_some() && Some(c.key.as_str()) != unanswered)
        .map(|c| (c.key.clone(), true))
        .collect();
    let documents = p.documents.iter().map(|d| (d.key.clone(), crate::ipc::PaperState::Present)).collect();
    let edit = ApplicationEdit {
        form: None,
        answers: Some(answers),
        documents: Some(documents),
        steps_done: Some(p.steps.len() as u32),
    };
    s.change_application(&a.id, &edit.into()).unwrap();
    s.mark_guided(&a.id).unwrap().into()
}

#[test]
fn the_vneid_walk_files_the_application_and_registers_the_account() {
    let mut s = register();
    let a = guided(&mut s, None);
    assert_eq!(a.state, ApplicationState::DaHuongDan);
    assert!(a.checks.iter().all(|c| c.status == CheckStatus::Passed), "{:?}", a.checks);
    let filed: ApplicationInfo = s.file_application(&a.id, "G22.99-261203-0001", None).unwrap().into();
    assert_eq!(filed.state, ApplicationState::DaNop);
    assert_eq!(filed.portal_number.as_deref(), Some("G22.99-261203-0001"));
    let due = filed.due_on.expect("a filed application has its due day");
    assert!(due.len() == 10 && due > chrono::Local::now().date_naive().to_string(), "{due}");
    let account = VneidInfo::from(s.vneid_status("R1").unwrap());
    assert_eq!(account.state, VneidStatus::ChoDuyet);
    assert_eq!(account.next, [VneidStatus::ChoKichHoat, VneidStatus::Loi]);
}

#[test]
fn filing_with_a_question_unanswered_is_refused_with_the_reasons_and_changes_nothing() {
    let mut s = register();
    let p = vneid_procedure(&s);
    let question =
        p.checks.iter().find(|c| c.key == "co_smartphone").and_then(|c| c.question.clone()).unwrap();
    let a = guided(&mut s, Some("co_smartphone"));
    let open = a.checks.iter().find(|c| c.key == "co_smartphone").unwrap();
    assert_eq!(open.status, CheckStatus::Open { question: question.clone() });
    let e = IpcError::from(s.file_application(&a.id, "G22.99-261203-0002", None).unwrap_err());
    assert_eq!(e.code, ErrorCode::ApplicationRefused);
    assert!(e.message.contains(&format!("chưa trả lời: {question}")), "{}", e.message);
    let after = s.application(&a.id).unwrap();
    assert_eq!(
        (after.portal_number, ApplicationState::from(after.state)),
        (None, ApplicationState::DaHuongDan)
    );
    assert_eq!(VneidInfo::from(s.vneid_status("R1").unwrap()).state, VneidStatus::ChuaDangKy);
}

#[test]
fn a_catalog_file_is_loaded_or_refused_with_every_reason() {
    let mut s = register();
    let dir = tempfile::tempdir().unwrap();
    let missing = load_catalog_file(&mut s, &dir.path().join("khong-co.toml")).unwrap_err();
    assert_eq!(missing.code, ErrorCode::CatalogUnreadable);
    let broken = dir.path().join("hong.toml");
    std::fs::write(&broken, "version = \n").unwrap();
    assert_eq!(load_catalog_file(&mut s, &broken).unwrap_err().code, ErrorCode::CatalogUnreadable);
    let shipped = Catalog::shipped_text();
    let invalid = dir.path().join("sai.toml");
    let bad = shipped
        .replacen(&format!("version = \"{}\"", Catalog::shipped().version), "version = \"moi\"", 1)
        .replacen("time_limit_days = 3\n", "time_limit_days = 99\n", 1);
    std::fs::write(&invalid, bad).unwrap();
    let e = load_catalog_file(&mut s, &invalid).unwrap_err();
    assert_eq!(e.code, ErrorCode::CatalogInvalid);
    let reasons: Vec<&str> = e.message.lines().collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("moi") && reasons[1].contains("99"), "{reasons:?}");
    let newer = dir.path().join("moi.toml");
    std::fs::write(&newer, shipped.replacen(&Catalog::shipped().version, "2099.1.1", 1)).unwrap();
    let info = load_catalog_file(&mut s, &newer).unwrap();
    assert_eq!((info.version.as_str(), info.loaded_by.is_some()), ("2099.1.1", true));
    assert_eq!(CatalogSummary::from(s.catalog_info().unwrap()).version, "2099.1.1");
}

#[test]
fn one_procedure_is_read_by_its_code() {
    let s = register();
    assert_eq!(one_procedure(&s, "khai_sinh").unwrap().code, "khai_sinh");
    assert_eq!(one_procedure(&s, "khong_co").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn every_step_picture_is_served_and_an_unknown_one_is_not_found() {
    for p in Catalog::shipped().procedures {
        for name in p.steps.iter().filter_map(|s| s.picture.as_deref()) {
            assert!(picture(name).unwrap().starts_with(b"\x89PNG"), "{name}");
        }
    }
    assert_eq!(picture("khong_co").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_photo_marks_its_paper_present_and_has_a_thumbnail() {
    let mut s = register();
    let a = s.start_application("vneid_muc_2", Some("R1"), FilingChannel::TaiQuay.into()).unwrap();
    let upload = PhotoUpload {
        application: a.id.clone(),
        document: "the_can_cuoc".into(),
        file_name: "Thẻ căn cước.png".into(),
        bytes: picture("the_can_cuoc").unwrap(),
    };
    let photo = upload.attach(&mut s).unwrap();
    assert_eq!(photo.document, "the_can_cuoc");
    assert!(photo.width > 0 && photo.size > 0);
    let after = ApplicationInfo::from(s.application(&a.id).unwrap());
    assert_eq!(after.documents.get("the_can_cuoc"), Some(&crate::ipc::PaperState::Present));
    assert_eq!(after.photos.iter().map(|p| p.sha256.as_str()).collect::<Vec<_>>(), [photo.sha256.as_str()]);
    assert!(s.attachment_thumbnail(&photo.sha256).unwrap().starts_with(&[0xFF, 0xD8]), "a JPEG");
    let e = PhotoUpload { bytes: b"not a photo".to_vec(), ..upload }.attach(&mut s).unwrap_err();
    assert_eq!(e.code, ErrorCode::ApplicationRefused);
}

#[test]
fn header_values_are_percent_decoded() {
    assert_eq!(
        percent_decoded("Th%E1%BA%BB%20c%C4%83n%20c%C6%B0%E1%BB%9Bc.jpg").as_deref(),
        Some("Thẻ căn cước.jpg")
    );
    assert_eq!(percent_decoded("abc123").as_deref(), Some("abc123"));
    for bad in ["%E1%BA", "%G1", "%4", "%"] {
        assert_eq!(percent_decoded(bad), None, "{bad}");
    }
}

#[test]
fn the_vneid_account_moves_as_recorded_and_counts_down_the_activation_window() {
    let mut s = register();
    let today = chrono::Local::now().date_naive();
    let step = |to, on: String, failure: Option<&str>| VneidMove {
        to,
        on,
        failure: failure.map(String::from),
        note: None,
    };
    let e = move_vneid(&mut s, "R1", &step(VneidStatus::ChoDuyet, "".into(), None)).unwrap_err();
    assert_eq!(e.code, ErrorCode::ApplicationRefused);
    move_vneid(&mut s, "R1", &step(VneidStatus::ChoDuyet, today.to_string(), None)).unwrap();
    let approved = (today - chrono::TimeDelta::days(2)).to_string();
    let waiting = move_vneid(&mut s, "R1", &step(VneidStatus::ChoKichHoat, approved.clone(), None)).unwrap();
    assert_eq!((waiting.state, waiting.days_left), (VneidStatus::ChoKichHoat, Some(5)));
    assert_eq!(waiting.approved_on, Some(approved));
    let no_code = move_vneid(&mut s, "R1", &step(VneidStatus::Loi, today.to_string(), None)).unwrap_err();
    assert_eq!(no_code.code, ErrorCode::ApplicationRefused);
    let failed =
        move_vneid(&mut s, "R1", &step(VneidStatus::Loi, today.to_string(), Some("otp_not_received")))
            .unwrap();
    let failure = failed.failure.expect("the failure is kept with its guidance");
    assert_eq!(failure.code, "otp_not_received");
    assert!(vneid_failures().iter().any(|f| f.code == failure.code && f.guidance == failure.guidance));
    let back = move_vneid(&mut s, "R1", &step(VneidStatus::DaKichHoat, today.to_string(), None)).unwrap_err();
    assert_eq!(back.code, ErrorCode::ApplicationRefused, "from an error, register again first");
}

#[test]
fn the_guide_and_the_receipt_are_printed_into_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(RegisterFolder::new(dir.path()));
    let mut s = register();
    let a = guided(&mut s, None);
    state.replace(s, |_| Ok(())).unwrap();
    let e = print(&state, &a.id, Printout::Receipt).unwrap_err();
    assert_eq!(e.code, ErrorCode::ApplicationRefused, "no receipt before filing: {e:?}");
    let guide = print(&state, &a.id, Printout::Guide).unwrap();
    assert_eq!(Path::new(&guide), dir.path().join("phieu-in").join(format!("{}-huong-dan.pdf", a.id)));
    assert!(std::fs::read(&guide).unwrap().starts_with(b"%PDF"));
    state.with_store_mut(|s| Ok(s.file_application(&a.id, "G22.99-261203-0003", None)?)).unwrap();
    let receipt = print(&state, &a.id, Printout::Receipt).unwrap();
    assert!(receipt.ends_with("-bien-nhan.pdf") && std::fs::read(&receipt).unwrap().starts_with(b"%PDF"));
    assert_eq!(print(&state, "khongco", Printout::Guide).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_printout_is_written_under_the_data_folder_by_the_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_printout(dir.path(), "a1b2c3", Printout::Guide, b"%PDF-1.7").unwrap();
    assert_eq!(Path::new(&path), dir.path().join("phieu-in").join("a1b2c3-huong-dan.pdf"));
    assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
    let receipt = write_printout(dir.path(), "a1b2c3", Printout::Receipt, b"%PDF").unwrap();
    assert!(receipt.ends_with("a1b2c3-bien-nhan.pdf"));
    assert_eq!(
        write_printout(dir.path(), "../x", Printout::Guide, b"").unwrap_err().code,
        ErrorCode::NotFound
    );
}
