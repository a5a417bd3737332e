use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::date::PartialDate;
use crate::record::RegisterRecord;

fn today() -> PartialDate {
    PartialDate::full(2026, 12, 3).unwrap()
}

/// A citizen every shipped check can pass for: adult, numbered, alive. (The under-6
/// insurance card is walked with a child.)
fn adult() -> RegisterRecord {
    RegisterRecord {
        ma_ban_ghi: "R1".into(),
        so_dinh_danh: Some("001185012345".into()),
        ho_ten: "Nguyễn Thị Hoà".into(),
        ngay_sinh: Some("15/03/1985".into()),
        gioi_tinh: Some("Nữ".into()),
        so_dien_thoai: Some("0912345678".into()),
        noi_thuong_tru: Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội".into()),
        noi_o_hien_tai: Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội".into()),
        noi_tam_tru: Some("Số 9 ngõ 12 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội".into()),
        ..Default::default()
    }
}

/// A value of the right shape for a field the register did not fill.
fn typed(f: &FormField) -> String {
    match f.kind {
        FieldKind::Text => "Nguyễn Văn An".into(),
        FieldKind::Date => "01/12/2026".into(),
        FieldKind::IdNumber => "001226000123".into(),
        FieldKind::Phone => "0987654321".into(),
        FieldKind::Choice => f.choices[0].clone(),
    }
}

#[test]
fn every_shipped_procedure_loads_validates_and_walks_to_the_end() {
    let catalog = Catalog::shipped();
    let codes: Vec<&str> = catalog.procedures.iter().map(|p| p.code.as_str()).collect();
    for wanted in [
        "vneid_muc_2",
        "khai_sinh",
        "khai_tu",
        "ket_hon",
        "thuong_tru",
        "tam_tru",
        "xac_nhan_cu_tru",
        "lien_thong_khai_sinh",
        "lien_thong_khai_tu",
        "ly_lich_tu_phap",
    ] {
        assert!(codes.contains(&wanted), "{wanted} shipped");
    }
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    for p in catalog.in_force(day) {
        let mut person = adult();
        if p.code == "cap_the_bhyt_tre_em" {
            person.ngay_sinh = Some("01/12/2026".into());
        }
        // Eligibility: everything the register knows passes, and every question is
        // open until answered yes.
        let none = check_eligibility(p, Some(&person), &BTreeMap::new(), today());
        let questions: BTreeMap<String, bool> = none
            .iter()
            .filter(|r| matches!(r.outcome, CheckOutcome::Open { .. }))
            .map(|r| (r.key.clone(), true))
            .collect();
        let answered = check_eligibility(p, Some(&person), &questions, today());
        assert!(is_eligible(&answered), "{}: {answered:?}", p.code);
        // The form: prefilled where the register knows, typed where not, then valid.
        let mut form = prefill(p, Some(&person));
        for f in &p.fields {
            if let Some(col) = &f.from {
                assert!(
                    !form[&f.key].is_empty() || col == "email",
                    "{}: {} prefilled from {col}",
                    p.code,
                    f.key
                );
            }
            if form[&f.key].is_empty() {
                form.insert(f.key.clone(), typed(f));
            }
        }
        assert_eq!(validate_form(p, &form), [], "{}", p.code);
        // Every step has words and a picture that exists.
        for s in &p.steps {
            assert!(
                s.picture.as_deref().is_some_and(|n| pictures::picture(n).is_some()),
                "{}: {}",
                p.code,
                s.title
            );
        }
        assert!(!p.legal_basis.is_empty() && !p.steps.is_empty());
    }
}

