//! The HTTP side of a device: requests to the ward server, and the driver that carries
//! out the engine's actions on the local register.

use std::time::Duration;

use motcua_core::store::{OpReceipt, Store, StoreError};

use crate::engine::{Action, Engine, Event, Failure, Status};
use crate::wire::{
    self, EnrollRequest, EnrollResponse, ErrorBody, MAX_RECORDS_PER_PULL, Op, PullResponse, PushRequest,
    PushResponse,
};

pub struct Client {
    base: String,
    token: String,
    http: reqwest::blocking::Client,
}

#[cfg(test)]
mod tests {
    #[test]
    fn clear_http_only_to_this_machine() {
        for ok in ["http://127.0.0.1:8443", "http://localhost:1", "http://[::1]:9"] {
            assert!(super::is_loopback(ok), "{ok}");
        }
        for bad in ["http://10.0.0.2:8443", "http://127.0.0.1.evil.vn", "http://localhost.evil.vn/x"] {
            assert!(!super::is_loopback(bad), "{bad}");
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("enrollment refused: {0}")]
    Enroll(String),
    #[error("cannot reach the ward server: {0}")]
    Http(String),
}

/// An HTTP client for `base`: over TLS trusting only the certificate `pin` names; in
/// clear only to this machine itself (tests, a proxy beside the server), never over a
/// network, where the token and the register would travel readable.
fn http_client(base: &str, pin: Option<&str>) -> Result<reqwest::blocking::Client, SyncError> {
    // reqwest builds its TLS layer even for http: the provider must be there.
    crate::tls::install_provider();
    let builder = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .connect_timeout(Duration::from_secs(10));
    let builder = match (base.strip_prefix("https://"), pin) {
        (Some(_), Some(pin)) => builder.tls_backend_preconfigured(crate::tls::pinned_client_config(pin)),
        (Some(_), None) => {
            return Err(SyncError::Http("an https ward server needs its certificate fingerprint".into()));
        }
        (None, _) if is_loopback(base) => builder,
        (None, _) => {
            return Err(SyncError::Http(
                "a ward server is reached over https; http only on this machine".into(),
            ));
        }
    };
    builder.build().map_err(|e| SyncError::Http(e.to_string()))
}

fn is_loopback(base: &str) -> bool {
    let host = base.strip_prefix("http://").unwrap_or("").split(['/', ':']).next().unwrap_or("");
    matches!(host, "127.0.0.1" | "localhost") || base.starts_with("http://[::1]")
}

impl Client {
    /// A client for the server at `base` (e.g. `https://10.0.0.2:8443`, whose certificate
    /// has fingerprint `pin`) with a device token.
    pub fn new(base: &str, token: &str, pin: Option<&str>) -> Result<Client, SyncError> {
        Ok(Client {
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
            http: http_client(base, pin)?,
        })
    }

    /// Trades the ward admin's one-time code for this device's token.
    pub fn enroll(base: &str, code: &str, pin: Option<&str>) -> Result<EnrollResponse, SyncError> {
        let url = format!("{}/{}/enroll", base.trim_end_matches('/'), wire::API_VERSION);
        let response = http_client(base, pin)?
            .post(url)
            .json(&EnrollRequest { code: code.to_string() })
            .send()
            .map_err(|e| SyncError::Http(e.to_string()))?;
        let status = response.status();
        let body = response.bytes().map_err(|e| SyncError::Http(e.to_string()))?;
        if !status.is_success() {
            let why = wire::decode::<ErrorBody>(&body).map_or_else(|_| status.to_string(), |b| b.message);
            return Err(SyncError::Enroll(why));
        }
        wire::decode(&body).map_err(|e| SyncError::Http(e.to_string()))
    }

    pub fn push(&self, ops: Vec<Op>) -> Result<PushResponse, Failure> {
        let url = format!("{}/{}/push", self.base, wire::API_VERSION);
        self.answer(self.http.post(url).bearer_auth(&self.token).json(&PushRequest { ops }))
    }

    pub fn upload_audit(&self, entries: Vec<wire::AuditRecord>) -> Result<wire::AuditAccepted, Failure> {
        let url = format!("{}/{}/audit", self.base, wire::API_VERSION);
        self.answer(self.http.post(url).bearer_auth(&self.token).json(&wire::AuditUpload { entries }))
    }

