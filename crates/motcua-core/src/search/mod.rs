//! The search behind the officer's one query box.
//!
//! Names, streets, groups and birth dates are matched in an in-memory index
//! ([`index`]); numbers (ID, old ID, phone, household) through the register's own
//! indexes. Ranking: exact diacritics beat folded matches, whole words beat prefixes,
//! prefixes beat typos, then alphabetical order, so one query always lists one way.

mod cache;
mod index;
mod keys;
mod plan;
mod query;
mod vocab;

use crate::access::Action;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

pub(crate) use cache::SearchCache;
pub use cache::SearchIndexStats;
pub use keys::group_key;
pub use query::{Query, Term};

use crate::detail::{display_date, display_sex};
use crate::store::{Store, StoreError};

/// How many persons a typed number may name before the list is cut: a few digits of an
/// ID number match half a city, and nobody reads past the first screen.
const MAX_NUMBER_MATCHES: usize = 5_000;

/// Persons found through the register's number indexes, ascending by `persons.id`.
pub(crate) struct NumberMatches {
    pub persons: Vec<i64>,
    /// More persons matched than [`MAX_NUMBER_MATCHES`]; the rest were left out.
    pub capped: bool,
}

/// Which part of the record the query matched, for the officer's eye.
/// Ordered from the most telling: a number beats a name, a name beats an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    IdNumber,
    OldId,
    Phone,
    Household,
    Name,
    Address,
    Group,
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

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Persons that matched, of which `hits` are the best `limit`.
    pub total: usize,
    /// `total` is a lower bound: a typed number matched more persons than are looked
    /// at, or the search stopped counting once the best hits were certain.
    pub capped: bool,
}

impl Store {
    /// Searches, for an officer allowed to; the audit log records that they searched and
    /// how many matched, never what was typed.
    pub fn search(&self, input: &str, limit: usize) -> Result<SearchResults, StoreError> {
        self.require(Action::Search)?;
        let results = self.find(input, limit)?;
        let counts = format!("total={}{}", results.total, if results.capped { "+" } else { "" });
        self.audit_action(Action::Search, None, &counts)?;
        Ok(results)
    }

    fn find(&self, input: &str, limit: usize) -> Result<SearchResults, StoreError> {
        let query = Query::parse(input);
        if query.is_empty() {
            return Ok(SearchResults::default());
        }
        let found = self.with_search_index(|index| {
            let numbers = number_matches(self.conn(), &query)?;
            let planned = match plan::plan(index, &query, numbers.as_ref()) {
                // Name words no name has: perhaps the officer typed a street (`kim ma`).
                Err(plan::Unmatched::NameWord) if !query.has_streets() => {
                    let streets = query.names_as_streets();
                    plan::plan(index, &streets, numbers.as_ref()).map(|p| (p, matched_by(&streets)))
                }
                other => other.map(|p| (p, matched_by(&query))),
            };
            let Ok((plan, matched)) = planned else { return Ok(None) };
            let words = (plan.names.len() + plan.streets.len()) as u32;
            let top = index.top(&plan, limit);
            let capped = numbers.is_some_and(|n| n.capped) || !top.complete;
            Ok(Some((top, words, matched, capped)))
        })?;
        let Some((top, words, matched, capped)) = found else {
            return Ok(SearchResults::default());
        };
        let mut stmt = self.conn().prepare_cached(HIT_SQL)?;
        let mut hits = Vec::with_capacity(top.hits.len());
        for (person, points) in top.hits {
            hits.push(stmt.query_row([person], |r| {
                // The current address, else the permanent one: only the current is shown.
                let (address, no_current): (Option<String>, bool) = (r.get(9)?, r.get(10)?);
                Ok(SearchHit {
                    ma_ban_ghi: r.get(0)?,
                    ho_ten: r.get(1)?,
                    ngay_sinh: display_date(r.get(2)?, r.get(3)?),
                    gioi_tinh: display_sex(r.get(4)?, r.get(5)?),
                    so_dinh_danh: r.get(6)?,
                    so_ho_so_cu_tru: r.get(7)?,
                    to_dan_pho: r.get(8)?,
                    noi_o_hien_tai: if no_current { None } else { address },
                    matched,
                    score: plan::score(points, words),
                })
            })?);
        }
        Ok(SearchResults { hits, total: top.total, capped })
    }
}

