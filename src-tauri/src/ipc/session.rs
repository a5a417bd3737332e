use motcua_core::access::{Officer, Role};
use motcua_core::store::SessionLock;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RegisterInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StaffRole {
    DeskOfficer,
    MobileTeam,
    Supervisor,
    Trainer,
    WardAdmin,
}

impl From<Role> for StaffRole {
    fn from(r: Role) -> Self {
        match r {
            Role::DeskOfficer => StaffRole::DeskOfficer,
            Role::MobileTeam => StaffRole::MobileTeam,
            Role::Supervisor => StaffRole::Supervisor,
            Role::Trainer => StaffRole::Trainer,
            Role::WardAdmin => StaffRole::WardAdmin,
        }
    }
}

/// The staff member an encrypted register is open for.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OfficerInfo {
    pub login: String,
    pub full_name: String,
    pub role: StaffRole,
}

impl From<Officer> for OfficerInfo {
    fn from(o: Officer) -> Self {
        OfficerInfo { login: o.login, full_name: o.full_name, role: o.role.into() }
    }
}

/// The ward's register as the register screen sees it: absent, locked (encrypted and
/// not open), or open with its figures.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WardRegister {
    pub exists: bool,
    pub locked: bool,
    pub info: Option<RegisterInfo>,
}

/// What the lock screen offers: whose session, and whether their PIN can reopen it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LockInfo {
    pub login: Option<String>,
    pub pin: bool,
    pub tries_left: u32,
}

impl LockInfo {
    pub fn of(seal: Option<&SessionLock>) -> Self {
        LockInfo {
            login: seal.map(|s| s.login().to_string()),
            pin: seal.is_some_and(|s| s.tries_left() > 0),
            tries_left: seal.map_or(0, |s| s.tries_left()),
        }
    }
}

/// The first ward admin, made with the register by the first import.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewAccount {
    pub login: String,
    pub password: String,
}