#[test]
fn the_vneid_checks_say_why_a_citizen_cannot_register_yet() {
    let catalog = Catalog::shipped();
    let p = catalog.procedure("vneid_muc_2").unwrap();
    let mut child = adult();
    child.ngay_sinh = Some("2015".into());
    child.so_dinh_danh = Some("001315000001".into());
    let no_phone = BTreeMap::from([("so_chinh_chu".to_string(), false)]);
    let r = check_eligibility(p, Some(&child), &no_phone, today());
    let outcome = |k: &str| r.iter().find(|c| c.key == k).unwrap().outcome.clone();
    assert!(
        matches!(outcome("du_14_tuoi"), CheckOutcome::Failed { message } if message.contains("đủ 14 tuổi"))
    );
    assert!(matches!(outcome("so_chinh_chu"), CheckOutcome::Failed { .. }));
    assert!(matches!(outcome("co_smartphone"), CheckOutcome::Open { .. }));
    assert_eq!(outcome("co_so_dinh_danh"), CheckOutcome::Passed);
    // Born in 2012 with only the year: 14 this year or not yet — ask.
    child.ngay_sinh = Some("2012".into());
    let r = check_eligibility(p, Some(&child), &no_phone, today());
    assert!(matches!(&r[0].outcome, CheckOutcome::Open { question } if question.contains("2012")));
    let mut dead = adult();
    dead.ngay_chet = Some("01/11/2026".into());
    let r = check_eligibility(p, Some(&dead), &BTreeMap::new(), today());
    assert!(matches!(r.iter().find(|c| c.key == "con_song").unwrap().outcome, CheckOutcome::Failed { .. }));
}

#[test]
fn a_bad_form_lists_each_field_with_its_problem() {
    let catalog = Catalog::shipped();
    let p = catalog.procedure("vneid_muc_2").unwrap();
    let mut form = prefill(p, Some(&adult()));
    form.insert("so_dinh_danh".into(), "00118501234".into());
    form.insert("so_dien_thoai".into(), "".into());
    form.insert("ngay_sinh".into(), "31/02/1985".into());
    form.insert("bi_danh".into(), "x".into());
    let keys: Vec<String> = validate_form(p, &form).into_iter().map(|e| e.key).collect();
    assert_eq!(keys, ["bi_danh", "so_dinh_danh", "ngay_sinh", "so_dien_thoai"]);
}

#[test]
fn an_invalid_catalog_is_refused_with_every_reason() {
    let text = Catalog::shipped_text()
        .replacen("version = \"2026.12.1\"", "version = \"moi\"", 1)
        .replacen("code = \"khai_tu\"", "code = \"khai_sinh\"", 1)
        .replacen("years = 14", "years = 400", 1)
        .replacen("picture = \"ma_otp\"", "picture = \"khong_co\"", 1)
        .replacen("from = \"email\"", "from = \"thu_dien_tu\"", 1)
        .replacen("includes = [\"khai_tu\", ", "includes = [\"khai_tu_cu\", ", 1);
    let Err(CatalogError::Invalid(reasons)) = Catalog::parse(&text) else { panic!("refused") };
    let all = reasons.join("\n");
    for expected in [
        "phiên bản \"moi\"",
        "mã thủ tục \"khai_sinh\" bị trùng",
        "\"years\" (0–120)",
        "không có hình \"khong_co\"",
        "cột \"thu_dien_tu\"",
        "\"khai_tu_cu\" không có trong danh mục",
    ] {
        assert!(all.contains(expected), "{expected} in\n{all}");
    }
    // A misspelt key is a reason, with its line, not silently ignored.
    let typo = Catalog::shipped_text().replacen("time_limit_days = 7", "time_limit_day = 7", 1);
    let Err(CatalogError::Unreadable(why)) = Catalog::parse(&typo) else { panic!("refused") };
    assert!(why.contains("time_limit_day") && why.contains("dòng"), "{why}");
}

#[test]
fn the_activation_window_counts_down_seven_days() {
    use vneid::*;
    let approved = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let (last, left) = activation_deadline(approved, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    assert_eq!((last, left), (NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(), 5));
    assert_eq!(activation_deadline(approved, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()).1, -2);
    assert!(VneidState::ChuaDangKy.may_become(VneidState::ChoDuyet));
    assert!(!VneidState::ChuaDangKy.may_become(VneidState::DaKichHoat));
    assert!(!VneidState::DaKichHoat.may_become(VneidState::Loi));
    assert!(failure("window_missed").is_some_and(|f| f.guidance.contains("Công an cấp xã")));
}
