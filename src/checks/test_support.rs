//! Assertions the checks' unit tests share: run the check that emits a kind
//! on a candidate and a reference (default settings, the real aligner) and
//! say what it found. `#[track_caller]`, so a failure points at the test.

use super::{registry, with_context, Check};
use crate::config::Config;
use crate::finding::{Finding, Kind};

/// The check of [`registry`] that declares `kind`.
#[track_caller]
fn owner(kind: Kind) -> &'static dyn Check {
    match registry().iter().find(|c| c.kinds().contains(&kind)) {
        Some(&check) => check,
        None => panic!("no check declares {kind}"),
    }
}

/// The findings of `kind` on `cand` against `refr` under `config`, from the
/// check that emits it (with the findings of the checks it reads).
#[track_caller]
pub(crate) fn found_with(config: &Config, cand: &str, refr: &str, kind: Kind) -> Vec<Finding> {
    let check = owner(kind);
    with_context(cand, refr, config, None, |cx| {
        cx.findings_of(check)
            .iter()
            .filter(|f| f.kind == kind)
            .cloned()
            .collect()
    })
}

/// [`found_with`] under the default settings.
#[track_caller]
pub(crate) fn found(cand: &str, refr: &str, kind: Kind) -> Vec<Finding> {
    found_with(&Config::default(), cand, refr, kind)
}

/// Asserts that some finding of `kind` covers exactly `text`.
#[track_caller]
pub(crate) fn assert_flags(cand: &str, refr: &str, kind: Kind, text: &str) {
    let all = found(cand, refr, kind);
    assert!(
        all.iter().any(|f| f.text == text),
        "expected {kind} on {text:?}, found {:?}",
        all.iter().map(|f| &f.text).collect::<Vec<_>>()
    );
}

/// Asserts that no finding of `kind` is raised.
#[track_caller]
pub(crate) fn assert_quiet(cand: &str, refr: &str, kind: Kind) {
    let all = found(cand, refr, kind);
    assert!(
        all.is_empty(),
        "expected no {kind}, found {:?}",
        all.iter()
            .map(|f| (&f.text, &f.message))
            .collect::<Vec<_>>()
    );
}
