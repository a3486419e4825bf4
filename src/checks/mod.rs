//! Check families. Each is a [`Check`] that reads a [`Context`] and returns
//! findings; it never prints. A new check is one module plus one line in
//! [`registry`].

pub mod garbled;
pub mod language;
pub mod numbers;
pub mod repeats;
pub mod unaligned;

use crate::align::Alignment;
use crate::config::Config;
use crate::finding::Finding;
use crate::text::Article;

/// Everything a check may look at.
pub struct Context<'a> {
    pub candidate: &'a Article,
    pub reference: &'a Article,
    pub alignment: &'a Alignment,
    pub config: &'a Config,
}

pub trait Check: Send + Sync {
    /// Short stable name ("repeats", "numbers", …).
    fn name(&self) -> &'static str;
    /// One line saying what the check flags.
    fn description(&self) -> &'static str;
    fn run(&self, cx: &Context<'_>) -> Vec<Finding>;
}

/// Every check, in the order they run.
pub fn registry() -> &'static [&'static dyn Check] {
    &[
        &repeats::Repeats,
        &numbers::Numbers,
        &garbled::Garbled,
        &language::Language,
        &unaligned::Unaligned,
    ]
}

/// Test support: builds both articles, aligns them (unless an alignment is
/// given) and hands the check context to `f`.
#[cfg(test)]
pub(crate) fn with_context<T>(
    cand: &str,
    refr: &str,
    config: &Config,
    alignment: Option<Alignment>,
    f: impl FnOnce(&Context<'_>) -> T,
) -> T {
    let c = Article::from_text("c", cand);
    let r = Article::from_text("r", refr);
    let alignment = alignment.unwrap_or_else(|| crate::align::align(&c, &r, &config.align));
    f(&Context {
        candidate: &c,
        reference: &r,
        alignment: &alignment,
        config,
    })
}
