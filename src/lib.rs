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
pub mod batch;
pub mod checks;
pub mod config;
pub mod consensus;
pub mod finding;
/// chrF, chrF++ and BLEU exactly as sacrebleu defines them: the
/// [`mtcheck_metrics`] crate, re-exported.
pub use mtcheck_metrics as metrics;
pub(crate) use mtcheck_metrics::idmap;
pub mod output;
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
    let cx = checks::Context {
        candidate,
        reference,
        alignment: &alignment,
        config,
    };
    let mut findings: Vec<Finding> = checks::registry().iter().flat_map(|c| c.run(&cx)).collect();
    finding::sort_findings(&mut findings);
    let doc = report::DocMetrics::of(candidate, reference);
    Report::build_with(candidate, reference, alignment, findings, doc, config)
}

/// Loads what every check needs once per process (the English
/// dictionaries, about 60 ms) so a caller can overlap it with reading
/// input. Calling it is optional and cheap after the first time.
pub fn warm_up() {
    let _ = checks::garbled::dict::english();
}
