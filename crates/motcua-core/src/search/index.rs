//! The in-memory search index: every person's name words (folded and as written),
//! street words, residential group and birth date, with posting lists from each word
//! to the persons carrying it.
//!
//! It is built from `persons` at the first search and patched person by person after
//! the store's own writes, so a search never scans the register. Persons are "docs":
//! dense numbers in the order they entered the index. Each doc also has a `rank`, its
//! place in alphabetical order of folded name then record id, so that ties in score
//! list the same way every time without comparing strings on the hot path.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use foldhash::HashMap;

use rusqlite::types::Type;
use rusqlite::{Connection, Row};

use super::keys;

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

/// One person as the index reads them from `persons`, borrowed from the row.
struct IndexRow<'a> {
    person: i64,
    ma_ban_ghi: &'a str,
    ho_ten_norm: &'a str,
    ngay_sinh_date: Option<&'a str>,
    ngay_sinh: Option<&'a str>,
    to_dan_pho: Option<&'a str>,
    address: Option<&'a str>,
}

/// A `_norm` column is NULL when the cell was already normalized (see person_row).
const ROW_SQL: &str = "SELECT id, ma_ban_ghi, ho_ten_norm, ngay_sinh_date, ngay_sinh,
                              coalesce(to_dan_pho_norm, to_dan_pho),
                              coalesce(noi_o_hien_tai_norm, noi_o_hien_tai, noi_thuong_tru_norm, noi_thuong_tru)
                       FROM persons";

fn index_row<'a>(r: &'a Row<'_>) -> rusqlite::Result<IndexRow<'a>> {
    let text = |i: usize| -> rusqlite::Result<Option<&'a str>> {
        r.get_ref(i)?
            .as_str_or_null()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e.into()))
    };
    Ok(IndexRow {
        person: r.get(0)?,
        ma_ban_ghi: text(1)?.unwrap_or_default(),
        ho_ten_norm: text(2)?.unwrap_or_default(),
        ngay_sinh_date: text(3)?,
        ngay_sinh: text(4)?,
        to_dan_pho: text(5)?,
        address: text(6)?,
    })
}

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

pub(super) struct TopDocs {
    /// Best first: (person id, points).
    pub hits: Vec<(i64, u32)>,
    pub total: usize,
}

