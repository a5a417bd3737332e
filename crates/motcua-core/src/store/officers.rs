//! Staff accounts of an encrypted register, and the role check every command makes.
//!
//! The account (login, name, role, disabled) lives in the encrypted database, so a role
//! cannot be changed without the key; the account's copy of the key lives in the
//! keyring. A plaintext register has no accounts ([`Officer::unaccounted`]).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::audit;
use super::keyring::Keyring;
use super::{RegisterKind, Store, StoreError};
use crate::access::{self, Action, Officer, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub login: String,
    pub full_name: String,
    pub role: Role,
    pub created_at: String,
    pub disabled_at: Option<String>,
}

impl Store {
    /// Who this register was opened for.
    pub fn officer(&self) -> Officer {
        match &self.account {
            Some(o) => o.clone(),
            None => Officer::unaccounted(self.kind_or_real()),
        }
    }

    /// The account that unlocked this register; `None` in a plaintext one.
    pub fn account(&self) -> Option<&Officer> {
        self.account.as_ref()
    }

    /// Refuses `action` unless the officer's role permits it in this register.
    pub fn require(&self, action: Action) -> Result<(), StoreError> {
        let officer = self.officer();
        if access::permits(officer.role, action, self.kind_or_real()) {
            Ok(())
        } else {
            Err(StoreError::Forbidden { role: officer.role, action })
        }
    }

    /// A register not set up yet is treated as real: the stricter of the two.
    fn kind_or_real(&self) -> RegisterKind {
        if let Some(kind) = self.kind.get() {
            return kind;
        }
        // The kind is written once and never changes, so it is read once.
        let found = self.register_meta().ok().flatten().map(|m| m.kind);
        self.kind.set(found);
        found.unwrap_or(RegisterKind::Real)
    }

    /// Adds a staff account with its own password (a slot in the keyring).
    pub fn add_officer(
        &mut self,
        login: &str,
        full_name: &str,
        role: Role,
        password: &str,
    ) -> Result<(), StoreError> {
        self.require(Action::ManageUsers)?;
        let (Some(key), Some(path)) = (self.data_key.as_ref(), self.path.as_ref()) else {
            return Err(StoreError::NoAccounts);
        };
        if !access::valid_login(login) {
            return Err(StoreError::InvalidAccount(format!("tên đăng nhập không hợp lệ: {login}")));
        }
        if full_name.trim().is_empty() || password.chars().count() < 8 {
            return Err(StoreError::InvalidAccount("cần họ tên và mật khẩu từ 8 ký tự".into()));
        }
        let me = self.officer().login;
        let tx = self.conn.transaction()?;
        let exists: Option<i64> =
            tx.query_row("SELECT 1 FROM officers WHERE login = ?1", [login], |r| r.get(0)).optional()?;
        if exists.is_some() {
            return Err(StoreError::InvalidAccount(format!("tài khoản {login} đã có")));
        }
        tx.execute(
            "INSERT INTO officers (login, full_name, role, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![login, full_name.trim(), role.code(), audit::now()],
        )?;
        audit::append(&tx, &me, Action::ManageUsers.code(), None, &format!("add {login} {}", role.code()))?;
        let mut ring = Keyring::load(path)?;
        ring.seal(login, password, key)?;
        if let Err(e) = tx.commit() {
            let _ = ring.remove(login);
            return Err(e.into());
        }
        Ok(())
    }

    pub fn officers(&self) -> Result<Vec<Account>, StoreError> {
        self.require(Action::ManageUsers)?;
        let mut stmt = self
            .conn
            .prepare("SELECT login, full_name, role, created_at, disabled_at FROM officers ORDER BY login")?;
        let rows = stmt.query_map([], |r| {
            let role: String = r.get(2)?;
            Ok(Account {
                login: r.get(0)?,
                full_name: r.get(1)?,
                role: Role::from_code(&role).unwrap_or(Role::DeskOfficer),
                created_at: r.get(3)?,
                disabled_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Disables an account and removes its key slot: that password opens nothing now.
    pub fn disable_officer(&mut self, login: &str) -> Result<(), StoreError> {
        self.require(Action::ManageUsers)?;
        let Some(path) = self.path.clone().filter(|_| self.data_key.is_some()) else {
            return Err(StoreError::NoAccounts);
        };
        let me = self.officer().login;
        if login == me {
            return Err(StoreError::InvalidAccount("không thể tự khoá tài khoản của mình".into()));
        }
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE officers SET disabled_at = ?2 WHERE login = ?1 AND disabled_at IS NULL",
            params![login, audit::now()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(login.to_string()));
        }
        audit::append(&tx, &me, Action::ManageUsers.code(), None, &format!("disable {login}"))?;
        Keyring::load(&path)?.remove(login)?;
        tx.commit()?;
        Ok(())
    }

    /// The officer's own new password: rewraps their slot.
    pub fn change_password(&mut self, new_password: &str) -> Result<(), StoreError> {
        let (Some(key), Some(path)) = (self.data_key.as_ref(), self.path.as_ref()) else {
            return Err(StoreError::NoAccounts);
        };
        if new_password.chars().count() < 8 {
            return Err(StoreError::InvalidAccount("mật khẩu cần từ 8 ký tự".into()));
        }
        let me = self.officer().login;
        Keyring::load(path)?.seal(&me, new_password, key)?;
        self.audit("change_password", None, "")
    }

    /// Gives the one account of a register not yet filled its owner's role and name: a
    /// device enrolled for a desk officer is that officer's, not a ward admin's.
    pub fn set_up_owner(&mut self, role: Role, full_name: &str) -> Result<(), StoreError> {
        let Some(me) = self.account.clone() else { return Err(StoreError::NoAccounts) };
        let accounts: i64 = self.conn.query_row("SELECT count(*) FROM officers", [], |r| r.get(0))?;
        if accounts != 1 || self.count_persons()? != 0 {
            return Err(StoreError::InvalidAccount("chỉ đặt được vai trò khi sổ vừa được tạo".into()));
        }
        self.conn.execute(
            "UPDATE officers SET role = ?2, full_name = ?3 WHERE login = ?1",
            params![me.login, role.code(), full_name],
        )?;
        self.account = Some(Officer { role, full_name: full_name.to_string(), ..me });
        Ok(())
    }

    /// Makes `login` the first ward admin of a register just created for them.
    pub(super) fn create_first_admin(&mut self, login: &str) -> Result<(), StoreError> {
        if !access::valid_login(login) {
            return Err(StoreError::InvalidAccount(format!("tên đăng nhập không hợp lệ: {login}")));
        }
        self.conn.execute(
            "INSERT INTO officers (login, full_name, role, created_at) VALUES (?1, ?1, ?2, ?3)",
            params![login, Role::WardAdmin.code(), audit::now()],
        )?;
        Ok(())
    }

    /// The account `login` unlocked, refused if it was disabled.
    pub(super) fn load_account(&mut self, login: &str) -> Result<(), StoreError> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row("SELECT full_name, role, disabled_at FROM officers WHERE login = ?1", [login], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        match row {
            Some((full_name, role, None)) => {
                let role =
                    Role::from_code(&role).ok_or_else(|| StoreError::Key(format!("unknown role {role}")))?;
                self.account = Some(Officer { login: login.into(), full_name, role });
                Ok(())
            }
            _ => Err(StoreError::AccountDisabled(login.to_string())),
        }
    }
}
