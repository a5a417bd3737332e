//! Loading many records into an empty register. A random insert into each number index
//! per row costs more than the row itself at city scale (every batch dirties most of
//! the indexes' pages), so a bulk load drops those indexes and builds them once at the
//! end, sorted. A crash in between leaves whole batches and no number indexes; the
//! next [`super::Store::open`] builds them again.

use rusqlite::Connection;

/// The indexes a bulk load drops, exactly as the migrations create them.
const NUMBER_INDEXES: [(&str, &str); 7] = [
    ("persons_so_dinh_danh", "CREATE INDEX persons_so_dinh_danh ON persons (so_dinh_danh)"),
    ("persons_so_cmnd", "CREATE INDEX persons_so_cmnd ON persons (so_cmnd)"),
    ("persons_so_dien_thoai", "CREATE INDEX persons_so_dien_thoai ON persons (so_dien_thoai_norm)"),
    ("persons_so_ho_so_cu_tru", "CREATE INDEX persons_so_ho_so_cu_tru ON persons (so_ho_so_cu_tru)"),
    (
        "persons_so_dinh_danh_cha",
        "CREATE INDEX persons_so_dinh_danh_cha ON persons (so_dinh_danh_cha) WHERE so_dinh_danh_cha IS NOT NULL",
    ),
    (
        "persons_namesakes",
        "CREATE INDEX persons_namesakes ON persons (ho_ten_fold, ngay_sinh_year, ho_ten_me, ho_ten_cha)",
    ),
    (
        "persons_so_dinh_danh_me",
        "CREATE INDEX persons_so_dinh_danh_me ON persons (so_dinh_danh_me) WHERE so_dinh_danh_me IS NOT NULL",
    ),
];

pub(crate) fn drop_number_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, _) in NUMBER_INDEXES {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

/// Creates the number indexes a bulk load (or a crash during one) left out.
pub(crate) fn ensure_number_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, sql) in NUMBER_INDEXES {
        let present: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !present {
            conn.execute_batch(sql)?;
        }
    }
    Ok(())
}
