//! BLEU (Papineni et al. 2002) as sacrebleu 2.x computes it.
//!
//! Each segment is lowercased (optionally), stripped of trailing whitespace
//! and tokenised (13a by default). It contributes its token count, the
//! length of the reference closest to it (the shorter one on ties), and per
//! order 1..=max_ngram_order the hypothesis n-grams and those matched,
//! clipped to the most any one reference has. Corpus scores sum these.
//! BLEU = brevity penalty × geometric mean of the n-gram precisions; orders
//! without matches are smoothed (`exp` by default: 1/2, 1/4, … of a match).
//! With `effective_order` (sentence level) orders the hypothesis is too
//! short to have are left out of the mean.
//!
//! Smoothing: `exp` (default: the k-th zero-match order gets 100/(2^k·total)),
//! `floor`, `add-k`, `none`; log(0) is −9999999999 as in sacrebleu. BP =
//! exp(1 − r/c) when c < r (0 when c = 0); no match of any order gives 0. An
//! empty hypothesis or reference scores 0.

use std::borrow::Cow;

use serde::Serialize;

use super::ngram::{NgramIndex, WordIds};
use super::tokenize::Tokenizer;
use super::{pystr, reference_segments, MetricsError, SACREBLEU_VERSION};

/// How n-gram orders with no match are treated (Chen & Cherry 2014).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "method", content = "value", rename_all = "kebab-case")]
pub enum Smoothing {
    /// No smoothing: any order without a match makes BLEU 0.
    None,
    /// Method 1: a zero count becomes this value (sacrebleu default 0.1).
    Floor(f64),
    /// Method 2: this is added to matches and totals of orders 2 and up (default 1).
    AddK(f64),
    /// Method 3 (mteval-v13a): the k-th order without a match counts 1/2^k of a match.
    Exp,
}

impl Smoothing {
    /// Floor smoothing with sacrebleu's default value.
    pub const FLOOR: Smoothing = Smoothing::Floor(0.1);
    /// Add-k smoothing with sacrebleu's default value.
    pub const ADD_K: Smoothing = Smoothing::AddK(1.0);

    /// As in sacrebleu signatures: `exp`, `none`, `floor[0.10]`, `add-k[1.00]`.
    pub fn signature(self) -> String {
        match self {
            Smoothing::None => "none".into(),
            Smoothing::Exp => "exp".into(),
            Smoothing::Floor(v) => format!("floor[{v:.2}]"),
            Smoothing::AddK(v) => format!("add-k[{v:.2}]"),
        }
    }
}

/// A BLEU configuration. [`Bleu::CORPUS`] is sacrebleu's `BLEU()`;
/// [`Bleu::SENTENCE`] is `BLEU(effective_order=True)`, for single segments.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bleu {
    /// Lowercase hypothesis and references before tokenising (`-lc`).
    pub lowercase: bool,
    /// How segments are split into tokens (`13a` by default).
    pub tokenizer: Tokenizer,
    /// How zero n-gram matches are smoothed (`exp` by default).
    pub smoothing: Smoothing,
    /// Highest n-gram order (4).
    pub max_ngram_order: usize,
    /// Average only over the orders the hypothesis is long enough to have.
    pub effective_order: bool,
}

impl Default for Bleu {
    fn default() -> Self {
        Bleu::CORPUS
    }
}

/// Sufficient statistics of BLEU.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BleuStats {
    /// Hypothesis tokens.
    pub sys_len: u64,
    /// Tokens of the closest reference.
    pub ref_len: u64,
    /// Matched n-grams per order, clipped to reference counts.
    pub correct: Vec<u64>,
    /// Hypothesis n-grams per order.
    pub total: Vec<u64>,
}

impl BleuStats {
    fn zero(orders: usize) -> BleuStats {
        BleuStats {
            sys_len: 0,
            ref_len: 0,
            correct: vec![0; orders],
            total: vec![0; orders],
        }
    }

    /// Adds another segment's counts (corpus aggregation).
    pub fn add(&mut self, other: &BleuStats) {
        self.sys_len += other.sys_len;
        self.ref_len += other.ref_len;
        for (v, o) in [
            (&mut self.correct, &other.correct),
            (&mut self.total, &other.total),
        ] {
            if v.len() < o.len() {
                v.resize(o.len(), 0);
            }
            for (a, b) in v.iter_mut().zip(o) {
                *a += b;
            }
        }
    }
}

