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
use crate::finding::{Finding, Kind};
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
    /// Every kind `run` may emit (a test holds each check to it, and every
    /// kind of [`crate::finding::KINDS`] to some check).
    fn kinds(&self) -> &'static [Kind];
    fn run(&self, cx: &Context<'_>) -> Vec<Finding>;
    /// Whether `run` reads `cx.alignment`. A check that does not must give
    /// the same findings whatever the alignment says (tested), so it can
    /// run without one.
    fn uses_alignment(&self) -> bool {
        true
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A check that says it does not read the alignment runs beside the
    /// aligner with an empty one: its findings must not depend on it.
    #[test]
    fn checks_that_skip_the_alignment_do_not_depend_on_it() {
        let cand = include_str!("../../seeds/xi-moscow-suspected-mt.txt");
        let refr = include_str!("../../seeds/xi-moscow-reference.txt");
        let config = Config::default();
        let empty = Alignment {
            mode: crate::align::Mode::Comparable,
            pairs: Vec::new(),
        };
        let mut skipping = 0;
        for check in registry().iter().filter(|c| !c.uses_alignment()) {
            skipping += 1;
            let real = with_context(cand, refr, &config, None, |cx| {
                assert!(!cx.alignment.pairs.is_empty());
                check.run(cx)
            });
            let none = with_context(cand, refr, &config, Some(empty.clone()), |cx| check.run(cx));
            assert_eq!(real, none, "{} reads the alignment", check.name());
        }
        assert!(skipping > 0);
    }

    /// Each kind is emitted by exactly one check, and a check emits only the
    /// kinds it declares (on the seeds and the report fixture, which between
    /// them raise findings of most kinds).
    #[test]
    fn every_kind_belongs_to_one_check_that_declares_it() {
        for kind in Kind::ALL {
            let owners: Vec<&str> = registry()
                .iter()
                .filter(|c| c.kinds().contains(&kind))
                .map(|c| c.name())
                .collect();
            assert_eq!(owners.len(), 1, "{kind} is declared by {owners:?}");
        }
        let config = Config::default();
        let pairs = [
            (
                include_str!("../../seeds/xi-moscow-suspected-mt.txt"),
                include_str!("../../seeds/xi-moscow-reference.txt"),
            ),
            (
                "The the summit opened on Monday, 3 May, with 40 leaders and 做好 neo-blastism (.",
                "The summit opened on Tuesday, 4 May, with 45 leaders.",
            ),
        ];
        let mut seen = 0;
        for (cand, refr) in pairs {
            with_context(cand, refr, &config, None, |cx| {
                for check in registry() {
                    for f in check.run(cx) {
                        seen += 1;
                        assert!(
                            check.kinds().contains(&f.kind),
                            "{} emitted undeclared {}",
                            check.name(),
                            f.kind
                        );
                    }
                }
            });
        }
        assert!(seen > 10, "only {seen} findings: the test checks nothing");
    }
}
