//! The in-memory search index: every person's name words (folded and as written),
//! street words, residential group and birth date, with posting lists from each word
//! to the persons carrying it.
//!
//! It is built from `persons` at the first search and patched person by person after
//! the store's own writes, so a search never scans the register. Persons are "docs",
//! dense numbers. Each doc has a `rank`, its place in alphabetical order of folded name
//! then record id, so that ties in score list the same way every time without comparing
//! strings on the hot path. A build numbers docs in rank order (see [`top`] for why);
//! a person changed or added later gets a new doc after them.

mod source;
mod top;

use std::cmp::Ordering;

use foldhash::HashMap;

use rusqlite::Connection;

use super::keys;
use source::{IndexRow, ROW_SQL, index_row};

/// Words of one kind with dense ids, and for each the docs carrying it, ascending.
#[derive(Default)]
pub(super) struct Vocab {
    ids: HashMap<Box<str>, u32>,
    pub words: Vec<Box<str>>,
    pub postings: Vec<Vec<u32>>,
}

impl Vocab {
    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.into(), id);
        self.words.push(word.into());
        self.postings.push(Vec::new());
        id
    }

    fn add(&mut self, id: u32, doc: u32) {
        let list = &mut self.postings[id as usize];
        match list.last() {
            None => list.push(doc),
            Some(&last) if last < doc => list.push(doc),
            Some(_) => {
                if let Err(at) = list.binary_search(&doc) {
                    list.insert(at, doc);
                }
            }
        }
    }

    fn remove(&mut self, id: u32, doc: u32) {
        let list = &mut self.postings[id as usize];
        if let Ok(at) = list.binary_search(&doc) {
            list.remove(at);
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

const NO_GROUP: u32 = u32::MAX;
const NO_DOC: u32 = u32::MAX;
/// Ranks are spaced this far apart when assigned, leaving room for 32 halvings
/// between neighbours before a renumbering.
const RANK_STEP: u64 = 1 << 32;

/// What a build has already worked out for a text, by the text: names, streets and
/// groups repeat (three persons to a house, a few thousand names in a city), and the
/// Unicode work of folding is the bulk of a build.
#[derive(Default)]
struct Memo {
    /// A name word as stored → (folded id, exact id); `None` when it folds to nothing.
    words: HashMap<Box<str>, Option<(u32, u32)>>,
    /// A word of a street part → its street word ids.
    street_words: HashMap<Box<str>, Box<[u32]>>,
    /// An address part that may name an administrative unit → whether it does.
    units: HashMap<Box<str>, bool>,
    groups: HashMap<Box<str>, u32>,
}

#[derive(Default)]
pub(super) struct SearchIndex {
    /// Folded name words.
    pub names: Vocab,
    /// Name words as written (normalized, lower case); their postings stay empty.
    pub exact: Vocab,
    /// Folded words of the street part of the current (else permanent) address.
    pub streets: Vocab,
    /// Residential group keys.
    pub groups: Vocab,
    /// The `persons.id` of each doc; 0 once the person has left the index.
    person: Vec<i64>,
    /// By `persons.id` (dense: SQLite gives the next id), the doc; [`NO_DOC`] for none.
    doc_of: Vec<u32>,
    live: usize,
    name_span: Vec<Span>,
    street_span: Vec<Span>,
    ma_span: Vec<Span>,
    /// Arenas the spans point into. `name_exact` runs parallel to `name_fold`.
    name_fold: Vec<u32>,
    name_exact: Vec<u32>,
    street_tokens: Vec<u32>,
    ma_text: String,
    birth: Vec<u32>,
    group: Vec<u32>,
    rank: Vec<u64>,
    /// Live docs in rank order.
    by_rank: Vec<u32>,
    /// Arena entries no span points to any more (left behind by updates).
    garbage: usize,
    /// Docs below this are numbered in rank order.
    sorted: u32,
    /// Docs whose name has one word, and two words, ascending.
    short: [Vec<u32>; 2],
}

/// How one query word scores against each word of a vocabulary; 0 is no match.
pub(super) struct WordPlan {
    pub points: Vec<u8>,
    /// By `exact` id, for name words typed with their marks; may be empty.
    pub exact_points: Vec<u8>,
    /// Vocabulary ids with points, whose postings hold the candidates.
    pub tokens: Vec<u32>,
    /// How many postings those tokens have, to pick the rarest word to start from.
    pub estimate: usize,
}

/// What a search asks of a doc.
#[derive(Default)]
pub(super) struct Plan {
    pub names: Vec<WordPlan>,
    pub streets: Vec<WordPlan>,
    pub group: Option<u32>,
    pub birth: Option<u32>,
    /// Docs found by number (ID, CMND, phone, household), ascending.
    pub allowed: Option<Vec<u32>>,
}

/// Points over and above the words' own: the whole name typed, the name's word order,
/// and a birth date known at least as precisely as the query's.
pub(super) const FULL_NAME_BONUS: u32 = 10;
/// Name words typed in the name's own order: `nguyen van hoang` is Nguyễn Văn Hoàng
/// before Hoàng Văn Nguyên (both still match).
pub(super) const ORDER_BONUS: u32 = 5;
pub(super) const DATE_BONUS: u32 = 5;
/// Name words typed from the name's first word on, one for one, each whole or as a
/// prefix: `nguyen h` lists Nguyễn Hoàng An before Lê Nguyễn Hà and Nguyễn Anh Hoa.
/// It outweighs every other difference, so that a name that begins with what was typed
/// comes first (what typeahead is for), and so that once enough such names are found
/// the search need look no further (see [`top`]).
pub(super) const LEAD_BONUS: u32 = 100;

pub(super) struct TopDocs {
    /// Best first: (person id, points).
    pub hits: Vec<(i64, u32)>,
    pub total: usize,
    /// Whether `total` counts every match; else the walk stopped once the best were
    /// certain, and `total` is how many it had seen.
    pub complete: bool,
}

impl SearchIndex {
    /// Reads every person on this thread while another builds (see [`source`]).
    pub fn build(conn: &Connection) -> rusqlite::Result<SearchIndex> {
        // Two chunks in flight: one being built from, one ready.
        let (to_builder, chunks) = std::sync::mpsc::sync_channel::<source::Chunk>(2);
        std::thread::scope(|scope| {
            let builder = scope.spawn(move || {
                let mut index = SearchIndex::default();
                let mut memo = Memo::default();
                for chunk in chunks {
                    for row in chunk.rows() {
                        let doc = index.person.len() as u32;
                        index.push_empty();
                        index.fill(doc, &row, &mut memo);
                    }
                }
                index.assign_ranks();
                index.number_in_rank_order();
                index
            });
            let read = source::send_all(conn, &to_builder);
            drop(to_builder);
            let index = builder.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            read.map(|()| index)
        })
    }

    pub fn docs(&self) -> usize {
        self.live
    }

    pub fn stats(&self) -> super::SearchIndexStats {
        fn vec<T>(v: &Vec<T>) -> usize {
            v.capacity() * size_of::<T>()
        }
        fn vocab(v: &Vocab) -> usize {
            let words: usize = v.words.iter().map(|w| w.len() * 2 + size_of::<Box<str>>() * 2 + 8).sum();
            words + v.postings.iter().map(vec).sum::<usize>() + vec(&v.postings)
        }
        let heap_bytes = vocab(&self.names)
            + vocab(&self.exact)
            + vocab(&self.streets)
            + vocab(&self.groups)
            + vec(&self.person)
            + vec(&self.doc_of)
            + vec(&self.name_span)
            + vec(&self.street_span)
            + vec(&self.ma_span)
            + vec(&self.name_fold)
            + vec(&self.name_exact)
            + vec(&self.street_tokens)
            + self.ma_text.capacity()
            + vec(&self.birth)
            + vec(&self.group)
            + vec(&self.rank)
            + vec(&self.by_rank);
        super::SearchIndexStats {
            persons: self.docs(),
            name_words: self.names.len(),
            street_words: self.streets.len(),
            heap_bytes,
        }
    }

    /// Share of arena entries left behind by updates; the store rebuilds past a limit.
    pub fn garbage_share(&self) -> f64 {
        let total = self.name_fold.len() + self.street_tokens.len();
        if total == 0 { 0.0 } else { self.garbage as f64 / total as f64 }
    }

    pub fn doc_of(&self, person: i64) -> Option<u32> {
        usize::try_from(person).ok().and_then(|p| self.doc_of.get(p)).copied().filter(|&d| d != NO_DOC)
    }

    /// Re-reads the given persons: changed ones are updated, new ones added, removed
    /// ones dropped.
    pub fn refresh(&mut self, conn: &Connection, persons: &[i64]) -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached(&format!("{ROW_SQL} WHERE id = ?1"))?;
        let mut memo = Memo::default();
        for &person in persons {
            // A changed person leaves their doc and gets a new one after the sorted
            // docs: their rank may have moved, and sorted docs must stay in rank order.
            if let Some(doc) = self.doc_of(person) {
                self.detach(doc);
                self.doc_of[person as usize] = NO_DOC;
                self.live -= 1;
                self.person[doc as usize] = 0;
            }
            let mut rows = stmt.query([person])?;
            if let Some(row) = rows.next()? {
                let doc = self.person.len() as u32;
                self.push_empty();
                self.fill(doc, &index_row(row)?, &mut memo);
                self.insert_rank(doc);
            }
        }
        Ok(())
    }

    fn push_empty(&mut self) {
        self.person.push(0);
        self.name_span.push(Span::default());
        self.street_span.push(Span::default());
        self.ma_span.push(Span::default());
        self.birth.push(0);
        self.group.push(NO_GROUP);
        self.rank.push(0);
    }

    /// Writes a row's keys into `doc` (new arena entries) and its postings.
    fn fill(&mut self, doc: u32, row: &IndexRow<'_>, memo: &mut Memo) {
        let d = doc as usize;
        self.person[d] = row.person;
        let p = usize::try_from(row.person).expect("SQLite row ids are positive");
        if p >= self.doc_of.len() {
            self.doc_of.resize(p + 1, NO_DOC);
        }
        if self.doc_of[p] == NO_DOC {
            self.live += 1;
        }
        self.doc_of[p] = doc;

        let start = self.name_fold.len() as u32;
        for word in row.ho_ten_norm.split(' ').filter(|w| !w.is_empty()) {
            let ids = match memo.words.get(word) {
                Some(ids) => *ids,
                None => {
                    let ids = keys::name_word(word)
                        .map(|(exact, folded)| (self.names.intern(&folded), self.exact.intern(&exact)));
                    memo.words.insert(word.into(), ids);
                    ids
                }
            };
            if let Some((folded, exact)) = ids {
                self.names.add(folded, doc);
                self.name_fold.push(folded);
                self.name_exact.push(exact);
            }
        }
        self.name_span[d] = Span { start, len: self.name_fold.len() as u32 - start };
        if let Some(short) = self.short.get_mut((self.name_span[d].len as usize).wrapping_sub(1)) {
            // Docs are filled in increasing order.
            short.push(doc);
        }

        let start = self.street_tokens.len() as u32;
        for part in row.address.unwrap_or_default().split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let is_unit = match memo.units.get(part) {
                Some(&u) => u,
                None => {
                    let u = keys::names_a_unit(part);
                    // Unit parts repeat across a register; house parts rarely do.
                    if u {
                        memo.units.insert(part.into(), u);
                    }
                    u
                }
            };
            if is_unit {
                break;
            }
            for word in part.split_whitespace() {
                if !memo.street_words.contains_key(word) {
                    let ids = keys::street_word_pieces(word).iter().map(|w| self.streets.intern(w)).collect();
                    memo.street_words.insert(word.into(), ids);
                }
                for &id in memo.street_words[word].iter() {
                    // A word twice in one address ("số 5 ngõ 5") is one posting.
                    if !self.street_tokens[start as usize..].contains(&id) {
                        self.streets.add(id, doc);
                        self.street_tokens.push(id);
                    }
                }
            }
        }
        self.street_span[d] = Span { start, len: self.street_tokens.len() as u32 - start };

        let start = self.ma_text.len() as u32;
        self.ma_text.push_str(row.ma_ban_ghi);
        self.ma_span[d] = Span { start, len: row.ma_ban_ghi.len() as u32 };

        self.birth[d] = match row.ngay_sinh_date {
            Some(stored) => keys::pack_stored_date(Some(stored)),
            // A date kept for review though it does not exist (30/02/2014) still
            // says the year.
            None => row.ngay_sinh.map_or(0, keys::pack_year_of),
        };
        self.group[d] = match row.to_dan_pho {
            None => NO_GROUP,
            Some(text) => match memo.groups.get(text) {
                Some(&id) => id,
                None => {
                    let id = keys::group_key(text).map_or(NO_GROUP, |k| self.groups.intern(&k));
                    memo.groups.insert(text.into(), id);
                    id
                }
            },
        };
        if self.group[d] != NO_GROUP {
            self.groups.add(self.group[d], doc);
        }
    }

    /// Takes `doc` out of every posting list and the rank order, before it is
    /// refilled or dropped.
    fn detach(&mut self, doc: u32) {
        let d = doc as usize;
        if let Ok(at) = self.rank_position(doc) {
            self.by_rank.remove(at);
        }
        for i in self.name_span[d].range() {
            self.names.remove(self.name_fold[i], doc);
        }
        for i in self.street_span[d].range() {
            self.streets.remove(self.street_tokens[i], doc);
        }
        if self.group[d] != NO_GROUP {
            self.groups.remove(self.group[d], doc);
        }
        if let Some(short) = self.short.get_mut((self.name_span[d].len as usize).wrapping_sub(1))
            && let Ok(at) = short.binary_search(&doc)
        {
            short.remove(at);
        }
        self.garbage += (self.name_span[d].len + self.street_span[d].len) as usize;
        self.name_span[d] = Span::default();
        self.street_span[d] = Span::default();
        self.group[d] = NO_GROUP;
    }

    fn ma(&self, doc: u32) -> &str {
        &self.ma_text[self.ma_span[doc as usize].range()]
    }

    fn name_words(&self, doc: u32) -> impl Iterator<Item = &str> {
        self.name_fold[self.name_span[doc as usize].range()].iter().map(|&id| &*self.names.words[id as usize])
    }

    /// Alphabetical order of folded name (word by word), then record id.
    fn cmp_docs(&self, a: u32, b: u32) -> Ordering {
        self.name_words(a).cmp(self.name_words(b)).then_with(|| self.ma(a).cmp(self.ma(b)))
    }

    fn assign_ranks(&mut self) {
        // Sorting by word order numbers is the same as by the words, and much faster.
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by(|&a, &b| self.names.words[a as usize].cmp(&self.names.words[b as usize]));
        let mut word_rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            word_rank[id as usize] = r as u32;
        }
        let ranked: Vec<u32> = self.name_fold.iter().map(|&id| word_rank[id as usize]).collect();
        let words = |d: u32| &ranked[self.name_span[d as usize].range()];
        // The first four words' order numbers packed in a u64 sort most docs by integer
        // compare; runs that tie on it are then sorted in full.
        let packable = word_rank.len() < u16::MAX as usize;
        let packed = |d: u32| -> u64 {
            if !packable {
                return 0;
            }
            let w = words(d);
            (0..4).fold(0u64, |k, i| (k << 16) | w.get(i).map_or(0, |&r| u64::from(r) + 1))
        };
        let mut keyed: Vec<(u64, u32)> = (0..self.person.len() as u32)
            .filter(|&d| self.person[d as usize] != 0)
            .map(|d| (packed(d), d))
            .collect();
        keyed.sort_unstable();
        let full = |a: &u32, b: &u32| words(*a).cmp(words(*b)).then_with(|| self.ma(*a).cmp(self.ma(*b)));
        for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| full(&a.1, &b.1));
            }
        }
        let docs: Vec<u32> = keyed.into_iter().map(|(_, d)| d).collect();
        self.by_rank = docs;
        self.renumber();
    }

    /// Renumbers the docs of a fresh build in rank order: spans keep pointing into the
    /// same arenas, postings are rebuilt (and so stay ascending).
    fn number_in_rank_order(&mut self) {
        let order = std::mem::take(&mut self.by_rank);
        self.person = gather(&self.person, &order);
        self.name_span = gather(&self.name_span, &order);
        self.street_span = gather(&self.street_span, &order);
        self.ma_span = gather(&self.ma_span, &order);
        self.birth = gather(&self.birth, &order);
        self.group = gather(&self.group, &order);
        self.rank = (1..=order.len() as u64).map(|r| r * RANK_STEP).collect();
        for vocab in [&mut self.names, &mut self.streets, &mut self.groups] {
            vocab.postings.iter_mut().for_each(Vec::clear);
        }
        self.short.iter_mut().for_each(Vec::clear);
        self.doc_of.fill(NO_DOC);
        for doc in 0..order.len() as u32 {
            let d = doc as usize;
            self.doc_of[self.person[d] as usize] = doc;
            for &t in &self.name_fold[self.name_span[d].range()] {
                push_once(&mut self.names.postings[t as usize], doc);
            }
            for &t in &self.street_tokens[self.street_span[d].range()] {
                push_once(&mut self.streets.postings[t as usize], doc);
            }
            if self.group[d] != NO_GROUP {
                self.groups.postings[self.group[d] as usize].push(doc);
            }
            if let Some(short) = self.short.get_mut((self.name_span[d].len as usize).wrapping_sub(1)) {
                short.push(doc);
            }
        }
        self.by_rank = (0..order.len() as u32).collect();
        self.sorted = order.len() as u32;
    }

    fn renumber(&mut self) {
        for (i, &d) in self.by_rank.iter().enumerate() {
            self.rank[d as usize] = (i as u64 + 1) * RANK_STEP;
        }
    }

    fn rank_position(&self, doc: u32) -> Result<usize, usize> {
        self.by_rank.binary_search_by(|&other| self.cmp_docs(other, doc))
    }

    fn insert_rank(&mut self, doc: u32) {
        let at = match self.rank_position(doc) {
            Ok(at) | Err(at) => at,
        };
        let before = at.checked_sub(1).map_or(0, |i| self.rank[self.by_rank[i] as usize]);
        let after = self.by_rank.get(at).map(|&d| self.rank[d as usize]);
        self.by_rank.insert(at, doc);
        match after {
            None => self.rank[doc as usize] = before + RANK_STEP,
            Some(after) if after - before >= 2 => self.rank[doc as usize] = before + (after - before) / 2,
            Some(_) => self.renumber(),
        }
    }
}

fn gather<T: Copy>(values: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&d| values[d as usize]).collect()
}

/// Adds `doc`, the highest so far, to an ascending list (a word twice in a name is one
/// posting).
fn push_once(list: &mut Vec<u32>, doc: u32) {
    if list.last() != Some(&doc) {
        list.push(doc);
    }
}

#[cfg(test)]
mod tests;
