//! MQM-style score: severity weights per 100 candidate words → 0–100 and a verdict.
//!
//! penalty = Σ weight(severity) × 100 / max(words, min_words); score =
//! clamp(100 − penalty × k − adequacy × max(0, adequacy_floor − A) × L, 0,
//! 100) with L = min(1, words / min_words), rounded to two decimals,
//! where A = (1 − sentence_weight) × document chrF + sentence_weight × mean
//! chrF of the aligned sentence pairs. The adequacy term applies in parallel
//! mode only (the reference translates the same text, so a low chrF means
//! omissions and mistranslations the flags cannot see); `docs/EVALUATION.md`
//! says why it is there and how it was calibrated. The same findings and word count always give the same
//! score: the sum runs in the findings' (sorted) order and nothing else is read.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::finding::{Finding, Kind, Severity};

/// Weights, scale and verdict thresholds (`[score]` in the config file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    /// Penalty points of one minor finding.
    pub minor: f64,
    /// Penalty points of one major finding.
    pub major: f64,
    /// Penalty points of one critical finding.
    pub critical: f64,
    /// Penalty points of one finding of a given kind, overriding its
    /// severity's weight (`[score.kinds]`, e.g. `number-mismatch = 2.0`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<Kind, f64>,
    /// Score points lost per penalty point per 100 words (comparable mode,
    /// and whenever no adequacy term applies).
    ///
    /// Default 4: one critical finding in a 150-word article costs about
    /// 27 points (`review`, as the verdict rules say it should), and the
    /// minor number findings two outlets' copies of one story naturally
    /// raise leave a faithful one `clean`. No data calibrates it (the WMT
    /// evaluation is all parallel); see docs/EVALUATION.md.
    pub k: f64,
    /// `k` for parallel pairs, where the adequacy term carries most of the
    /// weight. With `adequacy` it sets the parallel score's scale, which
    /// rank agreement does not see (docs/EVALUATION.md).
    pub parallel_k: f64,
    /// Score points lost per chrF point below `adequacy_floor`, in parallel
    /// mode only (0 turns the term off).
    pub adequacy: f64,
    /// chrF at or above which a parallel candidate loses nothing for adequacy.
    pub adequacy_floor: f64,
    /// Share (0–1) of the adequacy chrF taken from the mean chrF of the
    /// aligned sentence pairs; the rest is the document chrF. The document
    /// figure sees omitted and added text; the sentence mean keeps a few long
    /// well-translated sentences from hiding many short bad ones.
    pub sentence_weight: f64,
    /// Fewest words the penalty is spread over: the penalty per 100 words
    /// of a shorter text is taken as if it had this many, so one minor
    /// finding in a five-word line is not worth 20 per 100 words. A shorter
    /// parallel text also bears the adequacy term only in proportion to its
    /// length ([`ScoreConfig::length_share`]).
    pub min_words: usize,
    /// No longer read (the verdict's thresholds are in `[verdict]`):
    /// accepted so old config files still load, with a deprecation note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clean: Option<f64>,
    /// No longer read; see `clean`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<f64>,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            minor: 1.0,
            major: 5.0,
            critical: 10.0,
            kinds: BTreeMap::new(),
            k: 4.0,
            parallel_k: 0.125,
            adequacy: 0.75,
            adequacy_floor: 80.0,
            sentence_weight: 0.5,
            min_words: 25,
            clean: None,
            review: None,
        }
    }
}

/// The verdict lives with its rules; re-exported here for old paths.
pub use crate::verdict::Verdict;

