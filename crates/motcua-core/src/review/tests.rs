use super::*;

fn today() -> PartialDate {
    PartialDate::full(2026, 12, 3).unwrap()
}

/// A clean record of a woman born 15/03/1985 in Hà Nội, head of her household.
fn clean(ma: &str) -> RegisterRecord {
    RegisterRecord {
        ma_ban_ghi: ma.into(),
        so_dinh_danh: Some("001185012345".into()),
        ho_ten: "Nguyễn Thị Hòa".into(),
        ngay_sinh: Some("15/03/1985".into()),
        gioi_tinh: Some("Nữ".into()),
        noi_thuong_tru: Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội".into()),
        so_ho_so_cu_tru: Some(format!("HS-{ma}")),
        quan_he_chu_ho: Some("Chủ hộ".into()),
        to_dan_pho: Some("Tổ dân phố số 1".into()),
        ..Default::default()
    }
}

fn kinds(records: &[RegisterRecord]) -> Vec<(Kind, Vec<String>, Option<String>)> {
    review(records, today()).into_iter().map(|f| (f.kind, f.records, f.field)).collect()
}

fn one(kind: Kind, records: &[&str], field: &str) -> (Kind, Vec<String>, Option<String>) {
    (kind, records.iter().map(|r| r.to_string()).collect(), Some(field.to_string()))
}

#[test]
fn a_clean_record_has_no_finding() {
    assert_eq!(kinds(&[clean("R1")]), vec![]);
}

#[test]
fn numbers_are_checked_for_form_province_and_structure() {
    let mut r = clean("R1");
    r.so_dinh_danh = Some("1185012345".into());
    r.so_cmnd = Some("12345678".into());
    let f = review(&[r], today());
    let fixes: Vec<(Kind, Option<&str>, Option<&str>)> =
        f.iter().map(|f| (f.kind, f.field.as_deref(), f.suggestion.as_deref())).collect();
    // Excel dropped the leading zeros; padded back they agree with sex and year.
    assert_eq!(
        fixes,
        [
            (Kind::IdFormat, Some("so_cmnd"), Some("012345678")),
            (Kind::IdFormat, Some("so_dinh_danh"), Some("001185012345"))
        ]
    );

    let mut r = clean("R1");
    r.so_dinh_danh = Some("0011850l2345".into());
    assert_eq!(review(&[r], today())[0].suggestion.as_deref(), Some("001185012345"));

    let mut r = clean("R1");
    r.so_dinh_danh = Some("099185012345".into());
    assert_eq!(kinds(&[r]), vec![one(Kind::IdProvince, &["R1"], "so_dinh_danh")]);

    let mut r = clean("R1");
    r.gioi_tinh = Some("Nam".into());
    r.ngay_sinh = Some("15/03/1986".into());
    let f = review(&[r], today());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, Kind::IdBirthMismatch);
    assert!(f[0].message.contains("giới tính Nữ") && f[0].message.contains("1985"), "{}", f[0].message);
}

#[test]
fn missing_partial_and_impossible_dates() {
    let mut r = clean("R1");
    r.gioi_tinh = None;
    r.noi_thuong_tru = None;
    r.ngay_sinh = Some("1985".into());
    assert_eq!(
        kinds(&[r]),
        vec![
            one(Kind::MissingField, &["R1"], "gioi_tinh"),
            one(Kind::MissingField, &["R1"], "noi_thuong_tru"),
            one(Kind::PartialBirthDate, &["R1"], "ngay_sinh"),
        ]
    );
    // A child under 14 need not have the number on record yet; an adult must.
    let mut child = clean("R2");
    child.so_dinh_danh = None;
    child.ngay_sinh = Some("01/01/2015".into());
    let mut adult = clean("R3");
    adult.so_dinh_danh = None;
    assert_eq!(kinds(&[child, adult]), vec![one(Kind::MissingField, &["R3"], "so_dinh_danh")]);

    for (date, fix) in [("30/02/1985", None), ("03/15/1985", Some("15/03/1985")), ("00/03/1985", None)] {
        let mut r = clean("R1");
        r.ngay_sinh = Some(date.into());
        let f = review(&[r], today());
        assert_eq!((f[0].kind, f[0].suggestion.as_deref()), (Kind::InvalidDate, fix), "{date}");
    }
    let mut r = clean("R1");
    r.ngay_sinh = Some("01/01/2030".into());
    r.so_dinh_danh = Some("001330012345".into());
    assert_eq!(kinds(&[r]), vec![one(Kind::InvalidDate, &["R1"], "ngay_sinh")]);
    let mut r = clean("R1");
    r.ngay_chet = Some("1984".into());
    let k = kinds(&[r]);
    assert!(k.contains(&one(Kind::InvalidDate, &["R1"], "ngay_sinh")), "a birth after the death: {k:?}");
    assert!(k.contains(&one(Kind::DeceasedResident, &["R1"], "ngay_chet")), "{k:?}");
}

#[test]
fn addresses_old_unknown_and_unnormalized_text() {
    let mut r = clean("R1");
    r.noi_thuong_tru = Some("Số 5 phố Hàng Than, Phường Quán Thánh, Quận Ba Đình, Thành phố Hà Nội".into());
    r.noi_o_hien_tai = r.noi_thuong_tru.clone();
    let f = review(&[r], today());
    assert_eq!(f.len(), 1, "the current place equal to the permanent one is one finding: {f:?}");
    assert_eq!(f[0].kind, Kind::LegacyAdminUnit);
    assert_eq!(f[0].suggestion.as_deref(), Some("Số 5 phố Hàng Than, Phường Ba Đình, Thành phố Hà Nội"));

    let mut r = clean("R1");
    r.noi_tam_tru = Some("Xóm 3, Xã Không Có, Tỉnh Không Có".into());
    assert_eq!(kinds(&[r]), vec![one(Kind::UnknownAdminUnit, &["R1"], "noi_tam_tru")]);

    let mut r = clean("R1");
    r.ho_ten = "NGUYỄN  THỊ HOÀ".into();
    let f = review(&[r], today());
    assert_eq!((f[0].kind, f[0].suggestion.as_deref()), (Kind::NotNormalized, Some("Nguyễn Thị Hòa")));
}

