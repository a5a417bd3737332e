//! Tauri commands: each converts IPC types and calls one core function.

use tauri::{AppHandle, Emitter, Manager, State};

use crate::ipc::{IpcError, PersonDetail, RegisterInfo, RegisterProgress, SearchResult};
use crate::state::AppState;

/// Opens the register, creating the demo ward on first start (seconds of work, so it
/// runs off the async runtime and reports progress as events).
#[tauri::command]
pub async fn open_register(app: AppHandle) -> Result<RegisterInfo, IpcError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut progress = |stage, done, total| {
            // A lost progress event only leaves the bar behind; the command still answers.
            let _ = app.emit("register-progress", RegisterProgress::new(stage, done, total));
        };
        state.ensure_open(
            |path| Ok(motcua_demo::open_or_create(path, &Default::default(), &mut progress)?),
            |store| Ok(store.register_summary()?.into()),
        )
    })
    .await
    .map_err(|e| IpcError::internal(&e.to_string()))?
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
