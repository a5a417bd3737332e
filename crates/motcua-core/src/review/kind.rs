//! The finding kinds of `register-csv.md`: stable codes, severities, Vietnamese labels.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    IdFormat,
    IdProvince,
    IdBirthMismatch,
    IdShared,
    MissingField,
    PartialBirthDate,
    InvalidDate,
    FamilyInconsistent,
    DeceasedResident,
    UnknownAdminUnit,
    LegacyAdminUnit,
    NotNormalized,
    Duplicate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::IdFormat,
        Kind::IdProvince,
        Kind::IdBirthMismatch,
        Kind::IdShared,
        Kind::MissingField,
        Kind::PartialBirthDate,
        Kind::InvalidDate,
        Kind::FamilyInconsistent,
        Kind::DeceasedResident,
        Kind::UnknownAdminUnit,
        Kind::LegacyAdminUnit,
        Kind::NotNormalized,
        Kind::Duplicate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::IdFormat => "id_format",
            Kind::IdProvince => "id_province",
            Kind::IdBirthMismatch => "id_birth_mismatch",
            Kind::IdShared => "id_shared",
            Kind::MissingField => "missing_field",
            Kind::PartialBirthDate => "partial_birth_date",
            Kind::InvalidDate => "invalid_date",
            Kind::FamilyInconsistent => "family_inconsistent",
            Kind::DeceasedResident => "deceased_resident",
            Kind::UnknownAdminUnit => "unknown_admin_unit",
            Kind::LegacyAdminUnit => "legacy_admin_unit",
            Kind::NotNormalized => "not_normalized",
            Kind::Duplicate => "duplicate",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What the worklist calls the kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::IdFormat => "Số định danh/CMND sai định dạng",
            Kind::IdProvince => "Mã tỉnh trong số định danh không tồn tại",
            Kind::IdBirthMismatch => "Số định danh không khớp giới tính/năm sinh",
            Kind::IdShared => "Một số định danh cho nhiều người",
            Kind::MissingField => "Thiếu thông tin",
            Kind::PartialBirthDate => "Ngày sinh chưa đầy đủ",
            Kind::InvalidDate => "Ngày tháng không hợp lệ",
            Kind::FamilyInconsistent => "Quan hệ gia đình, hộ không hợp lý",
            Kind::DeceasedResident => "Người đã chết còn đăng ký cư trú",
            Kind::UnknownAdminUnit => "Địa chỉ không xác định được đơn vị hành chính",
            Kind::LegacyAdminUnit => "Địa chỉ theo đơn vị hành chính cũ",
            Kind::NotNormalized => "Văn bản chưa chuẩn hóa",
            Kind::Duplicate => "Bản ghi trùng",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Kind::IdFormat
            | Kind::IdProvince
            | Kind::IdBirthMismatch
            | Kind::IdShared
            | Kind::InvalidDate
            | Kind::DeceasedResident => Severity::Error,
            Kind::MissingField
            | Kind::FamilyInconsistent
            | Kind::UnknownAdminUnit
            | Kind::Duplicate
            | Kind::PartialBirthDate => Severity::Warning,
            Kind::LegacyAdminUnit | Kind::NotNormalized => Severity::Info,
        }
    }

    /// Working days an officer has to settle a finding of this kind, unless the ward set
    /// its own: errors first, since they block procedures; a citizen's correction request
    /// is decided within 2 working days (NĐ 70/2024).
    pub fn default_deadline_days(self) -> u32 {
        match self.severity() {
            Severity::Error => 2,
            Severity::Warning => 5,
            Severity::Info => 10,
        }
    }
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.code()));
        }
        assert_eq!(Kind::from_code("nope"), None);
    }
}
