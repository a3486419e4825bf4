//! Baseline files: findings an editor has seen and accepted, kept quiet on
//! later runs, as linters do with their baseline files.
//!
//! `--write-baseline FILE` records every finding of the run; `--baseline
//! FILE` hides the findings it lists (the report counts them:
//! [`Report::baseline_hidden`]). A finding is recorded by a fingerprint
//! that survives edits elsewhere in the article: the article (the
//! candidate's file name for `check`, the row id for `batch`), the kind,
//! the flagged text and up to [`CONTEXT_WORDS`] words on each side within
//! its sentence, all
//! normalised (case, curly apostrophes, dashes, white space), and never a
//! byte offset. A fingerprint seen n times in the baseline hides at most n
//! findings, so a new copy of an accepted word still shows.
//!
//! The file is JSON, versioned by its `schema` (`mtcheck-baseline/1`),
//! entries sorted, so it diffs well under version control
//! (docs/FORMATS.md, "Baseline file").

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::finding::Finding;
use crate::report::Report;
use crate::text::phrase::key_of;
use crate::text::Article;

/// The schema id of a baseline file.
pub const SCHEMA: &str = "mtcheck-baseline/1";

/// Words of context kept on each side of a finding.
pub const CONTEXT_WORDS: usize = 3;

/// What identifies one finding across runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The candidate's file name (`check`) or the row id (`batch`).
    pub article: String,
    /// The kind's id (`non-word`).
    pub kind: String,
    /// The flagged text, normalised.
    pub text: String,
    /// Up to three words before it in its sentence, normalised.
    pub before: String,
    /// Up to three words after it in its sentence, normalised.
    pub after: String,
}

impl Fingerprint {
    /// The fingerprint of `finding` in `candidate`, an article named `article`.
    pub fn of(article: &str, finding: &Finding, candidate: &Article) -> Fingerprint {
        let tokens = &candidate.tokens;
        let first = tokens.partition_point(|t| t.end <= finding.start);
        let last = tokens.partition_point(|t| t.start < finding.end).max(first);
        let words = |ts: &mut dyn Iterator<Item = &crate::text::Token>| -> Vec<String> {
            ts.filter(|t| t.is_wordlike())
                .take(CONTEXT_WORDS)
                .map(|t| t.norm.clone())
                .collect()
        };
        // Within the finding's sentence, so an edit to the sentence before
        // or after leaves the fingerprint as it was.
        let sentence = candidate
            .sentence_at(finding.start)
            .and_then(|i| candidate.sentences.get(i))
            .map_or(0..tokens.len(), |s| s.tokens.clone());
        let lo = sentence.start.min(first);
        let hi = sentence.end.clamp(last, tokens.len());
        let mut before = words(&mut tokens[lo..first].iter().rev());
        before.reverse();
        let after = words(&mut tokens[last..hi].iter());
        Fingerprint {
            article: article.to_string(),
            kind: finding.kind.as_str().to_string(),
            text: key_of(&finding.text),
            before: before.join(" "),
            after: after.join(" "),
        }
    }
}

/// One line of the file: a fingerprint and how many findings have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    fingerprint: Fingerprint,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema: String,
    findings: Vec<Entry>,
}

/// Why a baseline file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("baseline {path}: {message}")]
    Read { path: String, message: String },
    #[error("baseline {path}: cannot write: {message}")]
    Write { path: String, message: String },
}

/// Fingerprints and how many findings each stands for: a baseline read
/// from a file, or one being recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    counts: BTreeMap<Fingerprint, usize>,
}

impl Baseline {
    /// Reads a baseline file of at most `max_bytes`; an unknown schema is an
    /// error.
    pub fn load(path: &Path, max_bytes: usize) -> Result<Baseline, BaselineError> {
        let err = |message: String| BaselineError::Read {
            path: path.display().to_string(),
            message,
        };
        let text = crate::text::read_utf8(path, max_bytes).map_err(err)?;
        Baseline::parse(&text).map_err(err)
    }