impl SearchIndex {
    pub fn build(conn: &Connection) -> rusqlite::Result<SearchIndex> {
        let mut index = SearchIndex::default();
        let mut memo = Memo::default();
        let mut stmt = conn.prepare(ROW_SQL)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let doc = index.person.len() as u32;
            index.push_empty();
            index.fill(doc, &index_row(row)?, &mut memo);
        }
        index.assign_ranks();
        Ok(index)
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
            let existing = self.doc_of(person);
            if let Some(doc) = existing {
                self.detach(doc);
            }
            let mut rows = stmt.query([person])?;
            match (rows.next()?, existing) {
                (Some(row), Some(doc)) => {
                    self.fill(doc, &index_row(row)?, &mut memo);
                    self.insert_rank(doc);
                }
                (Some(row), None) => {
                    let doc = self.person.len() as u32;
                    self.push_empty();
                    self.fill(doc, &index_row(row)?, &mut memo);
                    self.insert_rank(doc);
                }
                (None, Some(doc)) => {
                    self.doc_of[person as usize] = NO_DOC;
                    self.live -= 1;
                    self.person[doc as usize] = 0;
                }
                (None, None) => {}
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

    /// The best `k` docs for a plan, and how many docs match it at all.
    pub fn top(&self, plan: &Plan, k: usize) -> TopDocs {
        let mut heap: BinaryHeap<Reverse<(u128, u32)>> = BinaryHeap::with_capacity(k + 1);
        let mut total = 0usize;
        let mut consider = |doc: u32, skip_allowed: bool| {
            let Some(points) = self.points(doc, plan, skip_allowed) else { return };
            total += 1;
            if k == 0 {
                return;
            }
            let key = (u128::from(points) << 64) | u128::from(u64::MAX - self.rank[doc as usize]);
            if heap.len() < k {
                heap.push(Reverse((key, doc)));
            } else if heap.peek().is_some_and(|Reverse((worst, _))| key > *worst) {
                heap.pop();
                heap.push(Reverse((key, doc)));
            }
        };
        match self.driver(plan) {
            Driver::Allowed(docs) => docs.iter().for_each(|&d| consider(d, true)),
            Driver::Postings(lists) if lists.len() == 1 => lists[0].iter().for_each(|&d| consider(d, false)),
            Driver::Postings(lists) => {
                let mut seen = vec![0u64; self.person.len().div_ceil(64)];
                for list in lists {
                    for &d in list {
                        let (w, bit) = (d as usize / 64, 1u64 << (d % 64));
                        if seen[w] & bit == 0 {
                            seen[w] |= bit;
                            consider(d, false);
                        }
                    }
                }
            }
            Driver::Everyone => (0..self.person.len() as u32).for_each(|d| consider(d, false)),
        }
        let mut best: Vec<(u128, u32)> = heap.into_iter().map(|Reverse(e)| e).collect();
        best.sort_unstable_by(|a, b| b.cmp(a));
        let hits = best.into_iter().map(|(key, d)| (self.person[d as usize], (key >> 64) as u32)).collect();
        TopDocs { hits, total }
    }

    /// Where candidates come from: the smallest source the plan has.
    fn driver<'a>(&'a self, plan: &'a Plan) -> Driver<'a> {
        let mut best: Option<(usize, Driver<'a>)> = None;
        let mut offer = |size: usize, d: Driver<'a>| {
            if best.as_ref().is_none_or(|(s, _)| size < *s) {
                best = Some((size, d));
            }
        };
        if let Some(a) = &plan.allowed {
            offer(a.len(), Driver::Allowed(a));
        }
        if let Some(g) = plan.group {
            let list = &self.groups.postings[g as usize];
            offer(list.len(), Driver::Postings(vec![list]));
        }
        for (w, vocab) in
            plan.names.iter().map(|w| (w, &self.names)).chain(plan.streets.iter().map(|w| (w, &self.streets)))
        {
            let lists = w.tokens.iter().map(|&t| &vocab.postings[t as usize][..]).collect();
            offer(w.estimate, Driver::Postings(lists));
        }
        best.map_or(Driver::Everyone, |(_, d)| d)
    }

    /// The doc's points for the plan, or `None` when it does not match.
    fn points(&self, doc: u32, plan: &Plan, skip_allowed: bool) -> Option<u32> {
        let d = doc as usize;
        if self.person[d] == 0 {
            return None;
        }
        if plan.group.is_some_and(|g| self.group[d] != g) {
            return None;
        }
        if plan.birth.is_some_and(|b| !keys::dates_agree(self.birth[d], b)) {
            return None;
        }
        if !skip_allowed && plan.allowed.as_ref().is_some_and(|a| a.binary_search(&doc).is_err()) {
            return None;
        }
        let span = self.name_span[d].range();
        let (fold, exact) = (&self.name_fold[span.clone()], &self.name_exact[span]);
        let mut total = 0u32;
        // Whether the words match the name's words in the order typed.
        let (mut in_order, mut last_at) = (true, None);
        // Each typed word takes its own name word if it can: "thuy thuy" is Thùy Thúy
        // before Bảo Thúy. Names have far fewer than 64 words.
        let mut used = 0u64;
        for w in &plan.names {
            let (mut best, mut at, mut best_free, mut at_free) = (0u8, 0usize, 0u8, 0usize);
            for (i, (&f, &e)) in fold.iter().zip(exact).enumerate() {
                let p = w.points[f as usize].max(w.exact_points.get(e as usize).copied().unwrap_or(0));
                if p > best {
                    (best, at) = (p, i);
                }
                if p > best_free && used & (1 << (i % 64)) == 0 {
                    (best_free, at_free) = (p, i);
                }
            }
            if best == 0 {
                return None;
            }
            // A word already taken counts half the second time.
            if best_free > 0 && best_free >= best / 2 {
                (best, at) = (best_free, at_free);
            } else {
                best /= 2;
            }
            used |= 1 << (at % 64);
            in_order &= last_at.is_none_or(|l| at > l);
            last_at = Some(at);
            total += u32::from(best);
        }
        let streets = &self.street_tokens[self.street_span[d].range()];
        for w in &plan.streets {
            let best = streets.iter().map(|&t| w.points[t as usize]).max().unwrap_or(0);
            if best == 0 {
                return None;
            }
            total += u32::from(best);
        }
        let words = (plan.names.len() + plan.streets.len()) as u32;
        if !plan.names.is_empty() && plan.names.len() == fold.len() {
            total += FULL_NAME_BONUS * words;
        }
        if plan.names.len() >= 2 && in_order {
            total += ORDER_BONUS * words;
        }
        if plan.birth.is_some_and(|b| keys::date_as_precise(self.birth[d], b)) {
            total += DATE_BONUS * words.max(1);
        }
        Some(total)
    }
}

enum Driver<'a> {
    Allowed(&'a [u32]),
    Postings(Vec<&'a [u32]>),
    Everyone,
}

#[cfg(test)]
mod tests;
