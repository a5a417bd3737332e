//! Encryption at rest: SQLCipher with a raw 256-bit key derived from the officer's
//! password by Argon2id.
//!
//! The Argon2 salt is SQLCipher's own: the first 16 bytes of the file, random for each
//! database and plaintext by design. Handing SQLCipher the raw key with that salt
//! (`x'<key><salt>'`) skips its own PBKDF2, so unlocking costs one Argon2id run, and no
//! side file can go missing.

use std::io::Read;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{Lockout, StoreError};

pub(super) const SALT_LEN: usize = 16;
const KEY_LEN: usize = 32;
/// Argon2id, 64 MiB, 3 passes, one lane: a quarter of a second here, and as costly for
/// anyone guessing passwords on a stolen laptop's file. Changing them makes every
/// existing register unopenable, so they are part of the file format.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
/// What a plaintext SQLite file starts with; an encrypted one starts with its salt.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The password that unlocks an encrypted register, wiped from memory when dropped.
pub struct StoreKey(Zeroizing<String>);

impl StoreKey {
    pub fn new(secret: impl Into<String>) -> Self {
        StoreKey(Zeroizing::new(secret.into()))
    }
}

impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreKey(…)")
    }
}

/// What the start of a database file says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one: a new register.
    New,
    Plain,
    Encrypted {
        salt: [u8; SALT_LEN],
    },
}

pub fn file_state(path: &Path) -> std::io::Result<FileState> {
    let mut head = [0u8; SALT_LEN];
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(e) => return Err(e),
    };
    let mut read = 0;
    while read < SALT_LEN {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(match read {
        0 => FileState::New,
        _ if &head == SQLITE_HEADER => FileState::Plain,
        SALT_LEN => FileState::Encrypted { salt: head },
        // Shorter than a header and not empty: not ours; SQLite will say so.
        _ => FileState::Plain,
    })
}

/// Opens `path` (in `state`, not plaintext) with `key`: a new file is created encrypted
/// with a fresh salt. Wrong passwords are counted, and refused for a while after a few.
pub(super) fn open_encrypted(
    path: &Path,
    key: &StoreKey,
    state: FileState,
) -> Result<Connection, StoreError> {
    let salt = match state {
        FileState::Encrypted { salt } => salt,
        FileState::New | FileState::Plain => new_salt()?,
    };
    let lockout = Lockout::for_register(path);
    let now = unix_now();
    if let Some(seconds) = lockout.wait(now) {
        return Err(StoreError::LockedOut { seconds });
    }
    let conn = Connection::open(path)?;
    // The statement holds the key too: wiped like the key itself.
    let sql = Zeroizing::new(format!("PRAGMA key = \"{}\";", *pragma_value(key, &salt)?));
    conn.execute_batch(&sql)?;
    // SQLCipher checks the key at the first read of the file.
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            return Err(match lockout.failed(now) {
                Ok(Some(seconds)) => StoreError::LockedOut { seconds },
                _ => StoreError::WrongPassword,
            });
        }
        other => other?,
    };
    // Failing to reset the count only makes a later mistake cost more.
    let _ = lockout.succeeded();
    Ok(conn)
}

pub(super) fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A fresh random salt for a new encrypted register.
fn new_salt() -> Result<[u8; SALT_LEN], StoreError> {
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|e| StoreError::Key(e.to_string()))?;
    Ok(salt)
}

/// The `PRAGMA key` value for `key` and `salt`: the Argon2id hash as SQLCipher's raw key.
fn pragma_value(key: &StoreKey, salt: &[u8; SALT_LEN]) -> Result<Zeroizing<String>, StoreError> {
    let params =
        Params::new(MEMORY_KIB, PASSES, 1, Some(KEY_LEN)).map_err(|e| StoreError::Key(e.to_string()))?;
    let mut raw = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(key.0.as_bytes(), salt, &mut *raw)
        .map_err(|e| StoreError::Key(e.to_string()))?;
    let mut value = Zeroizing::new(String::with_capacity(3 + 2 * (KEY_LEN + SALT_LEN)));
    value.push_str("x'");
    for b in raw.iter().chain(salt) {
        value.push_str(&format!("{b:02x}"));
    }
    value.push('\'');
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_says_whether_it_is_new_plain_or_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        assert_eq!(file_state(&p).unwrap(), FileState::New);
        std::fs::write(&p, b"").unwrap();
        assert_eq!(file_state(&p).unwrap(), FileState::New);
        std::fs::write(&p, b"SQLite format 3\0and more").unwrap();
        assert_eq!(file_state(&p).unwrap(), FileState::Plain);
        std::fs::write(&p, [7u8; 40]).unwrap();
        assert_eq!(file_state(&p).unwrap(), FileState::Encrypted { salt: [7; 16] });
    }

    #[test]
    fn the_key_depends_on_password_and_salt() {
        let (a, b) = (StoreKey::new("mật khẩu"), StoreKey::new("mat khau"));
        let (s1, s2) = ([1u8; SALT_LEN], [2u8; SALT_LEN]);
        let k = pragma_value(&a, &s1).unwrap();
        assert_eq!(k.len(), 3 + 2 * (KEY_LEN + SALT_LEN));
        assert!(k.ends_with(&format!("{}'", "01".repeat(SALT_LEN))), "the salt rides along");
        assert_eq!(*k, *pragma_value(&a, &s1).unwrap());
        assert_ne!(*k, *pragma_value(&b, &s1).unwrap());
        assert_ne!(*k, *pragma_value(&a, &s2).unwrap());
    }
}
