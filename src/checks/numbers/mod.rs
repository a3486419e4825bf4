//! Numbers and dates: extraction ([`extract`]), normalisation and
//! comparison ([`compare`]) of every number, quantity, amount, percentage,
//! date and numbered name, and the findings that follow:
//!
//! - `number-mismatch` / `date-mismatch` (critical): an aligned sentence pair
//!   gives conflicting values of the same kind and unit;
//! - `number-unsupported` (minor): a candidate mention found nowhere in the reference;
//! - `number-missing` (minor): a reference mention found nowhere in the candidate.
//!
//! The rules are documented in `docs/ARCHITECTURE.md`, "Numbers and dates".

pub mod compare;
pub mod dates;
pub mod extract;
pub mod words;

use serde::{Deserialize, Serialize};

use super::{Check, Context};
use crate::align::Alignment;
use crate::finding::{Finding, Kind};
use crate::text::Article;

pub use compare::{relate, Relation};
pub use extract::{
    extract, extract_article, extract_text, DateValue, MentionKind, NumberMention, Part, Value,
};
pub use words::{Dim, Unit};

/// Settings for this check (`[numbers]` in the config file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NumbersConfig {
    /// Flag conflicting numbers/dates in aligned sentence pairs.
    pub mismatches: bool,
    /// Flag candidate numbers/dates found nowhere in the reference.
    pub unsupported: bool,
    /// Flag reference numbers/dates found nowhere in the candidate.
    pub missing: bool,
}

impl Default for NumbersConfig {
    fn default() -> Self {
        NumbersConfig {
            mismatches: true,
            unsupported: true,
            missing: true,
        }
    }
}

pub struct Numbers;

impl Check for Numbers {
    fn name(&self) -> &'static str {
        "numbers"
    }

    fn description(&self) -> &'static str {
        "numbers, quantities and dates that conflict with, or are absent from, the reference"
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        compare_articles(cx.candidate, cx.reference, cx.alignment, &cx.config.numbers)
    }
}

/// A mention plus the sentence it sits in.
struct Located {
    m: NumberMention,
    sentence: Option<usize>,
}

fn locate(article: &Article) -> Vec<Located> {
    extract_article(article)
        .into_iter()
        .map(|m| Located {
            sentence: article.sentence_at(m.start),
            m,
        })
        .collect()
}

/// Too common or too loose to report when absent on one side: "one",
/// "first", "half", fractions, and relative dates without a number. They are
/// still compared inside aligned sentence pairs.
fn reportable(m: &NumberMention) -> bool {
    if m.kind == MentionKind::Relative && m.value == Value::None {
        return false;
    }
    let weak_word = m.spelled
        && matches!(m.kind, MentionKind::Cardinal | MentionKind::Ordinal)
        && m.value.number().is_some_and(|v| v <= 1.0);
    !weak_word
}

