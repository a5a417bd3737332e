//! Photos of documents attached to a record, and their resumable upload to the ward
//! server.
//!
//! An attachment lives in the register (so an encrypted register keeps it encrypted)
//! and is named by the SHA-256 of its bytes: the same photo twice is one attachment,
//! and the server can tell a complete, intact upload from a cut or altered one. The
//! server assembles an upload chunk by chunk at the offset it reports, so a device that
//! lost its connection resumes where the server left off.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Device, Store, StoreError, audit, keyring};
use crate::access::Action;

/// The most an attachment may weigh: photos are compressed to well under this.
pub const MAX_ATTACHMENT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub sha256: String,
    pub ma_ban_ghi: String,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
}

/// Where an upload stands on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UploadState {
    /// This many bytes have arrived; send the rest from there.
    Receiving { received: i64 },
    /// Complete and intact.
    Stored,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    keyring::to_hex(&Sha256::digest(bytes))
}

impl Store {
    /// Attaches `data` to record `ma_ban_ghi`; returns its name (SHA-256).
    pub fn add_attachment(
        &mut self,
        ma_ban_ghi: &str,
        file_name: &str,
        mime: &str,
        data: &[u8],
    ) -> Result<String, StoreError> {
        self.require(Action::EditCitizen)?;
        if data.is_empty() || data.len() > MAX_ATTACHMENT_BYTES {
            return Err(StoreError::InvalidEdit(format!(
                "tệp đính kèm phải từ 1 byte đến {} MB",
                MAX_ATTACHMENT_BYTES >> 20
            )));
        }
        let officer = self.officer().login;
        let sha = sha256_hex(data);
        let tx = self.conn.transaction()?;
        let known: Option<i64> = tx
            .query_row("SELECT id FROM persons WHERE ma_ban_ghi = ?1", [ma_ban_ghi], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            return Err(StoreError::NotFound(ma_ban_ghi.to_string()));
        }
        tx.execute(
            "INSERT INTO attachments (sha256, ma_ban_ghi, file_name, mime, size, data, officer, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (sha256) DO NOTHING",
            params![sha, ma_ban_ghi, file_name, mime, data.len() as i64, data, officer, audit::now()],
        )?;
        audit::append(&tx, &officer, "attach", Some(ma_ban_ghi), &sha[..12])?;
        tx.commit()?;
        Ok(sha)
    }

    pub fn attachments_of(&self, ma_ban_ghi: &str) -> Result<Vec<AttachmentInfo>, StoreError> {
        self.require(Action::ViewCitizen)?;
        self.attachment_infos("WHERE ma_ban_ghi = ?1", ma_ban_ghi)
    }

