//! Applications travel to the ward server so the ward's figures count every device's
//! work. A device sends each application with changes the server lacks: its whole row as
//! it stands (only the device that started an application changes it, so the newest row
//! wins) and the events not sent yet, which the server keeps once each by their ids.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Device, Store, StoreError, audit};
use crate::access::{self, Action};

/// One application as it travels: the stored row, its papers' photos and new events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationUpload {
    pub id: String,
    pub procedure: String,
    pub catalog_version: String,
    pub ma_ban_ghi: Option<String>,
    pub applicant: String,
    pub to_dan_pho: Option<String>,
    pub channel: String,
    pub state: String,
    pub form: String,
    pub answers: String,
    pub documents: String,
    pub steps_done: u32,
    pub portal_number: Option<String>,
    pub received_at: Option<String>,
    pub due_on: Option<String>,
    pub closed_at: Option<String>,
    pub refusal_reason: Option<String>,
    pub delay_reason: Option<String>,
    pub officer: String,
    pub created_at: String,
    pub updated_at: String,
    /// (SHA-256, paper) of the photos attached: uploaded before the application.
    pub photos: Vec<(String, Option<String>)>,
    pub events: Vec<ApplicationEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEvent {
    pub event_id: String,
    pub kind: String,
    pub detail: String,
    pub officer: String,
    pub at: String,
}

const ROW: &str = "id, procedure, catalog_version, ma_ban_ghi, applicant, to_dan_pho, channel, state, form, answers,
    documents, steps_done, portal_number, received_at, due_on, closed_at, refusal_reason, delay_reason, officer,
    created_at, updated_at";

