//! The verdict: the action an editor takes, and the one phrase that says why.
//!
//! The score ranks articles (it is calibrated against human MQM judgements,
//! docs/EVALUATION.md); the verdict is decided from the score **and** the
//! findings, because what must be fixed before publication is not always
//! what moves a rank score:
//!
//! - the score's own thresholds (`[score] clean`, `review`);
//! - **critical findings** (a wrong number, date or year, a passage left
//!   untranslated): `critical_review` of them make an article at least
//!   `review`, `critical_likely_mt` of them `likely-mt`;
//! - **major findings** (a doubled word, a non-word, a misspelt name, a
//!   drifted quote, an untranslated fragment: errors a reader sees):
//!   `major_review` of them make an article at least `review`;
//! - **garbling** (non-words, repeated words and phrases, near-misses of the
//!   reference's terms, text in another language, unaligned sentences): at
//!   least `garbling_min` such findings and at least `garbling_per_100` per
//!   100 words make an article `likely-mt`.
//!
//! The verdict is the worst of the three, and its reason names every rule
//! that reached it ("2 critical: number-mismatch, date-mismatch"). Adding a
//! finding can only keep or worsen the verdict (a property test holds it).

use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

use crate::finding::{Finding, Kind, Severity};
use crate::score::{ScoreConfig, Verdict};

/// Finding-based verdict rules (`[verdict]` in the config file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerdictConfig {
    /// Critical findings that make an article at least `review`, whatever
    /// its score (0 turns the rule off).
    pub critical_review: usize,
    /// Critical findings that make an article `likely-mt` (0 turns the rule off).
    pub critical_likely_mt: usize,
    /// Major findings that make an article at least `review` (0 turns the
    /// rule off).
    pub major_review: usize,
    /// Fewest garbling findings (non-word, repeated-word, repeated-phrase,
    /// near-miss, wrong-language, unaligned-sentence) for the density rule
    /// (0 turns the rule off).
    pub garbling_min: usize,
    /// Garbling findings per 100 candidate words at or above which (with at
    /// least `garbling_min` of them) an article is `likely-mt`.
    pub garbling_per_100: f64,
}

impl Default for VerdictConfig {
    fn default() -> Self {
        VerdictConfig {
            critical_review: 1,
            critical_likely_mt: 3,
            major_review: 1,
            garbling_min: 3,
            garbling_per_100: 1.0,
        }
    }
}

/// A verdict and the short phrase that says why.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: String,
}

/// "number-mismatch ×2, date-mismatch": the kinds of `findings`, in report
/// order, each with its count when above one.
pub fn kinds_phrase<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let mut counts = [0usize; Kind::ALL.len()];
    for f in findings {
        if let Some(i) = Kind::ALL.iter().position(|&k| k == f.kind) {
            counts[i] += 1;
        }
    }
    let mut out = String::new();
    for (kind, n) in Kind::ALL.iter().zip(counts) {
        if n == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(kind.as_str());
        if n > 1 {
            let _ = write!(out, " ×{n}");
        }
    }
    out
}

