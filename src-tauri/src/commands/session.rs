//! Signing in to the ward's encrypted register, locking it when the officer steps away,
//! and the PIN that reopens it.

use motcua_core::store::{Credentials, RegisterKind, Store, StoreError};
use tauri::AppHandle;

use super::{blocking, show};
use crate::ipc::{ErrorCode, IpcError, LockInfo, RegisterInfo};

/// Opens the ward's register for an officer; with `pin`, also seals the session so that
/// the PIN reopens it after a lock.
#[tauri::command]
pub async fn sign_in(
    login: String,
    password: String,
    pin: Option<String>,
    app: AppHandle,
) -> Result<RegisterInfo, IpcError> {
    blocking(app, move |app, state| {
        if !state.folder().has_ward_register() {
            return Err(IpcError::new(ErrorCode::NoWardRegister, "no ward register to sign in to"));
        }
        let creds = Credentials::new(login.trim(), password);
        let store = Store::open(&state.folder().path(RegisterKind::Real), Some(&creds))?;
        let seal = pin.filter(|p| !p.is_empty()).map(|p| store.seal_session(&p)).transpose()?;
        state.with_seal(|s| *s = seal)?;
        show(app, state, store, RegisterKind::Real)
    })
    .await
}

/// Locks the open register if it has accounts (the demo ward has nothing to lock).
#[tauri::command]
pub async fn lock_register(app: AppHandle) -> Result<LockInfo, IpcError> {
    blocking(app, |_, state| {
        if let Some(store) = state.take()? {
            if store.account().is_some() {
                store.lock()?;
            } else {
                state.replace(store, |_| Ok(()))?;
            }
        }
        state.with_seal(|s| LockInfo::of(s.as_ref()))
    })
    .await
}

/// What the lock screen may offer now.
#[tauri::command]
pub async fn lock_state(app: AppHandle) -> Result<LockInfo, IpcError> {
    blocking(app, |_, state| state.with_seal(|s| LockInfo::of(s.as_ref()))).await
}

#[tauri::command]
pub async fn unlock_with_pin(pin: String, app: AppHandle) -> Result<RegisterInfo, IpcError> {
    blocking(app, move |app, state| {
        let unlocked = state.with_seal(|seal| {
            let result = match seal.as_mut() {
                Some(s) => s.unlock(&pin),
                None => Err(StoreError::PinExhausted),
            };
            if matches!(result, Err(StoreError::PinExhausted)) {
                *seal = None;
            }
            result
        })?;
        show(app, state, unlocked?, RegisterKind::Real)
    })
    .await
}

/// Closes the session: the register locks and the PIN no longer opens it.
#[tauri::command]
pub async fn sign_out(app: AppHandle) -> Result<(), IpcError> {
    blocking(app, |_, state| {
        state.with_seal(|s| *s = None)?;
        match state.take()? {
            Some(store) if store.account().is_some() => Ok(store.lock()?),
            Some(store) => state.replace(store, |_| Ok(())),
            None => Ok(()),
        }
    })
    .await
}
