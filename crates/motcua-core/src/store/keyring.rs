//! The register's key, wrapped once per account (`<file>.keys`, beside the database).
//!
//! An encrypted register has one random 256-bit data key. Each account holds a copy
//! sealed with ChaCha20-Poly1305 under a key Argon2id derives from that account's
//! password and its own salt, so officers have their own passwords, a password change
//! rewraps one slot, and removing an account removes its slot. The login is the
//! associated data: a slot cannot be moved to another login. The file holds no
//! personal data; losing it makes the register unreadable, so it travels with it.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::StoreError;

pub(crate) const DATA_KEY_LEN: usize = 32;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
/// Argon2id, 64 MiB, 3 passes, one lane: a quarter of a second here, and as costly for
/// anyone guessing passwords on a stolen laptop's files. Recorded per slot, so they can
/// be raised for new slots without breaking old ones.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
const FORMAT: u32 = 1;

pub(crate) type DataKey = Zeroizing<[u8; DATA_KEY_LEN]>;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot {
    login: String,
    memory_kib: u32,
    passes: u32,
    salt: String,
    nonce: String,
    sealed: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    format: u32,
    slots: Vec<Slot>,
}

pub(crate) struct Keyring {
    path: PathBuf,
    slots: Vec<Slot>,
}

pub(crate) fn path_for(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".keys");
    p.into()
}

impl Keyring {
    /// A new, empty keyring for the register at `db` (not written until a slot is added).
    pub(crate) fn new(db: &Path) -> Keyring {
        Keyring { path: path_for(db), slots: Vec::new() }
    }

    pub(crate) fn load(db: &Path) -> Result<Keyring, StoreError> {
        let path = path_for(db);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::KeyringMissing(path));
            }
            Err(e) => return Err(StoreError::Key(format!("{}: {e}", path.display()))),
        };
        let file: File =
            serde_json::from_str(&text).map_err(|e| StoreError::Key(format!("{}: {e}", path.display())))?;
        if file.format != FORMAT {
            return Err(StoreError::Key(format!("{}: unknown format {}", path.display(), file.format)));
        }
        Ok(Keyring { path, slots: file.slots })
    }

    /// The data key, if `login` has a slot and `password` opens it.
    pub(crate) fn unwrap(&self, login: &str, password: &str) -> Result<Option<DataKey>, StoreError> {
        let Some(slot) = self.slots.iter().find(|s| s.login == login) else {
            return Ok(None);
        };
        let salt = from_hex(&slot.salt)?;
        let kek = derive(password, &salt, slot.memory_kib, slot.passes)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&*kek));
        let nonce = from_hex(&slot.nonce)?;
        if nonce.len() != NONCE_LEN {
            return Err(StoreError::Key("bad nonce length".into()));
        }
        let opened = cipher.decrypt(
            Nonce::from_slice(&nonce),
            Payload { msg: &from_hex(&slot.sealed)?, aad: login.as_bytes() },
        );
        let Ok(plain) = opened else { return Ok(None) };
        let plain = Zeroizing::new(plain);
        let mut key: DataKey = Zeroizing::new([0; DATA_KEY_LEN]);
        if plain.len() != DATA_KEY_LEN {
            return Err(StoreError::Key("bad key length".into()));
        }
        key.copy_from_slice(&plain);
        Ok(Some(key))
    }

    /// Adds (or replaces) `login`'s slot and writes the file.
    pub(crate) fn seal(&mut self, login: &str, password: &str, key: &DataKey) -> Result<(), StoreError> {
        let salt: [u8; SALT_LEN] = random()?;
        let nonce: [u8; NONCE_LEN] = random()?;
        let kek = derive(password, &salt, MEMORY_KIB, PASSES)?;
        let sealed = ChaCha20Poly1305::new(Key::from_slice(&*kek))
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: &key[..], aad: login.as_bytes() })
            .map_err(|e| StoreError::Key(e.to_string()))?;
        self.slots.retain(|s| s.login != login);
        self.slots.push(Slot {
            login: login.into(),
            memory_kib: MEMORY_KIB,
            passes: PASSES,
            salt: to_hex(&salt),
            nonce: to_hex(&nonce),
            sealed: to_hex(&sealed),
        });
        self.write()
    }

    /// Removes `login`'s slot; true if it had one.
    pub(crate) fn remove(&mut self, login: &str) -> Result<bool, StoreError> {
        let before = self.slots.len();
        self.slots.retain(|s| s.login != login);
        if self.slots.len() == before {
            return Ok(false);
        }
        self.write()?;
        Ok(true)
    }

    /// Written whole to a temporary file, synced, then renamed over: a crash leaves the
    /// old keyring or the new one, never half of one.
    fn write(&self) -> Result<(), StoreError> {
        let io = |e: std::io::Error| StoreError::Key(format!("{}: {e}", self.path.display()));
        let text = serde_json::to_string_pretty(&File { format: FORMAT, slots: self.slots.clone() })
            .map_err(|e| StoreError::Key(e.to_string()))?;
        let mut tmp = self.path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(io)?;
            f.write_all(text.as_bytes()).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &self.path).map_err(io)
    }
}

