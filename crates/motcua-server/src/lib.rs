//! The ward server: the ward's authoritative register behind a versioned HTTP+JSON API.
//! Each handler authenticates the device by its bearer token, decodes the body with the
//! protocol's own decoder, and calls the core store on a blocking thread (SQLite is
//! synchronous; one connection, behind a mutex, serializes writes as SQLite would).

mod tls;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use motcua_core::store::{Device, Store, StoreError};
use motcua_sync::wire::{
    self, EnrollRequest, EnrollResponse, ErrorBody, PullResponse, PushRequest, PushResponse,
};
use serde::Deserialize;

pub use tls::Identity;

pub struct Server {
    store: Mutex<Store>,
}

impl Server {
    /// Serves `store`, whose change log is turned on here (a register becomes a ward
    /// server's the first time it is served).
    pub fn new(mut store: Store) -> Result<Arc<Server>, StoreError> {
        store.enable_change_log()?;
        Ok(Arc::new(Server { store: Mutex::new(store) }))
    }
}

pub fn router(server: Arc<Server>) -> Router {
    let v = wire::API_VERSION;
    Router::new()
        .route(&format!("/{v}/health"), get(|| async { "ok" }))
        .route(&format!("/{v}/enroll"), post(enroll))
        .route(&format!("/{v}/push"), post(push))
        .route(&format!("/{v}/changes"), get(changes))
        .route(&format!("/{v}/audit"), post(audit))
        .route(&format!("/{v}/applications"), post(applications))
        .route(&format!("/{v}/vneid"), post(vneid))
        .route(&format!("/{v}/figures"), get(figures))
        .route(&format!("/{v}/attachments"), post(upload_start))
        .route(&format!("/{v}/attachments/{{sha256}}/{{offset}}"), axum::routing::put(upload_chunk))
        .layer(DefaultBodyLimit::max(wire::MAX_BODY_BYTES))
        .with_state(server)
}

/// Serves in clear until the listener fails or the task is dropped: for this machine
/// only (devices refuse http to anywhere else).
pub async fn serve(listener: tokio::net::TcpListener, server: Arc<Server>) -> std::io::Result<()> {
    axum::serve(listener, router(server)).await
}

/// Serves over TLS with `identity` until the listener fails or the task is dropped.
pub async fn serve_tls(
    listener: std::net::TcpListener,
    server: Arc<Server>,
    identity: &Identity,
) -> std::io::Result<()> {
    motcua_sync::tls::install_provider();
    let config = axum_server::tls_rustls::RustlsConfig::from_pem(
        identity.cert_pem.clone().into_bytes(),
        identity.key_pem.clone().into_bytes(),
    )
    .await?;
    listener.set_nonblocking(true)?;
    axum_server::from_tcp_rustls(listener, config)?.serve(router(server).into_make_service()).await
}

struct Refusal(StatusCode, &'static str, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, axum::Json(ErrorBody { code: self.1.to_string(), message: self.2 })).into_response()
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::DeviceUnknown => {
                Refusal(StatusCode::UNAUTHORIZED, wire::codes::UNAUTHORIZED, e.to_string())
            }
            StoreError::DeviceRevoked => {
                Refusal(StatusCode::FORBIDDEN, wire::codes::DEVICE_REVOKED, e.to_string())
            }
            other => Refusal(StatusCode::INTERNAL_SERVER_ERROR, wire::codes::SERVER, other.to_string()),
        }
    }
}

fn bad_request(e: impl ToString) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, wire::codes::BAD_REQUEST, e.to_string())
}

/// Runs `f` on the store off the async runtime.
async fn with_store<T: Send + 'static>(
    server: Arc<Server>,
    f: impl FnOnce(&mut Store) -> Result<T, Refusal> + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(move || {
        let mut store = server.store.lock().map_err(|_| {
            Refusal(StatusCode::INTERNAL_SERVER_ERROR, wire::codes::SERVER, "store lock poisoned".into())
        })?;
        f(&mut store)
    })
    .await
    .map_err(|e| Refusal(StatusCode::INTERNAL_SERVER_ERROR, wire::codes::SERVER, e.to_string()))?
}

fn device(store: &Store, headers: &HeaderMap) -> Result<Device, Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            Refusal(StatusCode::UNAUTHORIZED, wire::codes::UNAUTHORIZED, "no bearer token".into())
        })?;
    Ok(store.device_by_token(token.trim())?)
}

