//! The checks: one lint per file, each a [`Check`] that reads a
//! [`Context`] and returns findings; it never prints. A new check is one
//! file plus one line in [`registry`].
//!
//! | check | group | file |
//! |---|---|---|
//! | `repeats` | `repeats` | `repeats.rs` (+ `repeats/exceptions.rs`) |
//! | `numbers` | `numbers` | `numbers/` |
//! | `non-word` | `garbled` | `non_word.rs` |
//! | `near-miss` | `garbled` | `near_miss.rs` |
//! | `quote-mismatch` | `garbled` | `quote_mismatch.rs` |
//! | `unbalanced-punctuation` | `garbled` | `unbalanced_punctuation.rs` |
//! | `wrong-language` | `language` | `wrong_language.rs` |
//! | `untranslated-fragment` | `language` | `untranslated_fragment.rs` |
//! | `unaligned` | `alignment` | `unaligned.rs` |
//! | `glossary` | `glossary` | `glossary.rs` |
//!
//! A group is only a name: `[checks] disable` in the config file switches
//! checks off by their name or their group's. What several checks read
//! (the dictionaries, the reference index, the language scan, word
//! helpers) is in [`crate::lexicon`], never in another check.
//!
//! **Order.** Checks do not depend on the order they run in, except
//! through a declared dependency ([`Check::reads`]): `near-miss` leaves
//! alone the words `non-word` flagged, and `quote-mismatch` the words either
//! flagged. A check reads its dependencies' findings with
//! [`Context::findings_of`]; the pipeline runs a check after what it reads,
//! on the same alignment, and hands the findings over, and a check run on
//! its own computes them itself, so it gives the same findings either way.
//! Unit tests share their assertions (`test_support.rs`).

pub mod glossary;
pub mod near_miss;
pub mod non_word;
pub mod numbers;
pub mod quote_mismatch;
pub mod repeats;
#[cfg(test)]
pub(crate) mod test_support;
pub mod unaligned;
pub mod unbalanced_punctuation;
pub mod untranslated_fragment;
pub mod wrong_language;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use crate::align::Alignment;
use crate::config::Config;
use crate::finding::{Finding, Kind};
use crate::text::Article;

/// Everything a check may look at.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub candidate: &'a Article,
    pub reference: &'a Article,
    pub alignment: &'a Alignment,
    pub config: &'a Config,
    /// Findings of checks already run on this pair and alignment, by
    /// check name (see [`Context::findings_of`]).
    earlier: &'a [(&'static str, Vec<Finding>)],
}

impl<'a> Context<'a> {
    /// A context with no findings of earlier checks.
    pub fn new(
        candidate: &'a Article,
        reference: &'a Article,
        alignment: &'a Alignment,
        config: &'a Config,
    ) -> Context<'a> {
        Context {
            candidate,
            reference,
            alignment,
            config,
            earlier: &[],
        }
    }

    /// The same pair and alignment, with the findings of checks already run.
    fn with_earlier(&self, earlier: &'a [(&'static str, Vec<Finding>)]) -> Context<'a> {
        Context { earlier, ..*self }
    }

    /// What `check` finds on this pair: handed over by the pipeline when it
    /// ran `check` first (see [`Check::reads`]), else run here. Empty when
    /// the config switches `check` off.
    pub fn findings_of(&self, check: &dyn Check) -> Cow<'_, [Finding]> {
        if !self.config.checks.enabled(check) {
            return Cow::Borrowed(&[]);
        }
        match self.earlier.iter().find(|(name, _)| *name == check.name()) {
            Some((_, found)) => Cow::Borrowed(found),
            None => Cow::Owned(check.run(self)),
        }
    }
}

