//! Per-sentence features, computed once per sentence (never per pair), and
//! the light chrF-like similarity the aligner runs on.
//!
//! A sentence becomes: its distinct character n-grams, hashed, with their
//! counts (orders [`MIN_ORDER`]..=[`MAX_ORDER`], word characters only,
//! whitespace and punctuation dropped, lowercase), a sorted set of hashed
//! anchors (numbers, capitalised names, words inside double quotes) and a
//! sorted set of hashed word stems for the inverted index.
//!
//! Comparing sentences is the aligner's inner loop, so a pair of articles
//! first gets a [`GramSpace`]: every n-gram of the reference numbered densely,
//! each sentence a list of (number, count). A similarity then scatters one
//! side's counts into a flat array and gathers the other side's: no hashing,
//! no data-dependent branches, and several sentences taken together (k:1 and
//! 1:k beads, comparable 1:n) just add their counts.
//!
//! Anchors are numbers with separators dropped, capitalised non-initial
//! words that are not function words, and words inside double quotes; stems
//! are the first 5 characters of content words, and numbers. N-grams are
//! taken from at most 4,096 word characters per sentence. Against a
//! reference of up to 60 sentences (six shortlists), a candidate sentence's
//! similarities with the shortlist instead come from one walk over the
//! postings of its n-grams ([`GramSpace::all_counts`]; each n-gram's
//! reference sentences with its count there, built once per reference),
//! which costs fewer instructions than pair-by-pair lanes up to about seven
//! shortlists' worth of sentences.
//!
//! Everything here is crate-private: the aligner's only similarity API is
//! [`GramSpace`] (`char_f`, `similarity`, `counted` and the shortcuts built
//! on them). `naive.rs` beside it computes the same figures the obvious way
//! (count maps per side), and tests hold the two equal.

use crate::idmap::IdMap;
use crate::lexicon::WordList;
use crate::text::{Article, Token, TokenKind};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// Smallest character n-gram order.
pub(crate) const MIN_ORDER: usize = 2;
/// Largest character n-gram order.
pub(crate) const MAX_ORDER: usize = 5;
pub(crate) const ORDERS: usize = MAX_ORDER - MIN_ORDER + 1;
/// Clipped n-gram matches of two texts, per order (see [`GramSpace::counted`]).
pub(crate) type Counts = [u32; ORDERS];

/// A similarity and the clipped n-gram matches per order it was computed
/// from (what [`GramSpace::merge_bounds`] and [`GramSpace::counted_merge`]
/// take).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub similarity: f64,
    pub matched: Counts,
}

/// Bounds on the similarity of a merge ([`GramSpace::merge_bounds`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub lower: f64,
    pub upper: f64,
}
/// The order lives in the top bits of a gram key so keys sort by order.
pub(crate) const ORDER_SHIFT: u32 = 60;
/// Characters of a word that make its stem ("hegemony" and "hegemonic" share "hegem").
const STEM_CHARS: usize = 5;

/// Function words that are neither names (when capitalised) nor stems:
/// `dict/lists/function-words-not-anchors.txt` (sorted).
static STOPWORDS: WordList = WordList::new(include_str!(
    "../../dict/lists/function-words-not-anchors.txt"
));

fn is_stopword(norm: &str) -> bool {
    STOPWORDS.contains(norm)
}

/// What the aligner knows about one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Features {
    /// `order << 60 | hash` of every n-gram, repeats kept, in text order.
    pub(super) keys: Vec<u64>,
    /// Number of n-grams of each order, with multiplicity.
    pub(super) totals: [u32; ORDERS],
    /// Hashed numbers, names and quoted words; sorted, deduplicated.
    pub anchors: Vec<u64>,
    /// Hashed content-word stems and numbers for the index; sorted, deduplicated.
    pub stems: Vec<u64>,
}

/// Word characters of a sentence that feed its n-grams: a "sentence" longer
/// than this (a text without punctuation) is aligned on its opening, which
/// bounds what one line can cost.
pub(crate) const MAX_SENTENCE_CHARS: usize = 4096;
// Lanes hold per-sentence counts in 16 bits.
const _: () = assert!(MAX_SENTENCE_CHARS <= u16::MAX as usize);

/// Feature sets of every sentence of an article, indexed like `Article::sentences`.
pub(crate) fn article_features(article: &Article) -> Vec<Features> {
    (0..article.sentences.len())
        .map(|i| Features::of_tokens(&article.text, article.sentence_tokens(i)))
        .collect()
}

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn hash_chars(tag: u64, chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(mix(0, tag), |h, c| mix(h, c as u64))
}

