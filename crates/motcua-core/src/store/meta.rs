//! Facts about the register itself: which ward it holds and whether it is a demo.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};

/// Demo data and real data never share a database: the kind is written once, when the
/// register is set up, and never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegisterKind {
    Real,
    Demo,
}

impl RegisterKind {
    fn as_str(self) -> &'static str {
        match self {
            RegisterKind::Real => "real",
            RegisterKind::Demo => "demo",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterMeta {
    pub kind: RegisterKind,
    /// 2025 commune code.
    pub ward_code: String,
    pub ward: String,
    pub province: String,
}

impl Store {
    /// Records which register this database holds. A register is set up once.
    pub fn init_register(&mut self, meta: &RegisterMeta) -> Result<(), StoreError> {
        self.require(crate::access::Action::ImportRegister)?;
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        write_meta(&tx, meta)?;
        super::audit::append(&tx, &officer, "init_register", None, meta.kind.as_str())?;
        tx.commit()?;
        Ok(())
    }

    /// `None` for a database nobody has set up yet.
    pub fn register_meta(&self) -> Result<Option<RegisterMeta>, StoreError> {
        let get = |key: &str| -> Result<Option<String>, StoreError> {
            Ok(self
                .conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?)
        };
        let Some(kind) = get("kind")? else {
            return Ok(None);
        };
        let kind = if kind == "demo" { RegisterKind::Demo } else { RegisterKind::Real };
        Ok(Some(RegisterMeta {
            kind,
            ward_code: get("ward_code")?.unwrap_or_default(),
            ward: get("ward")?.unwrap_or_default(),
            province: get("province")?.unwrap_or_default(),
        }))
    }
}

pub(super) fn write_meta(tx: &Transaction<'_>, meta: &RegisterMeta) -> Result<(), StoreError> {
    let existing: Option<String> =
        tx.query_row("SELECT value FROM meta WHERE key = 'kind'", [], |r| r.get(0)).optional()?;
    if let Some(kind) = existing {
        return Err(StoreError::AlreadyInitialized(kind));
    }
    let mut ins = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    for (k, v) in [
        ("kind", meta.kind.as_str()),
        ("ward_code", &meta.ward_code),
        ("ward", &meta.ward),
        ("province", &meta.province),
    ] {
        ins.execute(params![k, v])?;
    }
    Ok(())
}