/// The verdict of an article with `findings` in `words` words and `score`.
pub fn decide(
    findings: &[Finding],
    words: usize,
    score: f64,
    scoring: &ScoreConfig,
    rules: &VerdictConfig,
) -> Decision {
    // (level, reason) of every rule that fires.
    let mut fired: Vec<(Verdict, String)> = Vec::new();

    let critical: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Critical)
        .collect();
    let level = if rules.critical_likely_mt > 0 && critical.len() >= rules.critical_likely_mt {
        Some(Verdict::LikelyMt)
    } else if rules.critical_review > 0 && critical.len() >= rules.critical_review {
        Some(Verdict::Review)
    } else {
        None
    };
    if let Some(level) = level {
        fired.push((
            level,
            format!(
                "{} critical: {}",
                critical.len(),
                kinds_phrase(critical.iter().copied())
            ),
        ));
    }

    let major: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Major)
        .collect();
    if rules.major_review > 0 && major.len() >= rules.major_review {
        fired.push((
            Verdict::Review,
            format!(
                "{} major: {}",
                major.len(),
                kinds_phrase(major.iter().copied())
            ),
        ));
    }

    let garbling: Vec<&Finding> = findings.iter().filter(|f| f.kind.spec().garbling).collect();
    let density = garbling.len() as f64 * 100.0 / words.max(1) as f64;
    if rules.garbling_min > 0
        && garbling.len() >= rules.garbling_min
        && density >= rules.garbling_per_100
    {
        fired.push((
            Verdict::LikelyMt,
            format!(
                "garbled text, {} findings in {} words: {}",
                garbling.len(),
                words,
                kinds_phrase(garbling.iter().copied())
            ),
        ));
    }

    let by_score = scoring.verdict(score);
    if by_score != Verdict::Clean {
        let threshold = if by_score == Verdict::LikelyMt {
            scoring.review
        } else {
            scoring.clean
        };
        fired.push((by_score, format!("score {score:.1} below {threshold}")));
    }

    let verdict = fired
        .iter()
        .map(|(v, _)| *v)
        .max()
        .unwrap_or(Verdict::Clean);
    let reason = if verdict == Verdict::Clean {
        if findings.is_empty() {
            format!("no findings, score {score:.1}")
        } else {
            format!(
                "score {score:.1}, minor findings only ({})",
                kinds_phrase(findings.iter())
            )
        }
    } else {
        fired
            .into_iter()
            .filter(|(v, _)| *v == verdict)
            .map(|(_, r)| r)
            .collect::<Vec<_>>()
            .join("; ")
    };
    Decision { verdict, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Article;

    fn findings(kinds: &[Kind]) -> Vec<Finding> {
        let a = Article::from_text("c", "word word");
        kinds
            .iter()
            .map(|&k| Finding::new(k, &a, 0, 4, "m"))
            .collect()
    }

    fn decide_default(f: &[Finding], words: usize, score: f64) -> Decision {
        decide(
            f,
            words,
            score,
            &ScoreConfig::default(),
            &VerdictConfig::default(),
        )
    }

    #[test]
    fn one_critical_finding_is_never_clean() {
        let d = decide_default(&findings(&[Kind::DateMismatch]), 500, 99.0);
        assert_eq!(d.verdict, Verdict::Review);
        assert_eq!(d.reason, "1 critical: date-mismatch");
    }

    #[test]
    fn several_critical_findings_are_likely_mt() {
        let f = findings(&[
            Kind::NumberMismatch,
            Kind::DateMismatch,
            Kind::NumberMismatch,
        ]);
        let d = decide_default(&f, 500, 95.0);
        assert_eq!(d.verdict, Verdict::LikelyMt);
        assert_eq!(d.reason, "3 critical: number-mismatch ×2, date-mismatch");
    }

    #[test]
    fn dense_garbling_is_likely_mt_sparse_is_not() {
        let f = findings(&[Kind::NonWord, Kind::RepeatedWord, Kind::NearMiss]);
        let dense = decide_default(&f, 200, 97.0);
        assert_eq!(dense.verdict, Verdict::LikelyMt);
        assert_eq!(
            dense.reason,
            "garbled text, 3 findings in 200 words: repeated-word, non-word, near-miss"
        );
        // The same three findings in 400 words: 0.75 per 100, under the
        // rule; the two major ones still call for a review.
        let sparse = decide_default(&f, 400, 97.0);
        assert_eq!(sparse.verdict, Verdict::Review);
        assert_eq!(sparse.reason, "2 major: repeated-word, non-word");
        // Two findings never make the density rule, however short the article.
        let two = decide_default(&f[..2], 20, 97.0);
        assert_eq!(two.verdict, Verdict::Review);
        // Minor findings alone leave a well-scored article clean.
        let minor = decide_default(&f[2..], 400, 97.0);
        assert_eq!(minor.verdict, Verdict::Clean);
        assert_eq!(minor.reason, "score 97.0, minor findings only (near-miss)");
    }

    #[test]
    fn the_score_thresholds_still_apply_and_every_reason_reaching_the_verdict_is_named() {
        let none = decide_default(&[], 300, 100.0);
        assert_eq!(none.verdict, Verdict::Clean);
        assert_eq!(none.reason, "no findings, score 100.0");
        let low = decide_default(&[], 300, 72.5);
        assert_eq!(low.verdict, Verdict::Review);
        assert_eq!(low.reason, "score 72.5 below 90");
        let both = decide_default(&findings(&[Kind::NumberMismatch]), 300, 72.5);
        assert_eq!(
            both.reason,
            "1 critical: number-mismatch; score 72.5 below 90"
        );
        // A likely-mt score outranks a review-level critical finding, and only
        // the rule that reached the verdict is named.
        let worst = decide_default(&findings(&[Kind::NumberMismatch]), 300, 40.0);
        assert_eq!(worst.verdict, Verdict::LikelyMt);
        assert_eq!(worst.reason, "score 40.0 below 60");
    }

    #[test]
    fn rules_can_be_turned_off() {
        let off = VerdictConfig {
            critical_review: 0,
            critical_likely_mt: 0,
            major_review: 0,
            garbling_min: 0,
            ..VerdictConfig::default()
        };
        let f = findings(&[Kind::NumberMismatch; 5]);
        let d = decide(&f, 100, 95.0, &ScoreConfig::default(), &off);
        assert_eq!(d.verdict, Verdict::Clean);
        let from_toml: VerdictConfig = toml::from_str("critical_likely_mt = 2").unwrap();
        assert_eq!(from_toml.critical_likely_mt, 2);
        assert_eq!(from_toml.critical_review, 1);
        assert!(toml::from_str::<VerdictConfig>("critical = 2").is_err());
    }
}
