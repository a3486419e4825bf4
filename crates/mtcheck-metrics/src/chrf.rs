//! chrF (Popović 2015) and chrF++ (Popović 2017) as sacrebleu 2.x computes them.
//!
//! Per order n (character n-grams 1..=char_order, then word n-grams
//! 1..=word_order) a segment contributes three counts: hypothesis n-grams
//! (0 when the reference has none of that order), reference n-grams, and
//! clipped matches. Character n-grams are taken after removing all
//! whitespace; words come from whitespace splitting with one leading or
//! trailing ASCII punctuation mark split off. With several references the
//! one with the best segment F-score counts. Corpus scores sum the counts.
//!
//! By default (sacrebleu's `eps_smoothing=False`) precision and recall are
//! averaged over the orders where both sides have n-grams ("effective
//! order") and F-beta is taken of the averages; with `eps_smoothing` F-beta
//! is taken per order (1e-16 standing in for undefined values) and averaged
//! over all orders.

use serde::Serialize;

use std::ops::Range;

use super::ngram::{NgramIndex, OtherCounts, Positions, WordIds};
use super::{pystr, reference_segments, MetricsError, SACREBLEU_VERSION};

/// A chrF configuration; [`Chrf::CHRF`] and [`Chrf::CHRF_PLUS_PLUS`] are the standard ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Chrf {
    /// Character n-gram orders 1..=char_order (6).
    pub char_order: usize,
    /// Word n-gram orders 1..=word_order (0 for chrF, 2 for chrF++).
    pub word_order: usize,
    /// Recall is weighted beta times as much as precision (2).
    pub beta: u32,
    /// Lowercase both sides first (sacrebleu `lowercase`).
    pub lowercase: bool,
    /// Keep whitespace inside character n-grams (sacrebleu `whitespace`).
    pub whitespace: bool,
    /// Per-order epsilon smoothing instead of effective-order averaging.
    pub eps_smoothing: bool,
}

impl Default for Chrf {
    fn default() -> Self {
        Chrf::CHRF
    }
}

/// Counts for one n-gram order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OrderStats {
    /// Hypothesis n-grams (0 when the reference has no n-gram of this order).
    pub hypothesis: u64,
    /// Reference n-grams.
    pub reference: u64,
    /// Hypothesis n-grams also in the reference, clipped to the reference count.
    pub matched: u64,
}

/// Sufficient statistics: character orders first, then word orders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChrfStats {
    /// One entry per n-gram order: characters 1..=`char_order`, then words
    /// 1..=`word_order`.
    pub orders: Vec<OrderStats>,
}

impl ChrfStats {
    fn zero(orders: usize) -> ChrfStats {
        ChrfStats {
            orders: vec![OrderStats::default(); orders],
        }
    }

    /// Adds another segment's counts (corpus aggregation).
    pub fn add(&mut self, other: &ChrfStats) {
        if self.orders.len() < other.orders.len() {
            self.orders
                .resize(other.orders.len(), OrderStats::default());
        }
        for (a, b) in self.orders.iter_mut().zip(&other.orders) {
            a.hypothesis += b.hypothesis;
            a.reference += b.reference;
            a.matched += b.matched;
        }
    }
}

/// A chrF result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChrfScore {
    /// 0..=100.
    pub score: f64,
    /// The counts the score was computed from.
    pub stats: ChrfStats,
}

impl Chrf {
    /// chrF2: character 6-grams, beta 2.
    pub const CHRF: Chrf = Chrf {
        char_order: 6,
        word_order: 0,
        beta: 2,
        lowercase: false,
        whitespace: false,
        eps_smoothing: false,
    };

    /// chrF2++: chrF plus word unigrams and bigrams.
    pub const CHRF_PLUS_PLUS: Chrf = Chrf {
        word_order: 2,
        ..Chrf::CHRF
    };

    /// Total number of orders (character + word).
    pub fn orders(&self) -> usize {
        self.char_order + self.word_order
    }

    /// sacrebleu's name for the score: `chrF2`, `chrF2++`.
    pub fn name(&self) -> String {
        format!("chrF{}{}", self.beta, "+".repeat(self.word_order))
    }

