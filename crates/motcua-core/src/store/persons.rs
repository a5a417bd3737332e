//! Writing register records: the original cells plus the normalized forms derived
//! from them, the name-token index and household membership.

use rusqlite::{Transaction, params, params_from_iter};

use super::meta::write_meta;
use super::person_row::{COLUMNS, values};
use super::{RegisterMeta, Store, StoreError};
use crate::record::RegisterRecord;
use crate::text;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InsertReport {
    pub persons: usize,
    pub households: usize,
}

fn is_head(relation: Option<&str>) -> bool {
    relation.is_some_and(|r| text::fold(r) == "chu ho")
}

impl Store {
    /// Inserts new records in one transaction: either all land or none.
    ///
    /// `progress(done, total)` is called every few hundred records.
    pub fn insert_records(
        &mut self,
        records: &[RegisterRecord],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<InsertReport, StoreError> {
        let tx = self.conn.transaction()?;
        let report = insert_all(&tx, records, progress)?;
        tx.commit()?;
        Ok(report)
    }

    /// Sets up a new register and fills it, in one transaction: a crash or an error
    /// leaves an empty database, never a half-made register.
    pub fn create_register(
        &mut self,
        meta: &RegisterMeta,
        records: &[RegisterRecord],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<InsertReport, StoreError> {
        let tx = self.conn.transaction()?;
        write_meta(&tx, meta)?;
        let report = insert_all(&tx, records, progress)?;
        tx.commit()?;
        Ok(report)
    }

    pub fn count_persons(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM persons", [], |r| r.get(0))?)
    }

    pub fn count_households(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM households", [], |r| r.get(0))?)
    }

    pub fn count_residential_groups(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT to_dan_pho_norm) FROM persons WHERE to_dan_pho_norm IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

fn insert_all(
    tx: &Transaction<'_>,
    records: &[RegisterRecord],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<InsertReport, StoreError> {
    let mut report = InsertReport::default();
    for (i, r) in records.iter().enumerate() {
        insert_one(tx, r, &mut report)?;
        if (i + 1) % 500 == 0 {
            progress(i + 1, records.len());
        }
    }
    progress(records.len(), records.len());
    Ok(report)
}

/// Inserts a new record; returns the person's row id.
pub(super) fn insert_one(
    tx: &Transaction<'_>,
    r: &RegisterRecord,
    report: &mut InsertReport,
) -> Result<i64, StoreError> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM persons WHERE ma_ban_ghi = ?1)",
        [&r.ma_ban_ghi],
        |row| row.get(0),
    )?;
    if exists {
        return Err(StoreError::RecordExists(r.ma_ban_ghi.clone()));
    }
    let sql = format!(
        "INSERT INTO persons ({}) VALUES ({})",
        COLUMNS.join(", "),
        (1..=COLUMNS.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(values(r)))?;
    let person_id = tx.last_insert_rowid();
    report.persons += 1;
    index_person(tx, person_id, r, report)?;
    Ok(person_id)
}

/// Replaces a stored person's record with `r`, bumping its version.
pub(super) fn update_one(tx: &Transaction<'_>, person_id: i64, r: &RegisterRecord) -> Result<(), StoreError> {
    let sets: Vec<String> = COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
    let sql = format!(
        "UPDATE persons SET {}, version = version + 1 WHERE id = ?{}",
        sets.join(", "),
        COLUMNS.len() + 1
    );
    let mut args = values(r);
    args.push(rusqlite::types::Value::Integer(person_id));
    tx.prepare_cached(&sql)?.execute(params_from_iter(args))?;
    tx.prepare_cached(
        "UPDATE name_vocabulary SET persons = persons - 1
         WHERE token IN (SELECT DISTINCT token FROM person_name_tokens WHERE person_id = ?1)",
    )?
    .execute([person_id])?;
    tx.execute("DELETE FROM person_name_tokens WHERE person_id = ?1", [person_id])?;
    tx.execute("DELETE FROM household_members WHERE person_id = ?1", [person_id])?;
    index_person(tx, person_id, r, &mut InsertReport::default())
}

/// Name tokens and household membership: what is derived from a record beyond its row.
fn index_person(
    tx: &Transaction<'_>,
    person_id: i64,
    r: &RegisterRecord,
    report: &mut InsertReport,
) -> Result<(), StoreError> {
    let mut tok = tx.prepare_cached(
        "INSERT OR IGNORE INTO person_name_tokens (token, person_id, position) VALUES (?1, ?2, ?3)",
    )?;
    let folded = text::fold(&r.ho_ten);
    let mut distinct = std::collections::BTreeSet::new();
    for (pos, t) in folded.split(' ').filter(|t| !t.is_empty()).enumerate() {
        tok.execute(params![t, person_id, pos as i64])?;
        distinct.insert(t);
    }
    let mut vocab = tx.prepare_cached(
        "INSERT INTO name_vocabulary (token, persons) VALUES (?1, 1)
         ON CONFLICT (token) DO UPDATE SET persons = persons + 1",
    )?;
    for t in distinct {
        vocab.execute([t])?;
    }

    if let Some(hs) = r.so_ho_so_cu_tru.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let head = is_head(r.quan_he_chu_ho.as_deref());
        let address = r.noi_thuong_tru.as_deref().map(text::normalize);
        let group = r.to_dan_pho.as_deref().map(text::normalize);
        let created = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO households (so_ho_so_cu_tru, dia_chi, to_dan_pho) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![hs, address, group])?;
        report.households += created;
        if head {
            // The household's address is the head's, whichever member arrived first.
            tx.prepare_cached(
                "UPDATE households SET dia_chi = coalesce(?2, dia_chi), to_dan_pho = coalesce(?3, to_dan_pho)
                 WHERE so_ho_so_cu_tru = ?1",
            )?
            .execute(params![hs, address, group])?;
        }
        tx.prepare_cached(
            "INSERT INTO household_members (household_id, person_id, quan_he_chu_ho, is_head)
             SELECT id, ?2, ?3, ?4 FROM households WHERE so_ho_so_cu_tru = ?1",
        )?
        .execute(params![hs, person_id, r.quan_he_chu_ho, head])?;
    }
    Ok(())
}
