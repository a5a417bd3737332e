use motcua_core::admin::Unit2025;
use motcua_core::import::{FileProgress, ImportReport};
use serde::Serialize;
use ts_rs::TS;

use super::RegisterInfo;

/// Payload of the `import-progress` event.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub rows: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Known for CSV files; a workbook's progress is counted in rows only.
    #[ts(type = "number | null")]
    pub total_bytes: Option<u64>,
}

impl From<FileProgress> for ImportProgress {
    fn from(p: FileProgress) -> Self {
        ImportProgress { rows: p.rows as u32, bytes: p.bytes, total_bytes: p.total_bytes }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportRowError {
    pub line: u32,
    pub ma_ban_ghi: Option<String>,
    /// In Vietnamese, for the officer.
    pub problem: String,
}

/// Rows beyond this many errors are counted, not listed: a wrong file can reject a
/// million rows, and the list is for fixing a few.
pub const LISTED_ERRORS: usize = 1_000;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub rows: u32,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: u32,
    /// The first [`LISTED_ERRORS`] rejected rows, in file order.
    pub errors: Vec<ImportRowError>,
    /// The register now open: the ward's own, with the imported rows.
    pub register: RegisterInfo,
}

impl ImportOutcome {
    pub fn new(report: ImportReport, register: RegisterInfo) -> Self {
        let errors = report
            .errors
            .iter()
            .take(LISTED_ERRORS)
            .map(|e| ImportRowError {
                line: e.line as u32,
                ma_ban_ghi: e.ma_ban_ghi.clone(),
                problem: e.problem.to_string(),
            })
            .collect();
        ImportOutcome {
            rows: report.rows as u32,
            inserted: report.inserted as u32,
            updated: report.updated as u32,
            unchanged: report.unchanged as u32,
            rejected: report.errors.len() as u32,
            errors,
            register,
        }
    }
}

/// A 2025 commune in the ward picker.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WardChoice {
    pub code: String,
    pub ward: String,
    pub province: String,
}

impl From<&Unit2025> for WardChoice {
    fn from(u: &Unit2025) -> Self {
        WardChoice { code: u.ward_code.clone(), ward: u.ward.clone(), province: u.province.clone() }
    }
}