impl ScoreConfig {
    pub fn weight(&self, severity: Severity) -> f64 {
        match severity {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }

    /// Penalty points of one finding: its kind's weight if configured,
    /// otherwise its severity's.
    pub fn finding_weight(&self, finding: &Finding) -> f64 {
        self.kinds
            .get(&finding.kind)
            .copied()
            .unwrap_or_else(|| self.weight(finding.severity))
    }

    /// Penalty points per 100 candidate words, counting at least
    /// `min_words` words (and at least one, so nothing divides by 0).
    pub fn penalty(&self, findings: &[Finding], words: usize) -> f64 {
        let total: f64 = findings.iter().map(|f| self.finding_weight(f)).sum();
        total * 100.0 / words.max(self.min_words).max(1) as f64
    }

    /// Score in 0–100 (100 = clean) from the findings alone, with `k`
    /// (the comparable-mode score). Rounded to two decimals; a config that
    /// makes the arithmetic meaningless (NaN weights or k) scores 0.
    pub fn score(&self, findings: &[Finding], words: usize) -> f64 {
        self.article_score(findings, words, None)
    }

    /// The article score. Comparable pair (`parallel_chrf` is `None`):
    /// 100 − penalty × `k`. Parallel pair: 100 − penalty × `parallel_k` −
    /// `adequacy` × max(0, `adequacy_floor` − chrF), where `parallel_chrf`
    /// is the adequacy chrF ([`ScoreConfig::adequacy_chrf`]). In parallel mode the
    /// chrF term already carries the adequacy errors that some findings
    /// (unsupported numbers, drifted quotes) also report, so findings weigh
    /// less there; `docs/EVALUATION.md` has the calibration.
    pub fn article_score(
        &self,
        findings: &[Finding],
        words: usize,
        parallel_chrf: Option<f64>,
    ) -> f64 {
        let lost = self.breakdown(findings, words, parallel_chrf);
        let raw = 100.0 - lost.findings - lost.adequacy;
        if raw.is_nan() {
            return 0.0;
        }
        (raw.clamp(0.0, 100.0) * 100.0).round() / 100.0
    }

    /// The points [`ScoreConfig::article_score`] takes off, by cause: the
    /// findings' penalty × `k` (or `parallel_k`), and the adequacy term
    /// (parallel pairs only). Before clamping, so the two always add up to
    /// 100 − the unclamped score.
    pub fn breakdown(
        &self,
        findings: &[Finding],
        words: usize,
        parallel_chrf: Option<f64>,
    ) -> ScoreBreakdown {
        let (k, adequacy) = match parallel_chrf {
            None => (self.k, 0.0),
            Some(chrf) => (
                self.parallel_k,
                self.adequacy * (self.adequacy_floor - chrf).max(0.0) * self.length_share(words),
            ),
        };
        let findings = if findings.is_empty() {
            0.0
        } else {
            self.penalty(findings, words) * k
        };
        ScoreBreakdown { findings, adequacy }
    }

    /// How much of the adequacy term a text of `words` words bears: all of
    /// it from `min_words` words on, less below in proportion. chrF on a
    /// line of a few words swings with every paraphrase ("ok, thanks" for
    /// "Okay, thank you" has a chrF of 20), so it is weak evidence there.
    pub fn length_share(&self, words: usize) -> f64 {
        if self.min_words == 0 {
            return 1.0;
        }
        (words as f64 / self.min_words as f64).min(1.0)
    }

    /// The chrF the adequacy term reads: `sentence_weight` × `sentence_chrf`
    /// plus (1 − `sentence_weight`) × `document_chrf`; the document chrF
    /// alone when there is no aligned pair (`None`). The weight is clamped
    /// to 0–1.
    pub fn adequacy_chrf(&self, document_chrf: f64, sentence_chrf: Option<f64>) -> f64 {
        match sentence_chrf {
            Some(s) if self.sentence_weight.is_finite() => {
                let w = self.sentence_weight.clamp(0.0, 1.0);
                (1.0 - w) * document_chrf + w * s
            }
            _ => document_chrf,
        }
    }
}

/// Points an article's score lost, by cause (`score_breakdown` in the JSON
/// report, rounded to two decimals there).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// Lost to the findings: Σ weights per 100 words × `k` (`parallel_k`).
    pub findings: f64,
    /// Lost to the adequacy term: `adequacy` × max(0, `adequacy_floor` − A).
    pub adequacy: f64,
}

impl ScoreBreakdown {
    /// Both parts rounded to two decimals, as reports carry them.
    pub fn rounded(self) -> ScoreBreakdown {
        let r = |x: f64| {
            if x.is_finite() {
                (x * 100.0).round() / 100.0
            } else {
                0.0
            }
        };
        ScoreBreakdown {
            findings: r(self.findings),
            adequacy: r(self.adequacy),
        }
    }
}