#[test]
fn households_parents_and_shared_numbers() {
    let mut head = clean("R1");
    head.so_ho_so_cu_tru = Some("HS1".into());
    let mut second = clean("R2");
    second.ho_ten = "Trần Văn Nam".into();
    second.gioi_tinh = Some("Nam".into());
    second.so_dinh_danh = Some("001084099999".into());
    second.ngay_sinh = Some("02/02/1984".into());
    second.so_ho_so_cu_tru = Some("HS1".into());
    assert_eq!(
        kinds(&[head.clone(), second.clone()]),
        vec![one(Kind::FamilyInconsistent, &["R1", "R2"], "quan_he_chu_ho")]
    );

    // A child born before its mother.
    let mut child = clean("R3");
    child.ho_ten = "Trần Thị Mai".into();
    child.so_dinh_danh = Some("001184055555".into());
    child.ngay_sinh = Some("01/06/1984".into());
    child.so_ho_so_cu_tru = Some("HS1".into());
    child.quan_he_chu_ho = Some("Con".into());
    child.ho_ten_me = Some("Nguyễn Thị Hòa".into());
    child.so_dinh_danh_me = Some("001185012345".into());
    second.quan_he_chu_ho = Some("Chồng".into());
    assert_eq!(
        kinds(&[head.clone(), second, child]),
        vec![one(Kind::FamilyInconsistent, &["R1", "R3"], "ngay_sinh")]
    );

    // Two different people with one number.
    let mut other = clean("R4");
    other.ho_ten = "Lê Thị Lan".into();
    other.ngay_sinh = Some("20/11/1985".into());
    assert_eq!(kinds(&[head, other]), vec![one(Kind::IdShared, &["R1", "R4"], "so_dinh_danh")]);
}

#[test]
fn a_second_record_of_one_person_is_a_duplicate_with_its_reasons() {
    let a = clean("R1");
    let mut b = clean("R2");
    b.ho_ten = "Nguyen Thi Hoa".into();
    b.ngay_sinh = Some("1985".into());
    b.so_dinh_danh = Some("001185012354".into());
    b.so_ho_so_cu_tru = None;
    b.quan_he_chu_ho = None;
    let f: Vec<Finding> =
        review(&[a.clone(), b], today()).into_iter().filter(|f| f.kind == Kind::Duplicate).collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].records, ["R1", "R2"]);
    assert!(f[0].score.unwrap() > 0.9);
    assert_eq!(f[0].suggestion.as_deref(), Some("Gộp vào bản ghi R1"));
    let fields: Vec<(&str, Verdict)> =
        f[0].explanation.iter().map(|c| (c.field.as_str(), c.verdict)).collect();
    assert!(fields.contains(&("so_dinh_danh", Verdict::Similar)), "{fields:?}");
    assert!(fields.contains(&("ho_ten", Verdict::Similar)), "{fields:?}");

    // A namesake born the same year, with another number and other parents: not one person.
    let mut c = clean("R3");
    c.ngay_sinh = Some("1985".into());
    c.so_dinh_danh = Some("001185998877".into());
    assert!(review(&[a, c], today()).iter().all(|f| f.kind != Kind::Duplicate));
}

#[test]
fn three_records_of_one_person_are_one_cluster_and_scoping_keeps_the_ones_it_names() {
    let a = clean("R1");
    let mut b = clean("R2");
    b.so_ho_so_cu_tru = None;
    b.quan_he_chu_ho = None;
    let mut c = b.clone();
    c.ma_ban_ghi = "R3".into();
    c.ho_ten = "Nguyen Thi Hoa".into();
    let mut d = clean("R4");
    d.ho_ten = "Phạm Văn Đức".into();
    d.gioi_tinh = Some("Nam".into());
    d.ngay_sinh = Some("1990".into());
    d.so_dinh_danh = Some("001090000001".into());
    let records = [a, b, c, d];
    let dup: Vec<Finding> =
        review(&records, today()).into_iter().filter(|f| f.kind == Kind::Duplicate).collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].records, ["R1", "R2", "R3"]);
    let scoped = review_scoped(&records, today(), Some(&HashSet::from([3])));
    assert_eq!(scoped.iter().map(|f| f.kind).collect::<Vec<_>>(), vec![Kind::PartialBirthDate]);
}

#[test]
fn json_lines_are_the_specs_shapes() {
    let mut r = clean("R1");
    r.ngay_sinh = Some("1985".into());
    let line = review(&[r], today())[0].to_json_line();
    assert!(line.starts_with(r#"{"kind":"partial_birth_date","severity":"warning","records":["R1"],"field":"ngay_sinh","message":"#), "{line}");
    assert!(line.ends_with(r#","suggestion":null}"#), "{line}");
    let mut b = clean("R2");
    b.so_ho_so_cu_tru = None;
    let dup = review(&[clean("R1"), b], today()).into_iter().find(|f| f.kind == Kind::Duplicate).unwrap();
    let v: serde_json::Value = serde_json::from_str(&dup.to_json_line()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec!["kind", "message", "records", "score", "severity"];
    expected.sort();
    assert_eq!(keys, expected);
}
