//! The checks a walk-through runs before anything is filed: from the register where it
//! knows (age, number, death) and from the citizen's answers where only they know (a
//! phone in their own name, a smartphone, a card still valid).

use std::collections::BTreeMap;

use serde::Serialize;

use super::catalog::{CheckRule, Procedure};
use crate::date::PartialDate;
use crate::idnum;
use crate::record::RegisterRecord;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CheckOutcome {
    Passed,
    Failed {
        message: String,
    },
    /// A question not answered yet, or a fact the register lacks.
    Open {
        question: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub key: String,
    pub outcome: CheckOutcome,
}

/// Runs every check of `procedure` on `person` (none for a new person, e.g. a newborn)
/// with the citizen's `answers` to the questions, on `today`.
pub fn check_eligibility(
    procedure: &Procedure,
    person: Option<&RegisterRecord>,
    answers: &BTreeMap<String, bool>,
    today: PartialDate,
) -> Vec<CheckResult> {
    procedure
        .checks
        .iter()
        .map(|c| {
            let failed = || CheckOutcome::Failed { message: c.message.clone() };
            let judged = |ok: bool| if ok { CheckOutcome::Passed } else { failed() };
            let born = person.and_then(|p| p.ngay_sinh.as_deref()).and_then(|d| PartialDate::parse(d).ok());
            let no_birth = || CheckOutcome::Open {
                question: "Sổ dân cư chưa có ngày sinh: hỏi ngày sinh trên thẻ".into(),
            };
            let outcome = match c.rule {
                CheckRule::Question => match answers.get(&c.key) {
                    Some(&yes) => judged(yes),
                    None => CheckOutcome::Open { question: c.question.clone().unwrap_or_default() },
                },
                CheckRule::AgeAtLeast | CheckRule::AgeBelow => {
                    let years = c.years.unwrap_or_default();
                    match born {
                        None => no_birth(),
                        // A year-only birth date: the age is known unless this is the
                        // year the citizen turns `years`.
                        Some(b) => {
                            let low = b.age_on(today);
                            let high = if b.is_partial() { today.year - b.year } else { low };
                            match c.rule {
                                CheckRule::AgeAtLeast if low >= years => CheckOutcome::Passed,
                                CheckRule::AgeAtLeast if high < years => failed(),
                                CheckRule::AgeBelow if high < years => CheckOutcome::Passed,
                                CheckRule::AgeBelow if low >= years => failed(),
                                _ => CheckOutcome::Open {
                                    question: format!(
                                        "Sổ dân cư chỉ có năm sinh {}: hỏi ngày sinh trên thẻ",
                                        b.year
                                    ),
                                },
                            }
                        }
                    }
                }
                CheckRule::HasIdNumber => judged(
                    person
                        .and_then(|p| p.so_dinh_danh.as_deref())
                        .is_some_and(|n| idnum::decode(n).is_some_and(|i| i.province.is_some())),
                ),
                CheckRule::Alive => {
                    judged(person.is_none_or(|p| p.ngay_chet.as_deref().is_none_or(str::is_empty)))
                }
            };
            CheckResult { key: c.key.clone(), outcome }
        })
        .collect()
}

pub fn is_eligible(results: &[CheckResult]) -> bool {
    results.iter().all(|r| r.outcome == CheckOutcome::Passed)
}