    pub fn upload_applications(
        &self,
        applications: Vec<motcua_core::store::ApplicationUpload>,
    ) -> Result<wire::ApplicationsAccepted, Failure> {
        let url = format!("{}/{}/applications", self.base, wire::API_VERSION);
        self.answer(
            self.http.post(url).bearer_auth(&self.token).json(&wire::ApplicationsUpload { applications }),
        )
    }

    /// The whole ward's figures of `from..=to` (days as `YYYY-MM-DD`).
    pub fn figures(&self, from: &str, to: &str) -> Result<wire::Figures, Failure> {
        let url = format!("{}/{}/figures?from={from}&to={to}", self.base, wire::API_VERSION);
        self.answer(self.http.get(url).bearer_auth(&self.token))
    }

    pub fn upload_vneid(
        &self,
        accounts: Vec<motcua_core::store::VneidUpload>,
    ) -> Result<wire::VneidAccepted, Failure> {
        let url = format!("{}/{}/vneid", self.base, wire::API_VERSION);
        self.answer(self.http.post(url).bearer_auth(&self.token).json(&wire::VneidUpload { accounts }))
    }

    /// Uploads one attachment, resuming at whatever the server already holds.
    pub fn upload_attachment(
        &self,
        info: &motcua_core::store::AttachmentInfo,
        data: &[u8],
    ) -> Result<(), Failure> {
        let start = wire::UploadStart {
            sha256: info.sha256.clone(),
            ma_ban_ghi: info.ma_ban_ghi.clone(),
            file_name: info.file_name.clone(),
            mime: info.mime.clone(),
            size: info.size,
        };
        let url = format!("{}/{}/attachments", self.base, wire::API_VERSION);
        let mut status: wire::UploadStatus =
            self.answer(self.http.post(&url).bearer_auth(&self.token).json(&start))?;
        // Each round sends the chunk after what the server holds; a full pass that ends
        // back at zero (the bytes did not hash to the name) is not repeated forever.
        let mut rounds = 0;
        while !status.stored {
            rounds += 1;
            if rounds > 2 * data.len() / wire::UPLOAD_CHUNK_BYTES + 4 {
                return Err(Failure::Transient(format!("the upload of {} does not complete", info.sha256)));
            }
            let from = status.received.clamp(0, data.len() as i64) as usize;
            let to = (from + wire::UPLOAD_CHUNK_BYTES).min(data.len());
            let chunk = format!("{url}/{}/{from}", info.sha256);
            status =
                self.answer(self.http.put(chunk).bearer_auth(&self.token).body(data[from..to].to_vec()))?;
        }
        Ok(())
    }

    pub fn pull(&self, cursor: i64) -> Result<PullResponse, Failure> {
        let url = format!(
            "{}/{}/changes?since={cursor}&limit={MAX_RECORDS_PER_PULL}",
            self.base,
            wire::API_VERSION
        );
        self.answer(self.http.get(url).bearer_auth(&self.token))
    }

    fn answer<T: serde::de::DeserializeOwned + wire::Validate>(
        &self,
        request: reqwest::blocking::RequestBuilder,
    ) -> Result<T, Failure> {
        let response = request.send().map_err(|e| Failure::Transient(e.to_string()))?;
        let status = response.status();
        let body = response.bytes().map_err(|e| Failure::Transient(e.to_string()))?;
        if status.is_success() {
            return wire::decode(&body).map_err(|e| Failure::Transient(e.to_string()));
        }
        let code = wire::decode::<ErrorBody>(&body).map(|b| b.code).unwrap_or_default();
        Err(match (status.as_u16(), code.as_str()) {
            (403, wire::codes::DEVICE_REVOKED) => Failure::Revoked,
            (401, _) => Failure::Unauthorized,
            (s, _) => Failure::Transient(format!("the server answered {s} {code}")),
        })
    }
}

/// Enrolls `store` (a real register, set up for its ward) with the ward server at
/// `server`: trades the code, checks the server holds the same ward, and keeps the
/// endpoint in the register. The device's edits then go out as the officer the ward
/// admin bound it to.
pub fn enroll_store(
    store: &mut Store,
    server: &str,
    code: &str,
    pin: Option<&str>,
) -> Result<EnrollResponse, SyncError> {
    let meta = store.register_meta()?.ok_or(StoreError::NotInitialized)?;
    if meta.kind != motcua_core::store::RegisterKind::Real {
        return Err(SyncError::Enroll("a demo ward never syncs".into()));
    }
    let pin = pin.map(crate::tls::normalize_fingerprint);
    let enrolled = Client::enroll(server, code, pin.as_deref())?;
    if enrolled.ward_code != meta.ward_code {
        return Err(SyncError::Enroll(format!(
            "the server holds {} ({}), this register {} ({})",
            enrolled.ward, enrolled.ward_code, meta.ward, meta.ward_code
        )));
    }
    let endpoint = motcua_core::store::SyncEndpoint {
        url: server.trim_end_matches('/').to_string(),
        token: enrolled.token.clone(),
        pin,
    };
    store.set_sync_endpoint(&endpoint)?;
    Ok(enrolled)
}

/// How a run of the driver ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The cycle finished, or failed and waits until `status.next_attempt`.
    Waiting(Status),
    /// The server revoked this device: the caller must close and remove the register.
    Wipe,
}

