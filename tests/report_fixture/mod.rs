//! A hand-made report over `fixtures/reports/`, shared by the renderer tests:
//! real findings (built with `Finding::new`) and, optionally, an alignment,
//! with metrics and score pinned so snapshots do not move when the checks,
//! metrics or score calibration change.

#![allow(dead_code)]

use std::path::Path;

use mtcheck::align::{AlignedPair, Alignment, Mode};
use mtcheck::report::Metrics;
use mtcheck::{Article, Config, Finding, Kind, Report, Severity, Verdict};

pub fn articles() -> (Article, Article) {
    let dir = Path::new("fixtures/reports");
    let cand = Article::read(&dir.join("candidate.txt"), 1 << 20).unwrap();
    let refr = Article::read(&dir.join("reference.txt"), 1 << 20).unwrap();
    (cand, refr)
}

/// Byte span of the `nth` (0-based) occurrence of `needle` in `article`.
pub fn span(article: &Article, needle: &str, nth: usize) -> (usize, usize) {
    let start = article
        .text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", article.name))
        .0;
    (start, start + needle.len())
}

fn at(kind: Kind, cand: &Article, needle: &str, message: &str) -> Finding {
    let (s, e) = span(cand, needle, 0);
    Finding::new(kind, cand, s, e, message)
}

fn with_ref(f: Finding, refr: &Article, needle: &str) -> Finding {
    let (s, e) = span(refr, needle, 0);
    f.with_reference(refr, s, e)
}

/// Findings of every shape the renderers must handle: plain, with
/// reference evidence and suggestion, nested, crossing, across a tab and
/// CJK text, over markup, and number-missing with an empty span.
pub fn findings(cand: &Article, refr: &Article) -> Vec<Finding> {
    let mut f = vec![
        with_ref(
            at(
                Kind::DateMismatch,
                cand,
                "Thursday",
                "the reference says \"Wednesday\"",
            ),
            refr,
            "Wednesday",
        ),
        with_ref(
            at(
                Kind::NumberMismatch,
                cand,
                "four-day",
                "\"four-day\" but the reference has \"three-day\"",
            ),
            refr,
            "three-day",
        ),
        at(Kind::RepeatedWord, cand, "the the", "\"the\" is repeated"),
        at(
            Kind::RepeatedWord,
            cand,
            "orderly, orderly",
            "\"orderly\" is repeated",
        ),
        with_ref(
            at(
                Kind::NearMiss,
                cand,
                "hegemony bullying",
                "\"hegemony bullying\" is close to the reference's \"hegemonic bullying\"",
            ),
            refr,
            "hegemonic bullying",
        )
        .with_suggestion("hegemonic bullying"),
        at(
            Kind::WrongLanguage,
            cand,
            "東京の記者 critics",
            "a passage in Japanese",
        ),
        at(
            Kind::RepeatedWord,
            cand,
            "critics critics",
            "\"critics\" is repeated",
        ),
        at(
            Kind::RepeatedPhrase,
            cand,
            "critics critics said",
            "a phrase is repeated",
        ),
        at(
            Kind::UnbalancedPunctuation,
            cand,
            "<script>alert(1)</script>",
            "markup <script> in the text",
        ),
        with_ref(
            at(
                Kind::NonWord,
                cand,
                "bigest",
                "\"bigest\" is not a word; the reference has \"biggest\"",
            ),
            refr,
            "biggest",
        )
        .with_suggestion("biggest"),
        with_ref(
            at(
                Kind::QuoteMismatch,
                cand,
                "We will defend historical truth,",
                "the quote differs from the reference's",
            ),
            refr,
            "We firmly defend historical truth,",
        )
        .with_severity(Severity::Major),
        with_ref(
            Finding::new(
                Kind::NumberMissing,
                cand,
                0,
                0,
                "\"May 9\" in the reference is missing",
            ),
            refr,
            "May 9",
        ),
    ];
    mtcheck::finding::sort_findings(&mut f);
    f
}

/// Candidate line i ↔ reference line i (the fixture has one sentence per
/// line, and the reference's last line has two).
pub fn alignment(cand: &Article, refr: &Article) -> Alignment {
    assert_eq!(cand.sentences.len(), 5, "fixture candidate sentences");
    assert_eq!(refr.sentences.len(), 6, "fixture reference sentences");
    let pairs = (0..5)
        .map(|i| AlignedPair {
            candidate: vec![i],
            reference: vec![i],
            similarity: 0.5,
        })
        .collect();
    Alignment {
        mode: Mode::Parallel,
        pairs,
    }
}

/// The fixture report, with or without the alignment.
pub fn report(cand: &Article, refr: &Article, aligned: bool) -> Report {
    let alignment = if aligned {
        alignment(cand, refr)
    } else {
        Alignment {
            mode: Mode::Comparable,
            pairs: Vec::new(),
        }
    };
    let mut report = Report::build(
        cand,
        refr,
        alignment,
        findings(cand, refr),
        &Config::default(),
    );
    report.metrics = Metrics {
        chrf: 41.5,
        bleu: 12.25,
        ..report.metrics
    };
    report.score = 42.0;
    report.verdict = Verdict::LikelyMt;
    report
}
