//! Locking an open register for a while, and the quick PIN that reopens it.
//!
//! The app locks after the officer has been idle (and on demand): the database is
//! closed and what is kept in memory is the data key sealed under the session PIN
//! (Argon2id, then ChaCha20-Poly1305), never the password or the bare key. Three wrong
//! PINs destroy the seal, and the full password is needed again. The PIN lives for one
//! run of the app; nothing of it is written to disk.

use std::path::PathBuf;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use zeroize::Zeroizing;

use super::keyring::{self, DATA_KEY_LEN, DataKey, Keyring};
use super::{FileState, Store, StoreError, key};

/// Wrong PINs before the seal is destroyed.
pub const PIN_TRIES: u32 = 3;
/// Lighter than the password's Argon2id (OWASP's minimum): the seal never leaves
/// this process's memory, and three guesses are all anyone gets.
const PIN_MEMORY_KIB: u32 = 19 * 1024;
const PIN_PASSES: u32 = 2;

/// A locked register that the session PIN reopens for the same officer.
pub struct SessionLock {
    path: PathBuf,
    login: String,
    salt: [u8; 16],
    nonce: [u8; 12],
    sealed: Vec<u8>,
    tries_left: u32,
}

impl std::fmt::Debug for SessionLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SessionLock({}, {} tries left)", self.login, self.tries_left)
    }
}

/// 4 to 8 digits.
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

impl Store {
    /// The seal `pin` will reopen this register with, for the same officer, once it is
    /// locked. Only an encrypted register has one: a plaintext one has nothing to lock.
    pub fn seal_session(&self, pin: &str) -> Result<SessionLock, StoreError> {
        if !valid_pin(pin) {
            return Err(StoreError::InvalidAccount("mã PIN gồm 4 đến 8 chữ số".into()));
        }
        let (Some(data_key), Some(path), Some(officer)) = (&self.data_key, &self.path, &self.account) else {
            return Err(StoreError::NoAccounts);
        };
        let salt = keyring::random()?;
        let nonce = keyring::random()?;
        let kek = keyring::derive(pin, &salt, PIN_MEMORY_KIB, PIN_PASSES)?;
        let sealed = ChaCha20Poly1305::new(Key::from_slice(&*kek))
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: &data_key[..], aad: officer.login.as_bytes() })
            .map_err(|e| StoreError::Key(e.to_string()))?;
        Ok(SessionLock {
            path: path.clone(),
            login: officer.login.clone(),
            salt,
            nonce,
            sealed,
            tries_left: PIN_TRIES,
        })
    }

    /// Closes the register, recording that the officer's session was locked.
    pub fn lock(self) -> Result<(), StoreError> {
        self.audit("lock", None, "")
    }

    /// A second connection to the same register for the same officer (an import writes
    /// through its own while searches go on), without asking for the password again.
    pub fn reopen(&self) -> Result<Store, StoreError> {
        let Some(path) = &self.path else {
            return Err(StoreError::NotInitialized);
        };
        match (&self.data_key, &self.account) {
            (Some(k), Some(officer)) => open_with_key(path, k, &officer.login, "reopen"),
            _ => Store::open(path, None),
        }
    }
}

impl SessionLock {
    pub fn login(&self) -> &str {
        &self.login
    }

    pub fn tries_left(&self) -> u32 {
        self.tries_left
    }

    /// Reopens the register with `pin`. A wrong PIN costs a try; with none left the
    /// seal is wiped and [`StoreError::PinExhausted`] says the password is needed.
    pub fn unlock(&mut self, pin: &str) -> Result<Store, StoreError> {
        if self.tries_left == 0 {
            return Err(StoreError::PinExhausted);
        }
        let kek = keyring::derive(pin, &self.salt, PIN_MEMORY_KIB, PIN_PASSES)?;
        let opened = ChaCha20Poly1305::new(Key::from_slice(&*kek)).decrypt(
            Nonce::from_slice(&self.nonce),
            Payload { msg: &self.sealed, aad: self.login.as_bytes() },
        );
        let Ok(plain) = opened.map(Zeroizing::new) else {
            self.tries_left -= 1;
            if self.tries_left == 0 {
                self.sealed.iter_mut().for_each(|b| *b = 0);
                return Err(StoreError::PinExhausted);
            }
            return Err(StoreError::WrongPin { tries_left: self.tries_left });
        };
        let mut data_key: DataKey = Zeroizing::new([0; DATA_KEY_LEN]);
        data_key.copy_from_slice(&plain);
        self.tries_left = PIN_TRIES;
        open_with_key(&self.path, &data_key, &self.login, "pin")
    }
}

fn open_with_key(
    path: &std::path::Path,
    data_key: &DataKey,
    login: &str,
    how: &str,
) -> Result<Store, StoreError> {
    let FileState::Encrypted { salt } = key::file_state(path).map_err(|e| StoreError::Key(e.to_string()))?
    else {
        return Err(StoreError::NotEncrypted);
    };
    let conn = key::connect(path, data_key, &salt, &Keyring::load(path)?)?;
    let mut store = Store::setup(conn, super::migrations::LATEST)?;
    store.load_account(login)?;
    store.data_key = Some(Zeroizing::new(**data_key));
    store.path = Some(path.to_path_buf());
    store.audit("unlock", None, how)?;
    Ok(store)
}
