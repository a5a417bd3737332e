//! The records an edit of one record can change findings of: what the incremental
//! review reads instead of the whole register. Each lookup uses an index, so the cost
//! is that of the few records found, not of the register's size.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

impl Store {
    /// The records an edit of `ma_ban_ghi` can change findings of.
    pub(super) fn neighbourhood(&self, ma_ban_ghi: &str) -> Result<HashSet<String>, StoreError> {
        /// The keys of the edited record that other records may share.
        struct Keys {
            id: Option<String>,
            cmnd: Option<String>,
            phone: Option<String>,
            household: Option<String>,
            fold: String,
            father: Option<String>,
            mother: Option<String>,
            year: Option<i64>,
            mother_name: Option<String>,
            father_name: Option<String>,
        }
        let found = self
            .conn
            .query_row(
                "SELECT so_dinh_danh, so_cmnd, so_dien_thoai_norm, so_ho_so_cu_tru, ho_ten_fold, so_dinh_danh_cha, so_dinh_danh_me,
                        ngay_sinh_year, ho_ten_me, ho_ten_cha
                 FROM persons WHERE ma_ban_ghi = ?1",
                [ma_ban_ghi],
                |r| {
                    Ok(Keys {
                        id: r.get(0)?,
                        cmnd: r.get(1)?,
                        phone: r.get(2)?,
                        household: r.get(3)?,
                        fold: r.get(4)?,
                        father: r.get(5)?,
                        mother: r.get(6)?,
                        year: r.get(7)?,
                        mother_name: r.get(8)?,
                        father_name: r.get(9)?,
                    })
                },
            )
            .optional()?;
        let Some(Keys { id, cmnd, phone, household, fold, father, mother, year, mother_name, father_name }) =
            found
        else {
            return Err(StoreError::NotFound(ma_ban_ghi.to_string()));
        };
        let mut out = HashSet::from([ma_ban_ghi.to_string()]);
        // Rows (by id) found in an index alone; their codes are read once at the end.
        let mut ids = Vec::new();
        // Namesakes as the full review blocks them: with the birth year, or the
        // mother's or father's name (a common name alone is thousands at city scale).
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, ngay_sinh_year, ho_ten_me, ho_ten_cha FROM persons INDEXED BY persons_namesakes
             WHERE ho_ten_fold = ?1",
        )?;
        let folded = |v: &Option<String>| v.as_deref().map(crate::text::fold);
        let (mother_fold, father_fold) = (folded(&mother_name), folded(&father_name));
        let rows = stmt.query_map([&fold], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (ma, y, m, f) = row?;
            let parent = |a: &Option<String>, b: &Option<String>| a.is_some() && folded(a) == *b;
            if y == year || parent(&m, &mother_fold) || parent(&f, &father_fold) {
                ids.push(ma);
            }
        }
        let mut add = |sql: &str, value: &Option<String>| -> Result<(), StoreError> {
            let Some(v) = value.as_deref().filter(|v| !v.is_empty()) else { return Ok(()) };
            let mut stmt = self.conn.prepare_cached(sql)?;
            for ma in stmt.query_map([v], |r| r.get::<_, String>(0))? {
                out.insert(ma?);
            }
            Ok(())
        };
        add("SELECT ma_ban_ghi FROM persons WHERE so_dinh_danh = ?1", &id)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_dinh_danh = ?1", &father)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_dinh_danh = ?1", &mother)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_dinh_danh_cha = ?1", &id)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_dinh_danh_me = ?1", &id)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_cmnd = ?1", &cmnd)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_dien_thoai_norm = ?1", &phone)?;
        add("SELECT ma_ban_ghi FROM persons WHERE so_ho_so_cu_tru = ?1", &household)?;
        add(
            "SELECT r2.ma_ban_ghi FROM finding_records r1 JOIN finding_records r2 USING (finding_id)
             WHERE r1.ma_ban_ghi = ?1",
            &Some(ma_ban_ghi.to_string()),
        )?;
        // Numbers a digit or a swap away share the first six digits (province, century
        // and sex, year) unless the typo is there; the structure rules catch those.
        if let Some(prefix) = id.as_deref().filter(|n| n.len() == 12).map(|n| &n[..6]) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, so_dinh_danh FROM persons INDEXED BY persons_so_dinh_danh
                 WHERE so_dinh_danh >= ?1 AND so_dinh_danh < ?2",
            )?;
            let upper = format!("{prefix}~");
            let me = id.as_deref().unwrap_or_default().as_bytes();
            let rows = stmt
                .query_map(params![prefix, upper], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (row_id, other) = row?;
                let o = other.as_bytes();
                if o.len() == 12 && (0..12).filter(|&i| o[i] != me[i]).count() <= 2 {
                    ids.push(row_id);
                }
            }
        }
        let mut code = self.conn.prepare_cached("SELECT ma_ban_ghi FROM persons WHERE id = ?1")?;
        for row_id in ids {
            out.insert(code.query_row([row_id], |r| r.get(0))?);
        }
        Ok(out)
    }
}