pub trait Check: Send + Sync {
    /// Short stable name (`repeats`, `non-word`, …): what `[checks]
    /// disable` names.
    fn name(&self) -> &'static str;
    /// The registry group it belongs to ("garbled", "language", …): `[checks]
    /// disable` switches a whole group off by this name.
    fn group(&self) -> &'static str;
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
    /// The checks whose findings `run` reads ([`Context::findings_of`]):
    /// earlier in [`registry`] (a test holds it), run before this one on the
    /// same alignment.
    fn reads(&self) -> &'static [&'static dyn Check] {
        &[]
    }
}

/// Every check, in the order they run.
pub fn registry() -> &'static [&'static dyn Check] {
    &[
        &repeats::Repeats,
        &numbers::Numbers,
        &non_word::NonWord,
        &near_miss::NearMiss,
        &quote_mismatch::QuoteMismatch,
        &unbalanced_punctuation::UnbalancedPunctuation,
        &wrong_language::WrongLanguage,
        &untranslated_fragment::UntranslatedFragment,
        &unaligned::Unaligned,
        &glossary::Glossary,
    ]
}

/// The checks of [`registry`] the config leaves on, in tasks: a check that
/// reads another's findings is in that check's task, after it, so each task
/// runs in order. Each entry is (position in the
/// registry, check).
pub(crate) fn tasks(config: &Config) -> Vec<Vec<(usize, &'static dyn Check)>> {
    let mut tasks: Vec<Vec<(usize, &'static dyn Check)>> = Vec::new();
    for (k, &check) in registry().iter().enumerate() {
        if !config.checks.enabled(check) {
            continue;
        }
        let joins = check.reads().iter().find_map(|dep| {
            tasks
                .iter()
                .position(|t| t.iter().any(|(_, c)| c.name() == dep.name()))
        });
        match joins {
            Some(t) => tasks[t].push((k, check)),
            None => tasks.push(vec![(k, check)]),
        }
    }
    tasks
}

/// Runs one task of [`tasks`] on `cx`, handing each check the findings of
/// the checks before it in the task.
pub(crate) fn run_task(
    cx: &Context<'_>,
    task: &[(usize, &'static dyn Check)],
) -> Vec<(usize, Vec<Finding>)> {
    let mut earlier: Vec<(&'static str, Vec<Finding>)> = Vec::new();
    for &(_, check) in task {
        let found = check.run(&cx.with_earlier(&earlier));
        earlier.push((check.name(), found));
    }
    task.iter()
        .zip(earlier)
        .map(|(&(k, _), (_, found))| (k, found))
        .collect()
}

/// Which checks run (`[checks]` in the config file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChecksConfig {
    /// Checks switched off, by check name or group name.
    pub disable: Vec<String>,
}

impl ChecksConfig {
    /// Whether `check` runs: neither it nor its group is disabled.
    pub fn enabled(&self, check: &dyn Check) -> bool {
        !self
            .disable
            .iter()
            .any(|n| n == check.name() || n == check.group())
    }

    /// The first name in `disable` that is no check and no group.
    pub fn unknown_name(&self) -> Option<&str> {
        self.disable
            .iter()
            .find(|n| {
                !registry()
                    .iter()
                    .any(|c| c.name() == n.as_str() || c.group() == n.as_str())
            })
            .map(String::as_str)
    }
}

/// Settings of the `garbled` group's checks (`[garbled]` in the config
/// file): `non-word`, `near-miss`, `quote-mismatch`,
/// `unbalanced-punctuation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GarbledConfig {
    /// Flag words in neither the English dictionary nor the reference.
    pub non_word: bool,
    /// Flag words and phrases close to, but not, what the reference uses.
    pub near_miss: bool,
    /// Flag quotes that report the reference's quote with changed words.
    pub quote_mismatch: bool,
    /// Flag quote marks and brackets that do not pair up.
    pub unbalanced_punctuation: bool,
    /// At most this many non-words per article that no single edit repairs
    /// go to Hunspell's suggester. Off by default: it takes 80–90 ms per
    /// word, more than the rest of the check on a whole article.
    pub max_dictionary_suggestions: usize,
    /// Names shorter than this are never near-misses ("Kiev"/"Kyiv").
    pub name_min_len: usize,
    /// Largest edit distance (Damerau–Levenshtein) for a name near-miss.
    pub name_max_distance: usize,
    /// Shortest common stem for a phrase near-miss ("hegemon-y"/"hegemon-ic").
    pub stem_min_len: usize,
    /// Smallest share of a candidate quote's content words found in a
    /// reference quote for the two to be "the same quote".
    pub quote_min_overlap: f64,
    /// Fewest content words a quote needs before it is compared.
    pub quote_min_words: usize,
}

impl Default for GarbledConfig {
    fn default() -> Self {
        GarbledConfig {
            non_word: true,
            near_miss: true,
            quote_mismatch: true,
            unbalanced_punctuation: true,
            max_dictionary_suggestions: 0,
            name_min_len: 5,
            name_max_distance: 1,
            stem_min_len: 5,
            quote_min_overlap: 0.5,
            quote_min_words: 3,
        }
    }
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
    f(&Context::new(&c, &r, &alignment, config))
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

    /// A check reads only checks before it in the registry, and the
    /// pipeline runs it in their task, after them.
    #[test]
    fn dependencies_come_first_in_the_registry_and_in_the_task() {
        let position = |name: &str| registry().iter().position(|c| c.name() == name);
        let tasks = tasks(&Config::default());
        let mut read = 0;
        for (k, check) in registry().iter().enumerate() {
            for dep in check.reads() {
                read += 1;
                let d = position(dep.name());
                assert!(
                    d.is_some_and(|d| d < k),
                    "{} reads {}",
                    check.name(),
                    dep.name()
                );
                let task = tasks
                    .iter()
                    .find(|t| t.iter().any(|(j, _)| *j == k))
                    .map(|t| t.iter().map(|(j, _)| *j).collect::<Vec<_>>());
                let task = task.unwrap_or_default();
                let (at, dep_at) = (
                    task.iter().position(|&j| j == k),
                    task.iter().position(|&j| Some(j) == d),
                );
                assert!(
                    dep_at < at && dep_at.is_some(),
                    "{} before {}",
                    dep.name(),
                    check.name()
                );
            }
        }
        assert!(read > 0);
        let run: usize = tasks.iter().map(Vec::len).sum();
        assert_eq!(run, registry().len());
    }

    /// A check run on its own (computing what it reads) finds what it finds
    /// in the pipeline (handed what it reads), and `[checks] disable` takes
    /// a check out of both.
    #[test]
    fn a_check_alone_finds_what_it_finds_in_its_task() {
        let cand = "The Kremlin said: \"We will defend the the historical truth of of the war.\" \
                    Xi met Vladimir Putn and spoke of hegemony bullying and neo-blastism (.";
        let refr = "The Kremlin said: \"We will defend and preserve the truth about the war.\" \
                    Xi met Vladimir Putin and spoke of hegemonic bullying and neo-Nazism.";
        let config = Config::default();
        let mut compared = 0;
        with_context(cand, refr, &config, None, |cx| {
            for task in tasks(&config) {
                for ((_, check), (_, found)) in task.iter().zip(run_task(cx, &task)) {
                    compared += found.len();
                    assert_eq!(check.run(cx), found, "{}", check.name());
                }
            }
        });
        assert!(compared >= 4, "only {compared} findings compared");
        let name = non_word::NonWord.name();
        let off = Config::parse(&format!("[checks]\ndisable = [{name:?}]\n")).unwrap();
        with_context(cand, refr, &off, None, |cx| {
            assert!(cx.findings_of(&non_word::NonWord).is_empty());
            assert!(!cx.findings_of(&near_miss::NearMiss).is_empty());
        });
        assert!(tasks(&off).iter().flatten().all(|(_, c)| c.name() != name));
    }
}