/// Runs the whole comparison; see the module docs.
pub fn compare_articles(
    candidate: &Article,
    reference: &Article,
    alignment: &Alignment,
    config: &NumbersConfig,
) -> Vec<Finding> {
    let cands = locate(candidate);
    let refs = locate(reference);
    let mut findings = Vec::new();
    let mut c_done = vec![false; cands.len()];
    let mut r_done = vec![false; refs.len()];
    if config.mismatches {
        for pair in &alignment.pairs {
            aligned_pair(
                candidate,
                reference,
                &cands,
                &refs,
                &pair.candidate,
                &pair.reference,
                &mut c_done,
                &mut r_done,
                &mut findings,
            );
        }
    }
    if config.unsupported {
        for (k, c) in cands.iter().enumerate() {
            if c_done.get(k).copied().unwrap_or(true) || !reportable(&c.m) {
                continue;
            }
            let rel: Vec<(Relation, &Located)> =
                refs.iter().map(|r| (relate(&c.m, &r.m), r)).collect();
            if rel.iter().any(|(x, _)| *x == Relation::Equal) {
                continue;
            }
            let ctext = snippet(&candidate.text, &c.m);
            let unit_hint = rel.iter().find(|(x, _)| *x == Relation::UnitMismatch);
            let f = match unit_hint {
                Some((_, r)) => Finding::new(
                    Kind::NumberUnsupported,
                    candidate,
                    c.m.start,
                    c.m.end,
                    format!(
                        "\"{ctext}\" is not in the reference, which has \"{}\" in another unit",
                        snippet(&reference.text, &r.m)
                    ),
                )
                .with_reference(reference, r.m.start, r.m.end),
                None => Finding::new(
                    Kind::NumberUnsupported,
                    candidate,
                    c.m.start,
                    c.m.end,
                    format!("\"{ctext}\" is not in the reference"),
                ),
            };
            findings.push(f);
        }
    }
    if config.missing {
        let mut reported: Vec<&NumberMention> = Vec::new();
        for (k, r) in refs.iter().enumerate() {
            if r_done.get(k).copied().unwrap_or(true) || !reportable(&r.m) {
                continue;
            }
            if cands.iter().any(|c| relate(&c.m, &r.m) == Relation::Equal) {
                continue;
            }
            // Once per value: "80th anniversary" twice is one omission.
            if reported
                .iter()
                .any(|p| p.kind == r.m.kind && p.value == r.m.value && p.unit == r.m.unit)
            {
                continue;
            }
            reported.push(&r.m);
            findings.push(
                Finding::new(
                    Kind::NumberMissing,
                    candidate,
                    0,
                    0,
                    format!(
                        "The reference's \"{}\" is not in the candidate",
                        snippet(&reference.text, &r.m)
                    ),
                )
                .with_reference(reference, r.m.start, r.m.end),
            );
        }
    }
    findings
}

/// Sentences `set` and their neighbours (±1): where a value may have moved to.
fn near(set: &[usize], s: Option<usize>) -> bool {
    s.is_some_and(|s| set.iter().any(|&x| s + 1 >= x && s <= x + 1))
}

fn inside(set: &[usize], s: Option<usize>) -> bool {
    s.is_some_and(|s| set.contains(&s))
}

