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
    let wanted = |i: usize| scope.is_none_or(|s| s.contains(&i));
    let mut out = Vec::new();
    let mut places = addresses::Places::default();
    for (i, r) in records.iter().enumerate() {
        if wanted(i) {
            let s = Subject::new(r);
            rules::check(&s, today, &mut out);
            places.check(&s, &mut out);
        }
    }
    out.extend(across(records, today, &wanted));
    sort(&mut out);
    out
}

/// A review fed one record at a time, for a whole register: the rules of one record run
/// as it arrives, and only the fields the rules across records read are kept (a city's
/// register would not fit in memory twice).
pub struct Reviewer {
    today: PartialDate,
    places: addresses::Places,
    found: Vec<Finding>,
    kept: Vec<RegisterRecord>,
}

impl Reviewer {
    pub fn new(today: PartialDate) -> Reviewer {
        Reviewer { today, places: addresses::Places::default(), found: Vec::new(), kept: Vec::new() }
    }

    pub fn add(&mut self, r: RegisterRecord) {
        let s = Subject::new(&r);
        rules::check(&s, self.today, &mut self.found);
        self.places.check(&s, &mut self.found);
        drop(s);
        self.kept.push(slim(r));
    }

    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    pub fn finish(mut self) -> Vec<Finding> {
        let across = across(&self.kept, self.today, &|_| true);
        drop(self.kept);
        self.found.extend(across);
        sort(&mut self.found);
        self.found
    }
}

/// The record with only what duplicates and family rules compare.
fn slim(mut r: RegisterRecord) -> RegisterRecord {
    for v in [
        &mut r.ten_goi_khac,
        &mut r.noi_sinh,
        &mut r.noi_dang_ky_khai_sinh,
        &mut r.que_quan,
        &mut r.dan_toc,
        &mut r.ton_giao,
        &mut r.quoc_tich,
        &mut r.nhom_mau,
        &mut r.noi_tam_tru,
        &mut r.noi_o_hien_tai,
        &mut r.so_dinh_danh_vo_chong,
        &mut r.email,
        &mut r.ngay_chet,
        &mut r.to_dan_pho,
    ] {
        *v = None;
    }
    r.extra = Vec::new();
    r
}

/// Duplicates and the rules across records.
fn across(records: &[RegisterRecord], today: PartialDate, wanted: &dyn Fn(usize) -> bool) -> Vec<Finding> {
    let subjects: Vec<Subject> = records.iter().map(Subject::new).collect();
    let pairs = duplicates::find(&subjects);
    let clusters = duplicates::clusters(&subjects, &pairs);
    let mut found = Vec::new();
    for c in &clusters {
        if c.members.iter().any(|&i| wanted(i)) {
            found.push(duplicates::finding(&subjects, c));
        }
    }
    family::check(&subjects, &clusters, today, wanted, &mut found);
    found
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.kind, &a.records, &a.field).cmp(&(b.kind, &b.records, &b.field)));
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
