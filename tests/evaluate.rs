//! The evaluation harness must keep computing every figure (values are not asserted).

mod support;

use std::path::PathBuf;

use mtcheck::Config;
use mtcheck_eval::evaluate::{self, EvalOptions};

/// `../shared/data/wmt23-zhen`, or `None` (the test skips) without the shared data.
fn data_dir() -> Option<PathBuf> {
    Some(support::shared_data()?.join("wmt23-zhen"))
}

#[test]
fn evaluation_runs_on_twenty_articles() {
    let Some(dir) = data_dir() else {
        return;
    };
    assert!(
        dir.join("manifest.csv").exists(),
        "missing {}",
        dir.display()
    );
    let options = EvalOptions {
        limit: Some(20),
        ..EvalOptions::default()
    };
    let mut data = evaluate::load(&dir, &Config::default(), &options).unwrap();
    assert_eq!(data.results.len(), 20);
    // Every article's lines map to rated segments.
    for r in &data.results {
        assert!(!r.seg_of_line.is_empty(), "{} has no segment mapping", r.id);
        assert!(r.chrf > 0.0 && r.chrf <= 100.0, "{} chrF {}", r.id, r.chrf);
    }
    let e = evaluate::evaluate(&data);
    assert_eq!(e.articles, 20);
    assert_eq!(e.splits.len(), 3);
    for s in &e.splits {
        for a in [s.score, s.chrf, s.bleu] {
            assert!(a.kendall.is_finite() && (-1.0..=1.0).contains(&a.kendall));
            assert!(a.pearson.is_finite() && (-1.0..=1.0).contains(&a.pearson));
            assert!(a.within_doc_kendall.is_finite());
        }
    }
    // One row per kind, and one for one-word quote drift.
    assert_eq!(e.precision.len(), mtcheck::Kind::ALL.len() + 1);
    let row = |name: &str| e.precision.iter().find(|p| p.kind == name).unwrap();
    assert!(row("quote-mismatch, one word").findings <= row("quote-mismatch").findings);
    assert_eq!(e.recall.len(), evaluate::TARGET_CATEGORIES.len());
    assert!(e.recall.iter().map(|r| r.rated_spans).sum::<usize>() > 0);
    assert_eq!(e.disagreements.len(), 10);
    let md = evaluate::render_markdown(&e);
    assert!(md.contains("| held-out | chrF |"));
    // `--list KIND`: one line per finding of the kind, marked HIT or MISS.
    for kind in mtcheck::Kind::ALL {
        let n: usize = data
            .results
            .iter()
            .map(|r| r.findings.iter().filter(|f| f.kind == kind).count())
            .sum();
        let listed = evaluate::list_findings(&data, kind);
        assert_eq!(listed.lines().count(), n, "{kind}");
        assert!(listed
            .lines()
            .all(|l| l.starts_with("HIT\t") || l.starts_with("MISS\t")));
    }
    let c = evaluate::calibrate(&mut data, &Config::default().score, true);
    assert!(c.tried > 0 && c.objective >= c.default_objective);
    // Verdict counts cover every article.
    assert_eq!(e.verdicts.iter().map(|v| v.articles).sum::<usize>(), 20);
}