/// A BLEU result with the details sacrebleu prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BleuScore {
    /// 0..=100.
    pub score: f64,
    /// Matched n-grams per order (before any add-k smoothing).
    pub counts: Vec<u64>,
    /// Hypothesis n-grams per order.
    pub totals: Vec<u64>,
    /// Smoothed n-gram precisions in percent (0 for orders not used).
    pub precisions: Vec<f64>,
    /// Brevity penalty.
    pub bp: f64,
    /// sys_len / ref_len (0 when there is no reference token).
    pub ratio: f64,
    /// Hypothesis tokens, summed over segments.
    pub sys_len: u64,
    /// Tokens of the closest reference, summed over segments.
    pub ref_len: u64,
}

impl BleuScore {
    /// sacrebleu's verbose part: `80.0/50.0/33.3/25.0 (BP = 0.905 ratio = 0.909 hyp_len = 10 ref_len = 11)`.
    pub fn verbose(&self) -> String {
        let precisions: Vec<String> = self.precisions.iter().map(|p| format!("{p:.1}")).collect();
        format!(
            "{} (BP = {:.3} ratio = {:.3} hyp_len = {} ref_len = {})",
            precisions.join("/"),
            self.bp,
            self.ratio,
            self.sys_len,
            self.ref_len
        )
    }
}

impl Bleu {
    /// sacrebleu `BLEU()`: 13a, exp smoothing, 4-grams, no effective order.
    pub const CORPUS: Bleu = Bleu {
        lowercase: false,
        tokenizer: Tokenizer::ThirteenA,
        smoothing: Smoothing::Exp,
        max_ngram_order: 4,
        effective_order: false,
    };

    /// sacrebleu `BLEU(effective_order=True)`, as `sentence_bleu` uses.
    pub const SENTENCE: Bleu = Bleu {
        effective_order: true,
        ..Bleu::CORPUS
    };

    /// sacrebleu's reproducibility signature for `nrefs` references per segment.
    pub fn signature(&self, nrefs: usize) -> String {
        format!(
            "nrefs:{nrefs}|case:{}|eff:{}|tok:{}|smooth:{}|version:{SACREBLEU_VERSION}",
            if self.lowercase { "lc" } else { "mixed" },
            if self.effective_order { "yes" } else { "no" },
            self.tokenizer.name(),
            self.smoothing.signature(),
        )
    }

    /// Score of one hypothesis against one or more references
    /// (sacrebleu `BLEU.sentence_score(hyp, refs)` with this configuration).
    /// No references: every n-gram is unmatched and the score is 0.
    pub fn sentence_score<S: AsRef<str>>(&self, hypothesis: &str, references: &[S]) -> BleuScore {
        self.score_from_stats(&self.segment_stats(hypothesis, references))
    }

    /// Corpus score (sacrebleu `BLEU.corpus_score(hyps, refs)`):
    /// `reference_streams[k][i]` is the k-th reference of hypothesis `i`.
    pub fn corpus_score<H, R, S>(
        &self,
        hypotheses: &[H],
        reference_streams: &[R],
    ) -> Result<BleuScore, MetricsError>
    where
        H: AsRef<str>,
        R: AsRef<[S]>,
        S: AsRef<str>,
    {
        let segments = reference_segments(hypotheses.len(), reference_streams)?;
        let mut total = BleuStats::zero(self.max_ngram_order);
        for (hypothesis, references) in hypotheses.iter().zip(&segments) {
            total.add(&self.segment_stats(hypothesis.as_ref(), references));
        }
        Ok(self.score_from_stats(&total))
    }

    /// The counts of one segment.
    pub fn segment_stats<S: AsRef<str>>(&self, hypothesis: &str, references: &[S]) -> BleuStats {
        let hyp_text = self.preprocess(hypothesis);
        let hyp_tokens: Vec<&str> = pystr::split(&hyp_text).collect();
        let (word_ids, hyp_symbols) = WordIds::new(&hyp_tokens);
        let index = NgramIndex::new(&hyp_symbols, self.max_ngram_order);

        // Each hypothesis n-gram's highest count in any one reference.
        let mut ref_max: Vec<u32> = Vec::new();
        let mut ref_lens = Vec::with_capacity(references.len());
        for reference in references {
            let ref_text = self.preprocess(reference.as_ref());
            let ref_tokens: Vec<&str> = pystr::split(&ref_text).collect();
            ref_lens.push(ref_tokens.len() as u64);
            let counts = index.count(&word_ids.symbols(&ref_tokens)).counts;
            if ref_max.is_empty() {
                ref_max = counts;
            } else {
                for (m, c) in ref_max.iter_mut().zip(counts) {
                    *m = (*m).max(c);
                }
            }
        }
        let sys_len = hyp_tokens.len() as u64;
        BleuStats {
            sys_len,
            ref_len: closest_ref_len(sys_len, ref_lens.into_iter()),
            correct: index.clipped_matches(&ref_max),
            total: index.totals().to_vec(),
        }
    }

