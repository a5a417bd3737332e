//! Tauri commands: each converts IPC types and calls core functions. Work that takes
//! seconds runs off the async runtime and reports progress as events.

use std::path::Path;

use motcua_core::store::{RegisterKind, Store};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::ipc::{
    ImportOutcome, ImportProgress, IpcError, PersonDetail, RegisterInfo, RegisterProgress, SearchResult,
    WardChoice,
};
use crate::state::AppState;

/// Opens the register chosen last (the demo ward on first start, made then).
#[tauri::command]
pub async fn open_register(app: AppHandle) -> Result<RegisterInfo, IpcError> {
    blocking(app, |app, state| {
        let info = state.ensure_open(|folder| open(app, folder.chosen()), summary)?;
        prepare_search(app);
        Ok(info)
    })
    .await
}

/// Switches between the demo ward and the ward's own register, and remembers the choice.
#[tauri::command]
pub async fn switch_register(demo: bool, app: AppHandle) -> Result<RegisterInfo, IpcError> {
    let kind = if demo { RegisterKind::Demo } else { RegisterKind::Real };
    blocking(app, move |app, state| switch_to(app, state, kind)).await
}

/// The ward's own register, if an import has made it (whichever register is open).
#[tauri::command]
pub async fn ward_register(app: AppHandle) -> Result<Option<RegisterInfo>, IpcError> {
    blocking(app, |_, state| {
        if !state.folder().has_ward_register() {
            return Ok(None);
        }
        let store = Store::open(&state.folder().path(RegisterKind::Real), None)?;
        summary(&store).map(Some)
    })
    .await
}

/// Imports an extract into the ward's own register (made for `ward_code` on the first
/// import), then opens it. Searches go on in the open register meanwhile.
#[tauri::command]
pub async fn import_register(
    file: String,
    ward_code: Option<String>,
    app: AppHandle,
) -> Result<ImportOutcome, IpcError> {
    blocking(app, move |app, state| {
        let _running = state.start_import()?;
        let db = state.folder().path(RegisterKind::Real);
        let report =
            motcua_core::import::import_file(&db, ward_code.as_deref(), None, Path::new(&file), &mut |p| {
                // A lost progress event only leaves the bar behind; the import goes on.
                let _ = app.emit("import-progress", ImportProgress::from(p));
            })?;
        Ok(ImportOutcome::new(report, switch_to(app, state, RegisterKind::Real)?))
    })
    .await
}

#[tauri::command]
pub fn find_wards(query: String) -> Vec<WardChoice> {
    motcua_core::admin::find_2025(&query, 8).into_iter().map(WardChoice::from).collect()
}

#[tauri::command]
pub fn search_persons(
    query: String,
    limit: u32,
    state: State<'_, AppState>,
) -> Result<SearchResult, IpcError> {
    state.with_store(|s| Ok(SearchResult::timed(|| s.search(&query, limit as usize))?))
}

#[tauri::command]
pub fn person_detail(id: String, state: State<'_, AppState>) -> Result<PersonDetail, IpcError> {
    state.with_store(|s| Ok(s.person_detail(&id)?.into()))
}

fn open(app: &AppHandle, kind: RegisterKind) -> Result<Store, IpcError> {
    let state = app.state::<AppState>();
    let mut progress = |stage, done, total| {
        // A lost progress event only leaves the bar behind; the command still answers.
        let _ = app.emit("register-progress", RegisterProgress::new(stage, done, total));
    };
    Ok(motcua_demo::open_in_folder(state.folder(), kind, &Default::default(), &mut progress)?)
}

/// Opens the register of `kind` in place of the open one, remembers the choice for the
/// next start, and builds its search index in the background.
fn switch_to(app: &AppHandle, state: &AppState, kind: RegisterKind) -> Result<RegisterInfo, IpcError> {
    let info = state.replace(open(app, kind)?, summary)?;
    state.folder().choose(kind).map_err(|e| IpcError::internal(&e.to_string()))?;
    prepare_search(app);
    Ok(info)
}

fn summary(store: &Store) -> Result<RegisterInfo, IpcError> {
    Ok(store.register_summary()?.into())
}

/// Builds the search index in the background, so the officer's first keystroke does
/// not wait for it (about 3 s at a million residents).
fn prepare_search(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        // A failure here shows again, with its message, at the first search.
        let _ = app.state::<AppState>().with_store(|s| Ok(s.prepare_search()?));
    });
}

async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &AppState) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(move || f(&app, &app.state::<AppState>()))
        .await
        .map_err(|e| IpcError::internal(&e.to_string()))?
}
