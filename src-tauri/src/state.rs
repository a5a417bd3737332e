//! The one open register, shared by all commands, and the folder it comes from.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use motcua_core::folder::RegisterFolder;
use motcua_core::store::{SessionLock, Store};

use crate::ipc::IpcError;

pub struct AppState {
    folder: RegisterFolder,
    store: Mutex<Option<Store>>,
    /// While the ward's register is locked: what the officer's PIN reopens.
    seal: Mutex<Option<SessionLock>>,
    importing: AtomicBool,
}

impl AppState {
    pub fn new(folder: RegisterFolder) -> Self {
        AppState {
            folder,
            store: Mutex::new(None),
            seal: Mutex::new(None),
            importing: AtomicBool::new(false),
        }
    }

    pub fn folder(&self) -> &RegisterFolder {
        &self.folder
    }

    /// Runs `f` on the open register; the register is opened by `open_register` first.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        match guard.as_ref() {
            Some(store) => f(store),
            None => Err(IpcError::not_ready()),
        }
    }

    /// Runs `f` on the open register, to change it.
    pub fn with_store_mut<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        match guard.as_mut() {
            Some(store) => f(store),
            None => Err(IpcError::not_ready()),
        }
    }

    /// Runs `f` on the open register, if there is one (none while locked).
    pub fn with_open<T>(&self, f: impl FnOnce(Option<&Store>) -> T) -> Result<T, IpcError> {
        let guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        Ok(f(guard.as_ref()))
    }

    /// Opens the register if it is not open yet, with `open` doing the work.
    pub fn ensure_open<T>(
        &self,
        open: impl FnOnce(&RegisterFolder) -> Result<Store, IpcError>,
        then: impl FnOnce(&Store) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        if guard.is_none() {
            *guard = Some(open(&self.folder)?);
        }
        then(guard.as_ref().expect("just opened"))
    }

    /// Puts `store` in place of the open register. The old one is dropped only after
    /// the new one opened: a failed switch leaves the officer where they were.
    pub fn replace<T>(
        &self,
        store: Store,
        then: impl FnOnce(&Store) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?;
        *guard = Some(store);
        then(guard.as_ref().expect("just set"))
    }

    /// Takes the open register out (to lock or close it); searches then wait for the
    /// next one to open.
    pub fn take(&self) -> Result<Option<Store>, IpcError> {
        Ok(self.store.lock().map_err(|_| IpcError::internal("register lock poisoned"))?.take())
    }

    /// Runs `f` on the session seal (absent unless the officer set a PIN).
    pub fn with_seal<T>(&self, f: impl FnOnce(&mut Option<SessionLock>) -> T) -> Result<T, IpcError> {
        let mut guard = self.seal.lock().map_err(|_| IpcError::internal("seal lock poisoned"))?;
        Ok(f(&mut guard))
    }

    /// Marks an import as running until the guard drops; a second one is refused
    /// (two writers would only queue on SQLite's lock, with two progress bars).
    pub fn start_import(&self) -> Result<ImportRunning<'_>, IpcError> {
        if self.importing.swap(true, Ordering::AcqRel) {
            return Err(IpcError::import_busy());
        }
        Ok(ImportRunning(&self.importing))
    }
}

pub struct ImportRunning<'a>(&'a AtomicBool);

impl Drop for ImportRunning<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_import_at_a_time() {
        let state = AppState::new(RegisterFolder::new("unused"));
        let first = state.start_import().unwrap();
        assert_eq!(state.start_import().err().map(|e| e.code), Some(crate::ipc::ErrorCode::ImportBusy));
        drop(first);
        assert!(state.start_import().is_ok());
    }
}
