//! N-gram counting without building n-gram strings.
//!
//! Text is first turned into symbols (a code point per character, or an id
//! per distinct word). The hypothesis's n-grams get dense ids order by
//! order: the n-gram at position i is (id of the (n-1)-gram at i, symbol at
//! i+n-1), one u64 hash-table key, so every order costs one lookup per
//! position whatever n is. A reference is then counted against those ids
//! only: n-grams the hypothesis lacks cannot match, and once a prefix is
//! missing all its extensions are skipped without a lookup. Counts live in
//! plain vectors indexed by id, and clipped matches are a sum of minima.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::idmap::IdMap;

type Table<K> = HashMap<K, u32, foldhash::fast::RandomState>;

/// The prefix of a unigram.
const ROOT: u32 = u32::MAX;
/// Symbols whose unigram is looked up in a plain array (see `NgramIndex::small`).
const SMALL: u32 = 128;
/// Distinct unigrams at most for bigrams in a plain array (see `NgramIndex::pairs`).
const SMALL_PREFIXES: usize = 128;
/// A reference n-gram that is not among the hypothesis's.
const MISSING: u32 = u32::MAX - 1;

/// The hypothesis's n-grams of orders 1..=max_order with their counts.
pub(crate) struct NgramIndex {
    /// One table per order: each pass then works in a table a sixth the
    /// size, which stays in cache.
    ids: Vec<IdMap>,
    /// The unigram of each symbol below [`SMALL`] (its local id, or
    /// `u32::MAX`): characters are mostly ASCII and a text's commonest
    /// words get the first ids, so most unigrams skip the hash table.
    small: Vec<u32>,
    /// The bigram of unigram id `a` and symbol `b` below [`SMALL`], at
    /// `a * SMALL + b` (its local id, or `u32::MAX`), when the text has at
    /// most [`SMALL_PREFIXES`] distinct unigrams (a text's characters);
    /// empty otherwise.
    pairs: Vec<u32>,
    /// Ids of order n are `ranges[n - 1]` (ids are handed out order by order).
    ranges: Vec<std::ops::Range<usize>>,
    counts: Vec<u32>,
    totals: Vec<u64>,
}

/// Another text's counts of the hypothesis's n-grams.
pub(crate) struct OtherCounts {
    /// Indexed by hypothesis n-gram id.
    pub counts: Vec<u32>,
    /// All n-grams of each order, matched or not.
    pub totals: Vec<u64>,
}

fn key(prefix: u32, symbol: u32) -> u64 {
    (u64::from(prefix) << 32) | u64::from(symbol)
}

/// How many n-grams of order n a sequence of `len` symbols has.
fn ngrams_in(len: usize, n: usize) -> usize {
    (len + 1).saturating_sub(n)
}

/// The id of the n-gram at each position, order by order: `ids[n - 1][p]`
/// is the n-gram starting at symbol `p`, or a number past every id when
/// the index lacks it.
pub(crate) struct Positions {
    pub ids: Vec<Vec<u32>>,
}

impl NgramIndex {
    pub fn new(symbols: &[u32], max_order: usize) -> NgramIndex {
        Self::build(symbols, max_order, None)
    }

    /// [`NgramIndex::new`], also giving the id of every n-gram by position.
    pub fn with_positions(symbols: &[u32], max_order: usize) -> (NgramIndex, Positions) {
        let mut positions = Positions {
            ids: Vec::with_capacity(max_order),
        };
        let index = Self::build(symbols, max_order, Some(&mut positions));
        (index, positions)
    }

