//! Thủ tục: the catalog in force (and a ward admin's newer one), applications walked with
//! a citizen from a draft to the portal's answer, photos of their papers, the printouts,
//! and the citizen's VNeID level-2 account.

use std::path::{Path, PathBuf};

use motcua_core::procedures::{pictures, vneid};
use motcua_core::store::Store;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, State};

use crate::ipc::{
    ApplicationEdit, ApplicationInfo, ApplicationQuery, ApplicationState, AttachedPhotoInfo, CatalogSummary,
    ErrorCode, FilingChannel, IpcError, ProcedureInfo, VneidFailureInfo, VneidInfo, VneidMove,
};
use crate::state::AppState;

#[tauri::command]
pub fn catalog_info(state: State<'_, AppState>) -> Result<CatalogSummary, IpcError> {
    state.with_store(|s| Ok(s.catalog_info()?.into()))
}

/// The procedures in force today, in the catalog's order.
#[tauri::command]
pub fn procedures(state: State<'_, AppState>) -> Result<Vec<ProcedureInfo>, IpcError> {
    state.with_store(in_force)
}

/// One procedure of the catalog in force, in force today or not: an application started
/// before it ended is still walked and filed under it.
#[tauri::command]
pub fn procedure(code: String, state: State<'_, AppState>) -> Result<ProcedureInfo, IpcError> {
    state.with_store(|s| one_procedure(s, &code))
}

/// Loads the catalog file at `path` (a ward admin's): refused with every reason.
#[tauri::command]
pub fn load_catalog(path: String, state: State<'_, AppState>) -> Result<CatalogSummary, IpcError> {
    state.with_store_mut(|s| load_catalog_file(s, Path::new(&path)))
}

#[tauri::command]
pub fn start_application(
    procedure: String,
    ma_ban_ghi: Option<String>,
    channel: FilingChannel,
    state: State<'_, AppState>,
) -> Result<ApplicationInfo, IpcError> {
    state.with_store_mut(|s| {
        Ok(s.start_application(&procedure, ma_ban_ghi.as_deref(), channel.into())?.into())
    })
}

#[tauri::command]
pub fn application(id: String, state: State<'_, AppState>) -> Result<ApplicationInfo, IpcError> {
    state.with_store(|s| Ok(s.application(&id)?.into()))
}

#[tauri::command]
pub fn applications(
    query: ApplicationQuery,
    state: State<'_, AppState>,
) -> Result<Vec<ApplicationInfo>, IpcError> {
    state.with_store(|s| Ok(s.applications(&query.into())?.into_iter().map(ApplicationInfo::from).collect()))
}

#[tauri::command]
pub fn change_application(
    id: String,
    edit: ApplicationEdit,
    state: State<'_, AppState>,
) -> Result<ApplicationInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.change_application(&id, &edit.into())?.into()))
}

#[tauri::command]
pub fn mark_guided(id: String, state: State<'_, AppState>) -> Result<ApplicationInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.mark_guided(&id)?.into()))
}

/// Records the filing on the portal, received now: the due day follows from it.
#[tauri::command]
pub fn file_application(
    id: String,
    portal_number: String,
    state: State<'_, AppState>,
) -> Result<ApplicationInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.file_application(&id, &portal_number, None)?.into()))
}

/// The portal's answer: in processing, a result, or a refusal with its reason.
#[tauri::command]
pub fn advance_application(
    id: String,
    to: ApplicationState,
    reason: Option<String>,
    state: State<'_, AppState>,
) -> Result<ApplicationInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.advance_application(&id, to.into(), reason.as_deref())?.into()))
}

#[tauri::command]
pub fn explain_application_delay(
    id: String,
    reason: String,
    state: State<'_, AppState>,
) -> Result<ApplicationInfo, IpcError> {
    state.with_store_mut(|s| Ok(s.explain_delay(&id, &reason)?.into()))
}

/// A photo of a paper: its bytes are the request's raw body (a JSON array of a
/// phone photo's megabytes would be four times their size), what it belongs to in the
/// headers `application`, `document` and `file-name` (percent-encoded, as headers are
/// ASCII). Decoding and shrinking a big photo takes a moment: off the async runtime.
#[tauri::command]
pub async fn attach_photo(request: Request<'_>, app: AppHandle) -> Result<AttachedPhotoInfo, IpcError> {
    let upload = PhotoUpload::read(&request)?;
    super::blocking(app, move |_, state| state.with_store_mut(|s| upload.attach(s))).await
}

/// The small JPEG of an attached photo, as bytes.
#[tauri::command]
pub fn attachment_thumbnail(sha256: String, state: State<'_, AppState>) -> Result<Response, IpcError> {
    state.with_store(|s| Ok(Response::new(s.attachment_thumbnail(&sha256)?)))
}

/// A step's picture (PNG bytes), by the name the catalog gives it.
#[tauri::command]
pub fn step_picture(name: String) -> Result<Response, IpcError> {
    picture(&name).map(Response::new)
}

#[tauri::command]
pub fn vneid_status(ma_ban_ghi: String, state: State<'_, AppState>) -> Result<VneidInfo, IpcError> {
    state.with_store(|s| Ok(s.vneid_status(&ma_ban_ghi)?.into()))
}

#[tauri::command]
pub fn set_vneid(
    ma_ban_ghi: String,
    change: VneidMove,
    state: State<'_, AppState>,
) -> Result<VneidInfo, IpcError> {
    state.with_store_mut(|s| move_vneid(s, &ma_ban_ghi, &change))
}

