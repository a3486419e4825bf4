//! Suspect references (issue #27, item 7; `fixtures/suspect/`): a garbled
//! reference is named in the report, and a figure in one of its garbled
//! sentences does not make the candidate critical.

use std::path::Path;

use mtcheck::report::{html, json, text};
use mtcheck::{check, Article, Config, Kind, Severity, Verdict};

fn read(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/suspect")
        .join(name);
    Article::read(&path, 1 << 20).unwrap()
}

#[test]
fn a_garbled_reference_is_suspect_and_its_figure_is_minor() {
    let cand = read("candidate.txt");
    let refr = read("reference-garbled.txt");
    let report = check(&cand, &refr, &Config::default());
    let note = report.reference_suspect.as_deref().expect("suspect");
    assert!(
        note.starts_with("reference suspect: 3 repeated words and 1 non-word in the reference"),
        "{note}"
    );
    assert!(note.contains("\"yaer\""), "{note}");
    let figures: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::NumberMismatch)
        .collect();
    assert_eq!(figures.len(), 1, "{:?}", report.findings);
    assert_eq!(figures[0].severity, Severity::Minor);
    assert!(figures[0].message.contains("the reference is suspect here"));
    assert_eq!(report.severity_count(Severity::Critical), 0);
    assert_eq!(report.verdict, Verdict::Clean, "{}", report.verdict_reason);
    assert!(!report.verdict_reason.contains("critical"));
    // Every output that carries it.
    let line = json::render_line(&report);
    assert!(line.contains("\"reference_suspect\":\"reference suspect: 3 repeated"));
    let summary = text::render_summary(&report, text::TextOptions::default());
    assert!(
        summary.contains("\n  reference suspect: 3 repeated words"),
        "{summary}"
    );
    let page = html::render_page(&report, &cand, &refr);
    assert!(page.contains("<p class=\"why suspect\">reference suspect: 3 repeated"));
}

#[test]
fn a_clean_reference_is_not_suspect() {
    let cand = read("candidate.txt");
    let refr = read("reference-clean.txt");
    let report = check(&cand, &refr, &Config::default());
    assert_eq!(report.reference_suspect, None);
    let figure = report
        .findings
        .iter()
        .find(|f| f.kind == Kind::NumberMismatch)
        .expect("the figure is a mismatch");
    assert_eq!(figure.severity, Severity::Critical);
    assert_ne!(report.verdict, Verdict::Clean);
    assert!(!json::render_line(&report).contains("reference_suspect"));
    assert!(!json::render_pretty(&report).contains("reference_suspect"));
    let summary = text::render_summary(&report, text::TextOptions::default());
    assert!(!summary.contains("reference suspect"), "{summary}");
    assert!(!html::render_page(&report, &cand, &refr).contains("reference suspect"));
}

/// A figure outside the garbled sentences of a suspect reference stays
/// critical: only the sentences with evidence are doubted.
#[test]
fn a_figure_in_a_clean_sentence_of_a_suspect_reference_stays_critical() {
    let refr = Article::from_text(
        "r",
        "The harbour board approved the the new ferry plan on Tuesday.\n\
         The works will finish by the end of the yaer, the the board said.\n\
         Ferries will leave every 20 minutes from the east pier.",
    );
    let cand = Article::from_text(
        "c",
        "The harbour board approved the new ferry plan on Tuesday.\n\
         The works will finish by the end of the year, the board said.\n\
         Ferries will leave every 30 minutes from the east pier.",
    );
    let report = check(&cand, &refr, &Config::default());
    assert!(report.reference_suspect.is_some());
    let figure = report
        .findings
        .iter()
        .find(|f| f.kind == Kind::NumberMismatch)
        .expect("the figure is a mismatch");
    assert_eq!(figure.severity, Severity::Critical, "{}", figure.message);
}
