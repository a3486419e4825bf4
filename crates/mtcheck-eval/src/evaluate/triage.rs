//! Editor triage figures: does a verdict of `review` or worse point at a bad
//! translation, and does a human translation come out `clean`?
//!
//! Measured on a data set with rated MT articles and human-vs-human pairs
//! (wmt22-zhen: 3,584 MT articles, 512 pairs of two professional
//! translations of one article), per domain (the document name's prefix),
//! per fold and overall:
//!
//! - **human clean**: the share of human translations called `clean`;
//! - **good flagged**: the share of MT articles rated MQM < 1 per 100 words
//!   called `review` or worse (false alarms);
//! - **bad flagged**: the share of MT articles rated MQM ≥ 5 called `review`
//!   or worse (what the verdict catches);
//! - **lift**: the share of bad articles among the flagged minus the share
//!   of bad articles among all MT articles (what a flag tells an editor
//!   beyond the base rate).
//!
//! The human floors of the verdict ([`mtcheck::verdict::VerdictConfig`]) are
//! calibrated here: per mode, the score below which fewer than 5 % of human
//! translations fall. Cross-validated by whole documents: each fold's
//! verdicts use floors calibrated on the other folds' human pairs only, so
//! no article is judged with a floor its own document helped set.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use super::{cv, ArticleResult};
use mtcheck::align::Mode;
use mtcheck::score::ScoreConfig;
use mtcheck::verdict::{decide, VerdictConfig};
use mtcheck::{Finding, Kind, Verdict};

/// MQM per 100 words below which raters found an article nearly error-free.
pub const GOOD_MQM: f64 = 1.0;
/// MQM per 100 words at or above which raters found an article bad.
pub const BAD_MQM: f64 = 5.0;
/// The share of human translations a floor may leave below it.
pub const HUMAN_SHARE_BELOW: f64 = 0.05;

/// Counts behind the four triage figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub human: usize,
    pub human_clean: usize,
    pub mt: usize,
    pub mt_bad: usize,
    pub good: usize,
    pub good_flagged: usize,
    pub bad_flagged: usize,
    pub flagged: usize,
}

fn share(n: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| n as f64 / of as f64)
}

impl Figures {
    /// Counts one article with its verdict.
    pub fn add(&mut self, human: bool, mqm_per_100_words: f64, verdict: Verdict) {
        let flagged = verdict != Verdict::Clean;
        if human {
            self.human += 1;
            self.human_clean += usize::from(!flagged);
            return;
        }
        self.mt += 1;
        self.flagged += usize::from(flagged);
        if mqm_per_100_words < GOOD_MQM {
            self.good += 1;
            self.good_flagged += usize::from(flagged);
        }
        if mqm_per_100_words >= BAD_MQM {
            self.mt_bad += 1;
            self.bad_flagged += usize::from(flagged);
        }
    }

    pub fn human_clean_share(&self) -> Option<f64> {
        share(self.human_clean, self.human)
    }

    pub fn good_flagged_share(&self) -> Option<f64> {
        share(self.good_flagged, self.good)
    }

    pub fn bad_flagged_share(&self) -> Option<f64> {
        share(self.bad_flagged, self.mt_bad)
    }

    /// Share of bad among the flagged minus the base rate of bad, in points.
    pub fn lift_points(&self) -> Option<f64> {
        let among_flagged = share(self.bad_flagged, self.flagged)?;
        let base = share(self.mt_bad, self.mt)?;
        Some((among_flagged - base) * 100.0)
    }

    /// One Markdown table row after `label`.
    pub fn row(&self, label: &str) -> String {
        let pct = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{:.1} %", x * 100.0));
        format!(
            "| {label} | {} of {} | {} of {} | {} of {} | {} |",
            pct(self.human_clean_share()),
            self.human,
            pct(self.good_flagged_share()),
            self.good,
            pct(self.bad_flagged_share()),
            self.mt_bad,
            self.lift_points()
                .map_or("–".to_string(), |l| format!("{l:+.1}")),
        )
    }
}

/// The human floors of both modes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Floors {
    pub parallel: f64,
    pub comparable: f64,
}

/// The largest score `f` among `scores` with fewer than `share` of them
/// below `f` (0 when there are none). n·log n.
pub fn floor_of(scores: &[f64], share_below: f64) -> f64 {
    let mut sorted: Vec<f64> = scores.iter().copied().filter(|s| s.is_finite()).collect();
    if sorted.is_empty() {
        return 0.0;
    }
    sorted.sort_by(f64::total_cmp);
    // At most m scores lie below sorted[m], and m < share × n.
    let m = ((share_below * sorted.len() as f64).ceil() as usize).saturating_sub(1);
    sorted[m.min(sorted.len() - 1)]
}

