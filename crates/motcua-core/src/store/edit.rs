//! An officer's correction of one field of a record: the change, the old version in
//! `person_history`, the audit entry and the outbox operation that carries it to the
//! ward server, all in one transaction.
//!
//! The operation names the value the officer saw (`old_value`) as well as the new one,
//! so the server can tell a change to a field nobody else touched (apply), a change it
//! already has (the same value), and two officers changing the same field (a conflict
//! to show both). A demo ward never syncs, so its edits make no operation.

use std::sync::LazyLock;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::person_row::{PersonRow, RECORD_SQL, record_from_row};
use super::persons::update_one;
use super::{RegisterKind, Store, StoreError, audit, keyring};
use crate::access::Action;
use crate::record::RegisterRecord;

/// One field to change in the record `ma_ban_ghi`, from the version the officer saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub ma_ban_ghi: String,
    pub field: String,
    /// `None` empties the cell.
    pub value: Option<String>,
    pub base_version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EditOutcome {
    /// Written; the record is now at `version`. `op_id` is the outbox operation, when
    /// the register syncs.
    Applied { version: i64, op_id: Option<String> },
    /// The field already held that value: nothing written.
    Unchanged,
}

/// How an officer settles a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Keep the value I set.
    Mine,
    /// Take the value the server holds.
    Theirs,
    /// Put this value instead (`None` empties the cell).
    Value(Option<String>),
}

/// The conflict an edit settles.
pub(super) struct Settles {
    op_id: String,
    server_value: Option<String>,
    tag: &'static str,
}

/// An edit waiting in (or gone through) the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct OutboxOp {
    pub seq: i64,
    pub op_id: String,
    pub ma_ban_ghi: String,
    pub field: String,
    pub base_version: i64,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub officer: String,
    pub created_at: String,
}

impl Store {
    pub fn edit_field(&mut self, edit: &FieldEdit) -> Result<EditOutcome, StoreError> {
        let value = edit.value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        self.write_edit(&edit.ma_ban_ghi, &edit.field, value, Some(edit.base_version), None)
    }

    /// Settles a conflict the server answered: keep the officer's value (sent again, now
    /// over the server's), take the server's, or put another. Both values stay in the
    /// record's history.
    pub fn resolve_conflict(&mut self, op_id: &str, how: Resolution) -> Result<EditOutcome, StoreError> {
        self.require(Action::EditCitizen)?;
        let (op, answer) = self
            .conflicts()?
            .into_iter()
            .find(|(op, _)| op.op_id == op_id)
            .ok_or_else(|| StoreError::NotFound(op_id.into()))?;
        let crate::store::OpAnswer::Conflict { server_value, .. } = answer else {
            return Err(StoreError::NotFound(op_id.into()));
        };
        let (value, tag) = match how {
            Resolution::Mine => (op.new_value.clone(), "mine"),
            Resolution::Theirs => (server_value.clone(), "theirs"),
            Resolution::Value(v) => (v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()), "edit"),
        };
        let settles = Settles { op_id: op.op_id, server_value, tag };
        self.write_edit(&op.ma_ban_ghi, &op.field, value, None, Some(settles))
    }

    /// One field of one record set to `value` (from `base_version`, when given), with its
    /// history, audit entry and outbox operation in one transaction; settling a conflict,
    /// the operation goes out against the server's value.
    fn write_edit(
        &mut self,
        ma_ban_ghi: &str,
        field: &str,
        value: Option<String>,
        base_version: Option<i64>,
        settles: Option<Settles>,
    ) -> Result<EditOutcome, StoreError> {
        self.require(Action::EditCitizen)?;
        let officer = self.officer().login;
        let syncs = self.syncs()?;
        let tx = self.conn.transaction()?;
        let (person, outcome) =
            edit_in(&tx, &officer, syncs, ma_ban_ghi, field, value, base_version, settles)?;
        tx.commit()?;
        if let Some(person) = person {
            self.search_persons_changed([person]);
        }
        Ok(outcome)
    }

    /// Whether edits of this register go to the outbox.
    pub(super) fn syncs(&self) -> Result<bool, StoreError> {
        Ok(self.register_meta()?.is_some_and(|m| m.kind == RegisterKind::Real))
    }
}

