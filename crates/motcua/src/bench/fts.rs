//! The baseline: what plain SQLite FTS5 gives for the same queries on the same register.
//!
//! A full-text table over the folded names (`ho_ten_fold`, so a query without marks
//! finds names with them), every typed word as a prefix term, birth year checked on the
//! row, bm25 order. It has no typo tolerance and no notion of exact diacritics: that is
//! the point of comparing.

use std::path::Path;
use std::time::Instant;

use rusqlite::Connection;

pub struct Fts {
    conn: Connection,
}

impl Fts {
    /// Builds the full-text table in the register at `db` (the bench's own copy).
    pub fn build(db: &Path) -> anyhow::Result<(Fts, std::time::Duration)> {
        let conn = Connection::open(db)?;
        let t = Instant::now();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE bench_fts USING fts5(ho_ten_fold, content='persons', content_rowid='id');
             INSERT INTO bench_fts (bench_fts) VALUES ('rebuild');",
        )?;
        Ok((Fts { conn }, t.elapsed()))
    }

    /// The record ids of the best `limit` hits for a query as typed into the box.
    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let mut words = Vec::new();
        let mut year = None;
        for w in motcua_core::text::fold(query).split(' ').filter(|w| !w.is_empty()) {
            if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                year = Some(w.to_string());
            } else if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
                words.push(format!("\"{w}\"*"));
            }
        }
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let sql = if year.is_some() {
            "SELECT p.ma_ban_ghi FROM bench_fts f JOIN persons p ON p.id = f.rowid
             WHERE bench_fts MATCH ?1 AND substr(p.ngay_sinh_date, 1, 4) = ?2 ORDER BY f.rank LIMIT ?3"
        } else {
            "SELECT p.ma_ban_ghi FROM bench_fts f JOIN persons p ON p.id = f.rowid
             WHERE bench_fts MATCH ?1 AND ?2 IS NULL ORDER BY f.rank LIMIT ?3"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows =
            stmt.query_map(rusqlite::params![words.join(" AND "), year, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
