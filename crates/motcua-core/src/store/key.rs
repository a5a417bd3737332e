//! Encryption at rest: SQLCipher with a random 256-bit data key per register, which
//! each account's password unwraps from the keyring (`keyring`).
//!
//! SQLCipher is handed the raw key with the file's own salt (`x'<key><salt>'`, the salt
//! being the first 16 bytes of the file, random per database), which skips its PBKDF2:
//! the cost of a guess is the keyring's Argon2id.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::keyring::{self, DataKey, Keyring};
use super::{Lockout, StoreError};

pub(super) const SALT_LEN: usize = 16;
/// What a plaintext SQLite file starts with; an encrypted one starts with its salt.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An officer's login and password for an encrypted register; the password is wiped
/// from memory when dropped.
pub struct Credentials {
    login: String,
    password: Zeroizing<String>,
}

impl Credentials {
    pub fn new(login: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials { login: login.into(), password: Zeroizing::new(password.into()) }
    }

    pub fn login(&self) -> &str {
        &self.login
    }

    pub(super) fn password(&self) -> &str {
        &self.password
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, …)", self.login)
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

/// An encrypted connection and what opened it.
pub(super) struct Opened {
    pub conn: Connection,
    pub key: DataKey,
    /// A new register: the caller makes `creds`' account its first ward admin.
    pub created: bool,
}

/// Opens `path` (in `state`, not plaintext) for `creds`: a new file is created encrypted
/// with a fresh data key sealed for them. Wrong passwords are counted, and refused for a
/// while after a few.
pub(super) fn open_encrypted(
    path: &Path,
    creds: &Credentials,
    state: FileState,
) -> Result<Opened, StoreError> {
    let (key, salt, ring, created) = match state {
        FileState::Encrypted { salt } => {
            let (key, ring) = unlock(path, creds)?;
            (key, salt, ring, false)
        }
        FileState::New | FileState::Plain => {
            let key = keyring::new_data_key()?;
            // The slot first: a crash before the database exists leaves a stray keyring,
            // which the next creation replaces; the other order would lose the register.
            let mut ring = Keyring::new(path);
            ring.seal(creds.login(), creds.password(), &key)?;
            (key, keyring::random()?, ring, true)
        }
    };
    let conn = connect(path, &key, &salt, &ring)?;
    Ok(Opened { conn, key, created })
}

/// A new encrypted register in an earlier keyring format, as an earlier MotCua created
/// one (`open_encrypted` creates in the latest).
#[cfg(test)]
pub(super) fn create_in_format(
    path: &Path,
    creds: &Credentials,
    format: u32,
) -> Result<Connection, StoreError> {
    let key = keyring::new_data_key()?;
    let mut ring = Keyring::of_format(path, format);
    ring.seal(creds.login(), creds.password(), &key)?;
    connect(path, &key, &keyring::random()?, &ring)
}

/// A connection to the encrypted file at `path` with its data key and salt, its pages
/// laid out as `ring`'s format says.
pub(super) fn connect(
    path: &Path,
    key: &DataKey,
    salt: &[u8; SALT_LEN],
    ring: &Keyring,
) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    // The statement holds the key too: wiped like the key itself.
    let sql = Zeroizing::new(format!("PRAGMA key = \"{}\";", *pragma_value(key, salt)));
    conn.execute_batch(&sql)?;
    conn.execute_batch(ring.cipher_pragmas())?;
    // SQLCipher checks the key at the first read of the file.
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            return Err(StoreError::Key(format!(
                "{} does not belong to this register",
                keyring::path_for(path).display()
            )));
        }
        other => other?,
    };
    Ok(conn)
}

/// The data key from `creds`' slot, and the keyring it came from, counting a wrong
/// login or password.
fn unlock(path: &Path, creds: &Credentials) -> Result<(DataKey, Keyring), StoreError> {
    let lockout = Lockout::for_register(path);
    let now = unix_now();
    if let Some(seconds) = lockout.wait(now) {
        return Err(StoreError::LockedOut { seconds });
    }
    let ring = Keyring::load(path)?;
    match ring.unwrap(creds.login(), creds.password())? {
        Some(key) => {
            // Failing to reset the count only makes a later mistake cost more.
            let _ = lockout.succeeded();
            Ok((key, ring))
        }
        None => Err(match lockout.failed(now) {
            Ok(Some(seconds)) => StoreError::LockedOut { seconds },
            _ => StoreError::WrongPassword,
        }),
    }
}

pub(super) fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The `PRAGMA key` value: SQLCipher's raw key followed by the file's salt.
fn pragma_value(key: &DataKey, salt: &[u8; SALT_LEN]) -> Zeroizing<String> {
    let mut value = Zeroizing::new(String::with_capacity(3 + 2 * (keyring::DATA_KEY_LEN + SALT_LEN)));
    value.push_str("x'");
    for b in key.iter().chain(salt) {
        value.push_str(&format!("{b:02x}"));
    }
    value.push('\'');
    value
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
    fn the_pragma_carries_key_then_salt() {
        let key: DataKey = Zeroizing::new([0xab; keyring::DATA_KEY_LEN]);
        let v = pragma_value(&key, &[1u8; SALT_LEN]);
        assert_eq!(*v, format!("x'{}{}'", "ab".repeat(32), "01".repeat(16)));
    }
}
