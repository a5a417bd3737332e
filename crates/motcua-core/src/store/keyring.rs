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
/// The keyring's format, which also says how SQLCipher lays out the register's pages
/// (see [`Keyring::cipher_pragmas`]); written by this binary for new registers.
const FORMAT: u32 = 2;
/// Formats an earlier MotCua wrote, still opened.
const FORMATS: std::ops::RangeInclusive<u32> = 1..=FORMAT;
/// What a slot may ask of Argon2id: a tampered file must not make an unlock allocate
/// gigabytes or spin for minutes.
const MEMORY_RANGE: std::ops::RangeInclusive<u32> = 8 * 1024..=1024 * 1024;
const PASSES_RANGE: std::ops::RangeInclusive<u32> = 1..=16;
/// ChaCha20-Poly1305 of a 32-byte key: the key and a 16-byte tag.
const SEALED_LEN: usize = DATA_KEY_LEN + 16;

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
    format: u32,
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
        Keyring { path: path_for(db), format: FORMAT, slots: Vec::new() }
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
        let (format, slots) =
            parse(&text).map_err(|e| StoreError::Key(format!("{}: {e}", path.display())))?;
        Ok(Keyring { path, format, slots })
    }

    /// A keyring of an earlier format, as an earlier MotCua made it.
    #[cfg(test)]
    pub(crate) fn of_format(db: &Path, format: u32) -> Keyring {
        Keyring { format, ..Keyring::new(db) }
    }

    /// What SQLCipher must be told, after the key and before the first read, to read
    /// the pages of a register of this keyring's format.
    ///
    /// Format 1 is SQLCipher 4's defaults: 4 KiB pages, HMAC-SHA512. Format 2 has 8 KiB
    /// pages and HMAC-SHA256: SQLCipher (through OpenSSL 3) spends ~4 µs of set-up on
    /// every page besides the hashing, and SHA-256 runs on the CPU's SHA extensions, so
    /// reading the register through costs ~40% less, where unlocking reads the search
    /// index's source whole (BENCHMARKS.md). Both MACs are full-strength.
    pub(crate) fn cipher_pragmas(&self) -> &'static str {
        match self.format {
            1 => "",
            _ => "PRAGMA cipher_page_size = 8192; PRAGMA cipher_hmac_algorithm = HMAC_SHA256;",
        }
    }

    /// The data key, if `login` has a slot and `password` opens it.
    pub(crate) fn unwrap(&self, login: &str, password: &str) -> Result<Option<DataKey>, StoreError> {
        let Some(slot) = self.slots.iter().find(|s| s.login == login) else {
            return Ok(None);
        };
        // Every field was checked by `parse`.
        let hex = |s: &str| from_hex(s).map_err(|e| StoreError::Key(e.into()));
        let kek = derive(password, &hex(&slot.salt)?, slot.memory_kib, slot.passes)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&*kek));
        let sealed = hex(&slot.sealed)?;
        let opened = cipher
            .decrypt(Nonce::from_slice(&hex(&slot.nonce)?), Payload { msg: &sealed, aad: login.as_bytes() });
        let Ok(plain) = opened else { return Ok(None) };
        let plain = Zeroizing::new(plain);
        let mut key: DataKey = Zeroizing::new([0; DATA_KEY_LEN]);
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
        let text = serde_json::to_string_pretty(&File { format: self.format, slots: self.slots.clone() })
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

/// Reads a keyring file, refusing any slot a sealing by this code could not have made.
fn parse(text: &str) -> Result<(u32, Vec<Slot>), String> {
    let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if file.format > FORMAT {
        return Err(format!("format {} is from a newer MotCua (this one reads up to {FORMAT})", file.format));
    }
    if !FORMATS.contains(&file.format) {
        return Err(format!("unknown format {}", file.format));
    }
    for slot in &file.slots {
        let len = |field: &str, s: &str, want: usize| match from_hex(s) {
            Ok(b) if b.len() == want => Ok(()),
            _ => Err(format!("slot {}: bad {field}", slot.login)),
        };
        len("salt", &slot.salt, SALT_LEN)?;
        len("nonce", &slot.nonce, NONCE_LEN)?;
        len("sealed key", &slot.sealed, SEALED_LEN)?;
        if !MEMORY_RANGE.contains(&slot.memory_kib) || !PASSES_RANGE.contains(&slot.passes) {
            return Err(format!("slot {}: Argon2 parameters out of range", slot.login));
        }
    }
    Ok((file.format, file.slots))
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

fn from_hex(s: &str) -> Result<Vec<u8>, &'static str> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return Err("bad hex in the keyring");
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| "bad hex in the keyring"))
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
    fn a_slot_asking_argon2_for_too_much_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.sqlite3");
        Keyring::new(&db).seal("lan.nt", "pw", &new_data_key().unwrap()).unwrap();
        let text = std::fs::read_to_string(path_for(&db)).unwrap();
        for (from, to) in
            [("\"memory_kib\": 65536", "\"memory_kib\": 4294967295"), ("\"passes\": 3", "\"passes\": 100000")]
        {
            assert!(text.contains(from), "{text}");
            std::fs::write(path_for(&db), text.replace(from, to)).unwrap();
            assert!(matches!(Keyring::load(&db), Err(StoreError::Key(e)) if e.contains("out of range")));
        }
    }

    fn one_slot() -> serde_json::Value {
        let slot = Slot {
            login: "lan.nt".into(),
            memory_kib: MEMORY_KIB,
            passes: PASSES,
            salt: to_hex(&[1; SALT_LEN]),
            nonce: to_hex(&[2; NONCE_LEN]),
            sealed: to_hex(&[3; SEALED_LEN]),
        };
        serde_json::to_value(File { format: FORMAT, slots: vec![slot] }).unwrap()
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// A keyring file from anywhere: garbage, or a sound one with one field
            /// changed. Reading never panics, and what it accepts `unwrap` can use.
            #[test]
            fn any_keyring_text_is_read_or_refused_cleanly(
                garbage in ".{0,200}",
                field in 0usize..6,
                value in prop_oneof![".{0,80}", "[0-9a-f]{0,120}", any::<u64>().prop_map(|n| n.to_string())],
            ) {
                let _ = parse(&garbage);
                let mut json = one_slot();
                let name = ["login", "memory_kib", "passes", "salt", "nonce", "sealed"][field];
                json["slots"][0][name] =
                    value.parse::<u64>().map_or_else(|_| serde_json::Value::from(value.clone()), serde_json::Value::from);
                if let Ok((_, slots)) = parse(&json.to_string()) {
                    let s = &slots[0];
                    prop_assert_eq!(from_hex(&s.salt).map(|b| b.len()), Ok(SALT_LEN));
                    prop_assert_eq!(from_hex(&s.nonce).map(|b| b.len()), Ok(NONCE_LEN));
                    prop_assert_eq!(from_hex(&s.sealed).map(|b| b.len()), Ok(SEALED_LEN));
                    prop_assert!(MEMORY_RANGE.contains(&s.memory_kib) && PASSES_RANGE.contains(&s.passes));
                }
            }
        }
    }

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        assert_eq!(from_hex(&to_hex(&[0, 1, 254, 255])).unwrap(), vec![0, 1, 254, 255]);
        assert!(from_hex("abc").is_err());
        assert!(from_hex("zz").is_err());
        assert!(from_hex("éé").is_err());
    }
}
