//! The search behind the officer's one query box.
//!
//! Candidates come from indexes (name-word prefixes, number prefixes, household,
//! birth date); ranking happens here in Rust, where "exact diacritics beat folded
//! matches, whole words beat prefixes" is easy to say.

mod query;
mod rank;
mod vocab;

use rusqlite::{ToSql, params_from_iter};
use serde::Serialize;

pub use query::{Query, Term};

use crate::detail::{display_date, display_sex};
use crate::store::{Store, StoreError};

/// How many candidates are ranked at most: enough for any query that names a person,
/// while a one-letter query over a city stays fast.
const MAX_CANDIDATES: usize = 5_000;

/// Which part of the record the query matched, for the officer's eye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Name,
    IdNumber,
    OldId,
    Phone,
    Household,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub ngay_sinh: Option<String>,
    pub gioi_tinh: Option<String>,
    pub so_dinh_danh: Option<String>,
    pub so_ho_so_cu_tru: Option<String>,
    pub to_dan_pho: Option<String>,
    pub noi_o_hien_tai: Option<String>,
    pub matched: MatchKind,
    /// In 0..=1; higher is better.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Candidates that matched, of which `hits` are the best `limit`.
    pub total: usize,
}

impl Store {
    pub fn search(&self, input: &str, limit: usize) -> Result<SearchResults, StoreError> {
        let query = Query::parse(input);
        if query.is_empty() {
            return Ok(SearchResults { hits: Vec::new(), total: 0 });
        }
        let vocabulary = vocab::Vocabulary::load(self.conn())?;
        let mut expansions: Vec<vocab::Expansion> = Vec::new();
        for (folded, _) in query.words() {
            for w in folded.split(' ').filter(|w| !w.is_empty()) {
                let e = vocabulary.expand(w);
                if e.tokens.is_empty() {
                    // A word the register does not know, even one typo away: no one matches.
                    return Ok(SearchResults { hits: Vec::new(), total: 0 });
                }
                expansions.push(e);
            }
        }
        let (sql, args, matched) = candidate_sql(&query, &expansions);
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter().map(|a| a as &dyn ToSql)), |r| {
            Ok(rank::Candidate {
                ho_ten_norm: r.get(9)?,
                ho_ten_fold: r.get(10)?,
                hit: SearchHit {
                    ma_ban_ghi: r.get(0)?,
                    ho_ten: r.get(1)?,
                    ngay_sinh: display_date(r.get(2)?, r.get(3)?),
                    gioi_tinh: display_sex(r.get(4)?, r.get(5)?),
                    so_dinh_danh: r.get(6)?,
                    so_ho_so_cu_tru: r.get(7)?,
                    to_dan_pho: r.get(8)?,
                    noi_o_hien_tai: r.get(11)?,
                    matched,
                    score: 0.0,
                },
            })
        })?;
        let mut candidates = rows.collect::<Result<Vec<_>, _>>()?;
        let total = candidates.len();
        rank::rank(&query, &mut candidates);
        let hits = candidates.into_iter().take(limit).map(|c| c.hit).collect();
        Ok(SearchResults { hits, total })
    }
}

/// Builds one SQL statement whose rows are the candidates: every term narrows. The
/// rarest name word drives the lookup; the others are checked per candidate.
fn candidate_sql(query: &Query, expansions: &[vocab::Expansion]) -> (String, Vec<String>, MatchKind) {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let mut matched = MatchKind::Name;
    let arg = |args: &mut Vec<String>, v: String| {
        args.push(v);
        format!("?{}", args.len())
    };
    let mut order: Vec<&vocab::Expansion> = expansions.iter().collect();
    order.sort_by_key(|e| e.persons);
    for (i, e) in order.iter().enumerate() {
        let list: Vec<String> = e.tokens.iter().map(|t| arg(&mut args, t.clone())).collect();
        let list = list.join(", ");
        conds.push(if i == 0 {
            format!("p.id IN (SELECT person_id FROM person_name_tokens WHERE token IN ({list}))")
        } else {
            format!(
                "EXISTS (SELECT 1 FROM person_name_tokens t WHERE t.person_id = p.id AND t.token IN ({list}))"
            )
        });
    }
    for term in &query.terms {
        match term {
            Term::Word { .. } => {}
            Term::IdNumber(n) => {
                matched = MatchKind::IdNumber;
                let a = arg(&mut args, n.clone());
                conds.push(format!("p.so_dinh_danh = {a}"));
            }
            Term::OldId(n) => {
                matched = MatchKind::OldId;
                let a = arg(&mut args, n.clone());
                conds.push(format!("(p.so_cmnd = {a} OR p.so_dinh_danh LIKE {a} || '%')"));
            }
            Term::Phone(n) => {
                matched = MatchKind::Phone;
                let a = arg(&mut args, n.clone());
                conds.push(format!("p.so_dien_thoai_norm = {a}"));
            }
            Term::DigitsPrefix(d) => {
                matched = MatchKind::IdNumber;
                let lo = arg(&mut args, d.clone());
                let hi = arg(&mut args, format!("{d}:"));
                conds.push(format!(
                    "((p.so_dinh_danh >= {lo} AND p.so_dinh_danh < {hi})
                      OR (p.so_cmnd >= {lo} AND p.so_cmnd < {hi})
                      OR (p.so_dien_thoai_norm >= {lo} AND p.so_dien_thoai_norm < {hi}))"
                ));
            }
            Term::Household(h) => {
                matched = MatchKind::Household;
                let a = arg(&mut args, h.clone());
                conds.push(format!("p.so_ho_so_cu_tru = {a}"));
            }
            Term::BirthDate(d) => {
                let a = arg(&mut args, d.to_storage());
                // A partial birth date in the record stays a candidate for a fuller query
                // date of the same year (`1968` for `12/03/1968`).
                conds.push(format!(
                    "(p.ngay_sinh_date = {a} OR p.ngay_sinh_date LIKE {a} || '-%'
                      OR (length(p.ngay_sinh_date) < length({a}) AND {a} LIKE p.ngay_sinh_date || '-%'))"
                ));
            }
        }
    }
    let sql = format!(
        "SELECT p.ma_ban_ghi, p.ho_ten, p.ngay_sinh_date, p.ngay_sinh, p.gioi_tinh_code, p.gioi_tinh,
                p.so_dinh_danh, p.so_ho_so_cu_tru, p.to_dan_pho, p.ho_ten_norm, p.ho_ten_fold,
                p.noi_o_hien_tai
         FROM persons p WHERE {} LIMIT {MAX_CANDIDATES}",
        conds.join(" AND ")
    );
    (sql, args, matched)
}

#[cfg(test)]
mod tests;