    fn build(symbols: &[u32], max_order: usize, mut keep: Option<&mut Positions>) -> NgramIndex {
        let mut ids = Vec::with_capacity(max_order);
        let mut counts: Vec<u32> = Vec::new();
        let mut ranges = Vec::with_capacity(max_order);
        let mut totals = Vec::with_capacity(max_order);
        // prefix[i]: id of the previous order's n-gram starting at i.
        let mut prefix = vec![ROOT; symbols.len()];
        let mut pairs: Vec<u32> = Vec::new();
        for n in 1..=max_order {
            let start = counts.len();
            // Bigrams of a few distinct unigrams, in a plain array too.
            if n == 2 && start <= SMALL_PREFIXES {
                pairs = vec![u32::MAX; start * SMALL as usize];
            }
            let tail = symbols.get(n - 1..).unwrap_or(&[]);
            // Low orders have few distinct n-grams: start small and grow rather
            // than zero a table sized for every position.
            let mut table = IdMap::with_capacity(tail.len().min(1 << 12));
            for (p, &symbol) in prefix.iter_mut().zip(tail) {
                // Ids of this order follow the previous orders' (offset `start`).
                let id = table
                    .get_or_insert(key(*p, symbol))
                    .and_then(|local| u32::try_from(start + local as usize).ok())
                    .unwrap_or(MISSING)
                    .min(MISSING);
                if id as usize == counts.len() {
                    counts.push(0);
                }
                if let Some(c) = counts.get_mut(id as usize) {
                    *c += 1;
                }
                if n == 2 && symbol < SMALL && id < MISSING {
                    let at = (*p as usize).saturating_mul(SMALL as usize) + symbol as usize;
                    if let Some(slot) = pairs.get_mut(at) {
                        *slot = id - start as u32;
                    }
                }
                *p = id;
            }
            prefix.truncate(tail.len());
            if let Some(keep) = keep.as_deref_mut() {
                keep.ids.push(prefix.clone());
            }
            ids.push(table);
            ranges.push(start..counts.len());
            totals.push(ngrams_in(symbols.len(), n) as u64);
        }
        let small = ids.first().map_or_else(Vec::new, |unigrams: &IdMap| {
            (0..SMALL)
                .map(|s| unigrams.get(key(ROOT, s)).unwrap_or(u32::MAX))
                .collect()
        });
        NgramIndex {
            ids,
            small,
            pairs,
            ranges,
            counts,
            totals,
        }
    }

    /// Number of distinct n-grams (ids are `0..distinct()`).
    pub fn distinct(&self) -> usize {
        self.counts.len()
    }

    /// Hypothesis n-grams per order.
    pub fn totals(&self) -> &[u64] {
        &self.totals
    }

    /// Counts `symbols`' occurrences of the hypothesis n-grams.
    ///
    /// Order by order, only the positions whose (n−1)-gram was found are
    /// extended, and each order's keys are looked up in one go
    /// ([`IdMap::get_all`]).
    pub fn count(&self, symbols: &[u32]) -> OtherCounts {
        self.count_into(symbols, None)
    }

    /// [`NgramIndex::count`], also giving the id of every n-gram of
    /// `symbols` by position (in this index's numbering).
    pub fn count_with_positions(&self, symbols: &[u32]) -> (OtherCounts, Positions) {
        let mut positions = Positions {
            ids: Vec::with_capacity(self.ranges.len()),
        };
        let counts = self.count_into(symbols, Some(&mut positions));
        (counts, positions)
    }

