//! The verdict contract (docs/FORMATS.md, "Score and verdict"): a critical
//! finding never leaves an article `clean`, faithful paraphrases stay
//! `clean`, every verdict says why, and adding a critical finding never
//! improves a verdict.

use std::path::{Path, PathBuf};

use mtcheck::align::Mode;
use mtcheck::score::ScoreConfig;
use mtcheck::verdict::{decide, VerdictConfig};
use mtcheck::{check, Article, Config, Finding, Kind, Severity, Verdict};
use proptest::prelude::*;
use serde::Deserialize;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/verdict")
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    candidate: String,
    reference: String,
    #[serde(default)]
    config: Option<String>,
    verdict: Verdict,
    reason: String,
}

fn run(case: &Case) -> mtcheck::Report {
    let config = match &case.config {
        Some(c) => Config::load(&dir().join(c)).unwrap(),
        None => Config::default(),
    };
    let cand = Article::read(&dir().join(&case.candidate), 1 << 20).unwrap();
    let refr = Article::read(&dir().join(&case.reference), 1 << 20).unwrap();
    check(&cand, &refr, &config)
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("cases.toml")).unwrap();
    toml::from_str::<Cases>(&text).unwrap().case
}

#[test]
fn every_fixture_gets_its_verdict_and_reason() {
    let cases = cases();
    assert!(cases.len() >= 10);
    let mut failures = Vec::new();
    for case in &cases {
        let r = run(case);
        let label = format!(
            "{} vs {}{}",
            case.candidate,
            case.reference,
            case.config
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        );
        if r.verdict != case.verdict || !r.verdict_reason.contains(&case.reason) {
            failures.push(format!(
                "{label}: got {} ({}), score {}, want {} with \"{}\"",
                r.verdict, r.verdict_reason, r.score, case.verdict, case.reason
            ));
        }
        // The contract itself, whatever the table says.
        let critical = r.severity_count(Severity::Critical);
        if critical > 0 && r.verdict == Verdict::Clean {
            failures.push(format!("{label}: {critical} critical but clean"));
        }
        if r.verdict_reason.is_empty() {
            failures.push(format!("{label}: no reason"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixtures_are_checked_in_the_mode_they_are_meant_for() {
    for case in cases() {
        let want = if case.config.is_some() {
            Mode::Comparable
        } else {
            Mode::Parallel
        };
        assert_eq!(run(&case).mode, want, "{}", case.candidate);
    }
}

#[test]
fn planted_errors_are_found_where_they_were_planted() {
    let case = |c: &str| Case {
        candidate: c.into(),
        reference: "harbour.ref.txt".into(),
        config: None,
        verdict: Verdict::Clean,
        reason: String::new(),
    };
    let r = run(&case("harbour-many-errors.txt"));
    let got: Vec<(Kind, &str)> = r
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Minor)
        .map(|f| (f.kind, f.text.as_str()))
        .collect();
    for want in [
        (Kind::DateMismatch, "Tuesday"),
        (Kind::DateMismatch, "May 2026"),
        (Kind::NumberMismatch, "1,200"),
        (Kind::RepeatedWord, "the the"),
        (Kind::NonWord, "recomended"),
        (Kind::NonWord, "sprinng"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    // "had had" after a relative pronoun is the past perfect, not a stutter.
    assert!(run(&case("harbour-legit-repeat.txt")).findings.is_empty());
}

#[test]
fn the_seeds_stay_likely_mt_and_say_why() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let c = Article::read(&root.join("xi-moscow-suspected-mt.txt"), 1 << 20).unwrap();
    let r = Article::read(&root.join("xi-moscow-reference.txt"), 1 << 20).unwrap();
    let report = check(&c, &r, &Config::default());
    assert_eq!(report.verdict, Verdict::LikelyMt);
    assert!(
        report.verdict_reason.starts_with("garbled text"),
        "{}",
        report.verdict_reason
    );
}

#[test]
fn every_point_lost_is_traced_to_findings_or_adequacy() {
    for case in cases() {
        let r = run(&case);
        let lost = r.score_breakdown.findings + r.score_breakdown.adequacy;
        let unclamped = 100.0 - lost;
        if unclamped >= 0.0 {
            assert!(
                (r.score - unclamped).abs() < 0.02,
                "{}: score {} vs 100 − {lost}",
                case.candidate,
                r.score
            );
        } else {
            assert_eq!(r.score, 0.0);
        }
        if r.mode == Mode::Comparable {
            assert_eq!(r.score_breakdown.adequacy, 0.0);
        }
    }
}

fn any_kind() -> impl Strategy<Value = Kind> {
    (0..Kind::ALL.len()).prop_map(|i| Kind::ALL[i])
}

fn any_severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Minor),
        Just(Severity::Major),
        Just(Severity::Critical)
    ]
}

proptest! {
    /// Adding a critical finding (or any finding) to an article never makes
    /// its verdict better, in either mode, with any non-negative weights.
    #[test]
    fn adding_a_critical_finding_never_improves_the_verdict(
        found in prop::collection::vec((any_kind(), any_severity()), 0..12),
        added in any_kind(),
        words in 1usize..3000,
        chrf in prop::option::of(0.0f64..100.0),
        k in 0.0f64..20.0,
        parallel_k in 0.0f64..5.0,
        critical_likely_mt in 0usize..5,
        garbling_min in 0usize..5,
    ) {
        let a = Article::from_text("c", "word word");
        let make = |kind: Kind, severity: Severity| {
            Finding::new(kind, &a, 0, 4, "m").with_severity(severity)
        };
        let scoring = ScoreConfig { k, parallel_k, ..ScoreConfig::default() };
        let rules = VerdictConfig { critical_likely_mt, garbling_min, ..VerdictConfig::default() };
        let mut findings: Vec<Finding> = found.iter().map(|&(k, s)| make(k, s)).collect();
        let mode = if chrf.is_some() { Mode::Parallel } else { Mode::Comparable };
        let verdict_of = |findings: &[Finding]| {
            let score = scoring.article_score(findings, words, chrf);
            decide(findings, words, score, mode, &rules)
        };
        let before = verdict_of(&findings);
        findings.push(make(added, Severity::Critical));
        let after = verdict_of(&findings);
        prop_assert!(after.verdict >= before.verdict, "{before:?} -> {after:?}");
        prop_assert!(after.verdict != Verdict::Clean, "{after:?}");
        prop_assert!(!after.reason.is_empty());
    }
}

fn minor_kind_without_a_rule() -> impl Strategy<Value = Kind> {
    // Minor findings that no verdict rule counts (garbling kinds feed the
    // density rule, unaligned sentences their own rule).
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| !k.spec().garbling && *k != Kind::UnalignedSentence)
        .collect();
    (0..kinds.len()).prop_map(move |i| kinds[i])
}

proptest! {
    /// Evidence over opinion: an article whose findings are all minor ones
    /// that no rule counts, scoring at or above its mode's human floor, is
    /// never `review` or worse, whatever its length; below the floor it is
    /// `review` and says so.
    #[test]
    fn without_evidence_only_a_score_below_the_human_floor_asks_for_review(
        minor in prop::collection::vec(minor_kind_without_a_rule(), 0..20),
        words in 1usize..3000,
        score in 0.0f64..=100.0,
        parallel in any::<bool>(),
    ) {
        let a = Article::from_text("c", "word word");
        let findings: Vec<Finding> = minor
            .iter()
            .map(|&k| Finding::new(k, &a, 0, 4, "m").with_severity(Severity::Minor))
            .collect();
        let mode = if parallel { Mode::Parallel } else { Mode::Comparable };
        let rules = VerdictConfig::default();
        let d = decide(&findings, words, score, mode, &rules);
        if score >= rules.human_floor(mode) {
            prop_assert_eq!(d.verdict, Verdict::Clean, "{}", d.reason);
        } else {
            prop_assert_eq!(d.verdict, Verdict::Review);
            prop_assert!(d.reason.contains("below the human floor"), "{}", d.reason);
        }
    }
}
