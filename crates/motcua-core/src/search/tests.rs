use crate::record::RegisterRecord;
use crate::store::Store;
use crate::store::tests::sample_records;

use super::MatchKind;

fn store() -> Store {
    let mut records = sample_records();
    for (ma, name) in [("R5", "Lê Văn Hoa"), ("R6", "Lê Văn Hòa"), ("R7", "Lê Văn Hoàng")] {
        records.push(RegisterRecord {
            ma_ban_ghi: ma.into(),
            ho_ten: name.into(),
            ngay_sinh: Some("1980".into()),
            ..Default::default()
        });
    }
    let mut s = Store::open_in_memory().unwrap();
    s.insert_records(&records, &mut |_, _| {}).unwrap();
    s
}

fn ids(s: &Store, q: &str) -> Vec<String> {
    s.search(q, 50).unwrap().hits.into_iter().map(|h| h.ma_ban_ghi).collect()
}

#[test]
fn names_without_diacritics_in_any_order() {
    let s = store();
    assert_eq!(ids(&s, "nguyen thi lan"), ["R3", "R4"]);
    assert_eq!(ids(&s, "lan nguyen"), ["R3", "R4"]);
    assert_eq!(ids(&s, "NGUYEN THI LAN"), ["R3", "R4"]);
}

#[test]
fn partial_typing_matches_word_starts() {
    let s = store();
    assert_eq!(ids(&s, "ngu th la"), ["R3", "R4"]);
    assert_eq!(ids(&s, "hun"), ["R1"]);
    assert!(ids(&s, "guye").is_empty(), "only word starts (or one typo) match");
    assert_eq!(ids(&s, "guyen thi lan"), ["R3", "R4"], "a dropped first letter is one typo");
}

#[test]
fn exact_diacritics_and_whole_words_rank_first() {
    let s = store();
    assert_eq!(ids(&s, "le van hòa")[0], "R6");
    assert_eq!(ids(&s, "le van hoa")[..2], ["R5", "R6"]);
    assert_eq!(ids(&s, "le van hoa").last().unwrap(), "R7", "a prefix match ranks last");
}

#[test]
fn birth_dates_narrow_names() {
    let s = store();
    assert_eq!(ids(&s, "nguyen thi lan 1950"), ["R4"]);
    assert_eq!(ids(&s, "lan 05/1995"), ["R3"]);
    assert_eq!(ids(&s, "lan nguyen 02/09/1950"), ["R4"]);
    // A record known only to the year stays a candidate for a full date of that year.
    assert_eq!(ids(&s, "hoa 12/03/1970"), ["R2"]);
    assert_eq!(ids(&s, "1968"), ["R1"]);
}

#[test]
fn numbers_find_their_owner() {
    let s = store();
    let r = s.search("001068012345", 10).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].ma_ban_ghi, "R1");
    assert_eq!(r.hits[0].matched, MatchKind::IdNumber);
    assert_eq!(ids(&s, "0010680"), ["R1"]);
    assert_eq!(ids(&s, "0912.345.678"), ["R1"]);
    assert_eq!(ids(&s, "012345678"), ["R2"]);
    assert_eq!(s.search("012345678", 10).unwrap().hits[0].matched, MatchKind::OldId);
}

#[test]
fn household_number_lists_the_household() {
    let s = store();
    assert_eq!(ids(&s, "hs000001").len(), 3);
}

#[test]
fn chip_card_qr_scan_finds_the_person() {
    let s = store();
    assert_eq!(
        ids(&s, "001068012345|012345678|Nguyễn Văn Hùng|12031968|Nam|Số 12 phố Quán Thánh|01012022"),
        ["R1"]
    );
}

#[test]
fn empty_and_unmatched_queries_return_nothing() {
    let s = store();
    assert!(ids(&s, "   ").is_empty());
    assert!(ids(&s, "xyz").is_empty());
}

#[test]
fn hits_carry_display_forms() {
    let s = store();
    let hit = &s.search("nguyen thi lan 1995", 5).unwrap().hits[0];
    assert_eq!(hit.ngay_sinh.as_deref(), Some("05/1995"));
    assert_eq!(hit.gioi_tinh.as_deref(), Some("Nữ"));
    assert!(hit.score > 0.0 && hit.score <= 1.0);
}

#[test]
fn one_typo_in_a_longer_word_still_finds_the_person() {
    let s = store();
    assert_eq!(ids(&s, "nguyne thi lan"), ["R3", "R4"], "transposed letters");
    assert_eq!(ids(&s, "ngyen van hung"), ["R1"], "missing letter");
    assert!(ids(&s, "nguuan thi lan").is_empty(), "two typos are too many");
}

#[test]
fn exact_words_rank_above_typo_matches() {
    let s = store();
    // "hoang" is a whole word of R7 and one typo from nothing else; "hoan" is R7's prefix.
    assert_eq!(ids(&s, "le van hoang"), ["R7"]);
    let hits = s.search("le van hoa", 10).unwrap().hits;
    assert!(hits[0].score > hits.last().unwrap().score);
}