    /// sacrebleu's reproducibility signature for `nrefs` references per segment.
    pub fn signature(&self, nrefs: usize) -> String {
        format!(
            "nrefs:{nrefs}|case:{}|eff:{}|nc:{}|nw:{}|space:{}|version:{SACREBLEU_VERSION}",
            if self.lowercase { "lc" } else { "mixed" },
            if self.eps_smoothing { "no" } else { "yes" },
            self.char_order,
            self.word_order,
            if self.whitespace { "yes" } else { "no" },
        )
    }

    /// Score of one hypothesis against one or more references
    /// (sacrebleu `CHRF.sentence_score(hyp, refs)`). No references score 0.
    pub fn sentence_score<S: AsRef<str>>(&self, hypothesis: &str, references: &[S]) -> ChrfScore {
        let stats = self.segment_stats(hypothesis, references);
        ChrfScore {
            score: self.score_from_stats(&stats),
            stats,
        }
    }

    /// Corpus score (sacrebleu `CHRF.corpus_score(hyps, refs)`):
    /// `reference_streams[k][i]` is the k-th reference of hypothesis `i`.
    pub fn corpus_score<H, R, S>(
        &self,
        hypotheses: &[H],
        reference_streams: &[R],
    ) -> Result<ChrfScore, MetricsError>
    where
        H: AsRef<str>,
        R: AsRef<[S]>,
        S: AsRef<str>,
    {
        let segments = reference_segments(hypotheses.len(), reference_streams)?;
        let mut total = ChrfStats::zero(self.orders());
        for (hypothesis, references) in hypotheses.iter().zip(&segments) {
            total.add(&self.segment_stats(hypothesis.as_ref(), references));
        }
        Ok(ChrfScore {
            score: self.score_from_stats(&total),
            stats: total,
        })
    }

    /// The counts of one segment against its best-scoring reference.
    pub fn segment_stats<S: AsRef<str>>(&self, hypothesis: &str, references: &[S]) -> ChrfStats {
        let hyp_text = pystr::lower_if(hypothesis, self.lowercase);
        let hyp_words = self.words(&hyp_text);
        let (word_ids, hyp_word_symbols) = WordIds::new(&hyp_words);
        let chars = NgramIndex::new(&self.char_symbols(&hyp_text), self.char_order);
        let words = NgramIndex::new(&hyp_word_symbols, self.word_order);

        let mut best: Option<(f64, ChrfStats)> = None;
        for reference in references {
            let ref_text = pystr::lower_if(reference.as_ref(), self.lowercase);
            let ref_chars = chars.count(&self.char_symbols(&ref_text));
            let ref_words = words.count(&word_ids.symbols(&self.words(&ref_text)));
            let stats = ChrfStats {
                orders: order_stats(&chars, &ref_chars)
                    .chain(order_stats(&words, &ref_words))
                    .collect(),
            };
            let f = self.score_from_stats(&stats);
            // Strictly better only: the first of equally good references wins.
            let better = match &best {
                None => true,
                Some((b, _)) => f > *b,
            };
            if better {
                best = Some((f, stats));
            }
        }
        best.map_or_else(|| ChrfStats::zero(self.orders()), |(_, stats)| stats)
    }

    /// The chrF score (0..=100) of (summed) statistics.
    pub fn score_from_stats(&self, stats: &ChrfStats) -> f64 {
        const EPS: f64 = 1e-16;
        let factor = f64::from(self.beta) * f64::from(self.beta);
        let mut eps_score = 0.0;
        let mut avg_prec = 0.0;
        let mut avg_rec = 0.0;
        let mut effective_order = 0usize;
        for o in stats.orders.iter().take(self.orders()) {
            let prec = if o.hypothesis > 0 {
                o.matched as f64 / o.hypothesis as f64
            } else {
                EPS
            };
            let rec = if o.reference > 0 {
                o.matched as f64 / o.reference as f64
            } else {
                EPS
            };
            let denom = factor * prec + rec;
            eps_score += if denom > 0.0 {
                (1.0 + factor) * prec * rec / denom
            } else {
                EPS
            };
            if o.hypothesis > 0 && o.reference > 0 {
                avg_prec += prec;
                avg_rec += rec;
                effective_order += 1;
            }
        }
        if self.eps_smoothing {
            return if self.orders() == 0 {
                0.0
            } else {
                100.0 * eps_score / self.orders() as f64
            };
        }
        if effective_order == 0 {
            return 0.0;
        }
        avg_prec /= effective_order as f64;
        avg_rec /= effective_order as f64;
        if avg_prec + avg_rec == 0.0 {
            return 0.0;
        }
        let score = (1.0 + factor) * avg_prec * avg_rec / (factor * avg_prec + avg_rec);
        100.0 * score
    }

