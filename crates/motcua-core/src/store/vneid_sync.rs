//! VNeID accounts between a device and the ward server: the device sends each account
//! it moved (the whole row, as of its last move); the server keeps the newer version of
//! each. The server's figures then count every device's registrations and activations.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::devices::Device;
use super::{Store, StoreError, audit};
use crate::access::{self, Action};
use crate::procedures::vneid::{self, VneidState};

/// One citizen's account as its device last recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VneidUpload {
    pub ma_ban_ghi: String,
    pub state: String,
    pub registered_on: Option<String>,
    pub approved_on: Option<String>,
    pub activated_on: Option<String>,
    pub failure: Option<String>,
    pub note: Option<String>,
    pub officer: String,
    pub to_dan_pho: Option<String>,
    /// RFC 3339, UTC: the version; the newer one wins on the server.
    pub updated_at: String,
}

impl VneidUpload {
    /// Whether the row is one a register can hold: a known state, a known failure, days
    /// as `YYYY-MM-DD`.
    pub fn is_well_formed(&self) -> bool {
        let day = |d: &Option<String>| d.as_deref().is_none_or(|d| d.parse::<chrono::NaiveDate>().is_ok());
        let short = [&self.ma_ban_ghi, &self.officer, &self.updated_at]
            .iter()
            .all(|v| !v.is_empty() && v.len() <= 64);
        short
            && VneidState::from_code(&self.state).is_some()
            && self.failure.as_deref().is_none_or(|f| vneid::failure(f).is_some())
            && day(&self.registered_on)
            && day(&self.approved_on)
            && day(&self.activated_on)
            && self.note.as_ref().is_none_or(|n| n.len() <= 4_096)
            && self.to_dan_pho.as_ref().is_none_or(|g| g.len() <= 256)
    }
}

const COLUMNS: &str =
    "ma_ban_ghi, state, registered_on, approved_on, activated_on, failure, note, officer, to_dan_pho,
    updated_at";

impl Store {
    /// Up to `limit` accounts moved since the server last held them (a device's side).
    pub fn vneid_to_upload(&self, limit: usize) -> Result<Vec<VneidUpload>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM vneid WHERE uploaded = 0 ORDER BY updated_at, ma_ban_ghi LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(VneidUpload {
                ma_ban_ghi: r.get(0)?,
                state: r.get(1)?,
                registered_on: r.get(2)?,
                approved_on: r.get(3)?,
                activated_on: r.get(4)?,
                failure: r.get(5)?,
                note: r.get(6)?,
                officer: r.get(7)?,
                to_dan_pho: r.get(8)?,
                updated_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The server holds these versions; an account moved again meanwhile stays to send.
    pub fn vneid_uploaded(&mut self, held: &[VneidUpload]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for v in held {
            tx.execute(
                "UPDATE vneid SET uploaded = 1 WHERE ma_ban_ghi = ?1 AND updated_at = ?2",
                params![v.ma_ban_ghi, v.updated_at],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The server's side: keeps each account's newer version, in one transaction; returns
    /// how many it keeps. An account of a citizen the register does not hold is passed
    /// over (and counted in the audit entry): sending it again would not change that.
    pub fn store_device_vneid(
        &mut self,
        device: &Device,
        accounts: &[VneidUpload],
    ) -> Result<usize, StoreError> {
        let kind = self.register_meta()?.map(|m| m.kind).ok_or(StoreError::NotInitialized)?;
        if !access::permits(device.officer.role, Action::EditCitizen, kind) {
            return Err(StoreError::Forbidden { role: device.officer.role, action: Action::EditCitizen });
        }
        if let Some(bad) = accounts.iter().find(|v| !v.is_well_formed()) {
            return Err(StoreError::InvalidEdit(format!("malformed VNeID account {}", bad.ma_ban_ghi)));
        }
        let tx = self.conn.transaction()?;
        let mut kept = 0;
        for v in accounts {
            let known: Option<i64> = tx
                .query_row("SELECT 1 FROM persons WHERE ma_ban_ghi = ?1", [&v.ma_ban_ghi], |r| r.get(0))
                .optional()?;
            if known.is_none() {
                continue;
            }
            kept += 1;
            tx.execute(
                &format!(
                    "INSERT INTO vneid ({COLUMNS}, uploaded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
                     ON CONFLICT (ma_ban_ghi) DO UPDATE SET
                         state = excluded.state, registered_on = excluded.registered_on,
                         approved_on = excluded.approved_on, activated_on = excluded.activated_on,
                         failure = excluded.failure, note = excluded.note, officer = excluded.officer,
                         to_dan_pho = excluded.to_dan_pho, updated_at = excluded.updated_at, uploaded = 1
                     WHERE excluded.updated_at > vneid.updated_at"
                ),
                params![
                    v.ma_ban_ghi,
                    v.state,
                    v.registered_on,
                    v.approved_on,
                    v.activated_on,
                    v.failure,
                    v.note,
                    v.officer,
                    v.to_dan_pho,
                    v.updated_at
                ],
            )?;
        }
        audit::append(
            &tx,
            &device.officer.login,
            "vneid_received",
            None,
            &format!("{} {} {kept}", device.device_id, accounts.len()),
        )?;
        tx.commit()?;
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(state: &str) -> VneidUpload {
        VneidUpload {
            ma_ban_ghi: "R1".into(),
            state: state.into(),
            registered_on: Some("2026-11-02".into()),
            approved_on: None,
            activated_on: None,
            failure: None,
            note: None,
            officer: "cb.lan".into(),
            to_dan_pho: Some("Tổ dân phố số 1".into()),
            updated_at: "2026-11-02T03:00:00.000Z".into(),
        }
    }

    #[test]
    fn only_a_row_a_register_can_hold_is_well_formed() {
        assert!(account("cho_duyet").is_well_formed());
        assert!(!account("da_xong").is_well_formed(), "an unknown state");
        assert!(
            !VneidUpload { registered_on: Some("02/11/2026".into()), ..account("cho_duyet") }
                .is_well_formed()
        );
        assert!(!VneidUpload { failure: Some("no_such".into()), ..account("loi") }.is_well_formed());
        assert!(!VneidUpload { ma_ban_ghi: String::new(), ..account("cho_duyet") }.is_well_formed());
    }
}
