//! Guessing passwords at the desk: after repeated wrong passwords a register refuses
//! further tries for a while, doubling each time.
//!
//! The count lives beside the register (`<file>.unlock`), not in it: a register that
//! cannot be opened cannot record anything in itself. Deleting that file resets the
//! count, so this slows a person at the keyboard; what protects a copied file is the
//! cost of Argon2id per guess.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Wrong passwords allowed before the first wait.
pub const FREE_TRIES: u32 = 5;
const FIRST_WAIT_SECONDS: i64 = 30;
const LONGEST_WAIT_SECONDS: i64 = 3600;

pub struct Lockout {
    path: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    failures: u32,
    /// Unix seconds before which no password is tried.
    locked_until: i64,
}

impl Lockout {
    pub fn for_register(db: &Path) -> Lockout {
        let mut path = db.as_os_str().to_owned();
        path.push(".unlock");
        Lockout { path: path.into() }
    }

    /// How many seconds are left to wait at `now`, if any.
    pub fn wait(&self, now: i64) -> Option<i64> {
        let left = self.state().locked_until - now;
        (left > 0).then_some(left)
    }

    /// Counts a wrong password tried at `now`; returns the wait it starts, if any.
    pub fn failed(&self, now: i64) -> std::io::Result<Option<i64>> {
        let mut state = self.state();
        state.failures += 1;
        let wait = state
            .failures
            .checked_sub(FREE_TRIES)
            .map(|extra| FIRST_WAIT_SECONDS.saturating_mul(1i64 << extra.min(20)).min(LONGEST_WAIT_SECONDS));
        if let Some(w) = wait {
            state.locked_until = now + w;
        }
        std::fs::write(&self.path, serde_json::to_vec(&state).expect("plain data serializes"))?;
        Ok(wait)
    }

    /// The right password: the count starts again.
    pub fn succeeded(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn state(&self) -> State {
        // An unreadable count is no count: the file only slows guessing down.
        std::fs::read(&self.path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_the_free_tries_and_double() {
        let dir = tempfile::tempdir().unwrap();
        let l = Lockout::for_register(&dir.path().join("r.sqlite3"));
        for _ in 1..FREE_TRIES {
            assert_eq!(l.failed(1000).unwrap(), None);
        }
        assert_eq!(l.wait(1000), None);
        assert_eq!(l.failed(1000).unwrap(), Some(30));
        assert_eq!(l.wait(1010), Some(20));
        assert_eq!(l.wait(1030), None, "the wait ends");
        assert_eq!(l.failed(1030).unwrap(), Some(60));
        assert_eq!(l.failed(1100).unwrap(), Some(120));
        for _ in 0..30 {
            l.failed(2000).unwrap();
        }
        assert_eq!(l.wait(2000), Some(3600), "never more than an hour");
        l.succeeded().unwrap();
        assert_eq!(l.wait(2000), None);
        assert_eq!(l.failed(2000).unwrap(), None, "the count started again");
    }
}
