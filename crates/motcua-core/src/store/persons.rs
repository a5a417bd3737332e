//! Writing register records: the original cells plus the normalized forms derived
//! from them, as one `persons` row each.

use std::sync::LazyLock;

use rusqlite::{ToSql, Transaction, params_from_iter};

use super::meta::write_meta;
use super::person_row::{COLUMNS, PersonRow};
use super::{RegisterMeta, Store, StoreError};
use super::{audit, bulk};
use crate::access::Action;
use crate::record::RegisterRecord;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InsertReport {
    pub persons: usize,
    pub households: usize,
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
        self.require(Action::ImportRegister)?;
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        insert_all(&tx, records, progress)?;
        audit::append(
            &tx,
            &officer,
            Action::ImportRegister.code(),
            None,
            &format!("inserted={}", records.len()),
        )?;
        tx.commit()?;
        self.search_index_stale();
        self.insert_report(records.len())
    }

    /// Sets up a new register and fills it, in one transaction: a crash or an error
    /// leaves an empty database, never a half-made register.
    pub fn create_register(
        &mut self,
        meta: &RegisterMeta,
        records: &[RegisterRecord],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<InsertReport, StoreError> {
        self.require(Action::ImportRegister)?;
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        write_meta(&tx, meta)?;
        bulk::drop_number_indexes(&tx)?;
        insert_all(&tx, records, progress)?;
        bulk::ensure_number_indexes(&tx)?;
        audit::append(
            &tx,
            &officer,
            Action::ImportRegister.code(),
            None,
            &format!("created inserted={}", records.len()),
        )?;
        tx.commit()?;
        self.search_index_stale();
        self.insert_report(records.len())
    }

    fn insert_report(&self, persons: usize) -> Result<InsertReport, StoreError> {
        Ok(InsertReport { persons, households: self.count_households()? as usize })
    }

    pub fn count_persons(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM persons", [], |r| r.get(0))?)
    }

    pub fn count_households(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT so_ho_so_cu_tru) FROM persons WHERE so_ho_so_cu_tru IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }

    pub fn count_residential_groups(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT coalesce(to_dan_pho_norm, to_dan_pho)) FROM persons WHERE to_dan_pho IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

fn insert_all(
    tx: &Transaction<'_>,
    records: &[RegisterRecord],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(), StoreError> {
    for (i, r) in records.iter().enumerate() {
        insert_one(tx, &PersonRow::new(r))?;
        if (i + 1) % 500 == 0 {
            progress(i + 1, records.len());
        }
    }
    progress(records.len(), records.len());
    Ok(())
}

/// SQLITE_CONSTRAINT_UNIQUE: the only unique column a record writes is `ma_ban_ghi`.
const UNIQUE_VIOLATION: std::ffi::c_int = 2067;

/// Inserts a new record; returns the person's row id. A record id already in the
/// register is refused (the unique index says so; no lookup first).
pub(super) fn insert_one(tx: &Transaction<'_>, row: &PersonRow) -> Result<i64, StoreError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO persons ({}) VALUES ({})",
            COLUMNS.join(", "),
            (1..=COLUMNS.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
        )
    });
    match tx.prepare_cached(&SQL)?.execute(params_from_iter(row.values())) {
        Ok(_) => Ok(tx.last_insert_rowid()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.extended_code == UNIQUE_VIOLATION => {
            Err(StoreError::RecordExists(row.record().ma_ban_ghi.clone()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Replaces a stored person's record, bumping its version.
pub(super) fn update_one(tx: &Transaction<'_>, person_id: i64, row: &PersonRow) -> Result<(), StoreError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let sets: Vec<String> =
            COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
        format!(
            "UPDATE persons SET {}, version = version + 1 WHERE id = ?{}",
            sets.join(", "),
            COLUMNS.len() + 1
        )
    });
    let id = rusqlite::types::Value::Integer(person_id);
    tx.prepare_cached(&SQL)?
        .execute(params_from_iter(row.values().chain(std::iter::once(&id as &dyn ToSql))))?;
    Ok(())
}
