use super::*;
use crate::store::{RegisterKind, RegisterMeta, Store};

const HEADER: &str =
    "ma_ban_ghi,so_dinh_danh,ho_ten,ngay_sinh,gioi_tinh,so_ho_so_cu_tru,quan_he_chu_ho,ghi_chu_to\n";

fn import(store: &mut Store, csv: &[u8]) -> ImportReport {
    store.import_csv(csv, "test.csv", &mut |_| {}).unwrap()
}

fn export(store: &Store) -> String {
    let mut out = Vec::new();
    store.export_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn good_file() -> String {
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Trần Thị Hoà").collect();
    format!(
        "\u{feff}{HEADER}\
         R1,001068012345,Nguyễn Văn Hùng,12/03/1968,Nam,HS1,Chủ hộ,nhà mặt phố\n\
         R2,,{nfd},1970,Nữ,HS1,Vợ,\n\
         R3,001195012345,\"Nguyễn Thị Lan\",05/1995,Nữ,HS1,Con,\n"
    )
}

#[test]
fn good_rows_land_with_original_text_and_extras() {
    let mut s = Store::open_in_memory().unwrap();
    let r = import(&mut s, good_file().as_bytes());
    assert_eq!((r.rows, r.inserted, r.updated, r.unchanged), (3, 3, 0, 0));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let d = s.person_detail("R3").unwrap();
    assert_eq!(d.ngay_sinh.as_deref(), Some("05/1995"));
    assert_eq!(d.household.unwrap().members.len(), 3);
    let csv = export(&s);
    assert!(csv.starts_with("ma_ban_ghi,so_dinh_danh,so_cmnd,ho_ten"), "the format's column order");
    assert!(csv.lines().next().unwrap().ends_with(",ghi_chu_to"), "extra column kept");
    assert!(csv.contains("nhà mặt phố"));
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Trần Thị Hoà").collect();
    assert!(csv.contains(&nfd), "original (NFD) text exported as it arrived");
}

#[test]
fn bad_rows_are_listed_and_the_rest_still_lands() {
    let mut s = Store::open_in_memory().unwrap();
    let mut file = HEADER.as_bytes().to_vec();
    file.extend_from_slice(b"R1,001068012345,Nguy\xe1n,12/03/1968,Nam,HS1,Ch\xe1,\n"); // Latin-1 bytes
    file.extend_from_slice("R2,,Lê Văn Tám,1970,Nam,HS2,Chủ hộ\n".as_bytes()); // one cell short
    file.extend_from_slice("R3,,Lê Văn Ba,ngày 5,Nam,HS3,Chủ hộ,\n".as_bytes());
    file.extend_from_slice(",,Lê Văn Bốn,1970,Nam,HS4,Chủ hộ,\n".as_bytes());
    file.extend_from_slice("R5,,Lê Thị Bốn,30/02/1985,Nữ,HS5,Chủ hộ,\n".as_bytes());
    file.extend_from_slice("R5,,Lê Thị Bốn,1985,Nữ,HS5,Chủ hộ,\n".as_bytes());
    let r = import(&mut s, &file);
    assert_eq!(r.rows, 6);
    assert_eq!(r.inserted, 1, "only R5 is good");
    let lines: Vec<(u64, String)> = r.errors.iter().map(|e| (e.line, e.problem.to_string())).collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0].0, 2);
    assert!(lines[0].1.contains("bảng mã"), "{lines:?}");
    assert!(lines[1].1.contains("7 ô") && lines[1].1.contains("8 cột"), "{lines:?}");
    assert!(lines[2].1.contains("không đọc được ngày \"ngày 5\""), "{lines:?}");
    assert!(lines[3].1.contains("ma_ban_ghi"), "{lines:?}");
    assert!(lines[4].1.contains("đã xuất hiện"), "{lines:?}");
    // A date that does not exist is kept (review flags it), not mistaken for unreadable.
    assert_eq!(s.person_detail("R5").unwrap().ngay_sinh.as_deref(), Some("30/02/1985"));
}

