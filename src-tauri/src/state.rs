//! The one open register, shared by all commands.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use motcua_core::store::Store;

use crate::ipc::IpcError;

pub struct AppState {
    path: PathBuf,
    store: Mutex<Option<Store>>,
}

impl AppState {
    pub fn new(path: PathBuf) -> Self {
        AppState { path, store: Mutex::new(None) }
    }

    /// Runs `f` on the open register; the register is opened by `open_register` first.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        match guard.as_ref() {
            Some(store) => f(store),
            None => Err(IpcError::not_ready()),
        }
    }

    /// Opens the register if it is not open yet, with `open` doing the work.
    pub fn ensure_open<T>(
        &self,
        open: impl FnOnce(&Path) -> Result<Store, IpcError>,
        then: impl FnOnce(&Store) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        if guard.is_none() {
            *guard = Some(open(&self.path)?);
        }
        then(guard.as_ref().expect("just opened"))
    }
}