    /// sacrebleu's `BLEU.compute_bleu` with this configuration's smoothing
    /// and effective order.
    pub fn score_from_stats(&self, stats: &BleuStats) -> BleuScore {
        let max = self.max_ngram_order;
        let counts: Vec<u64> = (0..max)
            .map(|i| stats.correct.get(i).copied().unwrap_or(0))
            .collect();
        let totals: Vec<u64> = (0..max)
            .map(|i| stats.total.get(i).copied().unwrap_or(0))
            .collect();
        let (sys_len, ref_len) = (stats.sys_len, stats.ref_len);
        let mut bp = 1.0;
        if sys_len < ref_len {
            bp = if sys_len > 0 {
                (1.0 - ref_len as f64 / sys_len as f64).exp()
            } else {
                0.0
            };
        }
        let mut precisions = vec![0.0; max];
        let result = |score: f64, precisions: Vec<f64>| BleuScore {
            score,
            counts: counts.clone(),
            totals: totals.clone(),
            precisions,
            bp,
            ratio: if ref_len > 0 {
                sys_len as f64 / ref_len as f64
            } else {
                0.0
            },
            sys_len,
            ref_len,
        };
        // No match of any order: 0, whatever the smoothing (sacrebleu #141).
        if counts.iter().all(|&c| c == 0) {
            return result(0.0, precisions);
        }

        let mut smooth_mteval = 1.0;
        let mut eff_order = max;
        for (n, prec) in (1..=max).zip(precisions.iter_mut()) {
            let mut correct = counts.get(n - 1).copied().unwrap_or(0) as f64;
            let mut total = totals.get(n - 1).copied().unwrap_or(0) as f64;
            if let Smoothing::AddK(k) = self.smoothing {
                if n > 1 {
                    correct += k;
                    total += k;
                }
            }
            if total == 0.0 {
                break;
            }
            if self.effective_order {
                eff_order = n;
            }
            if correct == 0.0 {
                match self.smoothing {
                    Smoothing::Exp => {
                        smooth_mteval *= 2.0;
                        *prec = 100.0 / (smooth_mteval * total);
                    }
                    Smoothing::Floor(v) => *prec = 100.0 * v / total,
                    Smoothing::None | Smoothing::AddK(_) => {}
                }
            } else {
                *prec = 100.0 * correct / total;
            }
        }
        let log_sum: f64 = precisions
            .iter()
            .take(eff_order)
            .map(|&p| floored_log(p))
            .sum();
        let score = bp * (log_sum / eff_order as f64).exp();
        result(score, precisions)
    }

    /// Lowercase (optionally), strip trailing whitespace, tokenise.
    fn preprocess<'a>(&self, segment: &'a str) -> Cow<'a, str> {
        match pystr::lower_if(segment, self.lowercase) {
            Cow::Borrowed(s) => self.tokenizer.tokenize(pystr::rstrip(s)),
            Cow::Owned(s) => Cow::Owned(self.tokenizer.tokenize(pystr::rstrip(&s)).into_owned()),
        }
    }
}

/// One reference, tokenised and counted once, to score many hypotheses
/// against: equal to `sentence_score(hypothesis, &[reference])` (with one
/// reference the clipped matches are symmetric, so the reference can hold
/// the index).
pub struct BleuReference {
    config: Bleu,
    word_ids: WordIds<'static>,
    index: NgramIndex,
    len: u64,
}

impl Bleu {
    /// Tokenises and counts `reference` once for [`BleuReference::score`].
    pub fn reference(&self, reference: &str) -> BleuReference {
        let text = self.preprocess(reference);
        let tokens: Vec<&str> = pystr::split(&text).collect();
        let (word_ids, symbols) = WordIds::owned(&tokens);
        BleuReference {
            config: *self,
            word_ids,
            index: NgramIndex::new(&symbols, self.max_ngram_order),
            len: tokens.len() as u64,
        }
    }
}

