//! One finding: what is wrong, where, and what would fix it.

use serde::{Deserialize, Serialize};

use super::duplicates::Comparison;
use super::kind::{Kind, Severity};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// `ma_ban_ghi` of the records concerned, sorted.
    pub records: Vec<String>,
    pub field: Option<String>,
    /// For duplicates: how sure, in 0..1.
    pub score: Option<f64>,
    /// Vietnamese, for the officer; it names fields and values, never the person.
    pub message: String,
    pub suggestion: Option<String>,
    /// For duplicates: each compared field and what it says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explanation: Vec<Comparison>,
}

/// The spec's line for a rule's finding.
#[derive(Serialize)]
struct RuleLine<'a> {
    kind: Kind,
    severity: Severity,
    records: &'a [String],
    field: &'a Option<String>,
    message: &'a str,
    suggestion: &'a Option<String>,
}

/// The spec's line for a duplicate.
#[derive(Serialize)]
struct DuplicateLine<'a> {
    kind: Kind,
    severity: Severity,
    records: &'a [String],
    score: f64,
    message: &'a str,
}

impl Finding {
    pub fn new(kind: Kind, records: Vec<String>, field: &str, message: String) -> Finding {
        let mut records = records;
        records.sort();
        Finding {
            kind,
            severity: kind.severity(),
            records,
            field: Some(field.to_string()),
            score: None,
            message,
            suggestion: None,
            explanation: Vec::new(),
        }
    }

    pub fn suggest(mut self, s: Option<String>) -> Finding {
        self.suggestion = s;
        self
    }

    /// What makes the finding the same one across runs: its kind, field and records.
    /// The worklist keeps its state under this key.
    pub fn key(&self) -> String {
        format!("{}|{}|{}", self.kind.code(), self.field.as_deref().unwrap_or(""), self.records.join(","))
    }

    pub fn to_json_line(&self) -> String {
        let line = match (self.kind, self.score) {
            (Kind::Duplicate, Some(score)) => serde_json::to_string(&DuplicateLine {
                kind: self.kind,
                severity: self.severity,
                records: &self.records,
                score: (score * 1000.0).round() / 1000.0,
                message: &self.message,
            }),
            _ => serde_json::to_string(&RuleLine {
                kind: self.kind,
                severity: self.severity,
                records: &self.records,
                field: &self.field,
                message: &self.message,
                suggestion: &self.suggestion,
            }),
        };
        line.expect("findings serialize")
    }
}