    /// Code points of the text, without whitespace unless `whitespace` is set.
    fn char_symbols(&self, text: &str) -> Vec<u32> {
        text.chars()
            .filter(|&c| self.whitespace || !pystr::is_space(c))
            .map(u32::from)
            .collect()
    }

    fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        if self.word_order == 0 {
            Vec::new()
        } else {
            split_punctuation(text)
        }
    }
}

/// One reference, counted once, to score many hypotheses against: a batch
/// that checks several translations of one article against its reference
/// counts the reference's n-grams once. Scores equal
/// `sentence_score(hypothesis, &[reference])` (clipped matches are
/// symmetric, so the reference can hold the index).
pub struct ChrfReference {
    config: Chrf,
    chars: NgramIndex,
    word_ids: WordIds<'static>,
    words: NgramIndex,
    /// Character n-gram ids by position, for [`ChrfReference::count_document`].
    positions: Option<Positions>,
}

impl Chrf {
    /// Counts `reference` once for [`ChrfReference::score`].
    pub fn reference(&self, reference: &str) -> ChrfReference {
        let text = pystr::lower_if(reference, self.lowercase);
        let (word_ids, word_symbols) = WordIds::owned(&self.words(&text));
        ChrfReference {
            config: *self,
            chars: NgramIndex::new(&self.char_symbols(&text), self.char_order),
            word_ids,
            words: NgramIndex::new(&word_symbols, self.word_order),
            positions: None,
        }
    }

    /// [`Chrf::reference`] for a reference document whose stretches
    /// (sentences) will also be scored against stretches of hypothesis
    /// documents ([`ChrfReference::count_document`]). Only for character chrF
    /// without lowercasing or whitespace (what a stretch is made of must
    /// not depend on its neighbours); otherwise the same as `reference`.
    pub fn document_reference(&self, reference: &str) -> ChrfReference {
        if !self.stretches_supported() {
            return self.reference(reference);
        }
        let (chars, positions) =
            NgramIndex::with_positions(&self.char_symbols(reference), self.char_order);
        let (word_ids, _) = WordIds::owned(&[]);
        ChrfReference {
            config: *self,
            chars,
            word_ids,
            words: NgramIndex::new(&[], 0),
            positions: Some(positions),
        }
    }

    fn stretches_supported(&self) -> bool {
        self.word_order == 0 && !self.lowercase && !self.whitespace
    }
}

/// A hypothesis document counted once against a reference document
/// ([`ChrfReference::count_document`]), so that stretches of the two
/// (aligned sentences) are scored against each other without counting
/// their n-grams again ([`ChrfReference::stretch_score`]). A stretch is a
/// range of *symbols*, the documents' non-whitespace characters (see
/// [`symbol_offsets`]); its character n-grams are exactly those of the text
/// the range covers, so its statistics equal `sentence_score(hypothesis
/// stretch, [reference stretch])`.
pub struct CountedDocument {
    positions: Positions,
    stats: ChrfStats,
    /// Reference n-gram counts of the stretch being compared, by id; all
    /// zero between calls.
    lane: Vec<u32>,
}

impl CountedDocument {
    /// Statistics of the whole hypothesis document against the whole reference.
    pub fn stats(&self) -> &ChrfStats {
        &self.stats
    }

    /// Symbols (non-whitespace characters) of the hypothesis document.
    pub fn symbols(&self) -> usize {
        self.positions.ids.first().map_or(0, Vec::len)
    }
}

impl ChrfReference {
    /// Counts a hypothesis document; `None` unless this reference was made
    /// by [`Chrf::document_reference`] for a configuration it supports.
    pub fn count_document(&self, hypothesis: &str) -> Option<CountedDocument> {
        self.positions.as_ref()?;
        let symbols = self.config.char_symbols(hypothesis);
        let (chars, positions) = self.chars.count_with_positions(&symbols);
        Some(CountedDocument {
            positions,
            stats: ChrfStats {
                orders: reference_order_stats(&self.chars, &chars).collect(),
            },
            lane: Vec::new(),
        })
    }

    /// Symbols (non-whitespace characters) of the reference document, when
    /// made by [`Chrf::document_reference`].
    pub fn symbols(&self) -> Option<usize> {
        Some(self.positions.as_ref()?.ids.first().map_or(0, Vec::len))
    }