/// Whether a row is a human translation.
pub fn is_human(r: &ArticleResult, human_systems: &[&str]) -> bool {
    human_systems.contains(&r.system.as_str())
}

/// The domain of a row: its document name up to the first `_`.
pub fn domain(r: &ArticleResult) -> &str {
    r.doc.split('_').next().unwrap_or(&r.doc)
}

fn mode_of(r: &ArticleResult) -> Mode {
    if r.parallel {
        Mode::Parallel
    } else {
        Mode::Comparable
    }
}

/// Floors from the human rows of `rows`. The parallel floor reads the human
/// pairs' scores; the comparable floor the score they would get as a
/// comparable pair (findings only, without the `number-missing` findings a
/// comparable pair does not report), because the aligner calls nearly every
/// human pair parallel and a floor needs hundreds of scores.
pub fn calibrate(rows: &[&ArticleResult], human_systems: &[&str], score: &ScoreConfig) -> Floors {
    let humans: Vec<&&ArticleResult> = rows.iter().filter(|r| is_human(r, human_systems)).collect();
    let parallel: Vec<f64> = humans.iter().map(|r| r.score).collect();
    let comparable: Vec<f64> = humans
        .iter()
        .map(|r| {
            let reported: Vec<Finding> = r
                .findings
                .iter()
                .filter(|f| f.kind != Kind::NumberMissing)
                .cloned()
                .collect();
            score.article_score(&reported, r.words, None)
        })
        .collect();
    Floors {
        parallel: floor_of(&parallel, HUMAN_SHARE_BELOW),
        comparable: floor_of(&comparable, HUMAN_SHARE_BELOW),
    }
}

/// The verdict of `r` under `rules` with `floors`.
pub fn verdict_with(r: &ArticleResult, rules: &VerdictConfig, floors: Floors) -> Verdict {
    let rules = VerdictConfig {
        human_floor_parallel: floors.parallel,
        human_floor_comparable: floors.comparable,
        ..rules.clone()
    };
    decide(&r.findings, r.words, r.score, mode_of(r), &rules).verdict
}

/// Everything the triage example prints.
#[derive(Debug, Clone)]
pub struct Triage {
    /// Floors calibrated on every document (the defaults to ship).
    pub floors: Floors,
    /// Per fold: its floors (from the other folds) and figures.
    pub folds: Vec<(Floors, Figures)>,
    /// Out-of-fold figures pooled over folds, overall and per domain.
    pub overall: Figures,
    pub domains: BTreeMap<String, Figures>,
    /// The same with the configured floors (no cross-validation): what
    /// `mtcheck batch` gives on this data.
    pub configured: Figures,
    pub configured_domains: BTreeMap<String, Figures>,
}

/// Runs the triage over `results` with `k` folds of whole documents.
pub fn triage(
    results: &[ArticleResult],
    human_systems: &[&str],
    score: &ScoreConfig,
    rules: &VerdictConfig,
    k: usize,
) -> Triage {
    let all: Vec<&ArticleResult> = results.iter().collect();
    let floors = calibrate(&all, human_systems, score);
    let mut folds = Vec::new();
    let mut overall = Figures::default();
    let mut domains: BTreeMap<String, Figures> = BTreeMap::new();
    for held in cv::folds(results, k.max(2)) {
        let train: Vec<&ArticleResult> =
            results.iter().filter(|r| !held.contains(&r.doc)).collect();
        let fold_floors = calibrate(&train, human_systems, score);
        let mut figures = Figures::default();
        for r in results.iter().filter(|r| held.contains(&r.doc)) {
            let v = verdict_with(r, rules, fold_floors);
            let human = is_human(r, human_systems);
            figures.add(human, r.mqm_per_100_words, v);
            overall.add(human, r.mqm_per_100_words, v);
            domains
                .entry(domain(r).to_string())
                .or_default()
                .add(human, r.mqm_per_100_words, v);
        }
        folds.push((fold_floors, figures));
    }
    let configured_floors = Floors {
        parallel: rules.human_floor_parallel,
        comparable: rules.human_floor_comparable,
    };
    let mut configured = Figures::default();
    let mut configured_domains: BTreeMap<String, Figures> = BTreeMap::new();
    for r in results {
        let v = verdict_with(r, rules, configured_floors);
        let human = is_human(r, human_systems);
        configured.add(human, r.mqm_per_100_words, v);
        configured_domains
            .entry(domain(r).to_string())
            .or_default()
            .add(human, r.mqm_per_100_words, v);
    }
    Triage {
        floors,
        folds,
        overall,
        domains,
        configured,
        configured_domains,
    }
}

