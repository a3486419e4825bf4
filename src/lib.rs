//! mtcheck: catch bad machine translation in news articles.
//!
//! Data flows one way: [`text`] (decode, tokens, sentences) → [`align`] →
//! [`checks`] (each returns findings) → [`score`] → [`report`].
//!
//! ```
//! use mtcheck::{check, Article, Config};
//! let cand = Article::from_text("cand.txt", "The critics critics spoke.");
//! let refr = Article::from_text("ref.txt", "The critics spoke.");
//! let report = check(&cand, &refr, &Config::default());
//! assert_eq!(report.schema, "mtcheck/1");
//! ```

pub mod align;
pub mod allow;
pub mod baseline;
pub mod batch;
pub mod checks;
pub mod config;
pub mod consensus;
#[cfg(test)]
pub(crate) mod cost;
pub mod finding;
/// chrF, chrF++ and BLEU exactly as sacrebleu defines them: the
/// [`mtcheck_metrics`] crate, re-exported.
pub use mtcheck_metrics as metrics;
pub(crate) use mtcheck_metrics::idmap;
pub mod input;
pub mod lexicon;
pub mod output;
pub(crate) mod prepared;
pub mod report;
pub mod score;
pub mod suspect;
pub mod text;
pub mod verdict;

pub use config::Config;
pub use finding::{Finding, Kind, Severity};
pub use report::Report;
pub use text::Article;
pub use verdict::Verdict;

/// Checks `candidate` against `reference` and builds the full report.
///
/// One pair runs on the calling thread: the aligner, then every check in
/// registry order, then the document metrics. A batch gets its parallelism
/// across rows (`batch`), where work inside one pair would only compete
/// with the other rows.
pub fn check(candidate: &Article, reference: &Article, config: &Config) -> Report {
    let alignment = align::align(candidate, reference, &config.align);
    let cx = checks::Context::new(candidate, reference, &alignment, config);
    // A check that reads another's findings runs after it, in one task
    // (`checks::tasks`); the findings are gathered in registry order.
    let mut found: Vec<(usize, Vec<Finding>)> = checks::tasks(config)
        .iter()
        .flat_map(|task| checks::run_task(&cx, task))
        .collect();
    found.sort_by_key(|&(k, _)| k);
    let mut findings: Vec<Finding> = found.into_iter().flat_map(|(_, f)| f).collect();
    finding::sort_findings(&mut findings);
    allow::AllowList::new(&config.allow.words).retain(&mut findings, candidate);
    let doc = report::DocMetrics::of(candidate, reference);
    Report::build_with(candidate, reference, alignment, findings, doc, config)
}

/// Loads what every check needs once per process (the English
/// dictionaries, about 60 ms) so a caller can overlap it with reading
/// input. Calling it is optional and cheap after the first time.
pub fn warm_up() {
    let _ = lexicon::dict::english();
}
