//! Tauri commands: each converts IPC types and calls core functions. Work that takes
//! seconds runs off the async runtime and reports progress as events.

pub mod dashboard;
pub mod procedures;
pub mod review;
pub mod scans;
pub mod session;
pub mod sync;

use std::path::Path;

use motcua_core::store::{Credentials, FileState, RegisterKind, Store, file_state};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::ipc::{
    ImportOutcome, ImportProgress, IpcError, NewAccount, PersonDetail, RegisterInfo, RegisterProgress,
    SearchResult, TrainingSubjectsInfo, WardChoice, WardRegister,
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

/// Puts the demo ward back as it was first made (a trainer's one click between two
/// classes), and opens it. The ward's own register is never touched.
#[tauri::command]
pub async fn reset_demo(app: AppHandle) -> Result<RegisterInfo, IpcError> {
    blocking(app, |app, state| {
        // The demo ward's files go only once no connection holds them.
        let demo_open = state.with_open(|s| s.is_some_and(|s| !open_ward(s).unwrap_or(true)))?;
        if demo_open {
            drop(state.take()?);
        }
        let mut progress = |stage, done, total| {
            let _ = app.emit("register-progress", RegisterProgress::new(stage, done, total));
        };
        let store = motcua_demo::reset_in_folder(state.folder(), &demo_ward(), &mut progress)?;
        show(app, state, store, RegisterKind::Demo)
    })
    .await
}

/// The people of the demo ward the trainer's scenarios are about.
#[tauri::command]
pub fn training_subjects(state: State<'_, AppState>) -> Result<TrainingSubjectsInfo, IpcError> {
    state.with_store(|s| Ok(s.training_subjects()?.into()))
}

/// The ward's own register: absent, locked, or its figures (whichever register is open).
#[tauri::command]
pub async fn ward_register(app: AppHandle) -> Result<WardRegister, IpcError> {
    blocking(app, |_, state| {
        if !state.folder().has_ward_register() {
            return Ok(WardRegister { exists: false, locked: false, info: None });
        }
        if let Some(info) = state.with_open(ward_info)?? {
            return Ok(WardRegister { exists: true, locked: false, info: Some(info) });
        }
        let path = state.folder().path(RegisterKind::Real);
        if matches!(file_state(&path), Ok(FileState::Encrypted { .. })) {
            return Ok(WardRegister { exists: true, locked: true, info: None });
        }
        let info = summary(&Store::open(&path, None)?)?;
        Ok(WardRegister { exists: true, locked: false, info: Some(info) })
    })
    .await
}

/// Imports an extract into the ward's own register, then opens it. The first import
/// makes the register for `ward_code`, encrypted, with `admin` as its ward admin; later
/// ones go into the open (signed-in) ward register through a second connection, so
/// searches go on meanwhile.
#[tauri::command]
pub async fn import_register(
    file: String,
    ward_code: Option<String>,
    admin: Option<NewAccount>,
    app: AppHandle,
) -> Result<ImportOutcome, IpcError> {
    blocking(app, move |app, state| {
        let _running = state.start_import()?;
        let mut progress = |p| {
            // A lost progress event only leaves the bar behind; the import goes on.
            let _ = app.emit("import-progress", ImportProgress::from(p));
        };
        let ward = state.folder().path(RegisterKind::Real);
        // Searches go on in the open register while a second connection imports.
        let signed_in = state
            .with_open(|s| s.filter(|s| s.path() == Some(ward.as_path())).map(Store::reopen).transpose())??;
        let admin = admin.map(|a| Credentials::new(a.login, a.password));
        let (report, store) = motcua_core::import::import_to_folder(
            state.folder(),
            signed_in,
            ward_code.as_deref(),
            admin.as_ref(),
            Path::new(&file),
            &mut progress,
        )?;
        Ok(ImportOutcome::new(report, show(app, state, store, RegisterKind::Real)?))
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
    state.with_store(|s| {
        Ok(PersonDetail::from(s.person_detail(&id)?).with_sync_state(s.record_sync_state(&id)?))
    })
}

/// The demo ward the app makes on first start: 10,000 residents and three months of
/// filings, so every screen has something to show in training.
fn demo_ward() -> motcua_demo::DemoConfig {
    motcua_demo::DemoConfig { applications: 3_000, ..Default::default() }
}

fn open(app: &AppHandle, kind: RegisterKind) -> Result<Store, IpcError> {
    let state = app.state::<AppState>();
    let mut progress = |stage, done, total| {
        // A lost progress event only leaves the bar behind; the command still answers.
        let _ = app.emit("register-progress", RegisterProgress::new(stage, done, total));
    };
    Ok(motcua_demo::open_in_folder(state.folder(), kind, &demo_ward(), &mut progress)?)
}

/// Opens the register of `kind` in place of the open one.
fn switch_to(app: &AppHandle, state: &AppState, kind: RegisterKind) -> Result<RegisterInfo, IpcError> {
    show(app, state, open(app, kind)?, kind)
}

/// Puts `store` (of `kind`) in place of the open register, remembers the choice for the
/// next start, and builds its search index in the background.
fn show(
    app: &AppHandle,
    state: &AppState,
    store: Store,
    kind: RegisterKind,
) -> Result<RegisterInfo, IpcError> {
    let info = state.replace(store, summary)?;
    state.folder().choose(kind).map_err(|e| IpcError::internal(&e.to_string()))?;
    prepare_search(app);
    Ok(info)
}

fn summary(store: &Store) -> Result<RegisterInfo, IpcError> {
    Ok(RegisterInfo::new(store.register_summary()?, store.account().cloned().map(Into::into)))
}

/// The open register's figures, if it is the ward's own.
fn ward_info(open: Option<&Store>) -> Result<Option<RegisterInfo>, IpcError> {
    match open {
        Some(s) if open_ward(s)? => summary(s).map(Some),
        _ => Ok(None),
    }
}

/// Whether the open register is the ward's own (not the demo ward).
fn open_ward(store: &Store) -> Result<bool, IpcError> {
    Ok(store.register_meta()?.is_some_and(|m| m.kind == RegisterKind::Real))
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

pub(crate) async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &AppState) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(move || f(&app, &app.state::<AppState>()))
        .await
        .map_err(|e| IpcError::internal(&e.to_string()))?
}