impl Features {
    /// Features of a run of tokens from `text`.
    pub(crate) fn of_tokens(text: &str, tokens: &[Token]) -> Features {
        let span = match (tokens.first(), tokens.last()) {
            (Some(a), Some(b)) => b.end.saturating_sub(a.start),
            _ => 0,
        };
        let mut chars: Vec<char> = Vec::with_capacity(span.min(MAX_SENTENCE_CHARS * 2));
        let mut anchors = Vec::new();
        let mut stems = Vec::new();
        let mut in_quote = false;
        let mut first_word = true;
        for tok in tokens {
            match tok.kind {
                TokenKind::Quote => {
                    if is_double_quote(tok.text(text)) {
                        in_quote = !in_quote;
                    }
                }
                TokenKind::Number => {
                    chars.extend(tok.norm.chars());
                    let digits = hash_chars(1, tok.norm.chars().filter(|c| *c != ','));
                    anchors.push(digits);
                    stems.push(digits);
                    first_word = false;
                }
                TokenKind::Word => {
                    chars.extend(tok.norm.chars().filter(|c| c.is_alphanumeric()));
                    let norm = tok.norm.as_str();
                    let stop = is_stopword(norm);
                    let capital = tok
                        .text(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    if !stop && ((capital && !first_word) || in_quote) {
                        anchors.push(hash_chars(2, norm.chars()));
                    }
                    if !stop && norm.chars().count() >= 3 {
                        stems.push(hash_chars(3, norm.chars().take(STEM_CHARS)));
                    }
                    first_word = false;
                }
                TokenKind::Punct | TokenKind::Symbol => {}
            }
        }
        anchors.sort_unstable();
        anchors.dedup();
        stems.sort_unstable();
        stems.dedup();
        chars.truncate(MAX_SENTENCE_CHARS);
        // Each start position extends one running hash through the orders,
        // finished per order, so a character is mixed once per order.
        let mut keys = Vec::with_capacity(chars.len() * ORDERS);
        for start in 0..chars.len() {
            let mut h = 0u64;
            for (n, &c) in chars.iter().skip(start).take(MAX_ORDER).enumerate() {
                h = mix(h, c as u64);
                if n + 1 >= MIN_ORDER {
                    let slot = (n + 1 - MIN_ORDER) as u64;
                    let key =
                        mix(h, slot).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - ORDER_SHIFT);
                    keys.push((slot << ORDER_SHIFT) | key);
                }
            }
        }
        let mut totals = [0u32; ORDERS];
        for (slot, n) in (MIN_ORDER..=MAX_ORDER).enumerate() {
            totals[slot] = chars.len().saturating_sub(n - 1) as u32;
        }
        Features {
            keys,
            totals,
            anchors,
            stems,
        }
    }

    /// True when the sentence has no word characters at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.anchors.is_empty()
    }
}

fn is_double_quote(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201C}" | "\u{201D}" | "\u{201E}" | "\u{201F}" | "\u{00AB}" | "\u{00BB}"
    )
}

/// One n-gram of a sentence in a [`GramSpace`]: its dense number, with the
/// order in the top bits, and its count in the sentence.
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: u32,
    count: u32,
}

const ID_ORDER_SHIFT: u32 = 30;
const ID_MASK: u32 = (1 << ID_ORDER_SHIFT) - 1;

/// Which article a sentence index refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Candidate,
    Reference,
}

/// A flat count array, one slot per n-gram number, holding one sentence's
/// counts (all zero when `loaded` is `None`). A count fits 16 bits: a
/// sentence has at most [`MAX_SENTENCE_CHARS`] n-grams of an order, and
/// the narrow slots halve the memory a long article's lanes sweep.
struct Lane {
    counts: Vec<u16>,
    /// The slots `counts` has once used (it starts empty).
    slots: usize,
    loaded: Option<usize>,
}

/// The n-grams of a candidate and a reference article in one dense
/// numbering (the reference's distinct n-grams; candidate n-grams the
/// reference lacks are dropped, as they can never match).
///
/// A similarity loads one side's sentence into a lane (its counts scattered
/// into a flat array; the lane remembers which sentence it holds, so a
/// sentence compared with many loads once) and reads the other side's
/// counts against it: no hashing and no data-dependent branches. When the
/// other side is several sentences taken together, each takes what is left
/// of the loaded counts and the lane is restored afterwards, which clips
/// matches against the group's summed counts exactly.
pub(crate) struct GramSpace<'f> {
    candidate: &'f [Features],
    reference: &'f [Features],
    /// The candidate's sentences as numbered entries.
    cand: Vec<Vec<Entry>>,
    /// The reference's numbering and sentences.
    refr: Arc<ReferenceGrams>,
    /// Lanes for a candidate and a reference sentence.
    lanes: RefCell<[Lane; 2]>,
    /// The n-grams neighbouring candidate sentences `i` and `i + 1`
    /// share, for the last few `i` asked (see [`GramSpace::counted_merge`]).
    shared: RefCell<Vec<Kept>>,
}

/// The n-grams candidate sentences `first` and `first + 1` share.
struct Kept {
    first: usize,
    shared: Vec<Shared>,
}

/// Shared n-gram lists a space keeps: a row of the aligner's programme
/// asks for two neighbouring pairs of candidate sentences.
const SHARED_KEPT: usize = 3;

/// The reference half of a [`GramSpace`]: the reference's distinct n-grams
/// numbered 0, 1, 2, … and each of its sentences as numbered entries. It
/// depends on the reference alone, so a reference checked against many
/// candidates numbers its n-grams once (kept in `crate::prepared`).
pub(crate) struct ReferenceGrams {
    ids: IdMap,
    sentences: Vec<Vec<Entry>>,
    slots: usize,
    /// Built on first use, for a short reference (see [`GramSpace::counted_all`]).
    postings: OnceLock<Postings>,
    /// `adjacent[j]`: the n-grams sentences `j` and `j + 1` share, each
    /// made on first use (see [`GramSpace::counted_merge`]).
    adjacent: Vec<OnceLock<Vec<Shared>>>,
}

/// An n-gram two neighbouring sentences of one side share (its dense
/// number with the order bits) and its count in each.
#[derive(Debug, Clone, Copy)]
struct Shared {
    id: u32,
    first: u16,
    second: u16,
}

/// A reference sentence that has a numbered n-gram, with its count there.
#[derive(Debug, Clone, Copy, Default)]
struct Posting {
    sentence: u32,
    count: u32,
}

/// Each numbered n-gram's reference sentences, with its count in each:
/// the n-gram numbered `g` has `at[starts[g]..starts[g + 1]]`, by sentence.
struct Postings {
    starts: Vec<u32>,
    at: Vec<Posting>,
}