impl Store {
    /// Up to `limit` applications with events the ward server does not hold (a device's side).
    pub fn applications_to_upload(&self, limit: usize) -> Result<Vec<ApplicationUpload>, StoreError> {
        let mut ids = self.conn.prepare(
            "SELECT application_id FROM application_events WHERE uploaded = 0
             GROUP BY application_id ORDER BY min(seq) LIMIT ?1",
        )?;
        let ids: Vec<String> = ids.query_map([limit as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut a = self.conn.query_row(
                &format!("SELECT {ROW} FROM applications WHERE id = ?1"),
                [&id],
                |r| {
                    Ok(ApplicationUpload {
                        id: r.get(0)?,
                        procedure: r.get(1)?,
                        catalog_version: r.get(2)?,
                        ma_ban_ghi: r.get(3)?,
                        applicant: r.get(4)?,
                        to_dan_pho: r.get(5)?,
                        channel: r.get(6)?,
                        state: r.get(7)?,
                        form: r.get(8)?,
                        answers: r.get(9)?,
                        documents: r.get(10)?,
                        steps_done: r.get(11)?,
                        portal_number: r.get(12)?,
                        received_at: r.get(13)?,
                        due_on: r.get(14)?,
                        closed_at: r.get(15)?,
                        refusal_reason: r.get(16)?,
                        delay_reason: r.get(17)?,
                        officer: r.get(18)?,
                        created_at: r.get(19)?,
                        updated_at: r.get(20)?,
                        photos: Vec::new(),
                        events: Vec::new(),
                    })
                },
            )?;
            let mut photos = self.conn.prepare_cached(
                "SELECT sha256, document FROM attachments WHERE application_id = ?1 ORDER BY created_at, sha256",
            )?;
            a.photos = photos.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            let mut events = self.conn.prepare_cached(
                "SELECT event_id, kind, detail, officer, at FROM application_events
                 WHERE application_id = ?1 AND uploaded = 0 ORDER BY seq",
            )?;
            a.events = events
                .query_map([&id], |r| {
                    Ok(ApplicationEvent {
                        event_id: r.get(0)?,
                        kind: r.get(1)?,
                        detail: r.get(2)?,
                        officer: r.get(3)?,
                        at: r.get(4)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            out.push(a);
        }
        Ok(out)
    }

    /// The server holds these events.
    pub fn application_events_uploaded(&mut self, event_ids: &[String]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for id in event_ids {
            tx.execute("UPDATE application_events SET uploaded = 1 WHERE event_id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The server's side: keeps a device's applications (the newer row wins; events once
    /// each) in one transaction. Returns the ids of the events it now holds.
    pub fn store_device_applications(
        &mut self,
        device: &Device,
        uploads: &[ApplicationUpload],
    ) -> Result<Vec<String>, StoreError> {
        let kind = self.register_meta()?.map(|m| m.kind).ok_or(StoreError::NotInitialized)?;
        if !access::permits(device.officer.role, Action::EditCitizen, kind) {
            return Err(StoreError::Forbidden { role: device.officer.role, action: Action::EditCitizen });
        }
        let tx = self.conn.transaction()?;
        let held = keep(&tx, uploads)?;
        let login = device.officer.login.clone();
        audit::append(
            &tx,
            &login,
            "applications_received",
            None,
            &format!("{} {}", device.device_id, uploads.len()),
        )?;
        tx.commit()?;
        Ok(held)
    }

    /// Puts made-up applications into a demo ward (training, benchmarks); refused in a
    /// real register.
    pub fn seed_applications(&mut self, uploads: &[ApplicationUpload]) -> Result<usize, StoreError> {
        let kind = self.register_meta()?.map(|m| m.kind).ok_or(StoreError::NotInitialized)?;
        if kind != super::RegisterKind::Demo {
            return Err(StoreError::Application("chỉ phường mẫu mới nhận hồ sơ giả lập".into()));
        }
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        keep(&tx, uploads)?;
        // Groups as the register normalizes them, like an officer's own applications.
        tx.execute(
            "UPDATE applications SET to_dan_pho = (SELECT coalesce(p.to_dan_pho_norm, p.to_dan_pho) FROM persons p
                                                    WHERE p.ma_ban_ghi = applications.ma_ban_ghi)
             WHERE ma_ban_ghi IS NOT NULL",
            [],
        )?;
        // The VNeID accounts those registrations made, as the desk would have recorded.
        for a in uploads.iter().filter(|a| a.procedure == "vneid_muc_2") {
            let (Some(ma), Some(received)) = (&a.ma_ban_ghi, &a.received_at) else { continue };
            let day = received.get(..10).unwrap_or_default();
            let closed = a.closed_at.as_deref().and_then(|c| c.get(..10));
            let (state, activated) = match a.state.as_str() {
                "co_ket_qua" => ("da_kich_hoat", closed),
                "bi_tu_choi" => ("loi", None),
                _ => ("cho_duyet", None),
            };
            tx.execute(
                "INSERT INTO vneid (ma_ban_ghi, state, registered_on, approved_on, activated_on, failure, officer, updated_at,
                                    to_dan_pho)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7,
                         (SELECT coalesce(to_dan_pho_norm, to_dan_pho) FROM persons WHERE ma_ban_ghi = ?1))
                 ON CONFLICT (ma_ban_ghi) DO UPDATE SET state = excluded.state, registered_on = excluded.registered_on,
                     approved_on = excluded.approved_on, activated_on = excluded.activated_on, failure = excluded.failure",
                params![
                    ma,
                    state,
                    day,
                    activated,
                    (state == "loi").then_some("phone_not_own"),
                    officer,
                    // The filing's own time: a demo ward made again is the same ward.
                    a.updated_at
                ],
            )?;
        }
        tx.commit()?;
        Ok(uploads.len())
    }
}

/// Writes uploaded applications inside `tx`; returns the ids of the events held.
fn keep(tx: &rusqlite::Transaction<'_>, uploads: &[ApplicationUpload]) -> Result<Vec<String>, StoreError> {
    let mut held = Vec::new();
    for a in uploads {
        // An upsert, not a replace: a replace deletes the row its events point at.
        tx.execute(
                &format!(
                    "INSERT INTO applications ({ROW}) VALUES
                         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
                     ON CONFLICT (id) DO UPDATE SET
                         applicant = excluded.applicant, to_dan_pho = excluded.to_dan_pho, state = excluded.state,
                         form = excluded.form, answers = excluded.answers, documents = excluded.documents,
                         steps_done = excluded.steps_done, portal_number = excluded.portal_number,
                         received_at = excluded.received_at, due_on = excluded.due_on, closed_at = excluded.closed_at,
                         refusal_reason = excluded.refusal_reason, delay_reason = excluded.delay_reason,
                         updated_at = excluded.updated_at
                     WHERE excluded.updated_at >= applications.updated_at"
                ),
                params![
                    a.id,
                    a.procedure,
                    a.catalog_version,
                    a.ma_ban_ghi,
                    a.applicant,
                    a.to_dan_pho,
                    a.channel,
                    a.state,
                    a.form,
                    a.answers,
                    a.documents,
                    a.steps_done,
                    a.portal_number,
                    a.received_at,
                    a.due_on,
                    a.closed_at,
                    a.refusal_reason,
                    a.delay_reason,
                    a.officer,
                    a.created_at,
                    a.updated_at
                ],
            )?;
        for (sha, document) in &a.photos {
            tx.execute(
                "UPDATE attachments SET application_id = ?2, document = ?3 WHERE sha256 = ?1",
                params![sha, a.id, document],
            )?;
        }
        for e in &a.events {
            tx.execute(
                    "INSERT INTO application_events (event_id, application_id, kind, detail, officer, at, uploaded)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1) ON CONFLICT (event_id) DO NOTHING",
                    params![e.event_id, a.id, e.kind, e.detail, e.officer, e.at],
                )?;
            held.push(e.event_id.clone());
        }
    }
    Ok(held)
}
