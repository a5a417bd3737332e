//! Photos of a citizen's papers attached to an application: straightened, shrunk and
//! checked by [`crate::photo::prepare`] before they are kept, so what syncs is small
//! and a dark or blurred photo is retaken while the citizen is still there.

use rusqlite::params;
use serde::Serialize;

use super::applications::{DocState, PaperPhoto, event};
use super::attachments::sha256_hex;
use super::{AttachmentInfo, Store, StoreError, audit};
use crate::access::Action;
use crate::photo::{self, PhotoWarning};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachedPhoto {
    pub sha256: String,
    pub document: String,
    pub width: u32,
    pub height: u32,
    pub size: usize,
    pub warnings: Vec<PhotoWarning>,
}

impl Store {
    /// Attaches the picture at `path` (one the officer chose from the scan folder) as
    /// [`Store::attach_photo`] does; a file that cannot be read is refused in Vietnamese.
    pub fn attach_scan(
        &mut self,
        id: &str,
        document: &str,
        path: &std::path::Path,
    ) -> Result<AttachedPhoto, StoreError> {
        self.require(Action::EditCitizen)?;
        let bytes = crate::scans::read_scan(path).map_err(|e| StoreError::Application(e.to_string()))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("anh-quet.jpg");
        self.attach_photo(id, document, name, &bytes)
    }

    /// Attaches a photo (JPEG or PNG, from a file or a scanner folder) of the paper
    /// `document` of application `id`, and marks that paper present.
    pub fn attach_photo(
        &mut self,
        id: &str,
        document: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<AttachedPhoto, StoreError> {
        self.require(Action::EditCitizen)?;
        let a = self.application(id)?;
        let p = self.procedure_of(&a)?;
        if !p.documents.iter().any(|d| d.key == document) {
            return Err(StoreError::Application(format!("thủ tục không có giấy tờ \"{document}\"")));
        }
        let prepared = photo::prepare(bytes).map_err(|e| StoreError::Application(e.to_string()))?;
        let sha = sha256_hex(&prepared.jpeg);
        let stem = std::path::Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("anh");
        let name = format!("{stem}.jpg");
        let warnings = serde_json::to_string(&prepared.warnings).expect("warnings serialize");
        let officer = self.officer().login;
        let mut documents = a.documents.clone();
        documents.insert(document.to_string(), DocState::Present);
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO attachments (sha256, ma_ban_ghi, file_name, mime, size, data, officer, created_at,
                                      application_id, document, warnings, thumbnail)
             VALUES (?1, ?2, ?3, 'image/jpeg', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (sha256) DO NOTHING",
            params![
                sha,
                a.ma_ban_ghi.clone().unwrap_or_else(|| id.to_string()),
                name,
                prepared.jpeg.len() as i64,
                prepared.jpeg,
                officer,
                audit::now(),
                id,
                document,
                warnings,
                prepared.thumbnail
            ],
        )?;
        tx.execute(
            "UPDATE applications SET documents = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, serde_json::to_string(&documents).expect("a map serializes"), audit::now()],
        )?;
        event(&tx, id, "photo", &serde_json::json!({ "document": document, "sha256": sha }), &officer)?;
        audit::append(&tx, &officer, "attach", a.ma_ban_ghi.as_deref(), &format!("{id} {}", &sha[..12]))?;
        tx.commit()?;
        Ok(AttachedPhoto {
            sha256: sha,
            document: document.to_string(),
            width: prepared.width,
            height: prepared.height,
            size: prepared.jpeg.len(),
            warnings: prepared.warnings,
        })
    }

    pub(super) fn attachments_of_application(&self, id: &str) -> Result<Vec<AttachmentInfo>, StoreError> {
        self.attachment_infos("WHERE application_id = ?1", id)
    }

    pub(super) fn photos_of_application(&self, id: &str) -> Result<Vec<PaperPhoto>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sha256, document, file_name, size, warnings FROM attachments WHERE application_id = ?1
             ORDER BY created_at, sha256",
        )?;
        let rows = stmt.query_map([id], |r| {
            let warnings: Option<String> = r.get(4)?;
            Ok(PaperPhoto {
                sha256: r.get(0)?,
                document: r.get(1)?,
                file_name: r.get(2)?,
                size: r.get(3)?,
                // Written by `attach_photo` from the same type; nothing else writes it.
                warnings: warnings.and_then(|w| serde_json::from_str(&w).ok()).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The small JPEG shown in lists.
    pub fn attachment_thumbnail(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        self.require(Action::ViewCitizen)?;
        let thumb: Option<Option<Vec<u8>>> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT thumbnail FROM attachments WHERE sha256 = ?1",
            [sha256],
            |r| r.get(0),
        ))?;
        match thumb {
            Some(Some(t)) => Ok(t),
            Some(None) => self.attachment_data(sha256),
            None => Err(StoreError::NotFound(sha256.to_string())),
        }
    }
}
