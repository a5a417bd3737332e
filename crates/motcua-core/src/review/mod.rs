//! Review of the register ("đúng, đủ, sạch, sống"): the rules that find wrong numbers,
//! missing fields, partial or impossible dates, family and household contradictions,
//! old or unknown addresses, unnormalized text and duplicates.
//!
//! [`review`] is a pure function of the records and the day it runs, so the full run,
//! the incremental run after an edit and the calibration all call the same code. The
//! worklist that carries each finding to its end is the store's (`store::findings`).

mod addresses;
mod duplicates;
mod family;
mod finding;
mod kind;
mod rules;
mod subject;

use std::collections::HashSet;

pub use duplicates::{Comparison, Verdict};
pub use finding::Finding;
pub use kind::{Kind, Severity};
use subject::Subject;

use crate::date::PartialDate;
use crate::record::RegisterRecord;

/// Every finding on `records`, as of the day `today`, sorted by kind then records.
pub fn review(records: &[RegisterRecord], today: PartialDate) -> Vec<Finding> {
    review_scoped(records, today, None)
}

/// [`review`], keeping only findings that involve a record of `scope` (by index): the
/// incremental review runs the rules over an edited record's neighbourhood and keeps
/// what concerns the record itself.
pub fn review_scoped(
    records: &[RegisterRecord],
    today: PartialDate,
    scope: Option<&HashSet<usize>>,
) -> Vec<Finding> {
    let subjects: Vec<Subject> = records.iter().map(Subject::new).collect();
    let wanted = |i: usize| scope.is_none_or(|s| s.contains(&i));
    let mut out = Vec::new();
    let mut places = addresses::Places::default();
    for (i, s) in subjects.iter().enumerate() {
        if wanted(i) {
            rules::check(s, today, &mut out);
            places.check(s, &mut out);
        }
    }
    let pairs = duplicates::find(&subjects);
    let clusters = duplicates::clusters(&subjects, &pairs);
    let mut found = Vec::new();
    for c in &clusters {
        if c.members.iter().any(|&i| wanted(i)) {
            found.push(duplicates::finding(&subjects, c));
        }
    }
    family::check(&subjects, &clusters, today, &wanted, &mut found);
    out.extend(found);
    out.sort_by(|a, b| (a.kind, &a.records, &a.field).cmp(&(b.kind, &b.records, &b.field)));
    out
}

/// Two records compared as a duplicate pair: the score in 0..1 and each field's
/// evidence, for the officer who looks at them side by side.
pub fn compare_records(a: &RegisterRecord, b: &RegisterRecord) -> (f64, Vec<Comparison>) {
    let (weight, explanation) = duplicates::compare(&Subject::new(a), &Subject::new(b), true);
    (duplicates::probability(weight), explanation)
}

/// The findings `review` would print for `records` as JSON lines, the spec's form.
pub fn to_json_lines(findings: &[Finding]) -> String {
    findings.iter().map(|f| f.to_json_line() + "\n").collect()
}

#[cfg(test)]
mod tests;
