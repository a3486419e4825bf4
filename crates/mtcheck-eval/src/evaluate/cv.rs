//! Cross-validation by document: how the score's settings hold on documents
//! they were not tuned on.
//!
//! The documents (whole source articles, with every system's translation of
//! them) are dealt round-robin, in name order, into `k` folds. For each fold:
//!
//! - every candidate setting of a small, fixed list ([`candidates`]) is
//!   scored on it, so a setting's figures can be compared fold by fold;
//! - the full weight grid ([`super::score_grid`]) is searched on the other
//!   folds and its best setting scored on this one (nested tuning: what
//!   tuning itself buys on unseen documents);
//! - chrF and BLEU are scored on it too.
//!
//! Figures per fold, their mean and standard deviation, and the paired
//! difference of each candidate against chrF (mean and standard deviation
//! over folds) say whether a gain is larger than the noise.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use super::{agreement, objective, rescore, Agreement, ArticleResult, Dataset};
use mtcheck::score::ScoreConfig;

/// Documents of each fold: sorted by name, dealt round-robin.
pub fn folds(results: &[ArticleResult], k: usize) -> Vec<HashSet<String>> {
    let mut docs: Vec<&str> = results.iter().map(|r| r.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let k = k.max(1);
    let mut out = vec![HashSet::new(); k];
    for (i, d) in docs.into_iter().enumerate() {
        out[i % k].insert(d.to_string());
    }
    out
}

/// A named score setting compared on every fold.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub name: String,
    pub score: ScoreConfig,
}

/// The settings compared fold by fold: the given config, and variants that
/// each drop or change one part of it, so a part that only helps on some
/// folds shows.
pub fn candidates(base: &ScoreConfig) -> Vec<Candidate> {
    let with = |name: &str, f: &dyn Fn(&mut ScoreConfig)| {
        let mut score = base.clone();
        f(&mut score);
        Candidate {
            name: name.to_string(),
            score,
        }
    };
    vec![
        with("given config", &|_| {}),
        with("no findings (parallel_k 0)", &|s| s.parallel_k = 0.0),
        with("document chrF only (sentence_weight 0)", &|s| {
            s.sentence_weight = 0.0
        }),
        with("sentence_weight 0.75", &|s| s.sentence_weight = 0.75),
        with("floor 70", &|s| s.adequacy_floor = 70.0),
        with("floor 100", &|s| s.adequacy_floor = 100.0),
        with("parallel_k 1", &|s| s.parallel_k = 1.0),
        with("findings at the comparable weight (parallel_k = k)", &|s| {
            s.parallel_k = s.k
        }),
    ]
}

/// One fold's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Fold {
    pub docs: usize,
    pub articles: usize,
    /// Per candidate, in [`candidates`] order.
    pub candidates: Vec<Agreement>,
    /// The grid's best on the other folds, scored here.
    pub tuned: Agreement,
    pub tuned_setting: ScoreConfig,
    pub chrf: Agreement,
    pub bleu: Agreement,
    /// A probe, not the score: the mean of chrF against the reference and
    /// chrF against the other candidates of the document
    /// ([`super::other_candidates_chrf`]; chrF alone where there are none).
    pub chrf_and_others: Agreement,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    pub k: usize,
    pub candidates: Vec<Candidate>,
    pub folds: Vec<Fold>,
    pub grid_size: usize,
}

fn fold_results<'a>(data: &'a Dataset, docs: &HashSet<String>) -> Vec<&'a ArticleResult> {
    data.results
        .iter()
        .filter(|r| docs.contains(&r.doc))
        .collect()
}

/// Runs the cross-validation over `k` folds with the settings `grid` for the
/// nested tuning. Leaves `data` scored with `base`.
pub fn cross_validate(
    data: &mut Dataset,
    base: &ScoreConfig,
    k: usize,
    grid: &[ScoreConfig],
) -> CrossValidation {
    let fold_docs = folds(&data.results, k);
    let cands = candidates(base);
    // Each candidate's agreement on each fold: cand_fold[c][f].
    let cand_fold: Vec<Vec<Agreement>> = cands
        .iter()
        .map(|c| {
            rescore(data, &c.score);
            fold_docs
                .iter()
                .map(|docs| agreement(&fold_results(data, docs), |r| r.score))
                .collect()
        })
        .collect();
    // The objective of each grid setting on each fold, computed once, so a
    // fold's training objective is the mean over the other folds.
    let mut per_fold_objective: Vec<Vec<f64>> = Vec::with_capacity(grid.len());
    for cfg in grid {
        rescore(data, cfg);
        per_fold_objective.push(
            fold_docs
                .iter()
                .map(|docs| objective(agreement(&fold_results(data, docs), |r| r.score)))
                .collect(),
        );
    }
    let mut folds = Vec::new();
    for (f, docs) in fold_docs.iter().enumerate() {
        let candidates = cand_fold.iter().map(|per_fold| per_fold[f]).collect();
        // Best grid setting on the other folds (the first of equals).
        let mut best: Option<(f64, usize)> = None;
        for (g, objs) in per_fold_objective.iter().enumerate() {
            let others: Vec<f64> = objs
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != f)
                .map(|(_, &o)| o)
                .collect();
            let o = others.iter().sum::<f64>() / others.len().max(1) as f64;
            if best.is_none_or(|(b, _)| o > b + 1e-12) {
                best = Some((o, g));
            }
        }
        let tuned_setting = best.map_or_else(|| base.clone(), |(_, g)| grid[g].clone());
        rescore(data, &tuned_setting);
        let rs: Vec<&ArticleResult> = fold_results(data, docs);
        folds.push(Fold {
            docs: docs.len(),
            articles: rs.len(),
            candidates,
            tuned: agreement(&rs, |r| r.score),
            tuned_setting,
            chrf: agreement(&rs, |r| r.chrf),
            bleu: agreement(&rs, |r| r.bleu),
            chrf_and_others: agreement(&rs, |r| {
                (r.chrf + r.other_candidates_chrf.unwrap_or(r.chrf)) / 2.0
            }),
        });
    }
    rescore(data, base);
    CrossValidation {
        k,
        candidates: cands,
        folds,
        grid_size: grid.len(),
    }
}

