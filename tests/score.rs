//! Score and verdict on whole articles: the properties an editor relies on.

use std::path::Path;

use mtcheck::{check, Article, Config, Verdict};

fn read(name: &str) -> Article {
    Article::read(&Path::new("fixtures/score").join(name), usize::MAX).unwrap()
}

#[test]
fn an_article_against_itself_scores_100_and_clean() {
    let a = read("original.txt");
    let report = check(&a, &a, &Config::default());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(report.score, 100.0);
    assert_eq!(report.verdict, Verdict::Clean);
}

#[test]
fn a_faithful_paraphrase_stays_clean() {
    // Numbers written as words or digits, dates reordered ("Nov. 8" →
    // "8 November"), money and percent spelled differently.
    let original = read("original.txt");
    let paraphrase = read("paraphrase.txt");
    let report = check(&paraphrase, &original, &Config::default());
    let numbers: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.kind.as_str().starts_with("number") || f.kind.as_str() == "date-mismatch")
        .collect();
    assert!(numbers.is_empty(), "{numbers:#?}");
    assert_eq!(
        report.verdict,
        Verdict::Clean,
        "score {}: {:#?}",
        report.score,
        report.findings
    );
}

#[test]
fn the_same_input_always_gives_the_same_score() {
    let c = read("paraphrase.txt");
    let r = read("original.txt");
    let first = check(&c, &r, &Config::default());
    for _ in 0..3 {
        assert_eq!(check(&c, &r, &Config::default()), first);
    }
}

#[test]
fn a_changed_number_costs_score() {
    let original = read("original.txt");
    let wrong = Article::from_text(
        "wrong.txt",
        original.text.replace("1,200 teachers", "12,000 teachers"),
    );
    let report = check(&wrong, &original, &Config::default());
    assert!(report.score < 100.0);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind.as_str() == "number-mismatch" && f.text.contains("12,000")),
        "{:#?}",
        report.findings
    );
}

#[test]
fn the_parallel_score_reads_document_and_sentence_chrf() {
    // A paraphrase of the same text: parallel, every sentence aligned.
    let c = read("paraphrase.txt");
    let r = read("original.txt");
    let report = check(&c, &r, &Config::default());
    assert_eq!(report.mode, mtcheck::align::Mode::Parallel);
    let sentence = report.metrics.sentence_chrf.expect("aligned pairs");
    assert!(sentence > 0.0 && sentence <= 100.0, "{sentence}");
    let cfg = Config::default().score;
    let adequacy = cfg.adequacy_chrf(report.metrics.chrf, Some(sentence));
    assert!((adequacy - (report.metrics.chrf + sentence) / 2.0).abs() < 1e-9);
    let expected = cfg.article_score(&report.findings, report.words, Some(adequacy));
    assert_eq!(report.score, expected);
    // With a strict floor the sentence share moves the score.
    let strict = |w: f64| {
        let mut config = Config::default();
        config.score.adequacy_floor = 100.0;
        config.score.sentence_weight = w;
        check(&c, &r, &config).score
    };
    let doc_only = strict(0.0);
    let sent_only = strict(1.0);
    assert_ne!(doc_only, sent_only);
    let penalty = |chrf: f64| 100.0 - cfg.adequacy * (100.0 - chrf);
    let flags = cfg.penalty(&report.findings, report.words) * cfg.parallel_k;
    assert!((doc_only - (penalty(report.metrics.chrf) - flags).clamp(0.0, 100.0)).abs() < 0.01);
    assert!((sent_only - (penalty(sentence) - flags).clamp(0.0, 100.0)).abs() < 0.01);
}
