//! MQM-style score: severity weights per 100 candidate words → 0–100 and a verdict.

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Severity};

/// Weights, scale and verdict thresholds (`[score]` in the config file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
    /// Score points lost per penalty point per 100 words.
    pub k: f64,
    /// Lowest score still `clean`.
    pub clean: f64,
    /// Lowest score still `review`; below it is `likely-mt`.
    pub review: f64,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            minor: 1.0,
            major: 5.0,
            critical: 10.0,
            k: 5.0,
            clean: 90.0,
            review: 60.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Clean,
    Review,
    LikelyMt,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clean => "clean",
            Verdict::Review => "review",
            Verdict::LikelyMt => "likely-mt",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ScoreConfig {
    pub fn weight(&self, severity: Severity) -> f64 {
        match severity {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }

    /// Penalty points per 100 candidate words.
    pub fn penalty(&self, findings: &[Finding], words: usize) -> f64 {
        let total: f64 = findings.iter().map(|f| self.weight(f.severity)).sum();
        total * 100.0 / words.max(1) as f64
    }

    /// Score in 0–100 (100 = clean), rounded to one decimal.
    pub fn score(&self, findings: &[Finding], words: usize) -> f64 {
        let raw = 100.0 - self.penalty(findings, words) * self.k;
        (raw.clamp(0.0, 100.0) * 10.0).round() / 10.0
    }

    pub fn verdict(&self, score: f64) -> Verdict {
        if score >= self.clean {
            Verdict::Clean
        } else if score >= self.review {
            Verdict::Review
        } else {
            Verdict::LikelyMt
        }
    }
}
