//! Who may do what: the five staff roles, the actions the core performs on a register,
//! and the one table that joins them.
//!
//! The check happens in the store's own methods ([`crate::store::Store::require`]), so
//! the app, the CLI and the ward server cannot forget it: a UI that hides a button is a
//! convenience, not the control.

use serde::{Deserialize, Serialize};

use crate::store::RegisterKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Cán bộ một cửa: looks citizens up, guides and files procedures, fixes records.
    DeskOfficer,
    /// Tổ công tác lưu động: as the desk, door to door.
    MobileTeam,
    /// Lãnh đạo / giám sát: also approves merges, sets targets, exports, reads the audit.
    Supervisor,
    /// Giảng viên: demo wards only.
    Trainer,
    /// Quản trị phường: accounts, devices, the catalog, imports of the register.
    WardAdmin,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::DeskOfficer, Role::MobileTeam, Role::Supervisor, Role::Trainer, Role::WardAdmin];

    pub fn code(self) -> &'static str {
        match self {
            Role::DeskOfficer => "desk_officer",
            Role::MobileTeam => "mobile_team",
            Role::Supervisor => "supervisor",
            Role::Trainer => "trainer",
            Role::WardAdmin => "ward_admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::DeskOfficer => "Cán bộ một cửa",
            Role::MobileTeam => "Tổ công tác lưu động",
            Role::Supervisor => "Lãnh đạo, giám sát",
            Role::Trainer => "Giảng viên",
            Role::WardAdmin => "Quản trị phường",
        }
    }
}

/// What the core does on a register on someone's behalf. Each one is checked, and each
/// one done is written to the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Search,
    ViewCitizen,
    EditCitizen,
    ImportRegister,
    ExportRegister,
    Print,
    ApproveMerge,
    SetTargets,
    ManageUsers,
    EnrollDevice,
    LoadCatalog,
    ViewAudit,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::Search,
        Action::ViewCitizen,
        Action::EditCitizen,
        Action::ImportRegister,
        Action::ExportRegister,
        Action::Print,
        Action::ApproveMerge,
        Action::SetTargets,
        Action::ManageUsers,
        Action::EnrollDevice,
        Action::LoadCatalog,
        Action::ViewAudit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Search => "search",
            Action::ViewCitizen => "view_citizen",
            Action::EditCitizen => "edit_citizen",
            Action::ImportRegister => "import_register",
            Action::ExportRegister => "export_register",
            Action::Print => "print",
            Action::ApproveMerge => "approve_merge",
            Action::SetTargets => "set_targets",
            Action::ManageUsers => "manage_users",
            Action::EnrollDevice => "enroll_device",
            Action::LoadCatalog => "load_catalog",
            Action::ViewAudit => "view_audit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Search => "tra cứu",
            Action::ViewCitizen => "xem hồ sơ công dân",
            Action::EditCitizen => "sửa hồ sơ công dân",
            Action::ImportRegister => "nhập sổ dân cư",
            Action::ExportRegister => "xuất sổ dân cư",
            Action::Print => "in phiếu",
            Action::ApproveMerge => "duyệt gộp bản ghi trùng",
            Action::SetTargets => "đặt chỉ tiêu",
            Action::ManageUsers => "quản lý tài khoản",
            Action::EnrollDevice => "đăng ký thiết bị",
            Action::LoadCatalog => "nạp danh mục thủ tục",
            Action::ViewAudit => "xem nhật ký truy cập",
        }
    }
}

/// Whether `role` may perform `action` in a register of `kind`.
///
/// Least privilege: the ward admin runs the system (accounts, devices, catalog, the
/// register's imports) and may look citizens up to check an import, but does not edit
/// or approve casework; bulk export is for supervisors and admins. A trainer works only
/// in demo wards, where they may show everything but enrollment (a demo never syncs).
pub fn permits(role: Role, action: Action, kind: RegisterKind) -> bool {
    use Action::*;
    match role {
        Role::Trainer => kind == RegisterKind::Demo && action != EnrollDevice,
        Role::DeskOfficer | Role::MobileTeam => matches!(action, Search | ViewCitizen | EditCitizen | Print),
        Role::Supervisor => matches!(
            action,
            Search
                | ViewCitizen
                | EditCitizen
                | Print
                | ExportRegister
                | ApproveMerge
                | SetTargets
                | ViewAudit
        ),
        Role::WardAdmin => matches!(
            action,
            Search
                | ViewCitizen
                | ImportRegister
                | ExportRegister
                | ManageUsers
                | EnrollDevice
                | LoadCatalog
                | ViewAudit
        ),
    }
}

/// The staff member a register was opened for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Officer {
    pub login: String,
    pub full_name: String,
    pub role: Role,
}

impl Officer {
    /// Who acts in a register that has no accounts (a plaintext one): in a demo ward a
    /// trainer; in a real one, the ward admin who keeps that file (the app never makes
    /// one; the CLI does for interchange and says so).
    pub fn unaccounted(kind: RegisterKind) -> Officer {
        let role = match kind {
            RegisterKind::Demo => Role::Trainer,
            RegisterKind::Real => Role::WardAdmin,
        };
        Officer { login: "local".into(), full_name: role.label().into(), role }
    }
}

/// A login name: 3–32 of `a-z 0-9 . _ -`, starting with a letter. Logins appear in the
/// audit log, so they must not be personal data beyond the staff member's handle.
pub fn valid_login(login: &str) -> bool {
    (3..=32).contains(&login.len())
        && login.starts_with(|c: char| c.is_ascii_lowercase())
        && login.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn a_trainer_touches_no_real_register() {
        for a in Action::ALL {
            assert!(!permits(Role::Trainer, a, RegisterKind::Real), "{a:?}");
        }
        assert!(permits(Role::Trainer, Action::ApproveMerge, RegisterKind::Demo));
        assert!(!permits(Role::Trainer, Action::EnrollDevice, RegisterKind::Demo));
    }

    #[test]
    fn logins_are_handles() {
        for ok in ["lan.nt", "admin", "tcl-04", "b_2"] {
            assert!(valid_login(ok), "{ok}");
        }
        for bad in ["", "ab", "Lan", "lân", "1abc", "a b", &"a".repeat(33)] {
            assert!(!valid_login(bad), "{bad}");
        }
    }
}