    /// Statistics of symbols `hyp` of the counted hypothesis document
    /// against symbols `refr` of this reference.
    pub fn stretch_stats(
        &self,
        doc: &mut CountedDocument,
        hyp: Range<usize>,
        refr: Range<usize>,
    ) -> ChrfStats {
        let Some(ref_ids) = self.positions.as_ref() else {
            return ChrfStats::zero(self.config.orders());
        };
        if doc.lane.len() < self.chars.distinct() {
            doc.lane.resize(self.chars.distinct(), 0);
        }
        let lane = &mut doc.lane;
        let mut orders = Vec::with_capacity(self.config.char_order);
        for (n, (theirs, ours)) in (1..).zip(ref_ids.ids.iter().zip(&doc.positions.ids)) {
            let r_ids = stretch(theirs, &refr, n);
            for &id in r_ids {
                if let Some(c) = lane.get_mut(id as usize) {
                    *c += 1;
                }
            }
            // Each hypothesis n-gram takes one of the reference's, while any
            // are left: Σ min(hypothesis count, reference count).
            let mut matched = 0u64;
            for &id in stretch(ours, &hyp, n) {
                if let Some(c) = lane.get_mut(id as usize) {
                    if *c > 0 {
                        *c -= 1;
                        matched += 1;
                    }
                }
            }
            for &id in r_ids {
                if let Some(c) = lane.get_mut(id as usize) {
                    *c = 0;
                }
            }
            orders.push(order(ngrams(&hyp, n), ngrams(&refr, n), matched));
        }
        ChrfStats { orders }
    }

    /// chrF of symbols `hyp` of the counted hypothesis document against
    /// symbols `refr` of this reference.
    pub fn stretch_score(
        &self,
        doc: &mut CountedDocument,
        hyp: Range<usize>,
        refr: Range<usize>,
    ) -> f64 {
        let stats = self.stretch_stats(doc, hyp, refr);
        self.config.score_from_stats(&stats)
    }
}

/// The ids of the order-`n` n-grams that lie wholly inside `range`.
fn stretch<'a>(ids: &'a [u32], range: &Range<usize>, n: usize) -> &'a [u32] {
    let end = (range.end + 1).saturating_sub(n).min(ids.len());
    ids.get(range.start.min(end)..end).unwrap_or(&[])
}

/// How many n-grams of order `n` a stretch of symbols has.
fn ngrams(range: &Range<usize>, n: usize) -> u64 {
    (range.len() + 1).saturating_sub(n) as u64
}

/// For each byte offset of `offsets` (ascending, on char boundaries), how
/// many chrF symbols (non-whitespace characters, as sacrebleu counts them)
/// `text` has before it: turns a byte span into a symbol range for
/// [`ChrfReference::stretch_score`].
pub fn symbol_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(offsets.len());
    let mut chars = text.char_indices().peekable();
    let mut seen = 0usize;
    for &at in offsets {
        while let Some(&(b, c)) = chars.peek() {
            if b >= at {
                break;
            }
            if !pystr::is_space(c) {
                seen += 1;
            }
            chars.next();
        }
        out.push(seen);
    }
    out
}

impl ChrfReference {
    /// The counts of `hypothesis` against this reference.
    pub fn stats(&self, hypothesis: &str) -> ChrfStats {
        let c = &self.config;
        let text = pystr::lower_if(hypothesis, c.lowercase);
        let chars = self.chars.count(&c.char_symbols(&text));
        let words = self.words.count(&self.word_ids.symbols(&c.words(&text)));
        ChrfStats {
            orders: reference_order_stats(&self.chars, &chars)
                .chain(reference_order_stats(&self.words, &words))
                .collect(),
        }
    }

    /// chrF of `hypothesis` against this reference.
    pub fn score(&self, hypothesis: &str) -> ChrfScore {
        let stats = self.stats(hypothesis);
        ChrfScore {
            score: self.config.score_from_stats(&stats),
            stats,
        }
    }
}

