//! Both ends of sync over the store: the ward server applying devices' operations
//! exactly once and serving its change log, and a device recording the server's answers
//! and applying what it pulls.
//!
//! An operation changes one field from the value its officer saw (`old_value`). The
//! server applies it when the field still holds that value, takes it as done when the
//! field already holds the new one, and otherwise answers a conflict carrying its own
//! value: two officers' different changes to one field are never merged silently, and
//! changes to different fields of one record both land. Every answer is stored with its
//! op id, so a retried push gets the same answer and changes nothing again.

use std::sync::LazyLock;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Device;
use super::edit::{OutboxOp, set_field};
use super::person_row::{PersonRow, RECORD_SQL, record_from_row};
use super::persons::{insert_one, update_one};
use super::{Store, StoreError, audit};
use crate::access::{self, Action};
use crate::record::RegisterRecord;

/// The server's answer to one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpAnswer {
    /// The field holds the new value; the record is at `version`.
    Applied { version: i64 },
    /// Someone changed the field first: their value, which the officer must weigh.
    Conflict { server_value: Option<String>, server_version: i64 },
    /// Never applicable (no such record or field, or the officer may not edit): not
    /// retried, shown with its reason.
    Rejected { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpReceipt {
    pub op_id: String,
    pub answer: OpAnswer,
    /// The op id had been applied before: this is the answer it got then.
    pub replayed: bool,
}

/// Where a device syncs: the server, its certificate's fingerprint (for https), and the
/// device's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncEndpoint {
    pub url: String,
    pub token: String,
    pub pin: Option<String>,
}

/// One record as the server holds it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteRecord {
    pub record: RegisterRecord,
    pub version: i64,
}

/// A page of the server's change log: the records written after a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePage {
    pub records: Vec<RemoteRecord>,
    /// Where the next pull starts.
    pub cursor: i64,
    pub more: bool,
}