/// A hit's line in the result list, read from the covering index
/// `persons_search_source` (migration 0019) rather than the row: in an encrypted register
/// that index stays decrypted in the page cache, and a hit read from the table costs a
/// page's decryption. The index keeps each cell as written only where normalizing
/// changed it (otherwise NULL, no bytes), so the line shows the cells as written, as the
/// record itself does. Its expressions are the index's; change both together.
const HIT_SQL: &str = "SELECT ma_ban_ghi,
        coalesce(CASE WHEN ho_ten_norm IS NOT ho_ten THEN ho_ten END, ho_ten_norm),
        ngay_sinh_date, CASE WHEN ngay_sinh_date IS NULL THEN ngay_sinh END,
        gioi_tinh_code, CASE WHEN gioi_tinh_code IS NULL THEN gioi_tinh END,
        so_dinh_danh, so_ho_so_cu_tru,
        coalesce(CASE WHEN to_dan_pho_norm IS NOT NULL THEN to_dan_pho END, coalesce(to_dan_pho_norm, to_dan_pho)),
        coalesce(
            CASE WHEN noi_o_hien_tai_norm IS NOT NULL THEN noi_o_hien_tai END,
            coalesce(noi_o_hien_tai_norm, noi_o_hien_tai, noi_thuong_tru_norm, noi_thuong_tru)
        ),
        noi_o_hien_tai IS NULL
    FROM persons INDEXED BY persons_search_source WHERE id = ?1";

/// What the hits of a query matched, for the officer's eye: a number if one was typed,
/// else the name, else the address or group.
fn matched_by(query: &Query) -> MatchKind {
    let mut matched = None;
    for t in &query.terms {
        let m = match t {
            Term::IdNumber(_) | Term::DigitsPrefix(_) => MatchKind::IdNumber,
            Term::OldId(_) => MatchKind::OldId,
            Term::Phone(_) => MatchKind::Phone,
            Term::Household(_) => MatchKind::Household,
            Term::Word { .. } => MatchKind::Name,
            Term::Street { .. } => MatchKind::Address,
            Term::Group(_) => MatchKind::Group,
            Term::BirthDate(_) => continue,
        };
        matched = Some(matched.map_or(m, |p: MatchKind| p.min(m)));
    }
    matched.unwrap_or(MatchKind::Name)
}

/// Persons found by the numbers typed (ID, old ID, phone, household), through the
/// register's indexes; `None` when no number was typed.
fn number_matches(conn: &Connection, query: &Query) -> Result<Option<NumberMatches>, StoreError> {
    let mut found: Option<NumberMatches> = None;
    for term in &query.terms {
        let (sql, args): (&str, Vec<String>) = match term {
            Term::IdNumber(n) => ("SELECT id FROM persons WHERE so_dinh_danh = ?1", vec![n.clone()]),
            // Nine digits: an old CMND, or the start of an ID number being typed.
            Term::OldId(n) => (
                "SELECT id FROM persons WHERE so_cmnd = ?1
                 UNION SELECT id FROM persons WHERE so_dinh_danh >= ?1 AND so_dinh_danh < ?2",
                vec![n.clone(), format!("{n}:")],
            ),
            Term::Phone(n) => ("SELECT id FROM persons WHERE so_dien_thoai_norm = ?1", vec![n.clone()]),
            Term::Household(h) => ("SELECT id FROM persons WHERE so_ho_so_cu_tru = ?1", vec![h.clone()]),
            Term::DigitsPrefix(d) => (
                "SELECT id FROM persons WHERE so_dinh_danh >= ?1 AND so_dinh_danh < ?2
                 UNION SELECT id FROM persons WHERE so_cmnd >= ?1 AND so_cmnd < ?2
                 UNION SELECT id FROM persons WHERE so_dien_thoai_norm >= ?1 AND so_dien_thoai_norm < ?2",
                vec![d.clone(), format!("{d}:")],
            ),
            _ => continue,
        };
        let sql = format!("{sql} LIMIT {}", MAX_NUMBER_MATCHES + 1);
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut ids: Vec<i64> =
            stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?.collect::<Result<_, _>>()?;
        let capped = ids.len() > MAX_NUMBER_MATCHES;
        ids.truncate(MAX_NUMBER_MATCHES);
        ids.sort_unstable();
        found = Some(match found {
            None => NumberMatches { persons: ids, capped },
            Some(prev) => NumberMatches {
                persons: prev.persons.into_iter().filter(|p| ids.binary_search(p).is_ok()).collect(),
                capped: prev.capped || capped,
            },
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests;
