//! Choosing the best docs for a plan without scoring every candidate.
//!
//! Docs below `sorted` are numbered in rank order, so walking posting lists in doc order
//! walks candidates alphabetically. No doc can earn more than the plan's bound: once the
//! `k` best so far all reach it and come before the next candidate, no later one can
//! take their place, and the walk stops (typeahead on a common prefix at city scale).
//! Docs numbered after `sorted` (added or changed since the build) are always scored.
//! Names exactly as long as a one- or two-word query are scored first: only they can
//! earn the full-name bonus, and leaving it out of the bound keeps the bound reachable.
//! Names that begin with the typed words (`nguyen h`: Nguyễn Hoàng…) are contiguous in
//! rank order; they are found by binary search and walked before all others, which
//! cannot earn the lead bonus and are often not walked at all.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::{
    DATE_BONUS, FULL_NAME_BONUS, LEAD_BONUS, ORDER_BONUS, Plan, SearchIndex, TopDocs, WordPlan, keys,
};

/// Names this short are listed apart when they are at most this share of the register.
const SHORT_SHARE_DIVISOR: usize = 20;
/// Runs of names beginning with the typed words are sought at most this many at once
/// (a one-letter word has dozens of words, each a run under every run before it).
const MAX_LEAD_RANGES: usize = 512;

/// The best `k` so far, keyed by points then earlier rank.
struct Best {
    k: usize,
    heap: BinaryHeap<Reverse<(u128, u32)>>,
    total: usize,
}

impl Best {
    fn offer(&mut self, key: u128, doc: u32) {
        self.total += 1;
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Reverse((key, doc)));
        } else if self.heap.peek().is_some_and(|Reverse((worst, _))| key > *worst) {
            self.heap.pop();
            self.heap.push(Reverse((key, doc)));
        }
    }

    fn into_top(self, index: &SearchIndex, complete: bool) -> TopDocs {
        let mut ranked: Vec<(u128, u32)> = self.heap.into_iter().map(|Reverse(e)| e).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let hits =
            ranked.into_iter().map(|(key, d)| (index.person[d as usize], (key >> 64) as u32)).collect();
        TopDocs { hits, total: self.total, complete }
    }

    /// Whether no doc with a key below `key` can enter any more.
    fn beats(&self, key: u128) -> bool {
        self.k > 0
            && self.heap.len() == self.k
            && self.heap.peek().is_some_and(|Reverse((worst, _))| *worst >= key)
    }
}

