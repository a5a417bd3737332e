use motcua_core::store::{RegisterKind, RegisterSummary};
use serde::Serialize;
use ts_rs::TS;

use super::OfficerInfo;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RegisterInfo {
    pub ward: String,
    pub province: String,
    pub is_demo: bool,
    pub residents: u32,
    pub households: u32,
    pub residential_groups: u32,
    /// Who it is open for; `None` in a register without accounts (the demo ward).
    pub officer: Option<OfficerInfo>,
}

impl RegisterInfo {
    pub fn new(s: RegisterSummary, officer: Option<OfficerInfo>) -> Self {
        RegisterInfo { officer, ..s.into() }
    }
}

impl From<RegisterSummary> for RegisterInfo {
    fn from(s: RegisterSummary) -> Self {
        RegisterInfo {
            ward: s.meta.ward,
            province: s.meta.province,
            is_demo: s.meta.kind == RegisterKind::Demo,
            residents: s.residents as u32,
            households: s.households as u32,
            residential_groups: s.residential_groups as u32,
            officer: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegisterStage {
    Generating,
    Writing,
}

/// Payload of the `register-progress` event while the demo ward is made.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RegisterProgress {
    pub stage: RegisterStage,
    pub done: u32,
    pub total: u32,
}

impl RegisterProgress {
    pub fn new(stage: motcua_demo::Stage, done: usize, total: usize) -> Self {
        let stage = match stage {
            motcua_demo::Stage::Generating => RegisterStage::Generating,
            motcua_demo::Stage::Writing => RegisterStage::Writing,
        };
        RegisterProgress { stage, done: done as u32, total: total as u32 }
    }
}
