//! The audit log: who searched, viewed, changed, exported or printed what, and when.
//!
//! Each entry names the officer's login, the action and at most a record id (never a
//! name, number or query text), and carries the SHA-256 of its own fields and the
//! previous entry's hash. Changing, removing or reordering an entry breaks the chain
//! from there on, and [`Store::verify_audit`] says where. Triggers refuse updates and
//! deletes from the code; the chain is what catches someone who bypassed them. A chain
//! whose newest entries were cut off still verifies: the ward server's copy (synced)
//! is what shows that.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Store, StoreError};
use crate::access::Action;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub officer: String,
    pub action: String,
    pub record: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditCheck {
    pub entries: u64,
    /// The first entry that does not follow from the ones before it.
    pub broken_at: Option<AuditBreak>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditBreak {
    pub seq: i64,
    pub reason: BreakReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakReason {
    /// The entry's fields do not hash to its stored hash: it was edited.
    Altered,
    /// It does not point at the entry before it: one was removed or inserted.
    Unlinked,
    /// Its number does not follow the one before.
    Gap,
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn entry_hash(e: &AuditEntry) -> String {
    hash(e.seq, &e.at, &e.officer, &e.action, e.record.as_deref(), &e.detail, &e.prev_hash)
}

fn hash(
    seq: i64,
    at: &str,
    officer: &str,
    action: &str,
    record: Option<&str>,
    detail: &str,
    prev: &str,
) -> String {
    // A JSON array: unambiguous field boundaries whatever the text holds.
    let canonical = serde_json::json!([seq, at, officer, action, record, detail, prev]).to_string();
    super::keyring::to_hex(&Sha256::digest(canonical.as_bytes()))
}

/// Appends an entry on `conn`, which must be inside a transaction that already writes
/// (so no other connection can append between the read of the head and the insert).
pub(crate) fn append(
    conn: &Connection,
    officer: &str,
    action: &str,
    record: Option<&str>,
    detail: &str,
) -> Result<(), StoreError> {
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (seq, prev) = match head {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = now();
    let h = hash(seq, &at, officer, action, record, detail, &prev);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, officer, action, record, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![seq, at, officer, action, record, detail, prev, h])?;
    Ok(())
}

impl Store {
    /// Records what the officer just did, in its own transaction (for reads: searches,
    /// views, exports). Writes record theirs inside the write's transaction.
    pub(crate) fn audit(&self, action: &str, record: Option<&str>, detail: &str) -> Result<(), StoreError> {
        let officer = self.officer().login;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        append(&tx, &officer, action, record, detail)?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn audit_action(
        &self,
        action: Action,
        record: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.audit(action.code(), record, detail)
    }

    /// Entries after `after_seq`, oldest first, at most `limit`.
    pub fn audit_entries(&self, after_seq: i64, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        self.require(Action::ViewAudit)?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, officer, action, record, detail, prev_hash, hash
             FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after_seq, limit as i64], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// This device's entries not yet uploaded to the ward server, oldest first. Not a
    /// view for an officer (no role check): the upload is how the log leaves the device.
    pub fn audit_to_upload(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let after: i64 = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'audit_uploaded'", [], |r| r.get::<_, String>(0))
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, officer, action, record, detail, prev_hash, hash
             FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The server holds this device's entries up to `seq`.
    pub fn audit_uploaded(&mut self, seq: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_uploaded', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [seq.to_string()],
        )?;
        Ok(())
    }

    /// The server's side: appends a device's uploaded entries after checking that each
    /// follows the one before (the device's last stored entry, or the start of its log).
    /// Entries it already holds are skipped if identical; any break refuses the whole
    /// upload. Returns the last sequence number held.
    pub fn store_device_audit(&mut self, device_id: &str, entries: &[AuditEntry]) -> Result<i64, StoreError> {
        let tx = self.conn.transaction()?;
        let mut last: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, hash FROM device_audit WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1",
                [device_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        for e in entries {
            let broken = |reason: BreakReason| StoreError::AuditBroken { seq: e.seq, reason };
            if entry_hash(e) != e.hash {
                return Err(broken(BreakReason::Altered));
            }
            let (held_seq, held_hash) = last.clone().unwrap_or((0, GENESIS.to_string()));
            if e.seq <= held_seq {
                let held: Option<String> = tx
                    .query_row(
                        "SELECT hash FROM device_audit WHERE device_id = ?1 AND seq = ?2",
                        params![device_id, e.seq],
                        |r| r.get(0),
                    )
                    .optional()?;
                match held {
                    Some(h) if h == e.hash => continue,
                    _ => return Err(broken(BreakReason::Altered)),
                }
            }
            if e.seq != held_seq + 1 {
                return Err(broken(BreakReason::Gap));
            }
            if e.prev_hash != held_hash {
                return Err(broken(BreakReason::Unlinked));
            }
            tx.prepare_cached(
                "INSERT INTO device_audit (device_id, seq, at, officer, action, record, detail, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![device_id, e.seq, e.at, e.officer, e.action, e.record, e.detail, e.prev_hash, e.hash])?;
            last = Some((e.seq, e.hash.clone()));
        }
        tx.commit()?;
        Ok(last.map_or(0, |(seq, _)| seq))
    }

    /// Walks the whole chain and reports the first entry that breaks it.
    pub fn verify_audit(&self) -> Result<AuditCheck, StoreError> {
        self.require(Action::ViewAudit)?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, officer, action, record, detail, prev_hash, hash FROM audit_log ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let (mut entries, mut expected_seq, mut prev) = (0u64, 1i64, GENESIS.to_string());
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let (at, officer, action): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let (record, detail): (Option<String>, String) = (r.get(4)?, r.get(5)?);
            let (stored_prev, stored): (String, String) = (r.get(6)?, r.get(7)?);
            let reason = if seq != expected_seq {
                Some(BreakReason::Gap)
            } else if stored_prev != prev {
                Some(BreakReason::Unlinked)
            } else if hash(seq, &at, &officer, &action, record.as_deref(), &detail, &stored_prev) != stored {
                Some(BreakReason::Altered)
            } else {
                None
            };
            if let Some(reason) = reason {
                return Ok(AuditCheck { entries, broken_at: Some(AuditBreak { seq, reason }) });
            }
            entries += 1;
            expected_seq = seq + 1;
            prev = stored;
        }
        Ok(AuditCheck { entries, broken_at: None })
    }
}

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        officer: r.get(2)?,
        action: r.get(3)?,
        record: r.get(4)?,
        detail: r.get(5)?,
        prev_hash: r.get(6)?,
        hash: r.get(7)?,
    })
}