#[test]
fn cross_validation_keeps_documents_whole_and_reports_every_fold() {
    let Some(dir) = data_dir() else {
        return;
    };
    let options = EvalOptions {
        limit: Some(40),
        ..EvalOptions::default()
    };
    let mut data = evaluate::load(&dir, &Config::default(), &options).unwrap();
    let folds = evaluate::cv::folds(&data.results, 3);
    assert_eq!(folds.len(), 3);
    // Every document is in exactly one fold.
    let docs: std::collections::HashSet<&str> =
        data.results.iter().map(|r| r.doc.as_str()).collect();
    assert_eq!(folds.iter().map(|f| f.len()).sum::<usize>(), docs.len());
    for d in &docs {
        assert_eq!(folds.iter().filter(|f| f.contains(*d)).count(), 1, "{d}");
    }
    let base = Config::default().score;
    let grid = evaluate::score_grid(&base);
    assert_eq!(grid.len(), 34_560);
    let before: Vec<f64> = data.results.iter().map(|r| r.score).collect();
    let cv = evaluate::cv::cross_validate(&mut data, &base, 3, &grid[..40]);
    assert_eq!(cv.folds.len(), 3);
    assert_eq!(
        cv.folds.iter().map(|f| f.articles).sum::<usize>(),
        data.results.len()
    );
    for f in &cv.folds {
        assert_eq!(f.candidates.len(), cv.candidates.len());
        assert!(grid[..40].contains(&f.tuned_setting));
        for a in f
            .candidates
            .iter()
            .chain([&f.tuned, &f.chrf, &f.bleu, &f.chrf_and_others])
        {
            assert!(a.kendall.is_finite() && a.pearson.is_finite());
        }
    }
    // The probe: every candidate of a document with others is scored against
    // them, and a candidate's chrF against an identical copy would be 100.
    for r in &data.results {
        let others = data.results.iter().filter(|o| o.doc == r.doc).count() - 1;
        let c = r.other_candidates_chrf;
        assert_eq!(c.is_some(), others > 0, "{}", r.id);
        assert!(c.is_none_or(|c| (0.0..=100.0).contains(&c)), "{}", r.id);
    }
    // Each value belongs to its own article: recomputed from the lines of
    // the document's other candidates.
    let joined = |r: &evaluate::ArticleResult| {
        mtcheck::Article::from_text("t", r.lines.join("\n")).joined_lines()
    };
    for r in data.results.iter().step_by(7) {
        let mates: Vec<&evaluate::ArticleResult> = data
            .results
            .iter()
            .filter(|o| o.doc == r.doc && o.id != r.id)
            .collect();
        let want = mates
            .iter()
            .map(|o| {
                mtcheck::metrics::Chrf::CHRF
                    .reference(&joined(o))
                    .score(&joined(r))
                    .score
            })
            .sum::<f64>()
            / mates.len() as f64;
        let have = r.other_candidates_chrf.unwrap();
        assert!((have - want).abs() < 1e-6, "{}: {have} vs {want}", r.id);
    }
    // The data is left scored with the given settings.
    let after: Vec<f64> = data.results.iter().map(|r| r.score).collect();
    assert_eq!(before, after);
    let md = evaluate::cv::render(&cv);
    assert!(md.contains("fold 3") && md.contains("Paired difference against chrF"));
}

#[test]
fn other_candidates_chrf_is_the_mean_against_each_other_candidate_of_the_document() {
    use mtcheck::metrics::Chrf;
    let texts = [
        "The port reopened on Monday after the storm.",
        "Something else entirely.",
        "The harbour opened again on Monday.",
        "On Monday, after a long storm, the port was reopened to ships.",
    ];
    let candidates: Vec<(&str, &str)> = ["a", "b", "a", "a"].into_iter().zip(texts).collect();
    let got = evaluate::other_candidates_chrf(&candidates);
    assert_eq!(got.len(), 4);
    let chrf = |hyp: usize, reference: usize| {
        Chrf::CHRF
            .reference(texts[reference])
            .score(texts[hyp])
            .score
    };
    for (i, others) in [(0, [2, 3]), (2, [0, 3]), (3, [0, 2])] {
        let want = (chrf(i, others[0]) + chrf(i, others[1])) / 2.0;
        let have = got[i].unwrap();
        assert!((have - want).abs() < 1e-9, "{i}: {have} vs {want}");
        // Neither against itself (100) nor against the other document.
        assert!(have < 100.0);
    }
    // chrF is not symmetric, so the direction matters: the other candidate
    // is the reference.
    assert!((chrf(0, 3) - chrf(3, 0)).abs() > 1e-6);
    // The only candidate of its document has nothing to compare against.
    assert_eq!(got[1], None);
}
