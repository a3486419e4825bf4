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
#[cfg(test)]
pub(crate) mod cost;
pub mod evaluate;
pub mod finding;
pub(crate) mod idmap;
pub mod metrics;
pub mod output;
pub mod report;
pub mod score;
pub mod suspect;
#[doc(hidden)]
pub mod synth;
pub mod text;
pub mod verdict;

pub use config::Config;
pub use finding::{Finding, Kind, Severity};
pub use report::Report;
pub use text::Article;
pub use verdict::Verdict;

/// Checks `candidate` against `reference` and builds the full report.
pub fn check(candidate: &Article, reference: &Article, config: &Config) -> Report {
    use rayon::prelude::*;
    let registry = checks::registry();
    // Two branches on the current rayon pool (serial with one thread): the
    // aligner and the checks that read its result; beside them, the
    // document metrics and the checks that do not.
    // The checks that do (`aligned`) or do not read the alignment.
    let run = |alignment: &align::Alignment, aligned: bool| -> Vec<(usize, Vec<Finding>)> {
        let cx = checks::Context {
            candidate,
            reference,
            alignment,
            config,
        };
        registry
            .par_iter()
            .enumerate()
            .filter(|(_, c)| c.uses_alignment() == aligned)
            .map(|(k, c)| (k, c.run(&cx)))
            .collect()
    };
    let ((alignment, mut found), (doc, free)) = rayon::join(
        || {
            let alignment = align::align(candidate, reference, &config.align);
            let found = run(&alignment, true);
            (alignment, found)
        },
        || {
            // Never read (see `Check::uses_alignment`).
            let none = align::Alignment {
                mode: align::Mode::Comparable,
                pairs: Vec::new(),
            };
            let found = run(&none, false);
            (report::DocMetrics::of(candidate, reference), found)
        },
    );
    // Registry order, as if the checks had run one after another.
    found.extend(free);
    found.sort_by_key(|&(k, _)| k);
    let mut findings: Vec<Finding> = found.into_iter().flat_map(|(_, f)| f).collect();
    finding::sort_findings(&mut findings);
    Report::build_with(candidate, reference, alignment, findings, doc, config)
}

/// Loads what every check needs once per process (the English
/// dictionaries, about 60 ms) so a caller can overlap it with reading
/// input. Calling it is optional and cheap after the first time.
pub fn warm_up() {
    let _ = checks::garbled::dict::english();
}
