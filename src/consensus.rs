//! Cross-candidate consensus: when most candidates checked against one
//! reference contradict the same figure of that reference in the same way,
//! the reference is the likelier culprit.
//!
//! A pair on its own cannot tell a wrong translation from a wrong
//! reference: "the 20th Party Congress" against a reference that says
//! "19th" is a `number-mismatch` either way. On the WMT23 data most
//! `number-mismatch` misses are exactly this (all ten systems write "20th";
//! the human reference slipped; docs/EVALUATION.md). With several candidates
//! per reference (several MT systems, several outlets' copies), agreement
//! between independent candidates is evidence the pair cannot give.
//!
//! [`review`] looks at the reports of one batch, grouped by reference path.
//! For each reference figure that a `number-mismatch` points at, it groups
//! the candidates' contradicting values (equal after normalisation: "20th"
//! = "twentieth"); when one value is given by at least
//! [`ConsensusConfig::min_candidates`] candidates and by at least
//! [`ConsensusConfig::min_share`] of all candidates for that reference, those
//! findings become minor `number-unsupported` findings that say how many
//! candidates agree, the reports say the reference is suspect
//! (`reference_suspect`: "3 of 4 candidates give \"20th\" for its
//! \"19th\""), and they are re-scored. Findings of every other
//! kind are left as they are.

use std::borrow::{Borrow, BorrowMut};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checks::numbers::{extract_text, relate, NumberMention, Relation};
use crate::config::Config;
use crate::finding::{sort_findings, Severity};
use crate::report::Report;

/// Settings for the consensus review (`[consensus]` in the config file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsensusConfig {
    /// Fewest candidates that must give the same contradicting value.
    pub min_candidates: usize,
    /// Smallest share of the reference's candidates that must give it.
    pub min_share: f64,
}

impl Default for ConsensusConfig {
    fn default() -> Self {
        ConsensusConfig {
            min_candidates: 3,
            min_share: 0.5,
        }
    }
}

/// One `number-mismatch` finding: which report, which finding, its value.
struct Vote {
    report: usize,
    finding: usize,
    value: Option<NumberMention>,
    text: String,
}

impl Vote {
    fn agrees(&self, other: &Vote) -> bool {
        match (&self.value, &other.value) {
            (Some(a), Some(b)) => relate(a, b) == Relation::Equal,
            _ => self.text.to_lowercase() == other.text.to_lowercase(),
        }
    }
}

