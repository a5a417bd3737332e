use rusqlite::Connection;

use super::*;
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