/// Mean chrF (sacrebleu sentence chrF) of the aligned sentence pairs, each
/// side's sentences joined by a space; `None` without pairs. The same pairs
/// always give the same figure.
pub fn mean_pair_chrf(
    candidate: &crate::text::Article,
    reference: &crate::text::Article,
    alignment: &crate::align::Alignment,
) -> Option<f64> {
    let scores: Vec<f64> = alignment
        .pairs
        .iter()
        .map(|p| pair_chrf(candidate, reference, p))
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// chrF of one aligned pair: its candidate sentences joined with spaces
/// against its reference sentences joined with spaces.
pub fn pair_chrf(
    candidate: &crate::text::Article,
    reference: &crate::text::Article,
    pair: &crate::align::AlignedPair,
) -> f64 {
    let join = |a: &crate::text::Article, ids: &[usize]| -> String {
        ids.iter()
            .map(|&i| a.sentence_text(i))
            .collect::<Vec<_>>()
            .join(" ")
    };
    crate::metrics::sentence_chrf(
        &join(candidate, &pair.candidate),
        &join(reference, &pair.reference),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Article;

    /// `n` findings of a kind of default severity `severity` on a throwaway
    /// article (the score reads severities, not kinds).
    fn findings(severity: Severity, n: usize) -> Vec<Finding> {
        let kind = crate::finding::kind_where(|k| k.severity == severity);
        let a = Article::from_text("c", "word word");
        (0..n).map(|_| Finding::new(kind, &a, 0, 4, "m")).collect()
    }

    #[test]
    fn adequacy_applies_below_the_floor_only() {
        let c = ScoreConfig {
            adequacy: 2.0,
            adequacy_floor: 50.0,
            k: 10.0,
            parallel_k: 4.0,
            ..ScoreConfig::default()
        };
        assert_eq!(c.article_score(&[], 100, None), 100.0);
        assert_eq!(c.article_score(&[], 100, Some(100.0)), 100.0);
        assert_eq!(c.article_score(&[], 100, Some(50.0)), 100.0);
        assert_eq!(c.article_score(&[], 100, Some(40.0)), 80.0);
        assert_eq!(c.article_score(&[], 100, Some(0.0)), 0.0);
        let f = findings(Severity::Minor, 1);
        // 1 minor in 100 words: 1 penalty point × parallel_k 4 = 4, plus 20 for adequacy.
        assert_eq!(c.article_score(&f, 100, Some(40.0)), 76.0);
        // Comparable: k 10 and no adequacy term.
        assert_eq!(c.article_score(&f, 100, None), 90.0);
        assert_eq!(c.article_score(&f, 100, None), c.score(&f, 100));
    }

    #[test]
    fn adequacy_chrf_blends_document_and_sentence_chrf() {
        let c = ScoreConfig::default();
        assert_eq!(c.sentence_weight, 0.5);
        assert_eq!(c.adequacy_chrf(60.0, Some(40.0)), 50.0);
        assert_eq!(c.adequacy_chrf(60.0, None), 60.0);
        let doc_only = ScoreConfig {
            sentence_weight: 0.0,
            ..ScoreConfig::default()
        };
        assert_eq!(doc_only.adequacy_chrf(60.0, Some(40.0)), 60.0);
        let over = ScoreConfig {
            sentence_weight: 3.0,
            ..ScoreConfig::default()
        };
        assert_eq!(over.adequacy_chrf(60.0, Some(40.0)), 40.0);
        let nan = ScoreConfig {
            sentence_weight: f64::NAN,
            ..ScoreConfig::default()
        };
        assert_eq!(nan.adequacy_chrf(60.0, Some(40.0)), 60.0);
    }

    #[test]
    fn mean_pair_chrf_averages_aligned_pairs() {
        let c = Article::from_text("c", "The cat sat on a mat. Prices rose sharply.");
        let r = Article::from_text("r", "The cat sat on the mat. Prices rose sharply.");
        let a: crate::align::Alignment = serde_json::from_value(serde_json::json!({
            "mode": "parallel",
            "pairs": [
                {"candidate": [0], "reference": [0], "similarity": 0.9},
                {"candidate": [1], "reference": [1], "similarity": 1.0}
            ]
        }))
        .unwrap();
        let first =
            crate::metrics::sentence_chrf("The cat sat on a mat.", "The cat sat on the mat.");
        let got = mean_pair_chrf(&c, &r, &a).unwrap();
        assert!(
            (got - (first + 100.0) / 2.0).abs() < 1e-9,
            "{got} vs {first}"
        );
        let none: crate::align::Alignment =
            serde_json::from_value(serde_json::json!({"mode": "comparable", "pairs": []})).unwrap();
        assert_eq!(mean_pair_chrf(&c, &r, &none), None);
    }

    #[test]
    fn no_findings_is_100_and_clean_even_with_zero_words() {
        let c = ScoreConfig::default();
        assert_eq!(c.score(&[], 0), 100.0);
        assert_eq!(c.score(&[], 500), 100.0);
    }

    #[test]
    fn short_texts_count_as_min_words() {
        let c = ScoreConfig::default();
        let f = findings(Severity::Minor, 1);
        // One minor finding in a five-word line: 1 per 25 words, not 1 per 5.
        assert_eq!(c.penalty(&f, 0), c.penalty(&f, 25));
        assert_eq!(c.penalty(&f, 5), 4.0);
        assert_eq!(c.score(&f, 5), 84.0);
        // Longer texts are unchanged.
        assert_eq!(c.penalty(&f, 50), 2.0);
        // min_words 0 still counts an empty text as one word.
        let none = ScoreConfig {
            min_words: 0,
            ..ScoreConfig::default()
        };
        assert_eq!(none.penalty(&f, 0), 100.0);
        assert_eq!(none.score(&f, 0), 0.0);
    }

    #[test]
    fn a_short_parallel_text_bears_the_adequacy_term_in_proportion() {
        let c = ScoreConfig::default();
        // chrF 20 on a 2-word line: 2/25 of the 45 points a long text loses.
        let short = c.breakdown(&[], 2, Some(20.0));
        assert!(
            (short.adequacy - 45.0 * 2.0 / 25.0).abs() < 1e-9,
            "{short:?}"
        );
        assert_eq!(c.breakdown(&[], 25, Some(20.0)).adequacy, 45.0);
        assert_eq!(c.breakdown(&[], 400, Some(20.0)).adequacy, 45.0);
        assert_eq!(c.length_share(0), 0.0);
        let off = ScoreConfig {
            min_words: 0,
            ..ScoreConfig::default()
        };
        assert_eq!(off.breakdown(&[], 2, Some(20.0)).adequacy, 45.0);
    }

    #[test]
    fn the_old_verdict_thresholds_still_load_but_are_not_read() {
        let old: ScoreConfig = toml::from_str("clean = 95\nreview = 50").unwrap();
        assert_eq!(old.clean, Some(95.0));
        assert_eq!(old.review, Some(50.0));
        let f = findings(Severity::Minor, 1);
        assert_eq!(old.score(&f, 100), ScoreConfig::default().score(&f, 100));
    }

    #[test]
    fn penalty_is_weight_per_100_words() {
        let c = ScoreConfig::default();
        let mut f = findings(Severity::Major, 2); // 2 × major 5
        f.extend(findings(Severity::Critical, 1)); // critical 10
        f.extend(findings(Severity::Minor, 3)); // 3 × minor 1
        assert!((c.penalty(&f, 500) - 23.0 * 100.0 / 500.0).abs() < 1e-9);
        // 100 − 4.6 × 4 = 81.6
        assert_eq!(c.score(&f, 500), 81.6);
    }

    #[test]
    fn score_is_clamped_to_zero_and_rounded_to_two_decimals() {
        let c = ScoreConfig::default();
        assert_eq!(c.score(&findings(Severity::Critical, 50), 100), 0.0);
        // one minor in 300 words: 100 − (100/300)×4 = 98.666… → 98.67
        assert_eq!(c.score(&findings(Severity::Minor, 1), 300), 98.67);
        let negative_k = ScoreConfig {
            k: -3.0,
            ..ScoreConfig::default()
        };
        assert_eq!(negative_k.score(&findings(Severity::Minor, 5), 100), 100.0);
    }

    #[test]
    fn nan_config_scores_zero_instead_of_nan() {
        let c = ScoreConfig {
            k: f64::NAN,
            ..ScoreConfig::default()
        };
        assert_eq!(c.score(&findings(Severity::Minor, 1), 100), 0.0);
    }

    #[test]
    fn weights_are_configurable() {
        let c = ScoreConfig {
            major: 0.0,
            ..ScoreConfig::default()
        };
        assert_eq!(c.score(&findings(Severity::Major, 10), 100), 100.0);
        let from_toml: ScoreConfig = toml::from_str("k = 2.5\nminor = 2").unwrap();
        assert_eq!(from_toml.k, 2.5);
        assert_eq!(from_toml.minor, 2.0);
        assert_eq!(from_toml.major, 5.0);
    }

    #[test]
    fn seed_sized_article_loses_points_in_proportion() {
        // The seed pair (~490 words) at the low end of what the checks will
        // find: 2 repeated words, 1 non-word, 1 near-miss, 1 quote mismatch,
        // 1 unbalanced quote, 3 unsupported and 1 missing number (the quote
        // mismatch is minor): 22 penalty points in 510 words × k 4. The verdict comes from the findings
        // (src/verdict.rs), not from this score.
        let c = ScoreConfig::default();
        let mut f = findings(Severity::Major, 2);
        f.extend(findings(Severity::Major, 1));
        f.extend(findings(Severity::Minor, 1));
        f.extend(findings(Severity::Minor, 1));
        f.extend(findings(Severity::Minor, 1));
        f.extend(findings(Severity::Minor, 3));
        f.extend(findings(Severity::Minor, 1));
        assert_eq!(c.score(&f, 510), 82.75);
        assert_eq!(c.score(&findings(Severity::Major, 1), 510), 96.08);
    }
}