impl SearchIndex {
    /// The best `k` docs for a plan, and how many docs match it (all of them, unless
    /// the walk stopped early: then `complete` is false).
    pub fn top(&self, plan: &Plan, k: usize) -> TopDocs {
        let mut best = Best { k, heap: BinaryHeap::with_capacity(k + 1), total: 0 };
        let key = |doc: u32, points: u32| {
            (u128::from(points) << 64) | u128::from(u64::MAX - self.rank[doc as usize])
        };
        let consider = |best: &mut Best, doc: u32, skip_allowed: bool| {
            if let Some(points) = self.points(doc, plan, skip_allowed) {
                best.offer(key(doc, points), doc);
            }
        };
        // Typed numbers name a few thousand persons at most: score them all.
        if let Some(docs) = &plan.allowed {
            docs.iter().for_each(|&d| consider(&mut best, d, true));
            return best.into_top(self, true);
        }
        let n = plan.names.len();
        // Scored first and then passed over: names as long as a short query.
        let apart = (1..=2)
            .contains(&n)
            .then(|| &self.short[n - 1])
            .filter(|docs| docs.len() * SHORT_SHARE_DIVISOR <= self.live.max(1));
        if let Some(docs) = apart {
            docs.iter().for_each(|&d| consider(&mut best, d, false));
        }
        let passed_over = |d: u32| apart.is_some() && self.name_span[d as usize].len as usize == n;
        let full_name = apart.is_none();

        // First the names that begin with the typed words, walked in rank order.
        let lead = (n > 0).then(|| self.lead_ranges(plan));
        if let Some((ranges, _)) = &lead {
            let bound = self.bound(plan, full_name, true);
            'walk: for range in ranges {
                for &d in &self.by_rank[range.clone()] {
                    if passed_over(d) {
                        continue;
                    }
                    consider(&mut best, d, false);
                    if best.beats(key(d, bound)) {
                        break 'walk;
                    }
                }
            }
        }
        // Then the rest, which cannot earn the lead bonus: done if none can enter.
        let bound = self.bound(plan, full_name, false);
        if best.beats((u128::from(bound) << 64) | u128::from(u64::MAX)) {
            return best.into_top(self, false);
        }
        let skip =
            |d: u32| passed_over(d) || lead.as_ref().is_some_and(|(_, depth)| self.leads(d, plan, *depth));
        // The docs that match every typed word (and the group), as a bitset: one pass
        // over each word's postings, far cheaper than scoring each candidate of one word.
        let candidates = self.candidates(plan);
        let docs = |from: u32, to: u32| -> Box<dyn Iterator<Item = u32> + '_> {
            match &candidates {
                Some(bits) => Box::new(set_bits(bits, from, to)),
                None => Box::new(from..to),
            }
        };
        let sorted = self.sorted;
        let mut complete = true;
        for d in docs(0, sorted) {
            if skip(d) {
                continue;
            }
            consider(&mut best, d, false);
            if best.beats(key(d, bound)) {
                complete = false;
                break;
            }
        }
        for d in docs(sorted, self.person.len() as u32).filter(|&d| !skip(d)) {
            consider(&mut best, d, false);
        }
        best.into_top(self, complete)
    }

    /// The runs of `by_rank` whose names begin with one of the first typed word's words,
    /// then one of the second's, and so on while the runs stay few; and how many typed
    /// words deep they go. In rank order, since rank order is the names' word order.
    fn lead_ranges(&self, plan: &Plan) -> (Vec<Range<usize>>, usize) {
        let word_at = |d: u32, i: usize| {
            self.name_fold[self.name_span[d as usize].range()]
                .get(i)
                .map(|&id| &*self.names.words[id as usize])
        };
        let mut ranges = vec![(0, self.by_rank.len())];
        let mut depth = 0;
        for (i, w) in plan.names.iter().enumerate() {
            let mut words: Vec<&str> = w
                .tokens
                .iter()
                .filter(|&&t| leads_with(w.points[t as usize]))
                .map(|&t| &*self.names.words[t as usize])
                .collect();
            words.sort_unstable();
            if ranges.len() * words.len() > MAX_LEAD_RANGES {
                break;
            }
            let mut next = Vec::new();
            for &(start, end) in &ranges {
                let docs = &self.by_rank[start..end];
                for &word in &words {
                    let from = docs.partition_point(|&d| word_at(d, i) < Some(word));
                    let to = from + docs[from..].partition_point(|&d| word_at(d, i) == Some(word));
                    if from < to {
                        next.push((start + from, start + to));
                    }
                }
            }
            ranges = next;
            depth = i + 1;
        }
        (ranges.into_iter().map(|(start, end)| start..end).collect(), depth)
    }

    /// Whether the doc's name begins with the first `depth` typed words (in the runs
    /// of [`Self::lead_ranges`]).
    fn leads(&self, doc: u32, plan: &Plan, depth: usize) -> bool {
        let fold = &self.name_fold[self.name_span[doc as usize].range()];
        fold.len() >= depth
            && plan.names[..depth].iter().zip(fold).all(|(w, &f)| leads_with(w.points[f as usize]))
    }

    /// The most points any doc can earn for the plan (with the full-name bonus only if
    /// `full_name` says a doc that can earn it is still to be walked, and the lead bonus
    /// if `lead`).
    fn bound(&self, plan: &Plan, full_name: bool, lead: bool) -> u32 {
        let word = |w: &WordPlan| {
            let folded = w.tokens.iter().map(|&t| w.points[t as usize]).max().unwrap_or(0);
            u32::from(folded.max(w.exact_points.iter().copied().max().unwrap_or(0)))
        };
        let words = (plan.names.len() + plan.streets.len()) as u32;
        let mut total: u32 = plan.names.iter().chain(&plan.streets).map(word).sum();
        if full_name && !plan.names.is_empty() {
            total += FULL_NAME_BONUS * words;
        }
        if plan.names.len() >= 2 {
            total += ORDER_BONUS * words;
        }
        if lead && !plan.names.is_empty() {
            total += LEAD_BONUS * words;
        }
        if plan.birth.is_some() {
            total += DATE_BONUS * words.max(1);
        }
        total
    }

    /// The docs carrying, for each typed word, one of its words, and the group if one
    /// was typed; `None` when the plan names neither (a date alone: everyone).
    fn candidates(&self, plan: &Plan) -> Option<Vec<u64>> {
        let mut sets: Vec<Vec<&[u32]>> = Vec::new();
        if let Some(g) = plan.group {
            sets.push(vec![&self.groups.postings[g as usize][..]]);
        }
        for (w, vocab) in
            plan.names.iter().map(|w| (w, &self.names)).chain(plan.streets.iter().map(|w| (w, &self.streets)))
        {
            sets.push(w.tokens.iter().map(|&t| &vocab.postings[t as usize][..]).collect());
        }
        let words = self.person.len().div_ceil(64);
        let mut found: Option<Vec<u64>> = None;
        for lists in sets {
            let mut bits = vec![0u64; words];
            for &d in lists.into_iter().flatten() {
                bits[d as usize / 64] |= 1 << (d % 64);
            }
            found = Some(match found {
                None => bits,
                Some(mut acc) => {
                    acc.iter_mut().zip(&bits).for_each(|(a, b)| *a &= b);
                    acc
                }
            });
        }
        found
    }

    /// The doc's points for the plan, or `None` when it does not match.
    pub(super) fn points(&self, doc: u32, plan: &Plan, skip_allowed: bool) -> Option<u32> {
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
        if !plan.names.is_empty()
            && fold.len() >= plan.names.len()
            && plan.names.iter().zip(fold).all(|(w, &f)| leads_with(w.points[f as usize]))
        {
            total += LEAD_BONUS * words;
        }
        if plan.birth.is_some_and(|b| keys::date_as_precise(self.birth[d], b)) {
            total += DATE_BONUS * words.max(1);
        }
        Some(total)
    }
}