pub(crate) fn new_data_key() -> Result<DataKey, StoreError> {
    Ok(Zeroizing::new(random()?))
}

pub(crate) fn random<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Key(e.to_string()))?;
    Ok(bytes)
}

pub(crate) fn derive(
    password: &str,
    salt: &[u8],
    memory_kib: u32,
    passes: u32,
) -> Result<DataKey, StoreError> {
    let params =
        Params::new(memory_kib, passes, 1, Some(DATA_KEY_LEN)).map_err(|e| StoreError::Key(e.to_string()))?;
    let mut out: DataKey = Zeroizing::new([0; DATA_KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, &mut *out)
        .map_err(|e| StoreError::Key(e.to_string()))?;
    Ok(out)
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(s: &str) -> Result<Vec<u8>, StoreError> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return Err(StoreError::Key("bad hex in the keyring".into()));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| StoreError::Key("bad hex in the keyring".into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_login_opens_its_own_slot_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.sqlite3");
        let key = new_data_key().unwrap();
        let mut ring = Keyring::new(&db);
        ring.seal("lan.nt", "mật khẩu Lan", &key).unwrap();
        ring.seal("binh.tv", "của Bình", &key).unwrap();
        let ring = Keyring::load(&db).unwrap();
        assert_eq!(*ring.unwrap("lan.nt", "mật khẩu Lan").unwrap().unwrap(), *key);
        assert_eq!(*ring.unwrap("binh.tv", "của Bình").unwrap().unwrap(), *key);
        assert!(ring.unwrap("lan.nt", "của Bình").unwrap().is_none());
        assert!(ring.unwrap("nobody", "mật khẩu Lan").unwrap().is_none());
        let text = std::fs::read_to_string(path_for(&db)).unwrap();
        assert!(!text.contains(&to_hex(&key[..])), "the key itself is never written");
    }

    #[test]
    fn a_slot_moved_to_another_login_does_not_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.sqlite3");
        let key = new_data_key().unwrap();
        let mut ring = Keyring::new(&db);
        ring.seal("lan.nt", "pw", &key).unwrap();
        let moved = std::fs::read_to_string(path_for(&db)).unwrap().replace("lan.nt", "mallory");
        std::fs::write(path_for(&db), moved).unwrap();
        assert!(Keyring::load(&db).unwrap().unwrap("mallory", "pw").unwrap().is_none());
    }

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        assert_eq!(from_hex(&to_hex(&[0, 1, 254, 255])).unwrap(), vec![0, 1, 254, 255]);
        assert!(from_hex("abc").is_err());
        assert!(from_hex("zz").is_err());
        assert!(from_hex("éé").is_err());
    }
}