/// [`Store::write_edit`] inside the caller's transaction (a merge writes several);
/// returns the person's row id when the record changed.
#[allow(clippy::too_many_arguments)]
pub(super) fn edit_in(
    tx: &rusqlite::Transaction<'_>,
    officer: &str,
    syncs: bool,
    ma_ban_ghi: &str,
    field: &str,
    value: Option<String>,
    base_version: Option<i64>,
    settles: Option<Settles>,
) -> Result<(Option<i64>, EditOutcome), StoreError> {
    static SQL: LazyLock<String> =
        LazyLock::new(|| format!("SELECT {RECORD_SQL}, version, id FROM persons WHERE ma_ban_ghi = ?1"));
    let found: Option<(i64, RegisterRecord, i64)> = tx
        .prepare_cached(&SQL)?
        .query_row([ma_ban_ghi], |r| Ok((r.get(32)?, record_from_row(r)?, r.get(31)?)))
        .optional()?;
    let Some((person, mut record, version)) = found else {
        return Err(StoreError::NotFound(ma_ban_ghi.to_string()));
    };
    if let Some(seen) = base_version.filter(|seen| *seen != version) {
        return Err(StoreError::StaleEdit { seen, current: version });
    }
    let old = record.clone();
    let local_value = set_field(&mut record, field, value.clone())?;
    // What the server holds is what the operation changes: the local copy, or, when
    // settling a conflict, the server's value.
    let (op_old, queue) = match &settles {
        Some(s) => (s.server_value.clone(), s.tag != "theirs" && s.server_value != value),
        None => (local_value, true),
    };
    let changed = record != old;
    if !changed && settles.is_none() {
        return Ok((None, EditOutcome::Unchanged));
    }
    if changed {
        let json = serde_json::to_string(&old).expect("records serialize");
        tx.prepare_cached(
            "INSERT INTO person_history (person_id, version, record, source) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![person, version, json, format!("edit:{officer}")])?;
        update_one(tx, person, &PersonRow::from_record(record))?;
    }
    let detail = match &settles {
        Some(s) => format!("{field} resolve {}", s.tag),
        None => field.to_string(),
    };
    audit::append(tx, officer, Action::EditCitizen.code(), Some(ma_ban_ghi), &detail)?;
    if let Some(s) = &settles {
        tx.execute(
            "UPDATE outbox SET state = 'resolved', result = ?2 WHERE op_id = ?1",
            params![s.op_id, format!("{{\"resolution\":\"{}\"}}", s.tag)],
        )?;
    }
    let op_id = if syncs && queue {
        let op_id = keyring::to_hex(&keyring::random::<16>()?);
        tx.prepare_cached(
                "INSERT INTO outbox (op_id, ma_ban_ghi, field, base_version, old_value, new_value, officer, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![op_id, ma_ban_ghi, field, version, op_old, value, officer, audit::now()])?;
        Some(op_id)
    } else {
        None
    };
    let version = if changed { version + 1 } else { version };
    Ok((changed.then_some(person), EditOutcome::Applied { version, op_id }))
}

impl Store {
    /// Every operation this device has queued, with its state (`pending`, `applied`,
    /// `conflict`, `rejected`), oldest first.
    pub fn outbox_ops(&self) -> Result<Vec<(OutboxOp, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, op_id, ma_ban_ghi, field, base_version, old_value, new_value, officer, created_at, state
             FROM outbox ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((op_from_row(r)?, r.get(9)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The operations not yet confirmed by the ward server, oldest first.
    pub fn pending_ops(&self) -> Result<Vec<OutboxOp>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, op_id, ma_ban_ghi, field, base_version, old_value, new_value, officer, created_at
             FROM outbox WHERE state = 'pending' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], op_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Puts `value` in `field`, returning what was there.
pub(super) fn set_field(
    record: &mut RegisterRecord,
    field: &str,
    value: Option<String>,
) -> Result<Option<String>, StoreError> {
    if field == "ho_ten" {
        let name = value.ok_or_else(|| StoreError::InvalidEdit("họ tên không được để trống".into()))?;
        return Ok(Some(std::mem::replace(&mut record.ho_ten, name)));
    }
    let cell = record
        .field_mut(field)
        .ok_or_else(|| StoreError::InvalidEdit(format!("không có trường {field} để sửa")))?;
    Ok(std::mem::replace(cell, value))
}

/// An outbox row from `seq, op_id, ma_ban_ghi, field, base_version, old_value,
/// new_value, officer, created_at`.
pub(super) fn op_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxOp> {
    Ok(OutboxOp {
        seq: r.get(0)?,
        op_id: r.get(1)?,
        ma_ban_ghi: r.get(2)?,
        field: r.get(3)?,
        base_version: r.get(4)?,
        old_value: r.get(5)?,
        new_value: r.get(6)?,
        officer: r.get(7)?,
        created_at: r.get(8)?,
    })
}