async fn enroll(
    State(server): State<Arc<Server>>,
    body: Bytes,
) -> Result<axum::Json<EnrollResponse>, Refusal> {
    let request: EnrollRequest = wire::decode(&body).map_err(bad_request)?;
    with_store(server, move |store| {
        let (device, token) = store.enroll_device(&request.code)?;
        let meta = store.register_meta()?.ok_or(StoreError::NotInitialized)?;
        Ok(axum::Json(EnrollResponse {
            ward_code: meta.ward_code,
            ward: meta.ward,
            province: meta.province,
            device_id: device.device_id,
            token,
            officer: device.officer.login,
            full_name: device.officer.full_name,
            role: device.officer.role.code().to_string(),
        }))
    })
    .await
}

async fn push(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<PushResponse>, Refusal> {
    with_store(server, move |store| {
        // The device first: a stranger's body is not even parsed.
        let device = device(store, &headers)?;
        let request: PushRequest = wire::decode(&body).map_err(bad_request)?;
        let ops: Vec<_> = request.ops.into_iter().map(|op| op.into_outbox(&device.officer.login)).collect();
        let receipts = store.apply_ops(&ops, &device)?;
        Ok(axum::Json(PushResponse { receipts: receipts.into_iter().map(Into::into).collect() }))
    })
    .await
}

#[derive(Deserialize)]
struct Since {
    since: i64,
    limit: Option<usize>,
}

async fn changes(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(q): Query<Since>,
) -> Result<axum::Json<PullResponse>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        let limit = q.limit.unwrap_or(wire::MAX_RECORDS_PER_PULL).clamp(1, wire::MAX_RECORDS_PER_PULL);
        Ok(axum::Json(store.changes_since(q.since.max(0), limit, &device)?.into()))
    })
    .await
}

async fn audit(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<wire::AuditAccepted>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        let upload: wire::AuditUpload = wire::decode(&body).map_err(bad_request)?;
        let entries: Vec<_> = upload.entries.into_iter().map(Into::into).collect();
        Ok(axum::Json(wire::AuditAccepted {
            through: store.store_device_audit(&device.device_id, &entries)?,
        }))
    })
    .await
}

async fn applications(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<wire::ApplicationsAccepted>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        let upload: wire::ApplicationsUpload = wire::decode(&body).map_err(bad_request)?;
        let events = store.store_device_applications(&device, &upload.applications).map_err(bad_request)?;
        Ok(axum::Json(wire::ApplicationsAccepted { events }))
    })
    .await
}

#[derive(Deserialize)]
struct Range {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
}

async fn figures(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(q): Query<Range>,
) -> Result<axum::Json<wire::Figures>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        let q = motcua_core::store::DashboardQuery::new(q.from, q.to);
        Ok(axum::Json(store.figures_for_device(&device, &q).map_err(bad_request)?))
    })
    .await
}

async fn vneid(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<wire::VneidAccepted>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        let upload: wire::VneidUpload = wire::decode(&body).map_err(bad_request)?;
        let kept = store.store_device_vneid(&device, &upload.accounts).map_err(bad_request)?;
        Ok(axum::Json(wire::VneidAccepted { kept: kept as u32 }))
    })
    .await
}

fn upload_status(state: motcua_core::store::UploadState) -> wire::UploadStatus {
    match state {
        motcua_core::store::UploadState::Stored => wire::UploadStatus { stored: true, received: 0 },
        motcua_core::store::UploadState::Receiving { received } => {
            wire::UploadStatus { stored: false, received }
        }
    }
}

async fn upload_start(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<wire::UploadStatus>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        let start: wire::UploadStart = wire::decode(&body).map_err(bad_request)?;
        let info = motcua_core::store::AttachmentInfo {
            sha256: start.sha256.to_ascii_lowercase(),
            ma_ban_ghi: start.ma_ban_ghi,
            file_name: start.file_name,
            mime: start.mime,
            size: start.size,
        };
        Ok(axum::Json(upload_status(store.upload_state(&info, &device).map_err(bad_request)?)))
    })
    .await
}

async fn upload_chunk(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    axum::extract::Path((sha256, offset)): axum::extract::Path<(String, i64)>,
    body: Bytes,
) -> Result<axum::Json<wire::UploadStatus>, Refusal> {
    with_store(server, move |store| {
        let device = device(store, &headers)?;
        if body.len() > wire::UPLOAD_CHUNK_BYTES {
            return Err(bad_request("chunk too large"));
        }
        let state =
            store.upload_chunk(&sha256.to_ascii_lowercase(), offset, &body, &device).map_err(bad_request)?;
        Ok(axum::Json(upload_status(state)))
    })
    .await
}
