//! Records that are one person: candidate pairs from blocking on several keys, scored
//! field by field, then joined into clusters.
//!
//! Blocking keys: folded name with birth year, with the mother's and with the father's
//! name; given name with the full birth date and sex; the ID number, and every number
//! one digit or one adjacent swap away (each position masked in turn); the old CMND;
//! the phone. Each key is a pass over the records (sort, then pairs within equal runs),
//! so memory is one key per record at a time.

mod score;

use std::hash::{BuildHasher, Hash};

pub use score::{Comparison, Verdict};
pub(crate) use score::{EVEN_ODDS, compare, probability};

use super::finding::Finding;
use super::kind::Kind;
use super::subject::{Subject, cell};
use crate::phone;

/// A run of equal keys longer than this is a key many people share (a shop's phone, a
/// very common name in one year): its pairs are skipped rather than let one key cost
/// quadratic time.
const MAX_BLOCK: usize = 400;

/// A scored pair of record indexes, `a < b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub weight: f64,
}

pub struct Cluster {
    /// Record indexes, ascending.
    pub members: Vec<usize>,
    /// The pairs that joined it.
    pub edges: Vec<Pair>,
}

fn hash_of(v: impl Hash) -> u64 {
    foldhash::fast::FixedState::with_seed(0x6d6f_7463_7561).hash_one(v)
}

type KeyFn = fn(&Subject) -> Option<u64>;

fn keys() -> Vec<KeyFn> {
    let mut k: Vec<KeyFn> = vec![
        |s| Some(hash_of((1u8, &s.name_fold, s.birth_year()?))),
        |s| Some(hash_of((2u8, &s.name_fold, crate::text::fold(cell(&s.r.ho_ten_me)?)))),
        |s| Some(hash_of((3u8, &s.name_fold, crate::text::fold(cell(&s.r.ho_ten_cha)?)))),
        |s| {
            let b = s.birth.filter(|b| b.day.is_some())?;
            Some(hash_of((
                4u8,
                s.name_fold.rsplit(' ').next()?,
                b.year,
                b.month,
                b.day,
                s.sex.map(|x| x.code()),
            )))
        },
        |s| Some(hash_of((5u8, s.id?))),
        |s| Some(hash_of((6u8, cell(&s.r.so_cmnd)?.trim_start_matches('0')))),
        |s| Some(hash_of((7u8, phone::normalize(cell(&s.r.so_dien_thoai)?)?))),
    ];
    // Masked numbers: a function per position is a const generic, so each is a plain fn.
    macro_rules! masked {
        ($($p:literal),*) => {$(
            k.push(|s| Some(hash_of((8u8, $p, mask(s.id?, $p, 1)))));
            k.push(|s| if $p < 11 { Some(hash_of((9u8, $p, mask(s.id?, $p, 2)))) } else { None });
        )*};
    }
    masked!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    k
}

fn mask(id: &str, at: usize, len: usize) -> [u8; 12] {
    let mut b: [u8; 12] = id.as_bytes().try_into().expect("12-digit numbers");
    b[at..at + len].fill(b'_');
    b
}

/// Every candidate pair whose weight makes it at least a possible duplicate.
pub(crate) fn find(subjects: &[Subject]) -> Vec<Pair> {
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(subjects.len());
    for key in keys() {
        keyed.clear();
        keyed.extend(subjects.iter().enumerate().filter_map(|(i, s)| Some((key(s)?, i as u32))));
        keyed.sort_unstable();
        for run in keyed.chunk_by(|x, y| x.0 == y.0) {
            if run.len() < 2 || run.len() > MAX_BLOCK {
                continue;
            }
            for (n, x) in run.iter().enumerate() {
                candidates.extend(run[n + 1..].iter().map(|y| (x.1, y.1)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let (weight, _) = compare(&subjects[a as usize], &subjects[b as usize], false);
            (weight >= EVEN_ODDS).then_some(Pair { a, b, weight })
        })
        .collect()
}

/// Connected groups of pairs (union–find).
pub(crate) fn clusters(subjects: &[Subject], pairs: &[Pair]) -> Vec<Cluster> {
    let mut parent: Vec<u32> = (0..subjects.len() as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for p in pairs {
        let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut by_root: std::collections::BTreeMap<u32, Cluster> = std::collections::BTreeMap::new();
    for p in pairs {
        let r = root(&mut parent, p.a);
        let c = by_root.entry(r).or_insert_with(|| Cluster { members: Vec::new(), edges: Vec::new() });
        c.members.extend([p.a as usize, p.b as usize]);
        c.edges.push(*p);
    }
    by_root
        .into_values()
        .map(|mut c| {
            c.members.sort_unstable();
            c.members.dedup();
            c
        })
        .collect()
}

/// The record to keep when merging: the most complete one (a valid number, a household,
/// a full birth date, marks in the name), the earliest record id on a tie.
pub(crate) fn survivor(subjects: &[Subject], members: &[usize]) -> usize {
    let rank = |i: &usize| {
        let s = &subjects[*i];
        (
            s.id.is_some(),
            s.household().is_some(),
            s.birth.is_some_and(|b| !b.is_partial()),
            !s.r.ho_ten.is_ascii(),
            std::cmp::Reverse(s.ma().to_string()),
        )
    };
    *members.iter().max_by_key(|i| rank(i)).expect("clusters have members")
}

pub(crate) fn finding(subjects: &[Subject], c: &Cluster) -> Finding {
    let keep = survivor(subjects, &c.members);
    // Explained against the record to keep: what an officer compares side by side.
    let other = *c.members.iter().find(|&&i| i != keep).expect("clusters have two members");
    let (_, explanation) = compare(&subjects[keep], &subjects[other], true);
    let weakest = c.edges.iter().map(|p| p.weight).fold(f64::INFINITY, f64::min);
    let agreeing: Vec<&str> =
        explanation.iter().filter(|e| e.weight > 0.0).map(|e| e.detail.as_str()).collect();
    let mut households: Vec<&str> = c.members.iter().filter_map(|&i| subjects[i].household()).collect();
    households.sort_unstable();
    households.dedup();
    // One person in two households is settled by the merge, so it is said here rather
    // than found twice.
    let where_ = if households.len() > 1 {
        format!("; đang có tên trong {} hộ", households.len())
    } else {
        String::new()
    };
    let message =
        format!("Có thể là cùng một người ({} bản ghi): {}{where_}", c.members.len(), agreeing.join(", "));
    let mut f = Finding::new(
        Kind::Duplicate,
        c.members.iter().map(|&i| subjects[i].ma().to_string()).collect(),
        "",
        message,
    );
    f.field = None;
    f.score = Some(probability(weakest));
    f.suggestion = Some(format!("Gộp vào bản ghi {}", subjects[keep].ma()));
    f.explanation = explanation;
    f
}