impl Store {
    /// Makes this register a ward server's: from now on every write of a record is in
    /// the change log, and the records already here are logged once.
    pub fn enable_change_log(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let on: Option<String> =
            tx.query_row("SELECT value FROM meta WHERE key = 'change_log'", [], |r| r.get(0)).optional()?;
        if on.is_none() {
            tx.execute("INSERT INTO meta (key, value) VALUES ('change_log', 'on')", [])?;
            tx.execute("INSERT INTO change_log (ma_ban_ghi, version) SELECT ma_ban_ghi, version FROM persons ORDER BY id", [])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies a device's operations for `by` (the officer the device is bound to) in one
    /// transaction, each at most once.
    pub fn apply_ops(&mut self, ops: &[OutboxOp], device: &Device) -> Result<Vec<OpReceipt>, StoreError> {
        let (by, device_id) = (&device.officer, device.device_id.as_str());
        let kind = self.register_meta()?.map(|m| m.kind).ok_or(StoreError::NotInitialized)?;
        let may_edit = access::permits(by.role, Action::EditCitizen, kind);
        let tx = self.conn.transaction()?;
        let mut receipts = Vec::with_capacity(ops.len());
        let mut touched = Vec::new();
        for op in ops {
            let before: Option<String> = tx
                .prepare_cached("SELECT answer FROM applied_ops WHERE op_id = ?1")?
                .query_row([&op.op_id], |r| r.get(0))
                .optional()?;
            if let Some(json) = before {
                let answer = serde_json::from_str(&json).map_err(|e| StoreError::Key(e.to_string()))?;
                receipts.push(OpReceipt { op_id: op.op_id.clone(), answer, replayed: true });
                continue;
            }
            let answer = if may_edit {
                apply_one(&tx, op, device, &mut touched)?
            } else {
                OpAnswer::Rejected {
                    reason: format!("vai trò {} không được sửa hồ sơ", by.role.code())
                }
            };
            tx.prepare_cached(
                "INSERT INTO applied_ops (op_id, device_id, answer, applied_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                op.op_id,
                device_id,
                serde_json::to_string(&answer).expect("answers serialize"),
                audit::now()
            ])?;
            receipts.push(OpReceipt { op_id: op.op_id.clone(), answer, replayed: false });
        }
        tx.commit()?;
        self.search_persons_changed(touched);
        Ok(receipts)
    }

    /// Up to `limit` records written after `cursor`, each once, in the order of their
    /// latest write; for a device with a scope, only its residential groups.
    pub fn changes_since(
        &self,
        cursor: i64,
        limit: usize,
        device: &Device,
    ) -> Result<ChangePage, StoreError> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT {RECORD_SQL}, p.version, c.last FROM
                   (SELECT l.ma_ban_ghi, max(l.seq) AS last
                    FROM change_log AS l JOIN persons AS q USING (ma_ban_ghi)
                    WHERE l.seq > ?1 AND (?3 IS NULL
                          OR coalesce(q.to_dan_pho_norm, q.to_dan_pho) IN (SELECT value FROM json_each(?3)))
                    GROUP BY l.ma_ban_ghi ORDER BY last LIMIT ?2) AS c
                 JOIN persons AS p USING (ma_ban_ghi) ORDER BY c.last"
            )
        });
        let mut stmt = self.conn.prepare_cached(&SQL)?;
        let scope =
            device.scope.as_ref().map(|groups| serde_json::to_string(groups).expect("names serialize"));
        let rows = stmt.query_map(params![cursor, limit as i64 + 1, scope], |r| {
            Ok((RemoteRecord { record: record_from_row(r)?, version: r.get(31)? }, r.get::<_, i64>(32)?))
        })?;
        let mut records = Vec::new();
        let mut last = cursor;
        let mut more = false;
        for row in rows {
            let (rec, seq) = row?;
            if records.len() == limit {
                more = true;
                break;
            }
            last = seq;
            records.push(rec);
        }
        Ok(ChangePage { records, cursor: last, more })
    }

    /// The device's side of a push: each operation's answer, kept with it.
    pub fn record_receipts(&mut self, receipts: &[OpReceipt]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for r in receipts {
            let (state, result) = match &r.answer {
                OpAnswer::Applied { .. } => ("applied", None),
                OpAnswer::Conflict { .. } => {
                    ("conflict", Some(serde_json::to_string(&r.answer).expect("answers serialize")))
                }
                OpAnswer::Rejected { reason } => ("rejected", Some(reason.clone())),
            };
            tx.prepare_cached(
                "UPDATE outbox SET state = ?2, result = ?3 WHERE op_id = ?1 AND state = 'pending'",
            )?
            .execute(params![r.op_id, state, result])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The device's side of a pull: the server's records in place of the local ones
    /// (the old ones kept in history), and the cursor moved, in one transaction. A field
    /// with an edit still waiting keeps the officer's value; the push will carry it.
    pub fn apply_changes(&mut self, page: &ChangePage) -> Result<usize, StoreError> {
        let pending = self.pending_ops()?;
        let tx = self.conn.transaction()?;
        let mut touched = Vec::with_capacity(page.records.len());
        for remote in &page.records {
            let mut record = remote.record.clone();
            for op in pending.iter().filter(|op| op.ma_ban_ghi == remote.record.ma_ban_ghi) {
                set_field(&mut record, &op.field, op.new_value.clone())?;
            }
            touched.push(write_remote(&tx, &record, remote.version)?);
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('sync_cursor', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [page.cursor.to_string()],
        )?;
        tx.commit()?;
        self.search_persons_changed(touched);
        Ok(page.records.len())
    }

    /// Remembers the ward server, the fingerprint of its certificate and this device's
    /// token (inside the register, so an encrypted register keeps them encrypted too).
    pub fn set_sync_endpoint(&mut self, endpoint: &SyncEndpoint) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let pin = endpoint.pin.as_deref().unwrap_or("");
        for (key, value) in
            [("sync_server", endpoint.url.as_str()), ("sync_token", &endpoint.token), ("sync_pin", pin)]
        {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The ward server this device is enrolled with.
    pub fn sync_endpoint(&self) -> Result<Option<SyncEndpoint>, StoreError> {
        let get = |key: &str| -> Result<Option<String>, StoreError> {
            Ok(self
                .conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?)
        };
        let pin = get("sync_pin")?.filter(|p| !p.is_empty());
        Ok(get("sync_server")?.zip(get("sync_token")?).map(|(url, token)| SyncEndpoint { url, token, pin }))
    }

    /// Where this device's next pull starts.
    pub fn sync_cursor(&self) -> Result<i64, StoreError> {
        let v: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'sync_cursor'", [], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Where a record's own edits stand with the ward server: `conflict`, `rejected` or
    /// `pending` (the most pressing first), or `None` when it has nothing waiting.
    pub fn record_sync_state(&self, ma_ban_ghi: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT state FROM outbox WHERE ma_ban_ghi = ?1 AND state IN ('conflict', 'rejected', 'pending')
                 ORDER BY CASE state WHEN 'conflict' THEN 0 WHEN 'rejected' THEN 1 ELSE 2 END LIMIT 1",
                [ma_ban_ghi],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Operations the server refused for good, with its reason: set aside, never retried.
    pub fn rejected_ops(&self) -> Result<Vec<(OutboxOp, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, op_id, ma_ban_ghi, field, base_version, old_value, new_value, officer, created_at,
                    coalesce(result, '')
             FROM outbox WHERE state = 'rejected' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((super::edit::op_from_row(r)?, r.get(9)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Operations the server answered with a conflict, with both values.
    pub fn conflicts(&self) -> Result<Vec<(OutboxOp, OpAnswer)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, op_id, ma_ban_ghi, field, base_version, old_value, new_value, officer, created_at, result
             FROM outbox WHERE state = 'conflict' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            let op = super::edit::op_from_row(r)?;
            Ok((op, r.get::<_, String>(9)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (op, json) = row?;
            out.push((op, serde_json::from_str(&json).map_err(|e| StoreError::Key(e.to_string()))?));
        }
        Ok(out)
    }
}

fn apply_one(
    tx: &Transaction<'_>,
    op: &OutboxOp,
    device: &Device,
    touched: &mut Vec<i64>,
) -> Result<OpAnswer, StoreError> {
    let by = &device.officer;
    static SQL: LazyLock<String> =
        LazyLock::new(|| format!("SELECT {RECORD_SQL}, version, id FROM persons WHERE ma_ban_ghi = ?1"));
    let found: Option<(RegisterRecord, i64, i64)> = tx
        .prepare_cached(&SQL)?
        .query_row([&op.ma_ban_ghi], |r| Ok((record_from_row(r)?, r.get(31)?, r.get(32)?)))
        .optional()?;
    let Some((mut record, version, person)) = found else {
        return Ok(OpAnswer::Rejected { reason: format!("không có hồ sơ {}", op.ma_ban_ghi) });
    };
    if !device.covers(record.to_dan_pho.as_deref()) {
        let reason = format!("hồ sơ {} ngoài các tổ dân phố giao cho máy này", op.ma_ban_ghi);
        return Ok(OpAnswer::Rejected { reason });
    }
    let old = record.clone();
    let current = match set_field(&mut record, &op.field, op.new_value.clone()) {
        Ok(current) => current,
        Err(StoreError::InvalidEdit(reason)) => return Ok(OpAnswer::Rejected { reason }),
        Err(e) => return Err(e),
    };
    if current == op.new_value {
        return Ok(OpAnswer::Applied { version });
    }
    if current != op.old_value {
        return Ok(OpAnswer::Conflict { server_value: current, server_version: version });
    }
    let json = serde_json::to_string(&old).expect("records serialize");
    tx.prepare_cached(
        "INSERT INTO person_history (person_id, version, record, source) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![person, version, json, format!("sync:{}", by.login)])?;
    update_one(tx, person, &PersonRow::from_record(record))?;
    audit::append(tx, &by.login, Action::EditCitizen.code(), Some(&op.ma_ban_ghi), &op.field)?;
    touched.push(person);
    Ok(OpAnswer::Applied { version: version + 1 })
}

/// Writes the server's copy of a record at the server's version.
fn write_remote(tx: &Transaction<'_>, record: &RegisterRecord, version: i64) -> Result<i64, StoreError> {
    static SQL: LazyLock<String> =
        LazyLock::new(|| format!("SELECT {RECORD_SQL}, version, id FROM persons WHERE ma_ban_ghi = ?1"));
    let existing: Option<(RegisterRecord, i64, i64)> = tx
        .prepare_cached(&SQL)?
        .query_row([&record.ma_ban_ghi], |r| Ok((record_from_row(r)?, r.get(31)?, r.get(32)?)))
        .optional()?;
    let row = PersonRow::from_record(record.clone());
    let person = match existing {
        None => insert_one(tx, &row)?,
        Some((old, _, person)) if old == *record => person,
        Some((old, old_version, person)) => {
            let json = serde_json::to_string(&old).expect("records serialize");
            tx.prepare_cached(
                "INSERT INTO person_history (person_id, version, record, source) VALUES (?1, ?2, ?3, 'pull')",
            )?
            .execute(params![person, old_version, json])?;
            update_one(tx, person, &row)?;
            person
        }
    };
    tx.prepare_cached("UPDATE persons SET version = ?2 WHERE id = ?1")?.execute(params![person, version])?;
    Ok(person)
}