#[test]
fn empty_names_and_birth_dates_land_for_review() {
    let mut s = Store::open_in_memory().unwrap();
    let r = import(&mut s, format!("{HEADER}R1,,,,Nam,HS1,Chủ hộ,\n").as_bytes());
    assert_eq!((r.inserted, r.errors.len()), (1, 0));
    let d = s.person_detail("R1").unwrap();
    assert_eq!((d.ho_ten.as_str(), d.ngay_sinh), ("", None));
}

#[test]
fn two_rows_with_one_id_number_are_two_records() {
    let mut s = Store::open_in_memory().unwrap();
    let file = format!(
        "{HEADER}R1,001068012345,Nguyễn Văn Hùng,12/03/1968,Nam,HS1,Chủ hộ,\n\
         R2,001068012345,Nguyen Van Hung,1968,Nam,,,\n"
    );
    let r = import(&mut s, file.as_bytes());
    assert_eq!((r.inserted, r.updated), (2, 0));
    assert_eq!(import(&mut s, file.as_bytes()).unchanged, 2);
}

#[test]
fn a_file_without_required_columns_writes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let err = s.import_csv("ma_ban_ghi,ho_ten\nR1,An\n".as_bytes(), "x.csv", &mut |_| {}).unwrap_err();
    assert!(matches!(err, ImportError::MissingColumns(ref c) if c == &["ngay_sinh"]), "{err}");
    assert_eq!(s.count_persons().unwrap(), 0);
    assert!(matches!(s.import_csv("".as_bytes(), "x.csv", &mut |_| {}), Err(ImportError::NoHeader)));
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, good_file().as_bytes());
    let before = s.content_digest().unwrap();
    let r = import(&mut s, good_file().as_bytes());
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, 3));
    assert_eq!(s.content_digest().unwrap(), before);
}

#[test]
fn a_newer_extract_updates_by_id_number_and_keeps_history() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, good_file().as_bytes());
    // R3 re-issued as R9 in the newer extract, now living in another household.
    let newer = format!("{HEADER}R9,001195012345,Nguyễn Thị Lan,05/1995,Nữ,HS7,Chủ hộ,\n");
    let r = s.import_csv(newer.as_bytes(), "newer.csv", &mut |_| {}).unwrap();
    assert_eq!((r.inserted, r.updated), (0, 1));
    assert!(matches!(s.person_detail("R3"), Err(crate::store::StoreError::NotFound(_))));
    let d = s.person_detail("R9").unwrap();
    assert_eq!(d.household.unwrap().so_ho_so_cu_tru, "HS7");
    let (version, old, source): (i64, String, String) = s
        .conn()
        .query_row("SELECT version, record, source FROM person_history", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(version, 1);
    assert!(old.contains("\"R3\"") && old.contains("HS1"));
    assert_eq!(source, "newer.csv");
    // The old household no longer lists her.
    assert_eq!(s.person_detail("R1").unwrap().household.unwrap().members.len(), 2);
}

#[test]
fn import_export_import_is_identical() {
    let mut a = Store::open_in_memory().unwrap();
    import(&mut a, good_file().as_bytes());
    let first = export(&a);
    let mut b = Store::open_in_memory().unwrap();
    import(&mut b, first.as_bytes());
    assert_eq!(export(&b), first);
    assert_eq!(a.content_digest().unwrap(), b.content_digest().unwrap());
}

#[test]
fn real_extracts_never_go_into_a_demo_ward() {
    let mut s = Store::open_in_memory().unwrap();
    assert!(matches!(prepare_real_register(&mut s, None), Err(ImportError::NoWard)));
    assert!(matches!(prepare_real_register(&mut s, Some("99999")), Err(ImportError::UnknownWard(_))));
    prepare_real_register(&mut s, Some("00004")).unwrap();
    prepare_real_register(&mut s, None).unwrap();
    let mut demo = Store::open_in_memory().unwrap();
    demo.init_register(&RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Phường Ba Đình".into(),
        province: "Thành phố Hà Nội".into(),
    })
    .unwrap();
    assert!(matches!(prepare_real_register(&mut demo, Some("00004")), Err(ImportError::DemoRegister)));
}