/// Runs the engine on `store` from `event` until it has nothing to do before a later
/// time: one full cycle, or up to its first failure. `now` gives the time in ms.
pub fn drive(
    store: &mut Store,
    client: &Client,
    engine: &mut Engine,
    event: Event,
    now: &dyn Fn() -> u64,
) -> Result<Ended, SyncError> {
    // The engine learns what the outbox holds first; an edit made since the last run may
    // already start the cycle the event asks for.
    let mut actions = engine.handle(now(), Event::OutboxChanged { pending: store.pending_ops()?.len() });
    if actions.is_empty() {
        actions = engine.handle(now(), event);
    }
    while let Some(action) = actions.pop() {
        let next = match action {
            Action::Push { max } => {
                let ops: Vec<Op> = store.pending_ops()?.iter().take(max).map(Op::from).collect();
                let result = client.push(ops).map(|answer| {
                    let receipts: Vec<OpReceipt> = answer.receipts.into_iter().map(Into::into).collect();
                    store.record_receipts(&receipts)
                });
                let result = match result {
                    Ok(recorded) => {
                        recorded?;
                        Ok(())
                    }
                    Err(f) => Err(f),
                };
                Event::Pushed { result, pending: store.pending_ops()?.len() }
            }
            Action::PushAudit => {
                let entries = store.audit_to_upload(wire::MAX_AUDIT_PER_UPLOAD)?;
                let sent = entries.len();
                match client.upload_audit(entries.into_iter().map(Into::into).collect()) {
                    Ok(accepted) => {
                        store.audit_uploaded(accepted.through)?;
                        Event::AuditPushed { result: Ok(()), more: sent == wire::MAX_AUDIT_PER_UPLOAD }
                    }
                    Err(f) => Event::AuditPushed { result: Err(f), more: false },
                }
            }
            Action::PushAttachments => {
                let mut result = Ok(());
                for info in store.attachments_to_upload()? {
                    let data = store.attachment_data(&info.sha256)?;
                    if let Err(f) = client.upload_attachment(&info, &data) {
                        result = Err(f);
                        break;
                    }
                    store.attachment_uploaded(&info.sha256)?;
                }
                // Applications after their photos, so the server can link them.
                while result.is_ok() {
                    let batch = store.applications_to_upload(wire::MAX_APPLICATIONS_PER_UPLOAD)?;
                    if batch.is_empty() {
                        break;
                    }
                    match client.upload_applications(batch) {
                        Ok(accepted) => store.application_events_uploaded(&accepted.events)?,
                        Err(f) => result = Err(f),
                    }
                }
                // The VNeID accounts it moved, as of their last move.
                while result.is_ok() {
                    let batch = store.vneid_to_upload(wire::MAX_VNEID_PER_UPLOAD)?;
                    if batch.is_empty() {
                        break;
                    }
                    match client.upload_vneid(batch.clone()) {
                        Ok(_) => store.vneid_uploaded(&batch)?,
                        Err(f) => result = Err(f),
                    }
                }
                Event::AttachmentsPushed { result }
            }
            Action::Pull => match client.pull(store.sync_cursor()?) {
                Ok(page) => {
                    let more = page.more;
                    store.apply_changes(&page.into())?;
                    Event::Pulled { result: Ok(()), more }
                }
                Err(f) => Event::Pulled { result: Err(f), more: false },
            },
            Action::Wipe => return Ok(Ended::Wipe),
            Action::SleepUntil(_) => continue,
        };
        actions = engine.handle(now(), next);
    }
    Ok(Ended::Waiting(engine.status()))
}