    /// Parses the text of a baseline file.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.schema != SCHEMA {
            return Err(format!(
                "schema {:?} is not {SCHEMA:?} (written by another mtcheck version?)",
                file.schema
            ));
        }
        let mut baseline = Baseline::default();
        for e in file.findings {
            *baseline.counts.entry(e.fingerprint).or_default() += e.count;
        }
        Ok(baseline)
    }

    /// The file's text: entries sorted, one per fingerprint.
    pub fn to_json(&self) -> String {
        let file = File {
            schema: SCHEMA.to_string(),
            findings: self
                .counts
                .iter()
                .map(|(f, &count)| Entry {
                    fingerprint: f.clone(),
                    count,
                })
                .collect(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
    }

    /// Writes the file atomically.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::output::write_atomic(path, self.to_json().as_bytes()).map_err(|e| {
            BaselineError::Write {
                path: path.display().to_string(),
                message: e.to_string(),
            }
        })
    }

    /// Number of findings the baseline stands for.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Records the fingerprints of `findings` of article `article`.
    pub fn record(&mut self, article: &str, findings: &[Finding], candidate: &Article) {
        for f in findings {
            *self
                .counts
                .entry(Fingerprint::of(article, f, candidate))
                .or_default() += 1;
        }
    }

    /// Adds another baseline's fingerprints (a batch's rows, in order).
    pub fn merge(&mut self, other: Baseline) {
        for (f, n) in other.counts {
            *self.counts.entry(f).or_default() += n;
        }
    }

    /// Hides from `report` the findings this baseline lists for `article`,
    /// counts them in `report.baseline_hidden`, and re-scores the report.
    pub fn hide(&self, article: &str, report: &mut Report, candidate: &Article, config: &Config) {
        if self.is_empty() {
            return;
        }
        let mut left: BTreeMap<Fingerprint, usize> = BTreeMap::new();
        let before = report.findings.len();
        report.findings.retain(|f| {
            let print = Fingerprint::of(article, f, candidate);
            let Some(&listed) = self.counts.get(&print) else {
                return true;
            };
            let used = left.entry(print).or_default();
            if *used < listed {
                *used += 1;
                false
            } else {
                true
            }
        });
        let hidden = before - report.findings.len();
        if hidden > 0 {
            report.baseline_hidden += hidden;
            report.rescore(config);
        }
    }
}

/// How `check` names an article in a baseline: the candidate's file name.
pub fn check_article_name(candidate: &Path) -> String {
    candidate
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| candidate.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;

    fn at(article: &Article, text: &str) -> Finding {
        let start = article.text.find(text).unwrap();
        Finding::new(Kind::NonWord, article, start, start + text.len(), "m")
    }

    #[test]
    fn the_fingerprint_survives_edits_elsewhere() {
        let a = Article::from_text("c", "First line.\nThe  Gazprommm board met on Monday.");
        let b = Article::from_text(
            "c",
            "A new first paragraph, longer.\n\nThe gazprommm board met on Monday.",
        );
        let (fa, fb) = (at(&a, "Gazprommm"), at(&b, "gazprommm"));
        assert_ne!(fa.start, fb.start);
        let pa = Fingerprint::of("x", &fa, &a);
        assert_eq!(pa, Fingerprint::of("x", &fb, &b));
        assert_eq!(pa.before, "the");
        assert_eq!(pa.after, "board met on");
        assert_ne!(pa, Fingerprint::of("y", &fa, &a));
    }

    #[test]
    fn the_file_round_trips_and_counts() {
        let a = Article::from_text("c", "Foo bar. Foo bar.");
        let f = at(&a, "Foo");
        let mut b = Baseline::default();
        b.record("c.txt", &[f.clone(), f], &a);
        let text = b.to_json();
        assert!(
            text.contains("\"schema\": \"mtcheck-baseline/1\""),
            "{text}"
        );
        assert!(text.contains("\"count\": 2"), "{text}");
        let back = Baseline::parse(&text).unwrap();
        assert_eq!(back, b);
        assert_eq!(back.len(), 2);
        assert!(Baseline::parse("{\"schema\":\"mtcheck-baseline/9\",\"findings\":[]}").is_err());
    }
}