    fn count_into(&self, symbols: &[u32], mut keep: Option<&mut Positions>) -> OtherCounts {
        let mut counts = vec![0u32; self.counts.len()];
        let mut totals = Vec::with_capacity(self.ranges.len());
        // Id of the n-gram found at each position so far (prefix of the next order).
        let mut prefix = vec![ROOT; symbols.len()];
        // Positions still being extended, ascending, and the next order's.
        let mut live: Vec<usize> = (0..symbols.len()).collect();
        let mut next: Vec<usize> = Vec::with_capacity(symbols.len());
        let mut keys: Vec<u64> = Vec::with_capacity(symbols.len());
        let mut found: Vec<u32> = Vec::with_capacity(symbols.len());
        for ((n, table), range) in (1..).zip(&self.ids).zip(&self.ranges) {
            let tail = symbols.len().saturating_sub(n - 1);
            // Only the last positions run out of symbols.
            live.truncate(live.partition_point(|&p| p < tail));
            if n == 1 {
                // Every position is live and every prefix the root.
                found.clear();
                found.extend(live.iter().map(|&p| {
                    let symbol = symbols.get(p).copied().unwrap_or(u32::MAX);
                    match self.small.get(symbol as usize) {
                        Some(&local) => local,
                        None => table.get(key(ROOT, symbol)).unwrap_or(u32::MAX),
                    }
                }));
            } else if n == 2 && !self.pairs.is_empty() {
                found.clear();
                found.extend(live.iter().map(|&p| {
                    let prev = prefix.get(p).copied().unwrap_or(MISSING);
                    let symbol = symbols.get(p + 1).copied().unwrap_or(u32::MAX);
                    let at = (symbol < SMALL)
                        .then(|| (prev as usize).saturating_mul(SMALL as usize) + symbol as usize);
                    match at.and_then(|at| self.pairs.get(at)) {
                        Some(&local) => local,
                        None => table.get(key(prev, symbol)).unwrap_or(u32::MAX),
                    }
                }));
            } else {
                keys.clear();
                keys.extend(live.iter().map(|&p| {
                    let prev = prefix.get(p).copied().unwrap_or(MISSING);
                    let symbol = symbols.get(p + n - 1).copied().unwrap_or(u32::MAX);
                    key(prev, symbol)
                }));
                table.get_all(&keys, &mut found);
            }
            let mut here = match keep {
                Some(_) => vec![MISSING; tail],
                None => Vec::new(),
            };
            next.clear();
            for (&p, &local) in live.iter().zip(&found) {
                if local == u32::MAX {
                    continue;
                }
                let Ok(id) = u32::try_from(range.start + local as usize) else {
                    continue;
                };
                if let Some(c) = counts.get_mut(id as usize) {
                    *c += 1;
                }
                if let Some(slot) = prefix.get_mut(p) {
                    *slot = id;
                }
                if let Some(slot) = here.get_mut(p) {
                    *slot = id;
                }
                next.push(p);
            }
            std::mem::swap(&mut live, &mut next);
            if let Some(keep) = keep.as_deref_mut() {
                keep.ids.push(here);
            }
            totals.push(ngrams_in(symbols.len(), n) as u64);
        }
        OtherCounts { counts, totals }
    }

    /// Per order, Σ over the hypothesis n-grams of min(own count, `other` count).
    pub fn clipped_matches(&self, other: &[u32]) -> Vec<u64> {
        self.ranges
            .iter()
            .map(|range| {
                let own = self.counts.get(range.clone()).unwrap_or(&[]);
                let theirs = other.get(range.clone()).unwrap_or(&[]);
                own.iter()
                    .zip(theirs)
                    .map(|(&a, &b)| u64::from(a.min(b)))
                    .sum()
            })
            .collect()
    }
}

/// Word symbols: the hypothesis's distinct words get ids 0, 1, …; a word
/// only another text has maps to `u32::MAX`, which no n-gram key contains.
/// The words are borrowed from the text, or owned when the ids outlive it
/// ([`WordIds::owned`]).
pub(crate) struct WordIds<'a> {
    ids: Table<Cow<'a, str>>,
}

impl<'a> WordIds<'a> {
    /// Interns the hypothesis's words and returns them as symbols.
    pub fn new(words: &[&'a str]) -> (WordIds<'a>, Vec<u32>) {
        Self::intern(words, Cow::Borrowed)
    }

    fn intern<'w>(
        words: &[&'w str],
        mut key: impl FnMut(&'w str) -> Cow<'a, str>,
    ) -> (WordIds<'a>, Vec<u32>) {
        let mut ids: Table<Cow<'a, str>> =
            Table::with_capacity_and_hasher(words.len(), Default::default());
        let symbols = words
            .iter()
            .map(|&w| {
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        ids.insert(key(w), next);
                        next
                    }
                }
            })
            .collect();
        (WordIds { ids }, symbols)
    }

