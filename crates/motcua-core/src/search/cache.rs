//! Keeping the in-memory index in step with the register.
//!
//! Writes through this [`Store`] say which persons they touched; the next search
//! patches just those. A commit by another connection (the CLI importing beside the
//! app) shows as a new `PRAGMA data_version`, and the index is rebuilt.

use rusqlite::Connection;

use super::index::SearchIndex;
use crate::store::{Store, StoreError};

#[derive(Default)]
pub(crate) struct SearchCache {
    index: Option<SearchIndex>,
    /// `PRAGMA data_version` when the index was last brought up to date.
    data_version: i64,
    dirty: Dirty,
}

#[derive(Default)]
enum Dirty {
    #[default]
    Clean,
    Persons(Vec<i64>),
    All,
}

/// Patching costs a posting-list edit per word; past this share of the register a
/// rebuild is cheaper.
const REBUILD_SHARE: f64 = 0.1;
/// Beyond this many changed persons, stop listing them and rebuild.
const MAX_LISTED: usize = 100_000;
/// Updates leave arena entries behind; past this share, rebuild to reclaim them.
const MAX_GARBAGE_SHARE: f64 = 0.5;

impl SearchCache {
    pub fn stale_all(&mut self) {
        self.dirty = Dirty::All;
    }

    pub fn stale(&mut self, persons: impl IntoIterator<Item = i64>) {
        match &mut self.dirty {
            Dirty::All => {}
            Dirty::Clean => self.dirty = Dirty::Persons(persons.into_iter().collect()),
            Dirty::Persons(p) => p.extend(persons),
        }
        // A list this long means a rebuild anyway; stop growing it.
        if matches!(&self.dirty, Dirty::Persons(p) if p.len() > MAX_LISTED) {
            self.dirty = Dirty::All;
        }
    }

    fn current(&mut self, conn: &Connection) -> rusqlite::Result<&SearchIndex> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let dirty = std::mem::take(&mut self.dirty);
        let rebuild = match (&mut self.index, dirty) {
            (None, _) | (_, Dirty::All) => true,
            _ if version != self.data_version => true,
            (Some(_), Dirty::Clean) => false,
            (Some(index), Dirty::Persons(mut persons)) => {
                persons.sort_unstable();
                persons.dedup();
                if persons.len() as f64 > index.docs() as f64 * REBUILD_SHARE {
                    true
                } else {
                    index.refresh(conn, &persons)?;
                    index.garbage_share() > MAX_GARBAGE_SHARE
                }
            }
        };
        if rebuild {
            // Drop the old index first: two at once would double the memory at city scale.
            self.index = None;
            self.index = Some(SearchIndex::build(conn)?);
        }
        self.data_version = version;
        Ok(self.index.as_ref().expect("built above"))
    }
}

impl Store {
    /// Runs `f` on an index that reflects every committed write.
    pub(super) fn with_search_index<T>(
        &self,
        f: impl FnOnce(&SearchIndex) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut cache = self.search_cache().borrow_mut();
        f(cache.current(self.conn())?)
    }

    /// Builds the search index now, so the first keystroke does not wait for it.
    pub fn prepare_search(&self) -> Result<SearchIndexStats, StoreError> {
        self.with_search_index(|index| Ok(index.stats()))
    }
}

/// Size of the search index, for the benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchIndexStats {
    pub persons: usize,
    pub name_words: usize,
    pub street_words: usize,
    /// Heap bytes the index holds (allocated capacity of its tables).
    pub heap_bytes: usize,
}
