//! Precision and recall of review findings against a ward's truth: the calibration
//! behind the figures in BENCHMARKS.md.
//!
//! A rule's finding counts when its kind, field and records equal a planted one.
//! Duplicates are counted by pairs: a cluster of three is three pairs, each of which
//! the truth's persons say is or is not one person.

use std::collections::{BTreeMap, HashMap, HashSet};

use motcua_core::review::{Finding, Kind};

use crate::Truth;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindScore {
    pub found: usize,
    pub planted: usize,
    pub correct: usize,
}

impl KindScore {
    pub fn precision(&self) -> f64 {
        if self.found == 0 { 1.0 } else { self.correct as f64 / self.found as f64 }
    }

    pub fn recall(&self) -> f64 {
        if self.planted == 0 { 1.0 } else { self.correct as f64 / self.planted as f64 }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// The score of each kind, by its code; kinds neither found nor planted are left out.
/// Also returns up to `examples` wrong and missed findings per kind, as keys.
pub fn score(findings: &[Finding], truth: &[Truth]) -> BTreeMap<&'static str, KindScore> {
    score_with_examples(findings, truth, 0).0
}

type Misses = BTreeMap<&'static str, (Vec<String>, Vec<String>)>;

pub fn score_with_examples(
    findings: &[Finding],
    truth: &[Truth],
    examples: usize,
) -> (BTreeMap<&'static str, KindScore>, Misses) {
    let mut scores: BTreeMap<&'static str, KindScore> = BTreeMap::new();
    let mut misses: Misses = BTreeMap::new();
    let mut planted: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut person: HashMap<&str, usize> = HashMap::new();
    for t in truth {
        match t {
            Truth::Person { record, person: p } => {
                person.insert(record, *p);
            }
            Truth::Finding { kind, records, field } if kind != "duplicate" => {
                let Some(kind) = Kind::from_code(kind) else { continue };
                planted.entry(kind.code()).or_default().insert(key(records, field.as_deref()));
            }
            Truth::Finding { .. } => {}
        }
    }
    let mut true_pairs: HashSet<(String, String)> = HashSet::new();
    let mut of_person: HashMap<usize, Vec<&str>> = HashMap::new();
    for (r, p) in &person {
        of_person.entry(*p).or_default().push(r);
    }
    for records in of_person.values_mut() {
        records.sort_unstable();
        for (i, a) in records.iter().enumerate() {
            for b in &records[i + 1..] {
                true_pairs.insert((a.to_string(), b.to_string()));
            }
        }
    }
    let mut found: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut found_pairs: HashSet<(String, String)> = HashSet::new();
    for f in findings {
        if f.kind == Kind::Duplicate {
            for (i, a) in f.records.iter().enumerate() {
                for b in &f.records[i + 1..] {
                    found_pairs.insert((a.clone(), b.clone()));
                }
            }
        } else {
            found.entry(f.kind.code()).or_default().insert(key(&f.records, f.field.as_deref()));
        }
    }
    let mut tally = |kind: &'static str, found: HashSet<String>, planted: HashSet<String>| {
        if found.is_empty() && planted.is_empty() {
            return;
        }
        let covered = covered(&found, &planted);
        let correct = covered.len();
        let planted: HashSet<String> =
            planted.into_iter().map(|p| covered.get(&p).cloned().unwrap_or(p)).collect();
        scores.insert(kind, KindScore { found: found.len(), planted: planted.len(), correct });

        let mut wrong: Vec<String> = found.difference(&planted).cloned().collect();
        let mut missed: Vec<String> = planted.difference(&found).cloned().collect();
        wrong.sort();
        missed.sort();
        wrong.truncate(examples);
        missed.truncate(examples);
        misses.insert(kind, (wrong, missed));
    };
    for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Duplicate) {
        let code = kind.code();
        tally(code, found.remove(code).unwrap_or_default(), planted.remove(code).unwrap_or_default());
    }
    let pair_key = |p: &(String, String)| format!("{},{}", p.0, p.1);
    tally(
        Kind::Duplicate.code(),
        found_pairs.iter().map(pair_key).collect(),
        true_pairs.iter().map(pair_key).collect(),
    );
    (scores, misses)
}

fn key(records: &[String], field: Option<&str>) -> String {
    let mut r = records.to_vec();
    r.sort();
    format!("{}|{}", field.unwrap_or(""), r.join(","))
}

/// Planted findings each matched to a found one with the same field that names every
/// planted record, exactly first: a child older than one parent is often found against
/// both (the generator shifted the child's date below one parent's, and the other
/// parent is of an age). Each found finding matches at most one planted one.
fn covered(found: &HashSet<String>, planted: &HashSet<String>) -> HashMap<String, String> {
    let mut matched: HashMap<String, String> = HashMap::new();
    let mut used: HashSet<&String> = HashSet::new();
    for p in planted {
        if found.contains(p) {
            matched.insert(p.clone(), p.clone());
            used.insert(p);
        }
    }
    let split = |k: &str| -> (String, HashSet<String>) {
        let (field, records) = k.split_once('|').unwrap_or(("", k));
        (field.to_string(), records.split(',').map(str::to_string).collect())
    };
    let mut rest: Vec<&String> = planted.iter().filter(|p| !matched.contains_key(*p)).collect();
    rest.sort();
    for p in rest {
        let (field, records) = split(p);
        let hit = found.iter().filter(|f| !used.contains(f)).find(|f| {
            let (ff, fr) = split(f);
            ff == field && fr.len() > records.len() && records.is_subset(&fr)
        });
        if let Some(f) = hit {
            used.insert(f);
            matched.insert(p.clone(), f.clone());
        }
    }
    matched
}