    /// Another text's words as symbols.
    pub fn symbols(&self, words: &[&str]) -> Vec<u32> {
        words
            .iter()
            .map(|w| self.ids.get(*w).copied().unwrap_or(u32::MAX))
            .collect()
    }
}

impl WordIds<'static> {
    /// [`WordIds::new`] with the words copied, to keep beyond the text.
    pub fn owned(words: &[&str]) -> (WordIds<'static>, Vec<u32>) {
        Self::intern(words, |w| Cow::Owned(w.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    #[test]
    fn counts_and_clips_like_string_ngrams() {
        let hyp = NgramIndex::new(&chars("abab"), 3);
        assert_eq!(hyp.totals(), [4, 3, 2]);
        let other = hyp.count(&chars("babx"));
        assert_eq!(other.totals, [4, 3, 2]);
        // unigrams a:2/1 b:2/2 → 3; bigrams ab:2/1 ba:1/1 → 2; trigrams aba:1/0 bab:1/1 → 1
        assert_eq!(hyp.clipped_matches(&other.counts), [3, 2, 1]);
    }

    #[test]
    fn short_texts_have_no_high_orders() {
        let hyp = NgramIndex::new(&chars("ab"), 4);
        assert_eq!(hyp.totals(), [2, 1, 0, 0]);
        let other = hyp.count(&[]);
        assert_eq!(other.totals, [0, 0, 0, 0]);
        assert_eq!(hyp.clipped_matches(&other.counts), [0, 0, 0, 0]);
    }

    #[test]
    fn unknown_words_never_match() {
        let (ids, hyp_words) = WordIds::new(&["the", "cat", "the"]);
        assert_eq!(hyp_words, [0, 1, 0]);
        let other = ids.symbols(&["the", "dog"]);
        assert_eq!(other, [0, u32::MAX]);
        let hyp = NgramIndex::new(&hyp_words, 2);
        assert_eq!(hyp.clipped_matches(&hyp.count(&other).counts), [1, 0]);
    }

    proptest::proptest! {
        /// Clipped matches equal a count of n-gram tuples, with symbols on
        /// both sides of the unigram array's bound and ones only the other
        /// text has.
        #[test]
        fn clipped_matches_equal_tuple_counts(
            hyp in proptest::collection::vec(proptest::sample::select(vec![0u32, 1, 127, 128, 300, 70_000]), 0..40),
            other in proptest::collection::vec(proptest::sample::select(vec![0u32, 1, 127, 128, 300, 70_000, u32::MAX]), 0..40),
        ) {
            use std::collections::HashMap;
            let index = NgramIndex::new(&hyp, 4);
            let got = index.clipped_matches(&index.count(&other).counts);
            for (n, &g) in (1..=4).zip(&got) {
                let tally = |s: &[u32]| {
                    let mut m: HashMap<Vec<u32>, u64> = HashMap::new();
                    for w in s.windows(n) {
                        *m.entry(w.to_vec()).or_default() += 1;
                    }
                    m
                };
                let (h, o) = (tally(&hyp), tally(&other));
                let want: u64 = h.iter().map(|(k, &c)| c.min(o.get(k).copied().unwrap_or(0))).sum();
                proptest::prop_assert_eq!(g, want, "order {}", n);
            }
        }
    }

    #[test]
    fn owned_ids_match_borrowed_ones() {
        let words = ["a", "b", "a", "c"];
        let (borrowed, b) = WordIds::new(&words);
        let (owned, o) = WordIds::owned(&words);
        assert_eq!(b, o);
        let other = ["c", "x", "a"];
        assert_eq!(borrowed.symbols(&other), owned.symbols(&other));
        assert_eq!(owned.symbols(&other), [2, u32::MAX, 0]);
    }
}
