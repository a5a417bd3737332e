//! Sex as the register records it.

use serde::{Deserialize, Serialize};

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Nam,
    Nu,
}

impl Sex {
    /// Reads `Nam`/`Nữ` in any case, with or without marks, NFC or NFD.
    pub fn parse(s: &str) -> Option<Sex> {
        match fold(s).as_str() {
            "nam" | "m" | "male" => Some(Sex::Nam),
            "nu" | "f" | "female" => Some(Sex::Nu),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sex::Nam => "Nam",
            Sex::Nu => "Nữ",
        }
    }

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Nam => "nam",
            Sex::Nu => "nu",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_register_spellings() {
        assert_eq!(Sex::parse("Nam"), Some(Sex::Nam));
        assert_eq!(Sex::parse("NỮ"), Some(Sex::Nu));
        assert_eq!(Sex::parse("nu"), Some(Sex::Nu));
        assert_eq!(Sex::parse("Nu\u{303}"), Some(Sex::Nu));
        assert_eq!(Sex::parse("khác"), None);
    }
}
