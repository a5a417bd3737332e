//! Reading the persons a build indexes.
//!
//! A build is two kinds of work: SQLite reading the covering index page by page (in an
//! encrypted register, decrypting each page and checking its HMAC) and the index folding
//! and interning every name and street word. They need not wait for each other: the
//! calling thread reads rows into chunks of owned text while another thread builds from
//! the chunks it has been sent, so a build takes about as long as the longer of the
//! two instead of their sum, and the decryption an encrypted register adds is mostly
//! hidden behind the folding.

use std::sync::mpsc::SyncSender;

use rusqlite::types::Type;
use rusqlite::{Connection, Row};

/// One person as the index reads them from `persons`.
pub(super) struct IndexRow<'a> {
    pub person: i64,
    pub ma_ban_ghi: &'a str,
    pub ho_ten_norm: &'a str,
    pub ngay_sinh_date: Option<&'a str>,
    /// Only where no parsed date was stored.
    pub ngay_sinh: Option<&'a str>,
    pub to_dan_pho: Option<&'a str>,
    /// The current address, else the permanent one.
    pub address: Option<&'a str>,
}

/// A `_norm` column is NULL when the cell was already normalized (see person_row). These
/// expressions are those of the covering index `persons_search_source` (migration 0019),
/// so that a build reads that index and not the whole table; change both together.
pub(super) const ROW_SQL: &str = "SELECT id, ma_ban_ghi, ho_ten_norm, ngay_sinh_date,
                              CASE WHEN ngay_sinh_date IS NULL THEN ngay_sinh END,
                              coalesce(to_dan_pho_norm, to_dan_pho),
                              coalesce(noi_o_hien_tai_norm, noi_o_hien_tai, noi_thuong_tru_norm, noi_thuong_tru)
                       FROM persons";

/// The text columns of [`ROW_SQL`] after the id.
const TEXTS: usize = 6;

pub(super) fn index_row<'a>(r: &'a Row<'_>) -> rusqlite::Result<IndexRow<'a>> {
    let text = |i: usize| -> rusqlite::Result<Option<&'a str>> {
        r.get_ref(i)?
            .as_str_or_null()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e.into()))
    };
    Ok(IndexRow {
        person: r.get(0)?,
        ma_ban_ghi: text(1)?.unwrap_or_default(),
        ho_ten_norm: text(2)?.unwrap_or_default(),
        ngay_sinh_date: text(3)?,
        ngay_sinh: text(4)?,
        to_dan_pho: text(5)?,
        address: text(6)?,
    })
}

/// Rows per chunk: large enough that sending is rare, small enough that the builder
/// starts at once and a few chunks in flight hold little memory.
const CHUNK_ROWS: usize = 2048;

/// Rows copied out of SQLite: their texts end to end, and where each cell lies.
#[derive(Default)]
pub(super) struct Chunk {
    text: String,
    persons: Vec<i64>,
    /// `TEXTS` cells a row; `None` for NULL.
    cells: Vec<Option<(u32, u32)>>,
}

impl Chunk {
    fn push(&mut self, row: &IndexRow<'_>) {
        self.persons.push(row.person);
        for cell in [
            Some(row.ma_ban_ghi),
            Some(row.ho_ten_norm),
            row.ngay_sinh_date,
            row.ngay_sinh,
            row.to_dan_pho,
            row.address,
        ] {
            self.cells.push(cell.map(|s| {
                let start = self.text.len() as u32;
                self.text.push_str(s);
                (start, self.text.len() as u32)
            }));
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = IndexRow<'_>> {
        self.persons.iter().zip(self.cells.chunks_exact(TEXTS)).map(|(&person, cells)| {
            let cell = |i: usize| cells[i].map(|(start, end)| &self.text[start as usize..end as usize]);
            IndexRow {
                person,
                ma_ban_ghi: cell(0).unwrap_or_default(),
                ho_ten_norm: cell(1).unwrap_or_default(),
                ngay_sinh_date: cell(2),
                ngay_sinh: cell(3),
                to_dan_pho: cell(4),
                address: cell(5),
            }
        })
    }
}

/// Reads every person into chunks and sends them; stops early (with `Ok`) if the
/// builder has gone.
pub(super) fn send_all(conn: &Connection, to: &SyncSender<Chunk>) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(ROW_SQL)?;
    let mut rows = stmt.query([])?;
    let mut chunk = Chunk::default();
    while let Some(row) = rows.next()? {
        chunk.push(&index_row(row)?);
        if chunk.persons.len() == CHUNK_ROWS && to.send(std::mem::take(&mut chunk)).is_err() {
            return Ok(());
        }
    }
    if !chunk.persons.is_empty() {
        let _ = to.send(chunk);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_gives_back_each_row_as_read_nulls_and_empty_texts_included() {
        let rows = [
            IndexRow {
                person: 7,
                ma_ban_ghi: "R7",
                ho_ten_norm: "Lê Thị Hoa",
                ngay_sinh_date: Some("1990-01-02"),
                ngay_sinh: None,
                to_dan_pho: Some("Tổ dân phố số 1"),
                address: None,
            },
            IndexRow {
                person: 9,
                ma_ban_ghi: "R9",
                ho_ten_norm: "",
                ngay_sinh_date: None,
                ngay_sinh: Some("30/02/1968"),
                to_dan_pho: None,
                address: Some("Số 3 phố Hàng Bè"),
            },
        ];
        let mut chunk = Chunk::default();
        rows.iter().for_each(|r| chunk.push(r));
        type Cells<'a> =
            (i64, &'a str, &'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        fn cells<'a>(r: &IndexRow<'a>) -> Cells<'a> {
            (r.person, r.ma_ban_ghi, r.ho_ten_norm, r.ngay_sinh_date, r.ngay_sinh, r.to_dan_pho, r.address)
        }
        let back: Vec<_> = chunk.rows().map(|r| cells(&r)).collect();
        assert_eq!(back, rows.iter().map(cells).collect::<Vec<_>>());
    }
}