#[test]
fn addresses_find_who_lives_there() {
    let mut s = store();
    let r = RegisterRecord {
        ma_ban_ghi: "R8".into(),
        ho_ten: "Phạm Thị Lan".into(),
        noi_o_hien_tai: Some("Số 120 ngõ 5 phố Kim Mã, Phường Giảng Võ, Thành phố Hà Nội".into()),
        to_dan_pho: Some("Tổ dân phố số 12".into()),
        ..Default::default()
    };
    s.insert_records(std::slice::from_ref(&r), &mut |_, _| {}).unwrap();
    assert_eq!(ids(&s, "12 quan thanh"), ["R3", "R4", "R1", "R2"], "alphabetical among equals");
    assert_eq!(ids(&s, "lan 12 quan thanh"), ["R3", "R4"]);
    assert_eq!(ids(&s, "kim ma"), ["R8"], "a street alone, without a house number");
    assert_eq!(ids(&s, "số 120 kim mã"), ["R8"]);
    assert!(ids(&s, "12 kim ma").is_empty(), "house numbers match whole once typed");
    assert_eq!(ids(&s, "12 ").len(), 4, "a finished house number is whole");
    assert_eq!(ids(&s, "12").len(), 5, "…the one still being typed may be 120");
    assert_eq!(s.search("kim ma", 5).unwrap().hits[0].matched, MatchKind::Address);
    assert!(ids(&s, "phuong giang vo").is_empty(), "the ward says nothing within a register");
}

#[test]
fn residential_groups_narrow_or_list() {
    let s = store();
    assert_eq!(
        ids(&s, "tổ 3"),
        ["R3", "R4", "R1", "R2"],
        "alphabetical: nguyen thi lan, nguyen van hung, tran"
    );
    assert_eq!(ids(&s, "lan to 3"), ["R3", "R4"]);
    assert!(ids(&s, "tdp 4").is_empty());
    assert_eq!(s.search("to 3", 5).unwrap().hits[0].matched, MatchKind::Group);
}

#[test]
fn typeahead_ranks_whole_words_before_longer_ones() {
    let s = store();
    // "hoa" is the whole of Hoa/Hòa/Hoà and the start of Hoàng.
    let hits = s.search("hoa", 10).unwrap();
    assert_eq!(hits.total, 4);
    assert_eq!(hits.hits.last().unwrap().ma_ban_ghi, "R7");
}

#[test]
fn edits_show_in_the_next_search() {
    let mut s = store();
    assert_eq!(ids(&s, "hung"), ["R1"]);
    let csv = "ma_ban_ghi,ho_ten,ngay_sinh\nR1,Nguyễn Văn Dũng,12/03/1968\nR10,Đỗ Văn Hùng,1990\n";
    s.import_csv(csv.as_bytes(), "test", &mut |_| {}).unwrap();
    assert_eq!(ids(&s, "hung")[0], "R10", "R1's new name Dũng is one typo from hung, below");
    assert_eq!(ids(&s, "nguyen van dung"), ["R1"]);
    assert_eq!(ids(&s, "do van hung 1990"), ["R10"]);
}

#[test]
fn a_number_too_common_to_list_says_so() {
    let s = store();
    let r = s.search("001068", 10).unwrap();
    assert!(!r.capped);
    assert_eq!(r.total, 1);
}

fn store_with(extra: &[(&str, &str)]) -> Store {
    let mut s = store();
    let records: Vec<RegisterRecord> = extra
        .iter()
        .map(|(ma, name)| RegisterRecord {
            ma_ban_ghi: (*ma).into(),
            ho_ten: (*name).into(),
            ..Default::default()
        })
        .collect();
    s.insert_records(&records, &mut |_, _| {}).unwrap();
    s
}

#[test]
fn a_query_without_marks_does_not_prefer_records_without_marks() {
    // R3 and R4 are Nguyễn Thị Lan; X1 was typed into the register without marks and
    // with a fourth word. The query's lack of marks says nothing about the marks.
    let s = store_with(&[("X1", "Nguyen Thi Thu Lan")]);
    assert_eq!(ids(&s, "nguyen thi lan")[..2], ["R3", "R4"]);
    assert_eq!(ids(&s, "Nguyen Thi Lan")[..2], ["R3", "R4"], "capitals are not marks");
    // Typed with marks, exact matches lead.
    let s = store_with(&[("X2", "Nguyen Thi Lan")]);
    assert_eq!(ids(&s, "nguyễn thị lan")[..2], ["R3", "R4"]);
}

#[test]
fn words_in_the_names_order_rank_first() {
    let s = store_with(&[("X3", "Hùng Văn Nguyễn")]);
    assert_eq!(ids(&s, "nguyen van hung"), ["R1", "X3"]);
    assert_eq!(ids(&s, "hung van nguyen"), ["X3", "R1"]);
}

#[test]
fn repeated_words_take_a_name_word_each() {
    let s = store_with(&[("X4", "Nguyễn Thùy Thúy"), ("X5", "Nguyễn Bảo Thúy")]);
    assert_eq!(ids(&s, "nguyen thuy thuy"), ["X4", "X5"]);
}

