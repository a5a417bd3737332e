use rusqlite::Connection;

use super::*;
use crate::record::RegisterRecord;
use crate::search::plan;
use crate::search::query::Query;
use crate::store::Store;
use crate::store::tests::sample_records;

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    s
}

fn top(index: &SearchIndex, q: &str) -> Vec<(i64, u32)> {
    match plan::plan(index, &Query::parse(q), None) {
        Ok(p) => index.top(&p, 50).hits,
        Err(_) => Vec::new(),
    }
}

/// The rank order is the alphabetical order, and ranks rise along it.
fn assert_rank_order(index: &SearchIndex) {
    for pair in index.by_rank.windows(2) {
        assert_eq!(index.cmp_docs(pair[0], pair[1]), Ordering::Less);
        assert!(index.rank[pair[0] as usize] < index.rank[pair[1] as usize]);
    }
    assert_eq!(index.by_rank.len(), index.docs());
}

const QUERIES: [&str; 9] =
    ["nguyen", "ng", "lan", "hoa", "tran thi", "nguyen van hung 1968", "quan thanh", "12 quan thanh", "to 3"];

fn edit(conn: &Connection, sql: &str) -> Vec<i64> {
    conn.execute_batch(sql).unwrap();
    conn.prepare("SELECT id FROM persons")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn patched_index_answers_as_a_fresh_one() {
    let s = store();
    let conn = s.conn();
    let mut patched = SearchIndex::build(conn).unwrap();
    assert_rank_order(&patched);
    let mut touched = edit(
        conn,
        "UPDATE persons SET ho_ten_norm = 'Trần Văn An', ho_ten_fold = 'tran van an' WHERE ma_ban_ghi = 'R3';
         UPDATE persons SET to_dan_pho_norm = 'Tổ dân phố số 7', ngay_sinh_date = '1971' WHERE ma_ban_ghi = 'R2';
         DELETE FROM persons WHERE ma_ban_ghi = 'R4';",
    );
    // R4 (id 4) is gone; 999999 never was and is ignored.
    touched.extend([4, 999_999]);
    patched.refresh(conn, &touched).unwrap();
    conn.execute(
        "INSERT INTO persons (ma_ban_ghi, ho_ten, ho_ten_norm, ho_ten_fold, noi_o_hien_tai_norm)
         VALUES ('R0', 'An Văn Nguyễn', 'An Văn Nguyễn', 'an van nguyen', 'Số 3 phố Quán Thánh, Phường Ba Đình')",
        [],
    )
    .unwrap();
    patched.refresh(conn, &[conn.last_insert_rowid()]).unwrap();

    let fresh = SearchIndex::build(conn).unwrap();
    assert_rank_order(&patched);
    assert_eq!(patched.docs(), fresh.docs());
    for q in QUERIES {
        assert_eq!(top(&patched, q), top(&fresh, q), "{q}");
    }
    assert!(top(&patched, "to 7").len() == 1 && top(&patched, "thi lan 1950").is_empty());
    assert!(patched.garbage_share() > 0.0);
}

#[test]
fn renumbers_when_a_gap_between_ranks_runs_out() {
    let s = store();
    let conn = s.conn();
    let mut index = SearchIndex::build(conn).unwrap();
    // Names that all sort between two neighbours, each halving the gap left.
    let mut names: Vec<String> = (0..40).map(|i| format!("nguyen thi lan {}", "a".repeat(40 - i))).collect();
    names.reverse();
    for (i, n) in names.iter().enumerate() {
        conn.execute(
            "INSERT INTO persons (ma_ban_ghi, ho_ten, ho_ten_norm, ho_ten_fold) VALUES (?1, ?2, ?2, ?2)",
            [format!("X{i:02}"), n.clone()],
        )
        .unwrap();
        index.refresh(conn, &[conn.last_insert_rowid()]).unwrap();
        assert_rank_order(&index);
    }
}

#[test]
fn ties_list_alphabetically_then_by_record_id() {
    let s = store();
    let index = SearchIndex::build(s.conn()).unwrap();
    // "ng" is a prefix of every Nguyễn: equal points, so alphabetical order decides.
    let hits = top(&index, "ng");
    let ma = |p: i64| -> String {
        s.conn().query_row("SELECT ma_ban_ghi FROM persons WHERE id = ?1", [p], |r| r.get(0)).unwrap()
    };
    let order: Vec<String> = hits.iter().map(|h| ma(h.0)).collect();
    assert_eq!(order, ["R3", "R4", "R1"], "nguyen thi lan (R3, R4) before nguyen van hung");
}

#[test]
fn reports_its_size() {
    let s = store();
    let stats = SearchIndex::build(s.conn()).unwrap().stats();
    assert_eq!(stats.persons, 4);
    assert!(stats.name_words >= 6 && stats.street_words >= 4);
    assert!(stats.heap_bytes > 0);
}

/// A register of `n` made-up persons: three-word names mostly, and every 40th a one-
/// or two-word name, with birth dates spread over sixty years.
fn many_names(n: usize) -> Store {
    const SURNAMES: [&str; 6] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Ngô"];
    const MIDDLE: [&str; 4] = ["Văn", "Thị", "Ngọc", "Minh"];
    // Given names that are also surnames put out-of-order matches ("Lê Văn Nguyên" for
    // "nguyen van") alphabetically before the best ones.
    const GIVEN: [&str; 11] =
        ["An", "Anh", "Lan", "Linh", "Nga", "Ngân", "Hùng", "Hà", "Nam", "Nguyên", "Hoàng"];
    let records: Vec<RegisterRecord> = (0..n)
        .map(|i| {
            let (s, m, g) = (SURNAMES[i % 6], MIDDLE[i / 6 % 4], GIVEN[i / 24 % GIVEN.len()]);
            let ho_ten = match i % 40 {
                7 => g.to_string(),
                13 => format!("{s} {g}"),
                _ => format!("{s} {m} {g}"),
            };
            let ngay_sinh = Some(format!("{:02}/{:02}/{}", i % 28 + 1, i % 12 + 1, 1950 + i % 60));
            RegisterRecord { ma_ban_ghi: format!("M{i:05}"), ho_ten, ngay_sinh, ..Default::default() }
        })
        .collect();
    let mut s = Store::open_in_memory().unwrap();
    s.insert_records(&records, &mut |_, _| {}).unwrap();
    s
}

/// Every keystroke of a few queries, with and without marks, a year and a typo.
fn typed_queries() -> Vec<String> {
    let mut out = Vec::new();
    for q in [
        "nguyen thi lan",
        "ngo nga",
        "Trần Ngọc Hùng",
        "le an 1962",
        "pham minh nam",
        "anh",
        "hoang van hungg",
        "nguyen van",
        "van hoang",
    ] {
        for (i, _) in q.char_indices().filter(|&(i, _)| i > 0) {
            out.push(q[..i].to_string());
        }
        out.push(q.to_string());
    }
    out
}

/// The best ten as `top` gives them, and as scoring every doc of the index one by one
/// gives them.
fn early_and_full(index: &SearchIndex, q: &str) -> Option<(TopDocs, Vec<(i64, u32)>)> {
    let plan = plan::plan(index, &Query::parse(q), None).ok()?;
    let early = index.top(&plan, 10);
    let mut all: Vec<(u32, u64, i64)> = (0..index.person.len() as u32)
        .filter_map(|d| {
            Some((index.points(d, &plan, false)?, index.rank[d as usize], index.person[d as usize]))
        })
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    if early.complete {
        assert_eq!(early.total, all.len(), "{q:?}");
    }
    Some((early, all.into_iter().take(10).map(|(points, _, person)| (person, points)).collect()))
}

#[test]
fn stopping_early_lists_exactly_what_scoring_everyone_lists() {
    let s = many_names(4_000);
    let mut index = SearchIndex::build(s.conn()).unwrap();
    let check = |index: &SearchIndex| {
        let mut stopped = 0;
        for q in typed_queries() {
            let Some((early, full)) = early_and_full(index, &q) else { continue };
            assert_eq!(early.hits, full, "{q:?}");
            stopped += usize::from(!early.complete);
        }
        stopped
    };
    let stopped = check(&index);
    assert!(stopped > 20, "most keystrokes stop early; {stopped} did");

    // Persons changed and added since the build get docs after the sorted ones.
    let touched = edit(
        s.conn(),
        "UPDATE persons SET ho_ten_norm = 'Nguyễn Thị An', ho_ten_fold = 'nguyen thi an' WHERE id % 97 = 0;
         UPDATE persons SET ho_ten_norm = 'Lan', ho_ten_fold = 'lan' WHERE id % 101 = 0;
         INSERT INTO persons (ma_ban_ghi, ho_ten, ho_ten_norm, ho_ten_fold, ngay_sinh_date)
           VALUES ('A0', 'Nguyễn An', 'Nguyễn An', 'nguyen an', '1962-01-01'),
                  ('A1', 'Lê An', 'Lê An', 'le an', '1962');",
    );
    index.refresh(s.conn(), &touched).unwrap();
    assert!(index.sorted < index.person.len() as u32);
    assert_rank_order(&index);
    check(&index);
}

#[test]
fn a_register_of_short_names_still_lists_exactly() {
    // Here two-word names are a quarter of the register: too many to score apart, so
    // the bound keeps the full-name bonus.
    let s = store_with_names(&["Lê An", "Lê Anh", "Lê Văn An", "An", "Lê Thị An", "Lê An Khang", "Lê Ân"]);
    let index = SearchIndex::build(s.conn()).unwrap();
    for q in ["l", "le", "le a", "le an", "an", "lê ân"] {
        let (early, full) = early_and_full(&index, q).unwrap();
        assert_eq!(early.hits, full, "{q:?}");
    }
}

fn store_with_names(names: &[&str]) -> Store {
    let records: Vec<RegisterRecord> = names
        .iter()
        .enumerate()
        .map(|(i, n)| RegisterRecord {
            ma_ban_ghi: format!("S{i}"),
            ho_ten: (*n).into(),
            ..Default::default()
        })
        .collect();
    let mut s = Store::open_in_memory().unwrap();
    s.insert_records(&records, &mut |_, _| {}).unwrap();
    s
}

/// A build must read the narrow covering index, not decrypt every page of the table;
/// an edit to ROW_SQL or to migration 0019 that parts them sends it back to the table.
#[test]
fn a_build_reads_the_search_source_index_not_the_table() {
    let s = store();
    assert_eq!(
        crate::store::tests::query_plan(s.conn(), ROW_SQL),
        ["SCAN persons USING COVERING INDEX persons_search_source"]
    );
}

/// A birth date kept only as written (no parsed date) still gives the index its year;
/// the covering index holds the written date only for those rows.
#[test]
fn a_birth_date_kept_only_as_written_still_gives_its_year() {
    let s = store();
    s.conn()
        .execute_batch("UPDATE persons SET ngay_sinh_date = NULL, ngay_sinh = '30/02/1968' WHERE id = 1")
        .unwrap();
    let index = SearchIndex::build(s.conn()).unwrap();
    let doc = index.doc_of(1).unwrap() as usize;
    assert_eq!(index.birth[doc], keys::pack_year_of("30/02/1968"));
    assert_ne!(index.birth[doc], 0);
}