/// Whether a typed word matching a name word with these (folded) points can lead: a
/// whole word or a prefix, not a typo.
fn leads_with(points: u8) -> bool {
    points >= super::super::vocab::points::PREFIX
}

/// The set bits of `bits` in `from..to`, ascending.
fn set_bits(bits: &[u64], from: u32, to: u32) -> impl Iterator<Item = u32> + '_ {
    let (first, last) = (from as usize / 64, (to as usize).div_ceil(64));
    bits[first..last.min(bits.len())].iter().enumerate().flat_map(move |(i, &word)| {
        let base = ((first + i) * 64) as u32;
        std::iter::successors((word != 0).then_some(word), |&w| Some(w & (w - 1)).filter(|&w| w != 0))
            .map(move |w| base + w.trailing_zeros())
            .filter(move |&d| d >= from && d < to)
    })
}

#[cfg(test)]
mod bit_tests {
    use super::set_bits;

    #[test]
    fn set_bits_lists_each_set_bit_in_range() {
        let bits = [0b1011u64, 0, 1 << 63 | 1];
        assert_eq!(set_bits(&bits, 0, 192).collect::<Vec<_>>(), [0, 1, 3, 128, 191]);
        assert_eq!(set_bits(&bits, 1, 129).collect::<Vec<_>>(), [1, 3, 128]);
        assert_eq!(set_bits(&bits, 4, 4).count(), 0);
    }
}