    /// The attachment's bytes, checked against its name.
    pub fn attachment_data(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let data: Vec<u8> = self
            .conn
            .query_row("SELECT data FROM attachments WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(sha256.to_string()))?;
        if sha256_hex(&data) != sha256 {
            return Err(StoreError::Key(format!("attachment {sha256} is damaged")));
        }
        Ok(data)
    }

    /// Attachments the ward server does not hold yet (a device's side).
    pub fn attachments_to_upload(&self) -> Result<Vec<AttachmentInfo>, StoreError> {
        self.attachment_infos("WHERE uploaded = 0 AND ?1 = ?1", "")
    }

    pub fn attachment_uploaded(&mut self, sha256: &str) -> Result<(), StoreError> {
        self.conn.execute("UPDATE attachments SET uploaded = 1 WHERE sha256 = ?1", [sha256])?;
        Ok(())
    }

    /// The server's side: where the upload of `info` stands (starting it if new).
    pub fn upload_state(
        &mut self,
        info: &AttachmentInfo,
        device: &Device,
    ) -> Result<UploadState, StoreError> {
        if self.has_attachment(&info.sha256)? {
            return Ok(UploadState::Stored);
        }
        if info.size <= 0 || info.size as usize > MAX_ATTACHMENT_BYTES {
            return Err(StoreError::InvalidEdit("attachment size out of range".into()));
        }
        self.conn.execute(
            "INSERT INTO uploads (sha256, device_id, ma_ban_ghi, file_name, mime, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (sha256) DO NOTHING",
            params![info.sha256, device.device_id, info.ma_ban_ghi, info.file_name, info.mime, info.size],
        )?;
        let received: i64 =
            self.conn
                .query_row("SELECT received FROM uploads WHERE sha256 = ?1", [&info.sha256], |r| r.get(0))?;
        Ok(UploadState::Receiving { received })
    }

    /// The server's side: appends `chunk` at `offset` of upload `sha256`. A chunk at
    /// another offset than what has arrived changes nothing (the answer says where to
    /// go on). Complete, the bytes must hash to the name, or the upload starts over.
    pub fn upload_chunk(
        &mut self,
        sha256: &str,
        offset: i64,
        chunk: &[u8],
        device: &Device,
    ) -> Result<UploadState, StoreError> {
        if self.has_attachment(sha256)? {
            return Ok(UploadState::Stored);
        }
        let tx = self.conn.transaction()?;
        let row: Option<(i64, i64, String, String, String, String)> = tx
            .query_row(
                "SELECT received, size, device_id, ma_ban_ghi, file_name, mime FROM uploads WHERE sha256 = ?1",
                [sha256],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let Some((received, size, owner, ma_ban_ghi, file_name, mime)) = row else {
            return Err(StoreError::NotFound(sha256.to_string()));
        };
        if owner != device.device_id {
            return Err(StoreError::NotFound(sha256.to_string()));
        }
        if offset != received || received + chunk.len() as i64 > size {
            return Ok(UploadState::Receiving { received });
        }
        tx.execute(
            "INSERT INTO upload_chunks (sha256, offset, bytes) VALUES (?1, ?2, ?3)",
            params![sha256, offset, chunk],
        )?;
        let received = received + chunk.len() as i64;
        tx.execute("UPDATE uploads SET received = ?2 WHERE sha256 = ?1", params![sha256, received])?;
        if received < size {
            tx.commit()?;
            return Ok(UploadState::Receiving { received });
        }
        let mut data = Vec::with_capacity(size as usize);
        {
            let mut stmt = tx.prepare("SELECT bytes FROM upload_chunks WHERE sha256 = ?1 ORDER BY offset")?;
            let mut rows = stmt.query([sha256])?;
            while let Some(r) = rows.next()? {
                let bytes: Vec<u8> = r.get(0)?;
                data.extend_from_slice(&bytes);
            }
        }
        if sha256_hex(&data) != sha256 {
            tx.execute("DELETE FROM upload_chunks WHERE sha256 = ?1", [sha256])?;
            tx.execute("UPDATE uploads SET received = 0 WHERE sha256 = ?1", [sha256])?;
            tx.commit()?;
            return Ok(UploadState::Receiving { received: 0 });
        }
        tx.execute(
            "INSERT INTO attachments (sha256, ma_ban_ghi, file_name, mime, size, data, officer, created_at, uploaded)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
            params![sha256, ma_ban_ghi, file_name, mime, size, data, device.officer.login, audit::now()],
        )?;
        tx.execute("DELETE FROM upload_chunks WHERE sha256 = ?1", [sha256])?;
        tx.execute("DELETE FROM uploads WHERE sha256 = ?1", [sha256])?;
        audit::append(&tx, &device.officer.login, "attach", Some(&ma_ban_ghi), &sha256[..12])?;
        tx.commit()?;
        Ok(UploadState::Stored)
    }

    fn has_attachment(&self, sha256: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM attachments WHERE sha256 = ?1", [sha256], |_| Ok(()))
            .optional()?
            .is_some())
    }

    pub(super) fn attachment_infos(
        &self,
        filter: &str,
        value: &str,
    ) -> Result<Vec<AttachmentInfo>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT sha256, ma_ban_ghi, file_name, mime, size FROM attachments {filter} ORDER BY created_at, sha256"
        ))?;
        let rows = stmt.query_map([value], |r| {
            Ok(AttachmentInfo {
                sha256: r.get(0)?,
                ma_ban_ghi: r.get(1)?,
                file_name: r.get(2)?,
                mime: r.get(3)?,
                size: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