#[test]
fn a_date_kept_for_review_still_says_its_year() {
    let mut s = store();
    let r = RegisterRecord {
        ma_ban_ghi: "X6".into(),
        ho_ten: "Nguyễn Đức Khánh".into(),
        ngay_sinh: Some("30/02/2014".into()),
        ..Default::default()
    };
    s.insert_records(&[r], &mut |_, _| {}).unwrap();
    assert_eq!(ids(&s, "nguyen duc khanh 2014"), ["X6"]);
    assert!(ids(&s, "nguyen duc khanh 2015").is_empty());
}

#[test]
fn names_that_begin_with_the_typed_words_come_first() {
    let s = store_with(&[("L1", "Lê Nguyễn Hà"), ("L2", "Nguyễn Anh Hoa"), ("L3", "Nguyễn Hoàng An")]);
    let hits = ids(&s, "nguyen h");
    let at = |ma: &str| hits.iter().position(|h| h == ma).unwrap_or_else(|| panic!("{ma} not in {hits:?}"));
    assert!(at("L3") < at("L1") && at("L3") < at("L2"), "{hits:?}");
}

#[test]
fn a_birth_year_being_typed_leaves_the_name_hits_alone() {
    let s = store();
    let name = ids(&s, "nguyen thi lan");
    assert!(!name.is_empty());
    for partial in ["nguyen thi lan 1", "nguyen thi lan 19", "nguyen thi lan 196"] {
        assert_eq!(ids(&s, partial), name, "{partial}");
    }
    assert!(
        ids(&s, "12 quan thanh").len() <= ids(&s, "quan thanh").len(),
        "a house number first still counts"
    );
}

/// A hit's line is read from the covering index, not the row (see HIT_SQL).
#[test]
fn hits_are_read_from_the_search_source_index() {
    let s = store();
    assert_eq!(
        crate::store::tests::query_plan(s.conn(), super::HIT_SQL),
        ["SEARCH persons USING COVERING INDEX persons_search_source (id=?)"]
    );
}

/// Every field of a hit's line, as written (the record's own cells, even where
/// normalizing changed them), including cells kept only as written (a date that does
/// not exist, a sex the register cannot code) and a person with no current address,
/// whose permanent one the line must not pass off as current.
#[test]
fn a_hit_line_shows_each_field_as_the_register_holds_it() {
    let mut s = store();
    let records = [
        RegisterRecord {
            ma_ban_ghi: "R9".into(),
            ho_ten: "Đinh   Thị Thuý".into(),
            ngay_sinh: Some("30/02/1968".into()),
            gioi_tinh: Some("không rõ".into()),
            so_dinh_danh: Some("001168000123".into()),
            so_ho_so_cu_tru: Some("HK-77".into()),
            noi_thuong_tru: Some("Số 3 phố Hàng Bè, Phường Hoàn Kiếm, Thành phố Hà Nội".into()),
            to_dan_pho: Some("Tổ dân phố  số 4".into()),
            ..Default::default()
        },
        RegisterRecord {
            ma_ban_ghi: "R10".into(),
            ho_ten: "Đinh Văn Tú".into(),
            ngay_sinh: Some("07/03/1990".into()),
            gioi_tinh: Some("Nam".into()),
            noi_o_hien_tai: Some("Số 9  phố Hàng Bè, Phường Hoàn Kiếm, Thành phố Hà Nội".into()),
            ..Default::default()
        },
    ];
    s.insert_records(&records, &mut |_, _| {}).unwrap();
    let hit = |q: &str| s.search(q, 1).unwrap().hits.remove(0);

    let thuy = hit("dinh thi thuy");
    assert_eq!(thuy.ma_ban_ghi, "R9");
    assert_eq!(thuy.ho_ten, "Đinh   Thị Thuý", "the name as written, as the record shows it");
    assert_eq!(thuy.ngay_sinh.as_deref(), Some("30/02/1968"), "kept as written");
    assert_eq!(thuy.gioi_tinh.as_deref(), Some("không rõ"), "kept as written");
    assert_eq!(thuy.so_dinh_danh.as_deref(), Some("001168000123"));
    assert_eq!(thuy.so_ho_so_cu_tru.as_deref(), Some("HK-77"));
    assert_eq!(thuy.to_dan_pho.as_deref(), Some("Tổ dân phố  số 4"), "as written");
    assert_eq!(thuy.noi_o_hien_tai, None, "no current address, only a permanent one");

    let tu = hit("dinh van tu");
    assert_eq!(tu.ngay_sinh.as_deref(), Some("07/03/1990"));
    assert_eq!(tu.gioi_tinh.as_deref(), Some("Nam"));
    assert_eq!(tu.noi_o_hien_tai.as_deref(), Some("Số 9  phố Hàng Bè, Phường Hoàn Kiếm, Thành phố Hà Nội"));
    assert_eq!((tu.so_dinh_danh, tu.to_dan_pho), (None, None));
}