/// Mismatches within one aligned group of sentences.
///
/// A candidate mention `c` conflicts with a reference mention `r` when
/// 1. both are in the group and relate as a value or unit mismatch;
/// 2. `c` equals nothing in the reference group or its neighbouring
///    sentences, and `r` equals nothing in the candidate group or its
///    neighbours (so a moved or repeated value is not a conflict);
/// 3. the pairing is unambiguous: `c` is the only open candidate mention
///    that conflicts with `r` and vice versa — or, when several do on both
///    sides in equal numbers, they are paired in order.
#[allow(clippy::too_many_arguments)]
fn aligned_pair(
    candidate: &Article,
    reference: &Article,
    cands: &[Located],
    refs: &[Located],
    cs: &[usize],
    rs: &[usize],
    c_done: &mut [bool],
    r_done: &mut [bool],
    findings: &mut Vec<Finding>,
) {
    let open_c: Vec<usize> = (0..cands.len())
        .filter(|&k| inside(cs, cands[k].sentence) && !c_done[k])
        .filter(|&k| {
            !refs
                .iter()
                .any(|r| near(rs, r.sentence) && relate(&cands[k].m, &r.m) == Relation::Equal)
        })
        .collect();
    let open_r: Vec<usize> = (0..refs.len())
        .filter(|&k| inside(rs, refs[k].sentence) && !r_done[k])
        .filter(|&k| {
            !cands
                .iter()
                .any(|c| near(cs, c.sentence) && relate(&c.m, &refs[k].m) == Relation::Equal)
        })
        .collect();
    let conflicts = |a: &NumberMention, b: &NumberMention| {
        matches!(
            relate(a, b),
            Relation::ValueMismatch | Relation::UnitMismatch
        )
    };
    for (ci_pos, &ci) in open_c.iter().enumerate() {
        let c = &cands[ci].m;
        let rivals_r: Vec<usize> = open_r
            .iter()
            .copied()
            .filter(|&ri| !r_done[ri] && conflicts(c, &refs[ri].m))
            .collect();
        if rivals_r.is_empty() {
            continue;
        }
        let chosen = if rivals_r.len() == 1 {
            let ri = rivals_r[0];
            let rivals_c = open_c
                .iter()
                .filter(|&&k| !c_done[k] && conflicts(&cands[k].m, &refs[ri].m))
                .count();
            (rivals_c == 1).then_some(ri)
        } else {
            // Several on both sides: pair in order when the counts agree.
            let same_slot_c: Vec<usize> = open_c
                .iter()
                .copied()
                .filter(|&k| {
                    rivals_r
                        .iter()
                        .all(|&ri| conflicts(&cands[k].m, &refs[ri].m))
                })
                .collect();
            let rank = same_slot_c.iter().position(|&k| k == ci);
            let _ = ci_pos;
            match rank {
                Some(p) if same_slot_c.len() == rivals_r.len() => rivals_r.get(p).copied(),
                _ => None,
            }
        };
        let Some(ri) = chosen else {
            continue;
        };
        let r = &refs[ri].m;
        let relation = relate(c, r);
        let kind = if c.kind.is_date() || r.kind.is_date() {
            Kind::DateMismatch
        } else {
            Kind::NumberMismatch
        };
        let (ct, rt) = (snippet(&candidate.text, c), snippet(&reference.text, r));
        let message = if relation == Relation::UnitMismatch {
            format!("\"{ct}\" uses a different unit from the reference's \"{rt}\"")
        } else {
            format!("\"{ct}\" does not match the reference's \"{rt}\"")
        };
        findings.push(
            Finding::new(kind, candidate, c.start, c.end, message)
                .with_suggestion(rt)
                .with_reference(reference, r.start, r.end),
        );
        c_done[ci] = true;
        r_done[ri] = true;
    }
}

/// The mention's text on one line, for messages.
fn snippet(source: &str, m: &NumberMention) -> String {
    m.text(source)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignedPair, Mode};

    fn run(cand: &str, refr: &str, pairs: &[(usize, usize)]) -> Vec<Finding> {
        let c = Article::from_text("c", cand);
        let r = Article::from_text("r", refr);
        let alignment = Alignment {
            mode: Mode::Parallel,
            pairs: pairs
                .iter()
                .map(|&(a, b)| AlignedPair {
                    candidate: vec![a],
                    reference: vec![b],
                    similarity: 1.0,
                })
                .collect(),
        };
        compare_articles(&c, &r, &alignment, &NumbersConfig::default())
    }

    #[test]
    fn aligned_mismatch_names_the_reference() {
        let f = run(
            "The ship carried 1,200 containers.",
            "The ship carried 12,000 containers.",
            &[(0, 0)],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, Kind::NumberMismatch);
        assert_eq!(f[0].text, "1,200");
        assert_eq!(
            f[0].message,
            "\"1,200\" does not match the reference's \"12,000\""
        );
    }

    #[test]
    fn without_alignment_the_same_pair_is_unsupported_and_missing() {
        let f = run(
            "The ship carried 1,200 containers.",
            "The ship carried 12,000 containers.",
            &[],
        );
        let kinds: Vec<Kind> = f.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![Kind::NumberUnsupported, Kind::NumberMissing]);
        assert_eq!((f[1].start, f[1].end), (0, 0));
    }

    #[test]
    fn config_switches_off() {
        let c = Article::from_text("c", "In 2019.");
        let r = Article::from_text("r", "In 2018.");
        let a = Alignment {
            mode: Mode::Comparable,
            pairs: vec![],
        };
        let cfg = NumbersConfig {
            mismatches: true,
            unsupported: false,
            missing: false,
        };
        assert!(compare_articles(&c, &r, &a, &cfg).is_empty());
    }
}