/// sacrebleu's chrF++ word splitting: whitespace tokens, with one ASCII
/// punctuation mark split off the end, or else off the start, of tokens
/// longer than one character (so "(hi)" becomes "(hi" and ")").
fn split_punctuation(text: &str) -> Vec<&str> {
    const PUNCTUATION: &[u8] = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    let is_punct = |c: char| c.is_ascii() && PUNCTUATION.contains(&(c as u8));
    let mut words = Vec::new();
    for word in pystr::split(text) {
        let mut chars = word.chars();
        let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
            // One character (or none): kept whole.
            words.push(word);
            continue;
        };
        if is_punct(last) {
            // `last` is ASCII, so one byte from the end is a char boundary.
            let cut = word.len() - 1;
            words.extend([word.get(..cut), word.get(cut..)].into_iter().flatten());
        } else if is_punct(first) {
            words.extend([word.get(..1), word.get(1..)].into_iter().flatten());
        } else {
            words.push(word);
        }
    }
    words
}

/// One order's counts as sacrebleu keeps them: it does not count
/// hypothesis n-grams of an order the reference lacks.
fn order(hypothesis: u64, reference: u64, matched: u64) -> OrderStats {
    OrderStats {
        hypothesis: if reference > 0 { hypothesis } else { 0 },
        reference,
        matched,
    }
}

/// sacrebleu's per-order [hypothesis, reference, matched] counts.
fn order_stats<'a>(
    hyp: &'a NgramIndex,
    reference: &'a OtherCounts,
) -> impl Iterator<Item = OrderStats> + 'a {
    let matched = hyp.clipped_matches(&reference.counts);
    hyp.totals()
        .iter()
        .zip(&reference.totals)
        .zip(matched)
        .map(|((&h, &r), m)| order(h, r, m))
}

/// [`order_stats`] with the index on the reference side.
fn reference_order_stats<'a>(
    reference: &'a NgramIndex,
    hyp: &'a OtherCounts,
) -> impl Iterator<Item = OrderStats> + 'a {
    let matched = reference.clipped_matches(&hyp.counts);
    reference
        .totals()
        .iter()
        .zip(&hyp.totals)
        .zip(matched)
        .map(|((&r, &h), m)| order(h, r, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_segments_score_100() {
        let s = Chrf::CHRF.sentence_score("The cat sat.", &["The cat sat."]);
        assert_eq!(s.score, 100.0);
    }

    #[test]
    fn whitespace_is_ignored_by_default() {
        let s = Chrf::CHRF.sentence_score("a b c", &["abc"]);
        assert_eq!(s.score, 100.0);
        let spaced = Chrf {
            whitespace: true,
            ..Chrf::CHRF
        };
        assert!(spaced.sentence_score("a b c", &["abc"]).score < 100.0);
    }

    #[test]
    fn empty_hypothesis_scores_zero_and_counts_nothing() {
        let s = Chrf::CHRF.sentence_score("", &["reference"]);
        assert_eq!(s.score, 0.0);
        assert!(s
            .stats
            .orders
            .iter()
            .all(|o| o.hypothesis == 0 && o.matched == 0));
        assert_eq!(s.stats.orders.first().map(|o| o.reference), Some(9));
    }

    #[test]
    fn orders_missing_from_the_reference_do_not_count_the_hypothesis() {
        let s = Chrf::CHRF.sentence_score("abcdef", &["ab"]);
        let o3 = s.stats.orders.get(2).copied().unwrap_or_default();
        assert_eq!((o3.hypothesis, o3.reference, o3.matched), (0, 0, 0));
        let o2 = s.stats.orders.get(1).copied().unwrap_or_default();
        assert_eq!((o2.hypothesis, o2.reference, o2.matched), (5, 1, 1));
    }

    #[test]
    fn word_splitting_separates_one_edge_punctuation_mark() {
        assert_eq!(
            split_punctuation("(hi) \"yes\", a. é! .x é"),
            ["(hi", ")", "\"yes\"", ",", "a", ".", "é", "!", ".", "x", "é"]
        );
    }

    #[test]
    fn best_reference_is_chosen() {
        let one = Chrf::CHRF.sentence_score("the dog", &["a cat"]).score;
        let two = Chrf::CHRF
            .sentence_score("the dog", &["a cat", "the dog"])
            .score;
        assert!(one < 100.0);
        assert_eq!(two, 100.0);
    }

    #[test]
    fn names_and_signatures_follow_sacrebleu() {
        assert_eq!(Chrf::CHRF.name(), "chrF2");
        assert_eq!(Chrf::CHRF_PLUS_PLUS.name(), "chrF2++");
        assert_eq!(
            Chrf::CHRF_PLUS_PLUS.signature(1),
            "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0"
        );
    }
}