/// Applies the consensus rule to `reports` (one batch; any order; owned or
/// borrowed, so a caller need not move its reports out) and re-scores the
/// reports it changes. Returns how many findings changed.
pub fn review<R: BorrowMut<Report>>(reports: &mut [R], config: &Config) -> usize {
    let cfg = &config.consensus;
    // Reports per reference; votes per (reference, reference span).
    let mut per_reference: BTreeMap<&str, usize> = BTreeMap::new();
    let mut votes: BTreeMap<(&str, usize, usize), Vec<Vote>> = BTreeMap::new();
    for (r, report) in reports.iter().map(Borrow::borrow).enumerate() {
        *per_reference.entry(report.reference.as_str()).or_default() += 1;
        for (f, finding) in report.findings.iter().enumerate() {
            let (Some(_), Some(evidence)) = (finding.kind.spec().consensus, &finding.reference)
            else {
                continue;
            };
            votes
                .entry((report.reference.as_str(), evidence.start, evidence.end))
                .or_default()
                .push(Vote {
                    report: r,
                    finding: f,
                    value: extract_text(&finding.text).into_iter().next(),
                    text: finding.text.clone(),
                });
        }
    }
    // (report, finding) → how many of how many candidates agree, and the
    // value the first of them gives.
    let mut changes: Vec<(usize, usize, usize, usize, String)> = Vec::new();
    for ((reference, _, _), group) in &votes {
        let total = per_reference.get(reference).copied().unwrap_or(0);
        let mut taken = vec![false; group.len()];
        for (i, vote) in group.iter().enumerate() {
            if taken[i] {
                continue;
            }
            let members: Vec<usize> = (i..group.len())
                .filter(|&j| !taken[j] && group.get(j).is_some_and(|o| vote.agrees(o)))
                .collect();
            let mut candidates: Vec<usize> = members
                .iter()
                .filter_map(|&j| group.get(j).map(|v| v.report))
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let agree = candidates.len();
            let enough =
                agree >= cfg.min_candidates.max(2) && agree as f64 >= cfg.min_share * total as f64;
            for &j in &members {
                taken[j] = true;
                if let (true, Some(v)) = (enough, group.get(j)) {
                    changes.push((v.report, v.finding, agree, total, vote.text.clone()));
                }
            }
        }
    }
    let mut touched: Vec<usize> = Vec::new();
    // Report → "7 of 9 candidates give 16,000 for its \"160,000\"".
    let mut notes: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (r, f, agree, total, value) in &changes {
        let (r, f, agree, total) = (*r, *f, *agree, *total);
        let Some(finding) = reports
            .get_mut(r)
            .and_then(|rep| rep.borrow_mut().findings.get_mut(f))
        else {
            continue;
        };
        let theirs = finding
            .reference
            .as_ref()
            .map_or(String::new(), |e| e.text.clone());
        let note = format!("{agree} of {total} candidates give \"{value}\" for its \"{theirs}\"");
        notes.entry(r).or_default().push(note);
        // Only kinds with a consensus kind have votes.
        finding.kind = finding.kind.spec().consensus.unwrap_or(finding.kind);
        finding.severity = Severity::Minor;
        finding.suggestion = None;
        finding.message = format!(
            "\"{}\" differs from the reference's \"{theirs}\", but {agree} of the {total} candidates for this reference say the same: check the reference",
            finding.text
        );
        touched.push(r);
    }
    touched.sort_unstable();
    touched.dedup();
    for &r in &touched {
        if let Some(report) = reports.get_mut(r).map(BorrowMut::borrow_mut) {
            let extra = notes.remove(&r).unwrap_or_default();
            report.reference_suspect =
                crate::suspect::join_notes(report.reference_suspect.as_deref(), &extra);
            sort_findings(&mut report.findings);
            report.rescore(config);
        }
    }
    changes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;
    use crate::text::Article;

    fn report(cand: &str, refr: &str, reference_name: &str) -> Report {
        let c = Article::from_text("c", cand);
        let r = Article::from_text(reference_name, refr);
        crate::check(&c, &r, &Config::default())
    }

    const REF: &str = "The 19th congress opened on Monday. Delegates met for four days.";

    #[test]
    fn most_candidates_agreeing_against_the_reference_clear_it() {
        let config = Config::default();
        let mut reports = vec![
            report(
                "The 20th congress opened on Monday. Delegates met for four days.",
                REF,
                "r",
            ),
            report(
                "The twentieth congress opened on Monday. Delegates met for four days.",
                REF,
                "r",
            ),
            report(
                "The 20th congress opened on Monday. Delegates met for 4 days.",
                REF,
                "r",
            ),
            report(
                "The 21st congress opened on Monday. Delegates met for four days.",
                REF,
                "r",
            ),
        ];
        let before: Vec<f64> = reports.iter().map(|r| r.score).collect();
        // The kind a consensus re-kinds, and what it becomes.
        let (from, to) = Kind::ALL
            .iter()
            .find_map(|k| k.spec().consensus.map(|to| (*k, to)))
            .expect("a kind with a consensus row");
        assert!(reports.iter().all(|r| r.counts[&from] == 1));
        assert_eq!(review(&mut reports, &config), 3);
        for r in &reports[..3] {
            assert_eq!(r.counts[&from], 0);
            let f = r.findings.iter().find(|f| f.kind == to).expect("re-kinded");
            assert!(f.message.contains("3 of the 4 candidates"), "{}", f.message);
            assert_eq!(f.severity, Severity::Minor);
            let note = r.reference_suspect.as_deref().unwrap_or_default();
            assert!(
                note.starts_with(
                    "reference suspect: 3 of 4 candidates give \"20th\" for its \"19th\""
                ),
                "{note}"
            );
        }
        assert_eq!(reports[3].reference_suspect, None);
        // The odd one out keeps its mismatch; the others score higher now.
        assert_eq!(reports[3].counts[&from], 1);
        for (r, b) in reports[..3].iter().zip(&before) {
            assert!(r.score > *b, "{} vs {b}", r.score);
        }
    }

    #[test]
    fn too_few_or_different_references_change_nothing() {
        let config = Config::default();
        let cand = "The 20th congress opened on Monday. Delegates met for four days.";
        // Two agree, but the rule wants three.
        let mut two = vec![report(cand, REF, "r"), report(cand, REF, "r")];
        assert_eq!(review(&mut two, &config), 0);
        // Three agree, but against three different references.
        let mut apart = vec![
            report(cand, REF, "a"),
            report(cand, REF, "b"),
            report(cand, REF, "c"),
        ];
        assert_eq!(review(&mut apart, &config), 0);
        // Three of seven is under half.
        let mut few: Vec<Report> = (0..3).map(|_| report(cand, REF, "r")).collect();
        few.extend((0..4).map(|_| report(REF, REF, "r")));
        assert_eq!(review(&mut few, &config), 0);
    }
}
