//! The ward server's devices: each bound to one officer, enrolled once with a code the
//! ward admin hands over, then known by a bearer token until revoked.
//!
//! Only SHA-256 hashes of codes and tokens are stored. A revoked device is refused at
//! its next contact, and told so, which is when it wipes its local copy.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{RegisterKind, Store, StoreError, audit, keyring};
use crate::access::{self, Action, Officer, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub device_id: String,
    pub name: String,
    pub officer: Officer,
    pub enrolled: bool,
    pub revoked: bool,
    /// The residential groups (tổ dân phố, normalized) it holds; `None`: the whole ward.
    pub scope: Option<Vec<String>>,
}

impl Device {
    /// Whether a record of residential group `group` is this device's to hold and edit.
    pub fn covers(&self, group: Option<&str>) -> bool {
        match &self.scope {
            None => true,
            Some(groups) => group.is_some_and(|g| groups.iter().any(|s| *s == crate::text::normalize(g))),
        }
    }
}

/// Enrollment codes are typed by hand: letters and digits that cannot be confused.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";
const CODE_LEN: usize = 10;

fn hash(secret: &str) -> String {
    keyring::to_hex(&Sha256::digest(secret.trim().to_ascii_uppercase().as_bytes()))
}

fn token_hash(token: &str) -> String {
    keyring::to_hex(&Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Registers a device for `officer`, holding the residential groups of `scope` (all
    /// when `None`), and returns its id and one-time enrollment code.
    pub fn add_device(
        &mut self,
        name: &str,
        officer: &Officer,
        scope: Option<&[String]>,
    ) -> Result<(String, String), StoreError> {
        self.require(Action::EnrollDevice)?;
        if !access::valid_login(&officer.login) || name.trim().is_empty() {
            return Err(StoreError::InvalidAccount(
                "cần tên thiết bị và tên đăng nhập hợp lệ của cán bộ".into(),
            ));
        }
        // A device pulls the register; a trainer's work is the demo ward, which never syncs.
        if !access::permits(officer.role, Action::ViewCitizen, RegisterKind::Real) {
            return Err(StoreError::InvalidAccount(format!(
                "vai trò {} không có thiết bị đồng bộ",
                officer.role.code()
            )));
        }
        let device_id = keyring::to_hex(&keyring::random::<8>()?);
        let bytes = keyring::random::<CODE_LEN>()?;
        let code: String =
            bytes.iter().map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect();
        let me = self.officer().login;
        let scope = match scope {
            Some(typed) => Some(serde_json::to_string(&self.groups_named(typed)?).expect("names serialize")),
            None => None,
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO devices (device_id, name, officer, full_name, role, enroll_code_hash, created_at, scope)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                device_id,
                name.trim(),
                officer.login,
                officer.full_name,
                officer.role.code(),
                hash(&code),
                audit::now(),
                scope
            ],
        )?;
        audit::append(
            &tx,
            &me,
            Action::EnrollDevice.code(),
            None,
            &format!("add {device_id} for {}", officer.login),
        )?;
        tx.commit()?;
        Ok((device_id, code))
    }

    /// The register's own names of the residential groups an admin typed (with or without
    /// marks, any case); a name no group has is refused rather than matching nobody.
    fn groups_named(&self, typed: &[String]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT coalesce(to_dan_pho_norm, to_dan_pho) FROM persons WHERE to_dan_pho IS NOT NULL",
        )?;
        let known: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        typed
            .iter()
            .map(|t| {
                let key = crate::text::fold(t);
                known.iter().find(|k| crate::text::fold(k) == key).cloned().ok_or_else(|| {
                    StoreError::InvalidAccount(format!("sổ không có tổ dân phố \"{}\"", t.trim()))
                })
            })
            .collect()
    }

    /// Trades a one-time code for the device's token (shown once, never stored).
    pub fn enroll_device(&mut self, code: &str) -> Result<(Device, String), StoreError> {
        let token = keyring::to_hex(&keyring::random::<32>()?);
        let tx = self.conn.transaction()?;
        let device_id: Option<String> = tx
            .query_row(
                "SELECT device_id FROM devices WHERE enroll_code_hash = ?1 AND revoked_at IS NULL",
                [hash(code)],
                |r| r.get(0),
            )
            .optional()?;
        let Some(device_id) = device_id else { return Err(StoreError::DeviceUnknown) };
        tx.execute(
            "UPDATE devices SET enroll_code_hash = NULL, token_hash = ?2, enrolled_at = ?3 WHERE device_id = ?1",
            params![device_id, token_hash(&token), audit::now()],
        )?;
        tx.commit()?;
        let device = self.device_where("device_id = ?1", &device_id)?.ok_or(StoreError::DeviceUnknown)?;
        Ok((device, token))
    }

    /// The enrolled device a bearer token names; a revoked one is refused as such.
    pub fn device_by_token(&self, token: &str) -> Result<Device, StoreError> {
        match self.device_where("token_hash = ?1", &token_hash(token))? {
            Some(d) if d.revoked => Err(StoreError::DeviceRevoked),
            Some(d) => Ok(d),
            None => Err(StoreError::DeviceUnknown),
        }
    }

    pub fn revoke_device(&mut self, device_id: &str) -> Result<(), StoreError> {
        self.require(Action::EnrollDevice)?;
        let me = self.officer().login;
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE devices SET revoked_at = ?2, enroll_code_hash = NULL WHERE device_id = ?1 AND revoked_at IS NULL",
            params![device_id, audit::now()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(device_id.to_string()));
        }
        audit::append(&tx, &me, Action::EnrollDevice.code(), None, &format!("revoke {device_id}"))?;
        tx.commit()?;
        Ok(())
    }

    pub fn devices(&self) -> Result<Vec<Device>, StoreError> {
        self.require(Action::EnrollDevice)?;
        let mut stmt = self.conn.prepare(&format!("{DEVICE_SQL} ORDER BY created_at"))?;
        let rows = stmt.query_map([], device_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn device_where(&self, filter: &str, value: &str) -> Result<Option<Device>, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("{DEVICE_SQL} WHERE {filter}"), [value], device_from_row)
            .optional()?)
    }
}

const DEVICE_SQL: &str = "SELECT device_id, name, officer, full_name, role, enrolled_at IS NOT NULL, revoked_at IS NOT NULL, scope FROM devices";

fn device_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Device> {
    let role: String = r.get(4)?;
    Ok(Device {
        device_id: r.get(0)?,
        name: r.get(1)?,
        officer: Officer {
            login: r.get(2)?,
            full_name: r.get(3)?,
            role: Role::from_code(&role).unwrap_or(Role::DeskOfficer),
        },
        enrolled: r.get(5)?,
        revoked: r.get(6)?,
        scope: r.get::<_, Option<String>>(7)?.and_then(|json| serde_json::from_str(&json).ok()),
    })
}
