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
pub mod evaluate;
pub mod finding;
pub(crate) mod idmap;
pub mod metrics;
pub mod output;
pub mod report;
pub mod score;
#[doc(hidden)]
pub mod synth;
pub mod text;

pub use config::Config;
pub use finding::{Finding, Kind, Severity};
pub use report::Report;
pub use score::Verdict;
pub use text::Article;

/// Checks `candidate` against `reference` and builds the full report.
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
    Report::build(candidate, reference, alignment, findings, config)
}
