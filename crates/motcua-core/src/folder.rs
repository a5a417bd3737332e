//! The app's folder of registers: the demo ward, the ward's own register, and which of
//! the two the officer last chose to work in.
//!
//! The two are separate files so that demo residents can never mix with real ones:
//! imports go only into the ward's register, and the demo ward never syncs.

use std::path::{Path, PathBuf};

use crate::store::RegisterKind;

const DEMO_FILE: &str = "demo-ward.sqlite3";
const WARD_FILE: &str = "ward-register.sqlite3";
/// Holds `demo` or `real`; absent until the officer first chooses (or imports).
const CHOICE_FILE: &str = "open-register";

pub struct RegisterFolder {
    dir: PathBuf,
}

impl RegisterFolder {
    pub fn new(dir: impl Into<PathBuf>) -> RegisterFolder {
        RegisterFolder { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, kind: RegisterKind) -> PathBuf {
        self.dir.join(match kind {
            RegisterKind::Demo => DEMO_FILE,
            RegisterKind::Real => WARD_FILE,
        })
    }

    /// Whether the ward's own register has been made (by a first import).
    pub fn has_ward_register(&self) -> bool {
        self.path(RegisterKind::Real).exists()
    }

    /// The register to open: the one chosen last, the demo ward on a first start, and
    /// the demo ward again if the ward's register has gone.
    pub fn chosen(&self) -> RegisterKind {
        let choice = std::fs::read_to_string(self.dir.join(CHOICE_FILE)).unwrap_or_default();
        if choice.trim() == "real" && self.has_ward_register() {
            RegisterKind::Real
        } else {
            RegisterKind::Demo
        }
    }

    pub fn choose(&self, kind: RegisterKind) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let word = match kind {
            RegisterKind::Demo => "demo",
            RegisterKind::Real => "real",
        };
        std::fs::write(self.dir.join(CHOICE_FILE), word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_start_opens_the_demo_ward() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(RegisterFolder::new(dir.path()).chosen(), RegisterKind::Demo);
    }

    #[test]
    fn the_choice_is_kept_while_the_ward_register_exists() {
        let dir = tempfile::tempdir().unwrap();
        let folder = RegisterFolder::new(dir.path().join("app"));
        folder.choose(RegisterKind::Real).unwrap();
        assert_eq!(folder.chosen(), RegisterKind::Demo, "no ward register yet");
        std::fs::write(folder.path(RegisterKind::Real), b"").unwrap();
        assert_eq!(folder.chosen(), RegisterKind::Real);
        folder.choose(RegisterKind::Demo).unwrap();
        assert_eq!(folder.chosen(), RegisterKind::Demo);
    }

    #[test]
    fn demo_and_ward_are_different_files() {
        let folder = RegisterFolder::new("x");
        assert_ne!(folder.path(RegisterKind::Demo), folder.path(RegisterKind::Real));
    }
}