const HEADER: &str =
    "| human clean | MT rated MQM < 1 flagged | MT rated MQM ≥ 5 flagged | lift (points) |";

/// The triage as Markdown.
pub fn render(t: &Triage, configured_floors: Floors) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Human floors calibrated on every document: parallel {:.2}, comparable {:.2} \
         (configured: parallel {:.2}, comparable {:.2}).\n",
        t.floors.parallel,
        t.floors.comparable,
        configured_floors.parallel,
        configured_floors.comparable
    );
    let _ = writeln!(out, "### Cross-validated by document, per fold\n");
    let _ = writeln!(
        out,
        "| fold | floors (parallel / comparable) {HEADER}\n|---|---|---|---|---|---|"
    );
    for (i, (floors, f)) in t.folds.iter().enumerate() {
        let label = format!(
            "{} | {:.2} / {:.2}",
            i + 1,
            floors.parallel,
            floors.comparable
        );
        let _ = writeln!(out, "{}", f.row(&label));
    }
    let spread = |get: fn(&Figures) -> Option<f64>, scale: f64| {
        let xs: Vec<f64> = t
            .folds
            .iter()
            .filter_map(|(_, f)| get(f))
            .map(|x| x * scale)
            .collect();
        cv::mean_sd(&xs)
    };
    let (hm, hs) = spread(Figures::human_clean_share, 100.0);
    let (gm, gs) = spread(Figures::good_flagged_share, 100.0);
    let (bm, bs) = spread(Figures::bad_flagged_share, 100.0);
    let (lm, ls) = spread(Figures::lift_points, 1.0);
    let _ = writeln!(
        out,
        "| mean ± sd | | {hm:.1} ± {hs:.1} % | {gm:.1} ± {gs:.1} % | {bm:.1} ± {bs:.1} % | {lm:+.1} ± {ls:.1} |"
    );
    let _ = writeln!(out, "\n### Cross-validated, pooled over folds\n");
    let _ = writeln!(out, "| domain {HEADER}\n|---|---|---|---|---|");
    for (d, f) in &t.domains {
        let _ = writeln!(out, "{}", f.row(d));
    }
    let _ = writeln!(out, "{}", t.overall.row("**all**"));
    let _ = writeln!(
        out,
        "\n### With the configured floors (what `mtcheck batch` gives)\n"
    );
    let _ = writeln!(out, "| domain {HEADER}\n|---|---|---|---|---|");
    for (d, f) in &t.configured_domains {
        let _ = writeln!(out, "{}", f.row(d));
    }
    let _ = writeln!(out, "{}", t.configured.row("**all**"));
    out
}

/// Documents of `results` (for a count in the output).
pub fn documents(results: &[ArticleResult]) -> usize {
    results
        .iter()
        .map(|r| r.doc.as_str())
        .collect::<HashSet<_>>()
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_leaves_fewer_than_the_share_below_it() {
        let scores: Vec<f64> = (0..100).map(f64::from).collect();
        let f = floor_of(&scores, 0.05);
        let below = scores.iter().filter(|&&s| s < f).count();
        assert!(below < 5, "{below} below {f}");
        assert_eq!(f, 4.0);
        // Ties: never more than the share below.
        let tied = [10.0, 10.0, 10.0, 50.0, 60.0, 70.0, 80.0, 90.0, 95.0, 99.0];
        assert_eq!(floor_of(&tied, 0.05), 10.0);
        assert_eq!(floor_of(&[], 0.05), 0.0);
        assert_eq!(floor_of(&[f64::NAN, 3.0], 0.05), 3.0);
    }

    #[test]
    fn figures_count_humans_good_and_bad_apart() {
        let mut f = Figures::default();
        f.add(true, 3.0, Verdict::Clean);
        f.add(true, 3.0, Verdict::Review);
        f.add(false, 0.5, Verdict::Review); // good, flagged
        f.add(false, 0.5, Verdict::Clean);
        f.add(false, 9.0, Verdict::LikelyMt); // bad, flagged
        f.add(false, 9.0, Verdict::Clean);
        f.add(false, 3.0, Verdict::Clean); // neither
        assert_eq!(f.human_clean_share(), Some(0.5));
        assert_eq!(f.good_flagged_share(), Some(0.5));
        assert_eq!(f.bad_flagged_share(), Some(0.5));
        // 1 bad of 2 flagged, 2 bad of 5 MT: +10 points.
        let lift = f.lift_points().unwrap();
        assert!((lift - 10.0).abs() < 1e-9, "{lift}");
    }
}