/// Mean and (sample) standard deviation.
pub fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = xs.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (mean, 0.0);
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (mean, var.sqrt())
}

fn figures(a: &Agreement) -> [f64; 3] {
    [a.kendall, a.pearson, a.within_doc_kendall]
}

/// The cross-validation as Markdown: one table per figure set, then the
/// paired differences against chrF.
pub fn render(cv: &CrossValidation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Cross-validation by document ({} folds, documents dealt round-robin by name)\n",
        cv.k
    );
    let mut rows: Vec<(String, Vec<Agreement>)> = cv
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                format!("mtcheck: {}", c.name),
                cv.folds.iter().map(|f| f.candidates[i]).collect(),
            )
        })
        .collect();
    rows.push((
        format!(
            "mtcheck tuned on the other folds ({} settings)",
            cv.grid_size
        ),
        cv.folds.iter().map(|f| f.tuned).collect(),
    ));
    rows.push(("chrF".into(), cv.folds.iter().map(|f| f.chrf).collect()));
    rows.push(("BLEU".into(), cv.folds.iter().map(|f| f.bleu).collect()));
    rows.push((
        "probe, not the score: ½ chrF + ½ mean chrF against the other systems' translations".into(),
        cv.folds.iter().map(|f| f.chrf_and_others).collect(),
    ));

    out.push_str("Per fold: Kendall τ / Pearson r / within-document τ.\n\n| metric |");
    for (i, f) in cv.folds.iter().enumerate() {
        let _ = write!(
            out,
            " fold {} ({} docs, {} art.) |",
            i + 1,
            f.docs,
            f.articles
        );
    }
    out.push_str(" mean ± sd τ | mean ± sd r | mean ± sd wτ |\n|---|");
    for _ in &cv.folds {
        out.push_str("---|");
    }
    out.push_str("---|---|---|\n");
    for (name, per_fold) in &rows {
        let _ = write!(out, "| {name} |");
        for a in per_fold {
            let _ = write!(
                out,
                " {:.3} / {:.3} / {:.3} |",
                a.kendall, a.pearson, a.within_doc_kendall
            );
        }
        for j in 0..3 {
            let xs: Vec<f64> = per_fold.iter().map(|a| figures(a)[j]).collect();
            let (m, sd) = mean_sd(&xs);
            let _ = write!(out, " {m:.3} ± {sd:.3} |");
        }
        out.push('\n');
    }

    out.push_str("\nPaired difference against chrF on the same fold (mean ± sd over folds; folds where the difference is positive):\n\n| metric | Δ Kendall τ | Δ Pearson r | Δ within-doc τ |\n|---|---|---|---|\n");
    let chrf: Vec<Agreement> = cv.folds.iter().map(|f| f.chrf).collect();
    for (name, per_fold) in &rows {
        if name == "chrF" {
            continue;
        }
        let _ = write!(out, "| {name} |");
        for j in 0..3 {
            let d: Vec<f64> = per_fold
                .iter()
                .zip(&chrf)
                .map(|(a, c)| figures(a)[j] - figures(c)[j])
                .collect();
            let (m, sd) = mean_sd(&d);
            let wins = d.iter().filter(|&&x| x > 0.0).count();
            let _ = write!(out, " {m:+.3} ± {sd:.3} ({wins}/{}) |", d.len());
        }
        out.push('\n');
    }

    out.push_str("\nSetting chosen by the nested tuning for each fold:\n\n| fold | minor | major | critical | parallel_k | adequacy | adequacy_floor | sentence_weight |\n|---|---|---|---|---|---|---|---|\n");
    for (i, f) in cv.folds.iter().enumerate() {
        let s = &f.tuned_setting;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            s.minor,
            s.major,
            s.critical,
            s.parallel_k,
            s.adequacy,
            s.adequacy_floor,
            s.sentence_weight
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_sample_sd() {
        let (m, sd) = mean_sd(&[1.0, 2.0, 3.0, 4.0]);
        assert!((m - 2.5).abs() < 1e-12);
        assert!((sd - 1.290_994_448_735_805_6).abs() < 1e-12);
        assert_eq!(mean_sd(&[]), (0.0, 0.0));
        assert_eq!(mean_sd(&[7.0]), (7.0, 0.0));
    }
}