impl Postings {
    fn new(sentences: &[Vec<Entry>], slots: usize) -> Postings {
        let mut starts = vec![0u32; slots + 1];
        for e in sentences.iter().flatten() {
            if let Some(n) = starts.get_mut((e.id & ID_MASK) as usize + 1) {
                *n += 1;
            }
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut next = starts.clone();
        let mut at = vec![Posting::default(); starts.last().map_or(0, |&n| n as usize)];
        for (j, list) in sentences.iter().enumerate() {
            for e in list {
                let Some(k) = next.get_mut((e.id & ID_MASK) as usize) else {
                    continue;
                };
                if let Some(slot) = at.get_mut(*k as usize) {
                    *slot = Posting {
                        sentence: j as u32,
                        count: e.count,
                    };
                }
                *k += 1;
            }
        }
        Postings { starts, at }
    }

    /// The postings of the n-gram numbered `g` (`None` when out of range).
    fn of(&self, g: usize) -> Option<&[Posting]> {
        let (from, to) = (*self.starts.get(g)?, *self.starts.get(g + 1)?);
        self.at.get(from as usize..to as usize)
    }
}

impl ReferenceGrams {
    /// Numbers the n-grams of the reference's sentences.
    pub(crate) fn new(reference: &[Features]) -> ReferenceGrams {
        let grams: usize = reference.iter().map(|f| f.keys.len()).sum();
        let mut ids = IdMap::with_capacity(grams.min(1 << 14));
        let mut counts: Vec<u32> = Vec::new();
        let mut found: Vec<u32> = Vec::new();
        let sentences: Vec<Vec<Entry>> = reference
            .iter()
            .map(|f| {
                found.clear();
                found
                    .extend((f.keys.iter()).map(|&key| ids.get_or_insert(key).unwrap_or(u32::MAX)));
                counts.resize(ids.len().min(ID_MASK as usize + 1), 0);
                entries(&f.keys, &found, &mut counts)
            })
            .collect();
        let slots = ids.len().min(ID_MASK as usize + 1);
        ReferenceGrams {
            ids,
            sentences,
            slots,
            postings: OnceLock::new(),
            adjacent: (1..reference.len()).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl<'f> GramSpace<'f> {
    /// Numbers the n-grams of both sides.
    #[cfg(test)]
    pub(crate) fn new(candidate: &'f [Features], reference: &'f [Features]) -> GramSpace<'f> {
        GramSpace::with_reference(
            candidate,
            reference,
            Arc::new(ReferenceGrams::new(reference)),
        )
    }

    /// Numbers the candidate's n-grams in the reference's numbering
    /// `grams`, which must have been made from `reference`.
    pub(crate) fn with_reference(
        candidate: &'f [Features],
        reference: &'f [Features],
        grams: Arc<ReferenceGrams>,
    ) -> GramSpace<'f> {
        // Every number is below `slots` (at most `ID_MASK + 1`), so a key
        // the reference lacks (`u32::MAX`) falls outside `counts`.
        let mut counts: Vec<u32> = vec![0; grams.slots];
        let mut found: Vec<u32> = Vec::new();
        let cand = candidate
            .iter()
            .map(|f| {
                // All of a sentence's keys looked up at once (most miss: the
                // look-ups overlap rather than wait on each other).
                grams.ids.get_all(&f.keys, &mut found);
                entries(&f.keys, &found, &mut counts)
            })
            .collect();
        let lane = || Lane {
            counts: Vec::new(),
            slots: grams.slots,
            loaded: None,
        };
        GramSpace {
            candidate,
            reference,
            cand,
            lanes: RefCell::new([lane(), lane()]),
            refr: grams,
            shared: RefCell::new(Vec::new()),
        }
    }

    /// Character n-gram F1 of candidate sentences `cand` taken together
    /// against reference sentences `refr` taken together, averaged over the
    /// orders either side has (like chrF's effective order; β = 1 because
    /// alignment needs a symmetric score), in 0..=1; one side has a single
    /// sentence. Indices out of range count as empty.
    pub(crate) fn char_f(&self, cand: &[usize], refr: &[usize]) -> f64 {
        f1(
            self.counts(cand, refr),
            totals(self.candidate, cand),
            totals(self.reference, refr),
        )
    }

    /// The aligner's similarity in 0..=1 of candidate sentences `cand`
    /// against reference sentences `refr`, each side taken together:
    /// [`GramSpace::char_f`], blended with the Dice overlap of the anchors
    /// (numbers, names, quoted words) when either side has any;
    /// `anchor_weight` is the blend's share for anchors.
    pub(crate) fn similarity(&self, cand: &[usize], refr: &[usize], anchor_weight: f64) -> f64 {
        self.counted(cand, refr, anchor_weight).similarity
    }

    /// [`GramSpace::similarity`], with the clipped matches per order it
    /// was computed from (what [`GramSpace::merge_bounds`] takes).
    pub(crate) fn counted(&self, cand: &[usize], refr: &[usize], anchor_weight: f64) -> Scored {
        self.scored(cand, refr, self.counts(cand, refr), anchor_weight)
    }

    /// [`GramSpace::counted`] of a 2-merge whose two single parts matched
    /// `parts` between them (each part's exact clipped matches, added up;
    /// anything else gives wrong matches, which only debug builds catch):
    /// the merge then only compares the n-grams its two sentences share, as
    /// it matches what its parts did apart less what they both took of one
    /// n-gram.
    pub(crate) fn counted_merge(
        &self,
        cand: &[usize],
        refr: &[usize],
        parts: Counts,
        anchor_weight: f64,
    ) -> Scored {
        let matched = match (cand, refr) {
            (&[i], &[j, next]) if next == j + 1 => self.pair_matched(i, j, parts),
            (&[i, next], &[j]) if next == i + 1 => self.run_matched(i, j, parts),
            _ => None,
        };
        let matched = matched.unwrap_or_else(|| self.counts(cand, refr));
        debug_assert_eq!(matched, self.counts(cand, refr));
        self.scored(cand, refr, matched, anchor_weight)
    }

    /// The similarity of `cand` against `refr` from their clipped matches.
    fn scored(
        &self,
        cand: &[usize],
        refr: &[usize],
        matched: Counts,
        anchor_weight: f64,
    ) -> Scored {
        let chars = f1(
            matched,
            totals(self.candidate, cand),
            totals(self.reference, refr),
        );
        let similarity = blend(
            chars,
            &anchors(self.candidate, cand),
            &anchors(self.reference, refr),
            anchor_weight,
        );
        Scored {
            similarity,
            matched,
        }
    }

    /// [`GramSpace::counted`] of candidate sentence `i` against every
    /// reference sentence, in order (see [`GramSpace::all_counts`]).
    pub(crate) fn counted_all(&self, i: usize, anchor_weight: f64) -> Vec<Scored> {
        let (ta, ca) = (totals(self.candidate, &[i]), anchors(self.candidate, &[i]));
        self.all_counts(i)
            .into_iter()
            .enumerate()
            .map(|(j, matched)| {
                let chars = f1(matched, ta, totals(self.reference, &[j]));
                Scored {
                    similarity: blend(chars, &ca, &anchors(self.reference, &[j]), anchor_weight),
                    matched,
                }
            })
            .collect()
    }

    /// [`GramSpace::similarity`] of candidate sentence `i` against
    /// reference sentence `j` from their clipped matches `matched` (one of
    /// [`GramSpace::all_counts`]).
    pub(crate) fn counted_from(
        &self,
        i: usize,
        j: usize,
        matched: Counts,
        anchor_weight: f64,
    ) -> f64 {
        self.scored(&[i], &[j], matched, anchor_weight).similarity
    }

    /// Clipped matches per order of candidate sentence `i` against every
    /// reference sentence, in order. It walks the reference sentences that
    /// share each of the candidate's n-grams rather than every reference
    /// sentence's n-grams, which is the cheaper way round when all, or a
    /// good share, of a short reference's sentences are wanted. The
    /// postings are built on first use, once per reference.
    pub(crate) fn all_counts(&self, i: usize) -> Vec<Counts> {
        let refr = &self.refr;
        let postings = refr
            .postings
            .get_or_init(|| Postings::new(&refr.sentences, refr.slots));
        let m = self.reference.len();
        // Order by order, a row of reference sentences (one bounds check
        // per posting); turned into one `Counts` per sentence at the end.
        let mut by_order = vec![0u32; ORDERS * m];
        for e in self.cand.get(i).map_or(&[][..], Vec::as_slice) {
            let g = (e.id & ID_MASK) as usize;
            let order = (e.id >> ID_ORDER_SHIFT) as usize;
            let Some(list) = postings.of(g) else {
                continue;
            };
            let Some(row) = by_order.get_mut(order * m..(order + 1) * m) else {
                continue;
            };
            // As in a lane: a count is taken at most 16 bits wide.
            let own = u32::from(lane_count(e.count));
            for p in list {
                if let Some(slot) = row.get_mut(p.sentence as usize) {
                    *slot += own.min(p.count);
                }
            }
        }
        (0..m)
            .map(|j| std::array::from_fn(|o| by_order.get(o * m + j).copied().unwrap_or(0)))
            .collect()
    }

    /// Bounds on [`GramSpace::similarity`] of a merge, without comparing a
    /// single n-gram: `sum` is its parts' clipped matches added up (a merge
    /// matches no more than its parts did apart, nor more than either side
    /// has) and `max` the largest part's (adding sentences to a side never
    /// loses a match), order by order. The similarity is monotone in the
    /// matches, so `lower <= similarity <= upper` holds in floating point too.
    pub(crate) fn merge_bounds(
        &self,
        cand: &[usize],
        refr: &[usize],
        sum: Counts,
        max: Counts,
        anchor_weight: f64,
    ) -> Bounds {
        let (ta, tb) = (totals(self.candidate, cand), totals(self.reference, refr));
        let mut upper = sum;
        for ((u, &a), &b) in upper.iter_mut().zip(&ta).zip(&tb) {
            *u = (*u).min(a).min(b);
        }
        let (a, b) = (anchors(self.candidate, cand), anchors(self.reference, refr));
        let d = anchor_dice(&a, &b);
        Bounds {
            lower: blend_dice(f1(max, ta, tb), d, anchor_weight),
            upper: blend_dice(f1(upper, ta, tb), d, anchor_weight),
        }
    }

    /// Clipped matches per order of candidate sentences `cand` against
    /// reference sentences `refr` (one side a single sentence).
    fn counts(&self, cand: &[usize], refr: &[usize]) -> Counts {
        match (cand, refr) {
            (&[i], &[j]) => {
                // Keep whichever sentence is loaded; else load the candidate
                // (a row of the aligner compares it with many references).
                let reference_loaded = self
                    .lanes
                    .try_borrow()
                    .is_ok_and(|l| l[1].loaded == Some(j) && l[0].loaded != Some(i));
                if reference_loaded {
                    self.matched(Side::Reference, j, &[i])
                } else {
                    self.matched(Side::Candidate, i, &[j])
                }
            }
            (&[i], group) => self.matched(Side::Candidate, i, group),
            (group, &[j]) => self.matched(Side::Reference, j, group),
            _ => [0; ORDERS],
        }
    }

    /// Clipped matches per order of candidate sentence `i` against
    /// reference sentences `j` and `j + 1` taken together, from `parts`,
    /// its matches against each alone added up: for an n-gram both
    /// reference sentences have, the two parts took min(c, a) + min(c, b)
    /// of the candidate's c where the merge takes min(c, a + b); no other
    /// n-gram differs. `None` when the lanes are busy or out of range.
    fn pair_matched(&self, i: usize, j: usize, parts: Counts) -> Option<Counts> {
        self.with_shared(Side::Reference, j, |shared, lanes| {
            take_back_loaded(parts, shared, &mut lanes[0], &self.cand, i)
        })?
    }

    /// Clipped matches per order of candidate sentences `i` and `i + 1`
    /// taken together against reference sentence `j`, from `parts`, their
    /// matches against it alone added up (the mirror of
    /// [`GramSpace::pair_matched`]). The reference sentence's count of a
    /// shared n-gram comes from the postings when a short reference has
    /// them, else from its lane.
    fn run_matched(&self, i: usize, j: usize, parts: Counts) -> Option<Counts> {
        let refr = &self.refr;
        self.with_shared(Side::Candidate, i, |shared, lanes| {
            let Some(postings) = refr.postings.get() else {
                return take_back_loaded(parts, shared, &mut lanes[1], &refr.sentences, j);
            };
            let mut matched = parts;
            let j = u32::try_from(j).ok()?;
            for s in shared {
                let g = (s.id & ID_MASK) as usize;
                let list = postings.of(g)?;
                if let Ok(k) = list.binary_search_by_key(&j, |p| p.sentence) {
                    let r = u32::from(lane_count(list.get(k)?.count));
                    take_back(&mut matched, s, r)?;
                }
            }
            Some(matched)
        })?
    }

    /// Calls `f` with the n-grams sentences `i` and `i + 1` of `side` share
    /// and the lanes. A reference's lists are made once and kept with it
    /// (for every candidate checked against it); a candidate's are kept in
    /// the space for the last few asked. `None` when out of range or busy.
    fn with_shared<R>(
        &self,
        side: Side,
        i: usize,
        f: impl FnOnce(&[Shared], &mut [Lane; 2]) -> R,
    ) -> Option<R> {
        let mut lanes = self.lanes.try_borrow_mut().ok()?;
        if side == Side::Reference {
            let refr = &self.refr;
            let shared = refr
                .adjacent
                .get(i)?
                .get_or_init(|| shared_with_next(&refr.sentences, i, &mut lanes[1]));
            return Some(f(shared, &mut lanes));
        }
        let mut kept = self.shared.try_borrow_mut().ok()?;
        let at = match kept.iter().position(|k| k.first == i) {
            Some(at) => at,
            None => {
                self.cand.get(i + 1)?;
                let shared = shared_with_next(&self.cand, i, &mut lanes[0]);
                if kept.len() >= SHARED_KEPT {
                    kept.remove(0);
                }
                kept.push(Kept { first: i, shared });
                kept.len() - 1
            }
        };
        let shared = &kept.get(at)?.shared;
        Some(f(shared, &mut lanes))
    }

    /// Clipped matches per order between sentence `one` of `side` and the
    /// summed counts of sentences `group` of the other side.
    fn matched(&self, side: Side, one: usize, group: &[usize]) -> [u32; ORDERS] {
        let mut matched = [0u32; ORDERS];
        let Ok(mut lanes) = self.lanes.try_borrow_mut() else {
            return matched;
        };
        let (lists, others, lane) = match side {
            Side::Candidate => (&self.cand, &self.refr.sentences, &mut lanes[0]),
            Side::Reference => (&self.refr.sentences, &self.cand, &mut lanes[1]),
        };
        let Some(own) = lists.get(one) else {
            return matched;
        };
        load(lane, lists, one);
        let single = group.len() == 1;
        for list in group.iter().filter_map(|&k| others.get(k)) {
            for e in list {
                if let Some(slot) = lane.counts.get_mut((e.id & ID_MASK) as usize) {
                    let take = lane_count(e.count).min(*slot);
                    if let Some(m) = matched.get_mut((e.id >> ID_ORDER_SHIFT) as usize) {
                        *m += u32::from(take);
                    }
                    if !single {
                        *slot -= take;
                    }
                }
            }
        }
        if !single {
            // Restore what the group took.
            for e in own {
                if let Some(slot) = lane.counts.get_mut((e.id & ID_MASK) as usize) {
                    *slot = lane_count(e.count);
                }
            }
        }
        matched
    }
}

/// The n-grams sentences `i` and `i + 1` of `lists` share, with their
/// counts in each: `i + 1` is loaded into `lane` and `i`'s n-grams are
/// looked up in it.
fn shared_with_next(lists: &[Vec<Entry>], i: usize, lane: &mut Lane) -> Vec<Shared> {
    load(lane, lists, i + 1);
    let first = lists.get(i).map_or(&[][..], Vec::as_slice);
    first
        .iter()
        .filter_map(|e| {
            let second = *lane.counts.get((e.id & ID_MASK) as usize)?;
            (second > 0).then(|| Shared {
                id: e.id,
                first: lane_count(e.count),
                second,
            })
        })
        .collect()
}

/// Takes back from `matched` what the two parts of a 2-merge both took of
/// shared n-gram `s` from the other side's `c` (the merge takes
/// min(c, first + second) where the parts took min(c, first) + min(c, second)).
/// `None` if that would go below zero, which exact parts never do.
fn take_back(matched: &mut Counts, s: &Shared, c: u32) -> Option<()> {
    let (a, b) = (u32::from(s.first), u32::from(s.second));
    let lost = c.min(a) + c.min(b) - c.min(a + b);
    let m = matched.get_mut((s.id >> ID_ORDER_SHIFT) as usize)?;
    *m = m.checked_sub(lost)?;
    Some(())
}

/// [`take_back`] for every shared n-gram, the other side's count read from
/// `lane` with sentence `one` of `lists` loaded.
fn take_back_loaded(
    parts: Counts,
    shared: &[Shared],
    lane: &mut Lane,
    lists: &[Vec<Entry>],
    one: usize,
) -> Option<Counts> {
    load(lane, lists, one);
    let mut matched = parts;
    for s in shared {
        let c = u32::from(*lane.counts.get((s.id & ID_MASK) as usize)?);
        take_back(&mut matched, s, c)?;
    }
    Some(matched)
}

/// Loads sentence `one` of `lists` into `lane`, unless it holds it already.
fn load(lane: &mut Lane, lists: &[Vec<Entry>], one: usize) {
    if lane.loaded == Some(one) {
        return;
    }
    if lane.counts.len() < lane.slots {
        // Made on first use: a space that only reads postings never needs it.
        lane.counts.resize(lane.slots, 0);
    }
    if let Some(old) = lane.loaded.and_then(|k| lists.get(k)) {
        for e in old {
            if let Some(slot) = lane.counts.get_mut((e.id & ID_MASK) as usize) {
                *slot = 0;
            }
        }
    }
    for e in lists.get(one).map_or(&[][..], Vec::as_slice) {
        if let Some(slot) = lane.counts.get_mut((e.id & ID_MASK) as usize) {
            *slot = lane_count(e.count);
        }
    }
    lane.loaded = Some(one);
}

/// A count in a lane's width (never clipped in practice: see [`Lane`]).
fn lane_count(count: u32) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
}

/// One sentence's n-grams (`keys`, repeats kept) as distinct numbered
/// entries with counts: `ids[k]` is key `k`'s number, and a number outside
/// `counts` (a key the reference lacks, `u32::MAX`, or one past
/// [`ID_MASK`]) drops the key. `counts` is scratch, all zero on entry and
/// on return.
fn entries(keys: &[u64], ids: &[u32], counts: &mut [u32]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::with_capacity(keys.len());
    for (&key, &id) in keys.iter().zip(ids) {
        let Some(c) = counts.get_mut(id as usize) else {
            continue;
        };
        if *c == 0 {
            out.push(Entry {
                id: id | order_bits(key),
                count: 0,
            });
        }
        *c += 1;
    }
    for e in &mut out {
        if let Some(c) = counts.get_mut((e.id & ID_MASK) as usize) {
            e.count = std::mem::take(c);
        }
    }
    out
}

/// n-grams of each order in sentences `idx` of `side`, summed.
fn totals(side: &[Features], idx: &[usize]) -> [u32; ORDERS] {
    let mut t = [0u32; ORDERS];
    for f in idx.iter().filter_map(|&i| side.get(i)) {
        for (a, b) in t.iter_mut().zip(f.totals) {
            *a += b;
        }
    }
    t
}

/// The sorted, deduplicated anchors of sentences `idx` of `side`: one
/// sentence's own, or a merge's pooled (a merge has two or three
/// sentences of a handful of anchors each, so a small vector).
fn anchors<'a>(side: &'a [Features], idx: &[usize]) -> Cow<'a, [u64]> {
    if let [one] = idx {
        return Cow::Borrowed(side.get(*one).map_or(&[][..], |f| f.anchors.as_slice()));
    }
    let mut all: Vec<u64> = (idx.iter().filter_map(|&i| side.get(i)))
        .flat_map(|f| f.anchors.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    Cow::Owned(all)
}