/// The usual failures, with what fixes each, for the officer to choose from.
#[tauri::command]
pub fn vneid_failures() -> Vec<VneidFailureInfo> {
    vneid::FAILURES.iter().map(VneidFailureInfo::from).collect()
}

/// Prints the step-by-step guide for the citizen to
/// `<data dir>/phieu-in/<id>-huong-dan.pdf`; the file's path.
#[tauri::command]
pub async fn print_guide(id: String, app: AppHandle) -> Result<String, IpcError> {
    super::blocking(app, move |_, state| print(state, &id, Printout::Guide)).await
}

/// Prints the receipt of a filed application to `<data dir>/phieu-in/<id>-bien-nhan.pdf`.
#[tauri::command]
pub async fn print_receipt(id: String, app: AppHandle) -> Result<String, IpcError> {
    super::blocking(app, move |_, state| print(state, &id, Printout::Receipt)).await
}

fn in_force(s: &Store) -> Result<Vec<ProcedureInfo>, IpcError> {
    let today = chrono::Local::now().date_naive();
    Ok(s.catalog()?.in_force(today).cloned().map(ProcedureInfo::from).collect())
}

fn one_procedure(s: &Store, code: &str) -> Result<ProcedureInfo, IpcError> {
    let catalog = s.catalog()?;
    let p = catalog
        .procedure(code)
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, &format!("thủ tục {code}")))?;
    Ok(p.clone().into())
}

fn load_catalog_file(s: &mut Store, path: &Path) -> Result<CatalogSummary, IpcError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        IpcError::new(ErrorCode::CatalogUnreadable, &format!("không đọc được tệp {}: {e}", path.display()))
    })?;
    Ok(s.load_catalog(&text)?.into())
}

fn picture(name: &str) -> Result<Vec<u8>, IpcError> {
    pictures::picture(name)
        .map(<[u8]>::to_vec)
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, &format!("no picture {name}")))
}

fn move_vneid(s: &mut Store, ma_ban_ghi: &str, change: &VneidMove) -> Result<VneidInfo, IpcError> {
    let on = chrono::NaiveDate::parse_from_str(change.on.trim(), "%Y-%m-%d")
        .map_err(|_| IpcError::new(ErrorCode::ApplicationRefused, "chọn ngày xảy ra (ngày/tháng/năm)"))?;
    let record =
        s.set_vneid(ma_ban_ghi, change.to.into(), on, change.failure.as_deref(), change.note.as_deref())?;
    Ok(record.into())
}

/// A photo sent by the wizard, read from the request before the register is touched.
#[derive(Debug)]
struct PhotoUpload {
    application: String,
    document: String,
    file_name: String,
    bytes: Vec<u8>,
}

impl PhotoUpload {
    fn read(request: &Request<'_>) -> Result<PhotoUpload, IpcError> {
        let InvokeBody::Raw(bytes) = request.body() else {
            return Err(IpcError::internal("attach_photo takes the photo's bytes as the raw body"));
        };
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(percent_decoded)
                .ok_or_else(|| IpcError::internal(&format!("attach_photo needs the header {name}")))
        };
        Ok(PhotoUpload {
            application: header("application")?,
            document: header("document")?,
            file_name: header("file-name")?,
            bytes: bytes.clone(),
        })
    }

    fn attach(&self, s: &mut Store) -> Result<AttachedPhotoInfo, IpcError> {
        Ok(s.attach_photo(&self.application, &self.document, &self.file_name, &self.bytes)?.into())
    }
}

/// `encodeURIComponent`'s inverse: `None` for a malformed escape or bytes not UTF-8.
fn percent_decoded(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next()?, bytes.next()?];
            out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

/// Renders the printout in the register (which audits it), then writes it outside the
/// register's lock: the file is the app's business, not the register's.
fn print(state: &AppState, id: &str, what: Printout) -> Result<String, IpcError> {
    let pdf = state.with_store_mut(|s| {
        Ok(match what {
            Printout::Guide => s.print_guide(id)?,
            Printout::Receipt => s.print_receipt(id)?,
        })
    })?;
    write_printout(state.folder().dir(), id, what, &pdf)
}

#[derive(Debug, Clone, Copy)]
enum Printout {
    Guide,
    Receipt,
}

/// Writes a printout where the officer can open it again: the app's own folder, not a
/// temporary one the system empties, named by the application so a reprint replaces it.
fn write_printout(dir: &Path, id: &str, what: Printout, pdf: &[u8]) -> Result<String, IpcError> {
    let failed = |e: std::io::Error| IpcError::new(ErrorCode::PrintFailed, &e.to_string());
    // Application ids are the core's hex; anything else must not become a path.
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(IpcError::new(ErrorCode::NotFound, &format!("hồ sơ {id}")));
    }
    let folder = dir.join("phieu-in");
    std::fs::create_dir_all(&folder).map_err(failed)?;
    let suffix = match what {
        Printout::Guide => "huong-dan",
        Printout::Receipt => "bien-nhan",
    };
    let path: PathBuf = folder.join(format!("{id}-{suffix}.pdf"));
    std::fs::write(&path, pdf).map_err(failed)?;
    Ok(path.to_string_lossy().into_owned())
}

#[cfg(test)]
#[path = "procedures_tests.rs"]
mod tests;