impl BleuReference {
    /// The counts of `hypothesis` against this reference.
    pub fn stats(&self, hypothesis: &str) -> BleuStats {
        let text = self.config.preprocess(hypothesis);
        let tokens: Vec<&str> = pystr::split(&text).collect();
        let hyp = self.index.count(&self.word_ids.symbols(&tokens));
        let sys_len = tokens.len() as u64;
        BleuStats {
            sys_len,
            ref_len: closest_ref_len(sys_len, std::iter::once(self.len)),
            correct: self.index.clipped_matches(&hyp.counts),
            total: hyp.totals,
        }
    }

    /// BLEU of `hypothesis` against this reference.
    pub fn score(&self, hypothesis: &str) -> BleuScore {
        self.config.score_from_stats(&self.stats(hypothesis))
    }
}

/// sacrebleu's `my_log`: log, with log(0) a very large negative number.
fn floored_log(x: f64) -> f64 {
    if x == 0.0 {
        -9_999_999_999.0
    } else {
        x.ln()
    }
}

/// The reference length closest to the hypothesis length; the shorter on ties.
fn closest_ref_len(hyp_len: u64, ref_lens: impl Iterator<Item = u64>) -> u64 {
    let mut best: Option<(u64, u64)> = None; // (difference, length)
    for len in ref_lens {
        let diff = hyp_len.abs_diff(len);
        best = match best {
            Some((d, l)) if d < diff || (d == diff && l <= len) => Some((d, l)),
            _ => Some((diff, len)),
        };
    }
    best.map_or(0, |(_, len)| len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_segments_score_100() {
        let s =
            Bleu::CORPUS.sentence_score("The cat sat on the mat.", &["The cat sat on the mat."]);
        assert!((s.score - 100.0).abs() < 1e-9);
        assert_eq!(s.counts, [7, 6, 5, 4]);
        assert_eq!(s.totals, [7, 6, 5, 4]);
    }

    #[test]
    fn empty_hypothesis_scores_zero_with_zero_brevity_penalty() {
        let s = Bleu::SENTENCE.sentence_score("", &["The cat sat on the mat."]);
        assert_eq!(s.score, 0.0);
        assert_eq!(s.bp, 0.0);
        assert_eq!((s.sys_len, s.ref_len), (0, 7));
    }

    #[test]
    fn empty_reference_scores_zero() {
        let s = Bleu::SENTENCE.sentence_score("Some words", &[""]);
        assert_eq!(s.score, 0.0);
        assert_eq!(s.ratio, 0.0);
    }

    #[test]
    fn closest_reference_length_prefers_the_shorter_on_ties() {
        assert_eq!(closest_ref_len(5, [7, 3, 4, 6].into_iter()), 4);
        assert_eq!(closest_ref_len(5, [6, 4].into_iter()), 4);
        assert_eq!(closest_ref_len(5, [9].into_iter()), 9);
    }

    #[test]
    fn clips_matches_to_the_best_single_reference_count() {
        let s = Bleu::CORPUS.segment_stats("the the the", &["the cat", "the the dog"]);
        assert_eq!(s.correct.first(), Some(&2));
        assert_eq!(s.total.first(), Some(&3));
    }

    #[test]
    fn exp_smoothing_halves_each_unmatched_order() {
        // All 3 unigrams match, neither bigram nor the trigram does:
        // 100/(2*2) and 100/(4*1); no 4-grams, so effective order 3.
        let s = Bleu::SENTENCE.sentence_score("a b c", &["a c b"]);
        assert_eq!(s.counts, [3, 0, 0, 0]);
        let expected = [100.0, 25.0, 100.0 / 4.0, 0.0];
        for (p, e) in s.precisions.iter().zip(expected) {
            assert!((p - e).abs() < 1e-9, "{:?}", s.precisions);
        }
    }

    #[test]
    fn signatures_follow_sacrebleu() {
        assert_eq!(
            Bleu::CORPUS.signature(1),
            "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"
        );
        let floor = Bleu {
            smoothing: Smoothing::FLOOR,
            ..Bleu::SENTENCE
        };
        assert_eq!(
            floor.signature(2),
            "nrefs:2|case:mixed|eff:yes|tok:13a|smooth:floor[0.10]|version:2.6.0"
        );
    }
}
