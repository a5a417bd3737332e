//! Writing a record that may already be in the register: a newer extract updates the
//! person it names (by ID number, else by record id) and keeps the old version.

use std::collections::HashSet;
use std::sync::LazyLock;

use rusqlite::{OptionalExtension, Transaction, params};

use super::StoreError;
use super::person_row::{PersonRow, RECORD_SQL, record_from_row};
use super::persons::{insert_one, update_one};
use crate::idnum;
use crate::record::RegisterRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// Writes `row`, returning what happened and to which person. `touched` holds the
/// persons this import already wrote: two rows of one file are two records (perhaps a
/// duplicate for review), never an update of each other. `fresh`: the register held
/// nobody when the import began, so nobody can be updated and no lookup is needed.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    row: &PersonRow,
    source: &str,
    touched: &mut HashSet<i64>,
    fresh: bool,
) -> Result<(Outcome, i64), StoreError> {
    let r = row.record();
    let found = if fresh { None } else { existing(tx, r, touched)? };
    let Some(person_id) = found else {
        let person_id = insert_one(tx, row)?;
        if !fresh {
            touched.insert(person_id);
        }
        return Ok((Outcome::Inserted, person_id));
    };
    touched.insert(person_id);
    static SQL: LazyLock<String> =
        LazyLock::new(|| format!("SELECT {RECORD_SQL}, version FROM persons WHERE id = ?1"));
    let (old, version): (RegisterRecord, i64) =
        tx.prepare_cached(&SQL)?.query_row([person_id], |row| Ok((record_from_row(row)?, row.get(31)?)))?;
    if old == *r {
        return Ok((Outcome::Unchanged, person_id));
    }
    let json = serde_json::to_string(&old).expect("records serialize");
    tx.prepare_cached(
        "INSERT INTO person_history (person_id, version, record, source) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![person_id, version, json, source])?;
    update_one(tx, person_id, row)?;
    Ok((Outcome::Updated, person_id))
}

/// The stored person a record names: by record id; else by ID number when a
/// well-formed one is held by exactly one person this import has not written yet
/// (an extract that re-numbered its records).
fn existing(
    tx: &Transaction<'_>,
    r: &RegisterRecord,
    touched: &HashSet<i64>,
) -> Result<Option<i64>, StoreError> {
    let by_record: Option<i64> = tx
        .prepare_cached("SELECT id FROM persons WHERE ma_ban_ghi = ?1")?
        .query_row([&r.ma_ban_ghi], |row| row.get(0))
        .optional()?;
    if by_record.is_some() {
        return Ok(by_record);
    }
    let Some(id) = r.so_dinh_danh.as_deref().map(str::trim).filter(|n| idnum::is_id_number(n)) else {
        return Ok(None);
    };
    let holders: Vec<i64> = tx
        .prepare_cached("SELECT id FROM persons WHERE so_dinh_danh = ?1 LIMIT 2")?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(match holders.as_slice() {
        [one] if !touched.contains(one) => Some(*one),
        _ => None,
    })
}
