use std::time::Instant;

use motcua_core::search::{self, SearchHit, SearchResults};
use motcua_core::store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchKind {
    Name,
    IdNumber,
    OldId,
    Phone,
    Household,
    Address,
    Group,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonHit {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub ngay_sinh: Option<String>,
    pub gioi_tinh: Option<String>,
    pub so_dinh_danh: Option<String>,
    pub so_ho_so_cu_tru: Option<String>,
    pub to_dan_pho: Option<String>,
    pub noi_o_hien_tai: Option<String>,
    pub matched: MatchKind,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SearchResult {
    pub hits: Vec<PersonHit>,
    pub total: u32,
    /// A typed number matched more persons than were counted: `total` is a floor.
    pub capped: bool,
    pub elapsed_ms: f64,
}

impl SearchResult {
    /// Runs the search and records how long it took, for the "n kết quả (x ms)" line.
    pub fn timed(run: impl FnOnce() -> Result<SearchResults, StoreError>) -> Result<Self, StoreError> {
        let start = Instant::now();
        let r = run()?;
        Ok(SearchResult {
            hits: r.hits.into_iter().map(PersonHit::from).collect(),
            total: r.total as u32,
            capped: r.capped,
            elapsed_ms: start.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

impl From<SearchHit> for PersonHit {
    fn from(h: SearchHit) -> Self {
        PersonHit {
            ma_ban_ghi: h.ma_ban_ghi,
            ho_ten: h.ho_ten,
            ngay_sinh: h.ngay_sinh,
            gioi_tinh: h.gioi_tinh,
            so_dinh_danh: h.so_dinh_danh,
            so_ho_so_cu_tru: h.so_ho_so_cu_tru,
            to_dan_pho: h.to_dan_pho,
            noi_o_hien_tai: h.noi_o_hien_tai,
            matched: h.matched.into(),
            score: h.score,
        }
    }
}

impl From<search::MatchKind> for MatchKind {
    fn from(m: search::MatchKind) -> Self {
        match m {
            search::MatchKind::Name => MatchKind::Name,
            search::MatchKind::IdNumber => MatchKind::IdNumber,
            search::MatchKind::OldId => MatchKind::OldId,
            search::MatchKind::Phone => MatchKind::Phone,
            search::MatchKind::Household => MatchKind::Household,
            search::MatchKind::Address => MatchKind::Address,
            search::MatchKind::Group => MatchKind::Group,
        }
    }
}