#[test]
fn xlsx_export_import_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.xlsx");
    let mut a = Store::open_in_memory().unwrap();
    import(&mut a, good_file().as_bytes());
    assert_eq!(a.export_xlsx(&path).unwrap(), 3);
    let mut b = Store::open_in_memory().unwrap();
    let r = b.import_xlsx(&path, "so.xlsx", &mut |_| {}).unwrap();
    assert_eq!((r.rows, r.inserted, r.errors.len()), (3, 3, 0), "{:?}", r.errors);
    assert_eq!(export(&b), export(&a));
}

#[test]
fn xlsx_numbers_and_dates_come_back_as_the_register_writes_them() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("excel.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (col, name) in
        ["ma_ban_ghi", "so_dinh_danh", "ho_ten", "ngay_sinh", "so_dien_thoai"].iter().enumerate()
    {
        ws.write_string(0, col as u16, *name).unwrap();
    }
    ws.write_string(1, 0, "R1").unwrap();
    ws.write_number(1, 1, 1_068_012_345.0).unwrap(); // Excel dropped "00"
    ws.write_string(1, 2, "Nguyễn Văn Hùng").unwrap();
    let date = ExcelDateTime::from_ymd(1968, 3, 12).unwrap();
    ws.write_datetime_with_format(1, 3, &date, &Format::new().set_num_format("dd/mm/yyyy")).unwrap();
    ws.write_number(1, 4, 912_345_678.0).unwrap();
    ws.write_string(2, 1, "00130949284").unwrap(); // text: a wrong number, kept as typed
    ws.write_string(2, 0, "R2").unwrap();
    ws.write_string(2, 2, "Lê Thị Lan").unwrap();
    ws.write_string(3, 0, "R3").unwrap();
    ws.write_string(3, 1, "00130949284").unwrap();
    ws.write_string(3, 2, "Lê Văn Tư").unwrap();
    ws.write_string(2, 3, "ngày 5").unwrap();
    wb.save(&path).unwrap();

    let mut s = Store::open_in_memory().unwrap();
    let r = s.import_xlsx(&path, "excel.xlsx", &mut |_| {}).unwrap();
    assert_eq!((r.rows, r.inserted), (3, 2));
    assert_eq!(r.errors.len(), 1);
    assert_eq!((r.errors[0].line, r.errors[0].ma_ban_ghi.as_deref()), (3, Some("R2")));
    let d = s.person_detail("R1").unwrap();
    assert_eq!(d.so_dinh_danh.as_deref(), Some("001068012345"));
    assert_eq!(d.ngay_sinh.as_deref(), Some("12/03/1968"));
    assert_eq!(d.so_dien_thoai.as_deref(), Some("0912345678"));
    assert_eq!(s.person_detail("R3").unwrap().so_dinh_danh.as_deref(), Some("00130949284"));
}

#[test]
fn an_unreadable_workbook_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not.xlsx");
    std::fs::write(&path, "ma_ban_ghi,ho_ten,ngay_sinh\n").unwrap();
    let mut s = Store::open_in_memory().unwrap();
    assert!(matches!(s.import_xlsx(&path, "not.xlsx", &mut |_| {}), Err(ImportError::Workbook(_))));
}

#[test]
fn a_later_row_sharing_an_id_number_never_updates_an_earlier_one() {
    // Persons without a household make person ids run ahead of household_members row
    // ids: the match must use the person's own id, not the last row inserted anywhere.
    let mut s = Store::open_in_memory().unwrap();
    let file = format!(
        "{HEADER}R0,,Đỗ Văn Một,1950,Nam,,,\nR00,,Đỗ Thị Hai,1952,Nữ,,,\n{}R4,001195012345,Nguyen Thi Lan,1995,Nữ,,,\n",
        good_file().trim_start_matches('\u{feff}').trim_start_matches(HEADER)
    );
    let r = import(&mut s, file.as_bytes());
    assert_eq!((r.inserted, r.updated, r.errors.len()), (6, 0, 0), "{:?}", r.errors);
    let again = import(&mut s, file.as_bytes());
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 6));
}
