//! Property-based fuzzing of everything that reads outside input: the text normalizer,
//! dates, phone and ID numbers, the address parser, the search box (query and chip-card
//! QR parsing included), the CSV and XLSX importers and the procedure catalog reader.
//! Inputs are biased towards what registers hold: Vietnamese letters precomposed and
//! decomposed, combining marks, digits and the separators the parsers split on.
//!
//! The test run tries 256 cases a target; `PROPTEST_CASES=1000000 cargo test --release
//! -p motcua-core --test fuzz` is the long run (figures in BENCHMARKS.md).

use std::sync::OnceLock;

use motcua_core::record::RegisterRecord;
use motcua_core::store::Store;
use motcua_core::{address, date, idnum, phone, text};
use proptest::prelude::*;

/// Register-like text: letters with and without marks, loose combining marks, digits,
/// spaces, punctuation, pipes (QR payloads), quotes and newlines (CSV), and some of
/// everything else Unicode has.
fn register_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        8 => prop::sample::select(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(String::from),
        3 => prop::sample::select(vec!['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{306}', '\u{302}', '\u{31b}'])
            .prop_map(String::from),
        4 => "[0-9]{1,12}",
        3 => prop::sample::select(vec![" ", "  ", ",", ".", "/", "-", "|", "\"", "\n", "\r\n", "\t", "+84", "P.", "TP", "Q.", "tổ "])
            .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

fn store() -> &'static std::sync::Mutex<Store> {
    static STORE: OnceLock<std::sync::Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut s = Store::open_in_memory().unwrap();
        let names = ["Nguyễn Văn Hùng", "Trần Thị Hoà", "Lê Quý Đôn", "Huỳnh Thị Thuý", "An"];
        let records: Vec<RegisterRecord> = names
            .iter()
            .enumerate()
            .map(|(i, n)| RegisterRecord {
                ma_ban_ghi: format!("F{i}"),
                ho_ten: (*n).into(),
                so_dinh_danh: Some(format!("00106801234{i}")),
                ngay_sinh: Some("12/03/1968".into()),
                noi_o_hien_tai: Some("Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội".into()),
                to_dan_pho: Some("Tổ dân phố số 3".into()),
                ..Default::default()
            })
            .collect();
        s.insert_records(&records, &mut |_, _| {}).unwrap();
        std::sync::Mutex::new(s)
    })
}

/// The register the CSV cases import into, and the case's number; a fresh register
/// every thousand cases keeps it small.
fn importer() -> (u64, std::sync::MutexGuard<'static, Store>) {
    static CASES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    static STORE: OnceLock<std::sync::Mutex<Store>> = OnceLock::new();
    let fresh = || {
        let mut s = Store::open_in_memory().unwrap();
        motcua_core::import::prepare_real_register(&mut s, Some("00004")).unwrap();
        s
    };
    let case = CASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut guard =
        STORE.get_or_init(|| std::sync::Mutex::new(fresh())).lock().unwrap_or_else(|p| p.into_inner());
    if case % 1000 == 999 {
        *guard = fresh();
    }
    (case, guard)
}

proptest! {
    #[test]
    fn text_normalization_is_total_and_idempotent(s in register_text()) {
        let n = text::normalize(&s);
        prop_assert_eq!(text::normalize(&n), n.clone());
        prop_assert!(text::is_normalized(&n));
        let name = text::normalize_name(&s);
        prop_assert_eq!(text::normalize_name(&name), name);
        let f = text::fold(&s);
        prop_assert_eq!(text::fold(&f), f);
    }

    #[test]
    fn dates_phones_and_id_numbers_never_panic(s in register_text()) {
        if let Ok(d) = date::PartialDate::parse(&s) {
            prop_assert_eq!(date::PartialDate::parse(&d.to_string()).ok(), Some(d));
        }
        if let Some(p) = phone::normalize(&s) {
            prop_assert_eq!(phone::normalize(&p), Some(p.clone()));
        }
        let _ = idnum::decode(&s);
        let _ = idnum::is_old_id_number(&s);
    }

    #[test]
    fn the_address_parser_never_panics(s in register_text()) {
        let _ = address::parse(&s);
    }

    #[test]
    fn the_search_box_takes_anything(s in register_text(), limit in 0usize..60) {
        let store = store().lock().unwrap();
        let r = store.search(&s, limit).unwrap();
        prop_assert!(r.hits.len() <= limit);
        prop_assert!(r.hits.len() <= r.total || r.capped);
        for h in &r.hits {
            prop_assert!((0.0..=1.0).contains(&h.score));
        }
    }

    #[test]
    fn the_csv_importer_lists_bad_rows_and_loses_no_good_one(body in register_text(), rows in 0usize..6) {
        // One register for many cases (a new one costs its migrations); each case's
        // good rows get record ids of their own.
        let (case, mut guard) = importer();
        let mut csv = String::from("ma_ban_ghi,ho_ten,ngay_sinh,so_dien_thoai\n");
        for i in 0..rows {
            csv.push_str(&format!("G{case}-{i},Nguyễn Văn {i},01/01/1990,\n"));
        }
        csv.push_str(&body);
        match guard.import_csv(csv.as_bytes(), "fuzz.csv", &mut |_| {}) {
            Ok(report) => {
                prop_assert!(report.inserted >= rows, "{} good rows, {} inserted", rows, report.inserted);
                prop_assert_eq!(report.inserted + report.updated + report.unchanged + report.errors.len(), report.rows);
            }
            // A file can be unreadable as a whole (e.g. the body opens a quote it never
            // closes): that is an error, not a panic.
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn the_xlsx_importer_refuses_garbage_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2048), zip_head in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        let mut content = if zip_head { b"PK\x03\x04".to_vec() } else { Vec::new() };
        content.extend(bytes);
        std::fs::write(&path, content).unwrap();
        let (_, mut store) = importer();
        let refused = store.import_xlsx(&path, "x.xlsx", &mut |_| ()).is_err();
        prop_assert!(refused, "random bytes imported as a workbook");
    }

    /// A catalog file an admin loads: the shipped one with a slice replaced by anything.
    /// It parses or is refused with reasons; it never panics, and what parses is valid.
    #[test]
    fn a_spliced_catalog_is_read_or_refused_cleanly(at in 0usize..40_000, cut in 0usize..200, junk in register_text()) {
        let shipped = motcua_core::procedures::Catalog::shipped_text();
        let mut start = at.min(shipped.len());
        while !shipped.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut).min(shipped.len());
        while !shipped.is_char_boundary(end) { end -= 1; }
        let text = format!("{}{junk}{}", &shipped[..start], &shipped[end..]);
        match motcua_core::procedures::Catalog::parse(&text) {
            Ok(c) => prop_assert!(!c.procedures.is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