/// A gram key's order as the top bits of a dense number.
fn order_bits(key: u64) -> u32 {
    ((key >> ORDER_SHIFT) as u32) << ID_ORDER_SHIFT
}

fn f1(matched: [u32; ORDERS], a: [u32; ORDERS], b: [u32; ORDERS]) -> f64 {
    let mut sum = 0.0;
    let mut orders = 0usize;
    for ((&m, &ta), &tb) in matched.iter().zip(&a).zip(&b) {
        if ta == 0 && tb == 0 {
            continue;
        }
        orders += 1;
        // F1 = 2·matched / (|a| + |b|).
        sum += 2.0 * f64::from(m) / f64::from(ta + tb);
    }
    if orders == 0 {
        0.0
    } else {
        sum / orders as f64
    }
}

/// Dice coefficient of two sorted sets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

fn blend(chars: f64, a: &[u64], b: &[u64], anchor_weight: f64) -> f64 {
    blend_dice(chars, anchor_dice(a, b), anchor_weight)
}

/// The anchors' Dice overlap, or `None` when neither side has any.
fn anchor_dice(a: &[u64], b: &[u64]) -> Option<f64> {
    (!(a.is_empty() && b.is_empty())).then(|| dice(a, b))
}

/// [`blend`] from the anchors' [`anchor_dice`].
fn blend_dice(chars: f64, dice: Option<f64>, anchor_weight: f64) -> f64 {
    let Some(d) = dice else {
        return chars;
    };
    let w = anchor_weight.clamp(0.0, 1.0);
    (1.0 - w) * chars + w * d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(s: &str) -> Features {
        let a = Article::from_text("t", s);
        Features::of_tokens(&a.text, &a.tokens)
    }

    /// [`GramSpace::char_f`] of two single sentences.
    fn char_f(a: &Features, b: &Features) -> f64 {
        let (a, b) = (std::slice::from_ref(a), std::slice::from_ref(b));
        GramSpace::new(a, b).char_f(&[0], &[0])
    }

    /// [`GramSpace::similarity`] of two single sentences.
    fn similarity(a: &Features, b: &Features, anchor_weight: f64) -> f64 {
        let (a, b) = (std::slice::from_ref(a), std::slice::from_ref(b));
        GramSpace::new(a, b).similarity(&[0], &[0], anchor_weight)
    }

    proptest::proptest! {
        /// Pooled anchors are the sorted union of the sentences' anchors.
        #[test]
        fn pooled_anchors_are_the_sorted_union(
            sets in proptest::collection::vec(proptest::collection::vec(0u64..40, 0..30), 1..4),
        ) {
            let side: Vec<Features> = sets
                .iter()
                .map(|s| {
                    let mut anchors = s.clone();
                    anchors.sort_unstable();
                    anchors.dedup();
                    Features { anchors, ..Features::default() }
                })
                .collect();
            let idx: Vec<usize> = (0..side.len()).collect();
            let mut want: Vec<u64> = sets.concat();
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(&*anchors(&side, &idx), want.as_slice());
        }
    }

    /// A 2-merge counted from its parts' matches (and the n-grams its two
    /// sentences share) equals the merge compared n-gram by n-gram, both
    /// ways round, for every pair of neighbours of the seeds; and in both
    /// orders of asking, so the kept shared lists and loaded lanes cannot
    /// leak from one question into the next.
    #[test]
    fn merges_from_parts_equal_merges_compared() {
        let cand = Article::from_text("c", include_str!("../../seeds/xi-moscow-suspected-mt.txt"));
        let refr = Article::from_text("r", include_str!("../../seeds/xi-moscow-reference.txt"));
        let (cf, rf) = (article_features(&cand), article_features(&refr));
        let space = GramSpace::new(&cf, &rf);
        let add = |a: Counts, b: Counts| -> Counts { std::array::from_fn(|o| a[o] + b[o]) };
        let (n, m) = (cf.len(), rf.len());
        assert!(n > 10 && m > 10);
        let mut checked = 0;
        for forward in [true, false] {
            for step in 0..n * m {
                let k = if forward { step } else { n * m - 1 - step };
                let (i, j) = (k / m, k % m);
                if j + 1 < m {
                    let parts = add(space.counts(&[i], &[j]), space.counts(&[i], &[j + 1]));
                    let want = space.counts(&[i], &[j, j + 1]);
                    let got = space.counted_merge(&[i], &[j, j + 1], parts, 0.3);
                    assert_eq!(
                        got.matched,
                        want,
                        "candidate {i} against references {j}, {}",
                        j + 1
                    );
                    assert_eq!(got, space.counted(&[i], &[j, j + 1], 0.3));
                    checked += 1;
                }
                if i + 1 < n {
                    let parts = add(space.counts(&[i], &[j]), space.counts(&[i + 1], &[j]));
                    let want = space.counts(&[i, i + 1], &[j]);
                    let got = space.counted_merge(&[i, i + 1], &[j], parts, 0.3);
                    assert_eq!(
                        got.matched,
                        want,
                        "candidates {i}, {} against reference {j}",
                        i + 1
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn stopwords_are_sorted_and_found() {
        let words: Vec<&str> = STOPWORDS.words().collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        for w in words {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["", "th", "thee", "abouts", "Because", "between."] {
            assert!(!is_stopword(w), "{w}");
        }
    }

    #[test]
    fn identical_sentences_score_one_and_disjoint_zero() {
        let a = feats("The talks ended on Friday.");
        assert!((char_f(&a, &a) - 1.0).abs() < 1e-9);
        assert!((similarity(&a, &a, 0.3) - 1.0).abs() < 1e-9);
        let b = feats("xyz qqq");
        assert_eq!(char_f(&a, &b), 0.0);
    }

    #[test]
    fn paraphrase_scores_above_unrelated_sentence() {
        let c = feats("In the face of international reflux of unilateralism and hegemony bullying, China will cooperate with Russia.");
        let r = feats("We are currently facing a backlash of unilateralism and acts of hegemonic bullying in the international community.");
        let u = feats("Shapovalova said the delegation was expected to discuss the gas pipeline.");
        assert!(similarity(&c, &r, 0.2) > similarity(&c, &u, 0.2) + 0.1);
    }

    #[test]
    fn anchors_collect_numbers_names_and_quoted_words() {
        let f = feats("He said Putin met \"dear friends\" on 1,200 days.");
        let g = feats("Putin counted 1200 dear friends.");
        // putin, dear, friends, 1200 are anchors on the first side; "He" (first word) is not.
        assert_eq!(f.anchors.len(), 4);
        assert!(dice(&f.anchors, &g.anchors) > 0.0);
    }

    #[test]
    fn merging_two_halves_matches_the_whole_better() {
        let whole = feats("Xi arrived in Moscow on Thursday and praised the deep trust between the two countries.");
        let a = feats("Xi arrived in Moscow on Thursday.");
        let b = feats("He praised the deep trust between the two countries.");
        let parts = [a, b];
        let wholes = [whole];
        let space = GramSpace::new(&parts, &wholes);
        let joined = space.char_f(&[0, 1], &[0]);
        assert!(joined > space.char_f(&[0], &[0]));
        assert!(joined > space.char_f(&[1], &[0]));
        // A group of one is the sentence itself, either way round.
        assert_eq!(space.char_f(&[0], &[0]), char_f(&parts[0], &wholes[0]));
        assert_eq!(char_f(&parts[0], &wholes[0]), char_f(&wholes[0], &parts[0]));
        // And the reference side can be the group.
        let back = GramSpace::new(&wholes, &parts);
        assert_eq!(back.char_f(&[0], &[0, 1]), joined);
    }

    /// The char F computed the obvious way (`naive.rs`).
    fn naive_char_f(cand: &[&Features], refr: &[&Features]) -> f64 {
        crate::align::naive::counted(cand, refr, 0.0).similarity
    }

    #[test]
    fn gram_space_agrees_with_naive_counts_in_any_call_order() {
        let cand: Vec<Features> = [
            "The the the talks ended on Friday in Brussels.",
            "Leaders argued over refugee policy for hours.",
            "Officials said every stage had bottlenecks, bottlenecks everywhere.",
            "",
        ]
        .iter()
        .map(|t| feats(t))
        .collect();
        let refr: Vec<Features> = [
            "Talks ended on Friday in Brussels, the the officials said.",
            "Leaders argued for hours over the refugee policy.",
            "Every stage had bottlenecks.",
            "Nothing in common: xyz qqq.",
        ]
        .iter()
        .map(|t| feats(t))
        .collect();
        let space = GramSpace::new(&cand, &refr);
        let calls: &[(&[usize], &[usize])] = &[
            (&[0], &[0]),
            (&[0], &[1, 2]),
            (&[0], &[1]),
            (&[1, 2], &[1]),
            (&[2], &[2]),
            (&[0, 1, 2], &[0]),
            (&[1], &[1]),
            (&[2], &[0, 1, 2]),
            (&[3], &[3]),
            (&[2], &[2]),
            (&[0], &[0]),
            (&[9], &[0]),
        ];
        for _ in 0..2 {
            for &(c, r) in calls {
                let cs: Vec<&Features> = c.iter().filter_map(|&i| cand.get(i)).collect();
                let rs: Vec<&Features> = r.iter().filter_map(|&j| refr.get(j)).collect();
                let want = naive_char_f(&cs, &rs);
                let got = space.char_f(c, r);
                assert!(
                    (got - want).abs() < 1e-12,
                    "{c:?} vs {r:?}: {got} != {want}"
                );
            }
        }
    }

    #[test]
    fn merge_bounds_bracket_the_similarity() {
        let texts = [
            "The summit opened in Brussels on Thursday, officials said.",
            "Leaders argued over refugee policy for hours on end.",
            "Officials said every stage of the process had bottlenecks.",
            "The talks ended late on Friday in Brussels.",
            "Nothing in common: xyz qqq.",
            "",
        ];
        let refr_texts = [
            "The summit opened in Brussels on Thursday. Leaders argued over refugee policy.",
            "Officials said every stage had bottlenecks.",
            "The process had bottlenecks, officials said on Friday.",
            "Talks ended late in Brussels.",
            "Refugee policy divided the leaders for hours.",
        ];
        let cand: Vec<Features> = texts.iter().map(|t| feats(t)).collect();
        let refr: Vec<Features> = refr_texts.iter().map(|t| feats(t)).collect();
        let space = GramSpace::new(&cand, &refr);
        let w = 0.2;
        // Bounds of candidate sentences `c` against reference sentences `r`
        // (one side a group) from their single pairs' matches, checked
        // against the similarity; returns the upper bound.
        let bracket = |c: &[usize], r: &[usize]| {
            let parts: Vec<Counts> = c
                .iter()
                .flat_map(|&i| r.iter().map(move |&j| (i, j)))
                .map(|(i, j)| space.counted(&[i], &[j], w).matched)
                .collect();
            let sum = std::array::from_fn(|o| parts.iter().map(|p| p[o]).sum());
            let max = std::array::from_fn(|o| parts.iter().map(|p| p[o]).max().unwrap_or(0));
            let Bounds { lower, upper } = space.merge_bounds(c, r, sum, max, w);
            let exact = space.similarity(c, r, w);
            assert!(
                lower <= exact && exact <= upper,
                "{c:?} vs {r:?}: {lower} {exact} {upper}"
            );
            upper
        };
        let mut decided_without_comparing = 0;
        for k in 2..=3 {
            // Candidate groups against one reference sentence, and back.
            for start in 0..=cand.len() - k {
                let group: Vec<usize> = (start..start + k).collect();
                for j in 0..refr.len() {
                    if bracket(&group, &[j]) < 0.5 {
                        decided_without_comparing += 1;
                    }
                }
            }
            for start in 0..=refr.len() - k {
                let group: Vec<usize> = (start..start + k).collect();
                for i in 0..cand.len() {
                    bracket(&[i], &group);
                }
            }
        }
        // The bounds are tight enough to settle unrelated merges.
        assert!(
            decided_without_comparing > 10,
            "{decided_without_comparing}"
        );
    }

    #[test]
    fn counted_all_equals_one_by_one() {
        let cand: Vec<Features> = [
            "The the the talks ended on Friday in Brussels.",
            "Leaders argued over refugee policy for hours.",
            "",
            "Officials said every stage had bottlenecks, bottlenecks everywhere.",
        ]
        .iter()
        .map(|t| feats(t))
        .collect();
        let refr: Vec<Features> = [
            "Talks ended on Friday in Brussels, the the officials said.",
            "Every stage had bottlenecks.",
            "",
            "Leaders argued for hours over the refugee policy.",
        ]
        .iter()
        .map(|t| feats(t))
        .collect();
        let space = GramSpace::new(&cand, &refr);
        for i in 0..cand.len() {
            let all = space.counted_all(i, 0.2);
            assert_eq!(all.len(), refr.len());
            let counts = space.all_counts(i);
            for (j, got) in all.into_iter().enumerate() {
                assert_eq!(got, space.counted(&[i], &[j], 0.2), "{i} vs {j}");
                assert_eq!(counts[j], got.matched);
                assert_eq!(space.counted_from(i, j, counts[j], 0.2), got.similarity);
            }
        }
        assert!(space.counted_all(0, 0.2)[0].similarity > 0.5);
        assert!(space
            .counted_all(9, 0.2)
            .iter()
            .all(|s| s.similarity == 0.0));
    }

    #[test]
    fn empty_input_is_harmless() {
        let e = feats("");
        assert!(e.is_empty());
        assert_eq!(similarity(&e, &e, 0.5), 0.0);
        assert_eq!(similarity(&e, &feats("Words here."), 0.5), 0.0);
    }
}
