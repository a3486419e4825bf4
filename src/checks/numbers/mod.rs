//! Numbers and dates (check `numbers`, settings `[numbers]`): every number,
//! quantity, amount, percentage, date and numbered name in both articles is
//! extracted ([`mod@extract`], its rules in that module), normalised and
//! compared ([`compare`]: when two mentions are equal or conflict), and the
//! findings below follow. `words.rs` holds the lexicons, `dates.rs` the weekday
//! of a date and the compatibility of partial dates.
//!
//! # Findings
//!
//! 1. **`number-mismatch` / `date-mismatch`** (critical; date-mismatch when
//!    either side is a date, year, weekday, decade, time or relative date). For
//!    each aligned group (`Alignment::pairs`), a candidate mention `c` and a
//!    reference mention `r` conflict only when: they relate as a value or unit
//!    mismatch; `c` equals nothing in the group's reference sentences or their
//!    neighbours (±1 sentence) and `r` equals nothing in the candidate
//!    sentences or their neighbours (a date without a day never vouches for one
//!    with a day: "January" in a title does not support "January 3, 2021"), nor
//!    does either state the same fact (equal value, same counted noun, and for
//!    dates every part given: "2021" does not cover "January 3, 2021") anywhere
//!    in the other article (a moved value is not a conflict); and the pairing
//!    is unambiguous — the only open conflicting pair, or several on both sides
//!    in equal numbers, paired in order. What is then left open in the pair —
//!    one figure (or one range, "16,000 to 7,000 yuan") on each side, of a sort
//!    that can be one another's mistranslation (counts and amounts,
//!    percentages, ranks), with the same unit or a context word in common
//!    ("magnitude 5.9" / "a magnitude 6.3 earthquake") — is one mismatch too,
//!    not a missing and an unsupported figure. The finding spans `c`, names `r`
//!    in the message (`"1,200" does not match the reference's "12,000"`),
//!    suggests `r`'s text and carries `r` as reference evidence. With an empty
//!    alignment no mismatch is raised.
//! 2. **Decimal shifts are not asserted**: when both figures carry the same
//!    scale word and differ by a power of ten only ("2.5 million" vs "25
//!    million", "S$8.96 billion" vs "89.6 billion"), the pair is the classic
//!    slip of converting Chinese 万/亿 counts into millions and billions, which
//!    human translators make as often as MT. It is a **major
//!    `number-unsupported`** finding naming the reference figure and the factor
//!    ("… whose "25 million people" is 10 times larger: a scale conversion
//!    slipped on one side (check the source)"), without a suggestion. A
//!    different scale word ("4.2 million" vs "$4.2bn") or digits without one
//!    ("33.06 million" vs "330,600") stay mismatches.
//! 3. **`number-unsupported`** (minor): a candidate mention equal to nothing in
//!    the whole reference, not already reported as a mismatch (a reference date
//!    without a day does not count as equal to a candidate date with one). When
//!    the reference has the same value in another unit, the message says so and
//!    points at it.
//! 4. **`number-missing`** (minor, parallel pairs only): a reference mention
//!    equal to nothing in the whole candidate, once per value ("80th
//!    anniversary" twice → one finding), span empty at the start of the
//!    candidate (0..0), the reference mention as evidence. A comparable
//!    reference (another outlet's copy) covers facts of its own, so what it has
//!    and the candidate lacks is no error there; the editor's figures to verify
//!    are the candidate's own.
//!
//! Not reported as unsupported or missing (still compared inside aligned
//! pairs): relative dates without a number ("the day before", "this year"), and
//! spelled words worth at most one ("one", "first", "half", "a fifth", "an
//! hour"), which translations add and drop freely. Weekdays, durations and
//! numbered names the other side lacks are reported.
//!
//! Across candidates, `batch --consensus` turns a mismatch most candidates of
//! one reference share into a minor `number-unsupported` finding: the reference
//! is the suspect ([`crate::consensus`]).
//!
//! # Cost
//!
//! Extraction is linear in tokens and is kept with the article
//! (`crate::prepared`). "Found anywhere" compares pairwise ([`relate`], no
//! allocation) up to 4 million mention pairs and switches to exact normalised
//! keys above that, so very large inputs stay linear. Aligned groups look only
//! at their own sentences (mentions are indexed by sentence), and a group with
//! more than 64 mentions on a side, neighbours included (a table, or numbers
//! with no sentence end), is not paired for mismatches: its figures go to the
//! unsupported and missing rules. So the whole comparison is linear in the
//! mentions (`comparison_work_doubles_with_the_figures`). The table-driven
//! fixtures (`fixtures/numbers/extraction/*.tsv`, `comparison.tsv`,
//! `aligned.tsv`) list the cases the rules were written against;
//! `fixtures/numbers/wmt23/` holds rated WMT23 segments the integration tests
//! run line-aligned.

pub mod compare;
pub mod dates;
pub mod extract;
pub mod words;

use serde::{Deserialize, Serialize};

use super::{Check, Context};
use crate::align::{Alignment, Mode};
use crate::finding::{Finding, Kind, Severity};
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

    fn group(&self) -> &'static str {
        "numbers"
    }

    fn description(&self) -> &'static str {
        "numbers, quantities and dates that conflict with, or are absent from, the reference"
    }
    fn kinds(&self) -> &'static [Kind] {
        &[
            Kind::NumberMismatch,
            Kind::DateMismatch,
            Kind::NumberUnsupported,
            Kind::NumberMissing,
        ]
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

/// An article's number mentions, each with its sentence, and the mentions
/// of each sentence: derived from the article alone, so kept with it
/// (`crate::prepared`).
pub(crate) struct Mentions {
    mentions: Vec<Located>,
    by_sentence: Vec<Vec<usize>>,
}

/// One article's mentions, indexed by sentence, plus an exact-value index
/// used instead of pairwise comparison when articles are very large.
struct Side<'a> {
    article: &'a Article,
    found: std::sync::Arc<Mentions>,
    exact: Option<std::collections::HashSet<String>>,
    /// Per mention of this side, whether the other side states the same
    /// fact ([`Side::has_fact`]), once known: a reference sentence may be
    /// the counterpart of many candidate sentences (comparable mode).
    facts: Vec<std::cell::Cell<Option<bool>>>,
}

/// Above this many candidate × reference mention pairs, "found anywhere"
/// uses exact normalised keys instead of [`relate`] (keeps huge inputs linear).
const PAIRWISE_LIMIT: usize = 4_000_000;

impl<'a> Side<'a> {
    fn new(article: &'a Article) -> Side<'a> {
        let found = article.prepared().mentions.get_or_compute(|| {
            let mentions: Vec<Located> = extract_article(article)
                .into_iter()
                .map(|m| Located {
                    sentence: article.sentence_at(m.start),
                    m,
                })
                .collect();
            let mut by_sentence = vec![Vec::new(); article.sentences.len()];
            for (k, l) in mentions.iter().enumerate() {
                if let Some(list) = l.sentence.and_then(|s| by_sentence.get_mut(s)) {
                    list.push(k);
                }
            }
            Mentions {
                mentions,
                by_sentence,
            }
        });
        Side {
            article,
            facts: vec![std::cell::Cell::new(None); found.mentions.len()],
            found,
            exact: None,
        }
    }

    fn build_exact(&mut self) {
        self.exact = Some(
            self.found
                .mentions
                .iter()
                .map(|l| exact_key(&l.m))
                .collect(),
        );
    }

    /// Whether `m` equals some mention of this side.
    fn has(&self, m: &NumberMention) -> bool {
        match &self.exact {
            Some(keys) => keys.contains(&exact_key(m)),
            None => self.found.mentions.iter().any(|l| supports(&l.m, m)),
        }
    }

    /// Whether `m` states the same fact as some mention of this side: equal,
    /// and not counting a different thing ("third meeting" vs "third term").
    fn has_fact(&self, m: &NumberMention) -> bool {
        match &self.exact {
            Some(keys) => keys.contains(&exact_key(m)),
            None => self.found.mentions.iter().any(|l| {
                relate(m, &l.m) == Relation::Equal
                    && !matches!((&m.noun, &l.m.noun), (Some(a), Some(b)) if a != b)
                    && covers(&l.m.value, &m.value)
            }),
        }
    }

    /// Whether the other side states the same fact as this side's
    /// mention `k` ([`Side::has_fact`] of `other`), computed once per mention.
    fn fact_elsewhere(&self, k: usize, other: &Side<'_>) -> bool {
        let Some(cell) = self.facts.get(k) else {
            return false;
        };
        if let Some(known) = cell.get() {
            return known;
        }
        let known = self
            .found
            .mentions
            .get(k)
            .is_some_and(|l| other.has_fact(&l.m));
        cell.set(Some(known));
        known
    }

    /// Sentences `set` (and, with `spread`, their neighbours), sorted,
    /// each once.
    fn sentences(set: &[usize], spread: bool) -> Vec<usize> {
        let mut out: Vec<usize> = if spread {
            set.iter()
                .flat_map(|&s| s.saturating_sub(1)..=s.saturating_add(1))
                .collect()
        } else {
            set.to_vec()
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Number of mentions in `sentences` (from [`Side::sentences`]).
    fn count_in(&self, sentences: &[usize]) -> usize {
        sentences
            .iter()
            .filter_map(|&x| self.found.by_sentence.get(x))
            .map(Vec::len)
            .sum()
    }

    /// Mentions in `sentences` (from [`Side::sentences`]), in order.
    fn in_sentences(&self, sentences: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = sentences
            .iter()
            .filter_map(|&x| self.found.by_sentence.get(x))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out
    }
}

/// Whether `have` supports `want`: they relate as equal, and `have` is not
/// a vaguer date that drops the day `want` gives ("January" does not support
/// "January 3, 2021", though the two relate as equal on the month).
fn supports(have: &NumberMention, want: &NumberMention) -> bool {
    relate(want, have) == Relation::Equal
        && !matches!((&have.value, &want.value),
            (Value::Date(h), Value::Date(w)) if w.day.is_some() && h.day.is_none())
}

/// Whether two figures with the same scale word differ by a power of ten
/// only ("2.5 million" vs "25 million"): the same digits with the decimal
/// point moved. That is the slip of converting between number systems
/// (Chinese 万 = ten thousand, 亿 = hundred million, into millions and
/// billions), which human translators make as often as MT, so such a pair
/// cannot tell which side is wrong (docs/EVALUATION.md has the evidence).
/// A different scale word ("4.2 million" vs "4.2bn") is not this slip.
fn scale_slip(c: &NumberMention, r: &NumberMention) -> Option<f64> {
    if c.scale <= 1.0 || c.scale != r.scale {
        return None;
    }
    let (a, b) = (c.value.number()?.abs(), r.value.number()?.abs());
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if lo <= 0.0 || !hi.is_finite() {
        return None;
    }
    let ratio = hi / lo;
    let power = 10f64.powi(ratio.log10().round() as i32);
    (power >= 10.0 && (ratio - power).abs() <= 1e-9 * power).then_some(power)
}

/// Whether date `have` gives every part `want` gives ("May 8, 2025" covers
/// "May 8"; "2021" does not cover "January 3, 2021"). True for non-dates.
fn covers(have: &Value, want: &Value) -> bool {
    match (have, want) {
        (Value::Date(h), Value::Date(w)) => {
            (w.year.is_none() || h.year == w.year)
                && (w.month.is_none() || h.month == w.month)
                && (w.day.is_none() || h.day == w.day)
                && (w.part.is_none() || h.part == w.part)
        }
        _ => true,
    }
}

/// Exact normalised identity of a mention, for the large-input path.
fn exact_key(m: &NumberMention) -> String {
    let family = if m.kind.is_date() { "d" } else { "n" };
    format!("{family}|{}|{}", m.value, m.unit_code().unwrap_or(""))
}

/// Too common or too loose to report when absent on one side: "one",
/// "first", "half", fractions, and relative dates without a number. They are
/// still compared inside aligned sentence pairs.
fn reportable(m: &NumberMention) -> bool {
    if m.kind == MentionKind::Relative && m.value == Value::None {
        return false;
    }
    // "an hour", "one day": as loose as "one".
    let weak_word = m.spelled
        && matches!(
            m.kind,
            MentionKind::Cardinal | MentionKind::Ordinal | MentionKind::Duration
        )
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
    let mut cands = Side::new(candidate);
    let mut refs = Side::new(reference);
    if cands
        .found
        .mentions
        .len()
        .saturating_mul(refs.found.mentions.len())
        > PAIRWISE_LIMIT
    {
        cands.build_exact();
        refs.build_exact();
    }
    let mut findings = Vec::new();
    let mut c_done = vec![false; cands.found.mentions.len()];
    let mut r_done = vec![false; refs.found.mentions.len()];
    if config.mismatches {
        let table = alignment.counterpart_table(candidate.sentences.len());
        for (i, rs) in table.iter().enumerate() {
            if rs.is_empty() || cands.found.by_sentence.get(i).is_none_or(Vec::is_empty) {
                continue;
            }
            aligned_pair(
                &cands,
                &refs,
                &[i],
                rs,
                &mut c_done,
                &mut r_done,
                &mut findings,
            );
        }
    }
    if config.unsupported {
        for (k, c) in cands.found.mentions.iter().enumerate() {
            if c_done.get(k).copied().unwrap_or(true) || !reportable(&c.m) || refs.has(&c.m) {
                continue;
            }
            let ctext = snippet(&candidate.text, &c.m);
            // Same value in another unit: say so, with the evidence.
            let unit_hint = if refs.exact.is_none() {
                refs.found
                    .mentions
                    .iter()
                    .find(|r| relate(&c.m, &r.m) == Relation::UnitMismatch)
            } else {
                None
            };
            let f = match unit_hint {
                Some(r) => Finding::new(
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
    if config.missing && alignment.mode == Mode::Parallel {
        let mut reported: std::collections::HashSet<String> = std::collections::HashSet::new();
        // Where the candidate omits a figure: the start of the first
        // candidate sentence aligned with the reference's sentence, so an
        // editor is pointed at the sentence that drops it (the start of the
        // candidate when no sentence is aligned with it).
        let mut omitted_at: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::new();
        for p in &alignment.pairs {
            let Some(at) = p
                .candidate
                .iter()
                .filter_map(|&i| candidate.sentences.get(i).map(|s| s.start))
                .min()
            else {
                continue;
            };
            for &j in &p.reference {
                let e = omitted_at.entry(j).or_insert(at);
                *e = (*e).min(at);
            }
        }
        for (k, r) in refs.found.mentions.iter().enumerate() {
            if r_done.get(k).copied().unwrap_or(true) || !reportable(&r.m) || cands.has(&r.m) {
                continue;
            }
            // Once per value: "80th anniversary" twice is one omission.
            let key = format!("{}|{}", r.m.kind, exact_key(&r.m));
            if !reported.insert(key) {
                continue;
            }
            let at = r
                .sentence
                .and_then(|j| omitted_at.get(&j).copied())
                .unwrap_or(0);
            findings.push(
                Finding::new(
                    Kind::NumberMissing,
                    candidate,
                    at,
                    at,
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

/// Most mentions, per side, in an aligned group's sentences and their
/// neighbours for the group to be paired mention by mention. A real
/// sentence has a few figures; a "sentence" with more is a table or a run
/// of numbers with no sentence end, whose figures are reported against the
/// whole other article (unsupported, missing) instead. The cap keeps the
/// pairing of a group within `MAX_GROUP_MENTIONS²` comparisons, so the
/// whole comparison stays linear in the mentions (issue #26: 50,000
/// numbers in one line against themselves took 32 s); it is also the
/// width of the bit masks below.
const MAX_GROUP_MENTIONS: usize = 64;

/// Mismatches between candidate sentences `cs` and their counterparts `rs`
/// (from [`Alignment::counterparts`]).
///
/// A candidate mention `c` conflicts with a reference mention `r` when
/// 1. both are in the group and relate as a value or unit mismatch;
/// 2. `c` equals nothing in the reference group or its neighbouring
///    sentences, and `r` equals nothing in the candidate group or its
///    neighbours (so a moved or repeated value is not a conflict); nor does
///    either state the same fact (equal, same counted noun) anywhere in the
///    other article;
/// 3. the pairing is unambiguous: `c` is the only open candidate mention
///    that conflicts with `r` and vice versa — or, when several do on both
///    sides in equal numbers, they are paired in order.
///
/// A group with more than [`MAX_GROUP_MENTIONS`] mentions on either side,
/// neighbours included, is not paired.
fn aligned_pair(
    cands: &Side<'_>,
    refs: &Side<'_>,
    cs: &[usize],
    rs: &[usize],
    c_done: &mut [bool],
    r_done: &mut [bool],
    findings: &mut Vec<Finding>,
) {
    let (c_near, r_near) = (Side::sentences(cs, true), Side::sentences(rs, true));
    if cands.count_in(&c_near) > MAX_GROUP_MENTIONS || refs.count_in(&r_near) > MAX_GROUP_MENTIONS {
        return;
    }
    let c_near = cands.in_sentences(&c_near);
    let r_near = refs.in_sentences(&r_near);
    let cm = |k: usize| &cands.found.mentions[k].m;
    let rm = |k: usize| &refs.found.mentions[k].m;
    let open_c: Vec<usize> = cands
        .in_sentences(&Side::sentences(cs, false))
        .into_iter()
        .filter(|&k| !c_done[k])
        .filter(|&k| !r_near.iter().any(|&r| supports(rm(r), cm(k))))
        .filter(|&k| !cands.fact_elsewhere(k, refs))
        .collect();
    let open_r: Vec<usize> = refs
        .in_sentences(&Side::sentences(rs, false))
        .into_iter()
        .filter(|&k| !r_done[k])
        .filter(|&k| !c_near.iter().any(|&c| supports(cm(c), rm(k))))
        .filter(|&k| !refs.fact_elsewhere(k, cands))
        .collect();
    if open_r.len() > MAX_GROUP_MENTIONS {
        return;
    }
    let conflicts = |a: &NumberMention, b: &NumberMention| {
        matches!(
            relate(a, b),
            Relation::ValueMismatch | Relation::UnitMismatch
        )
    };
    // Which open reference mentions each open candidate mention conflicts
    // with, as bits over `open_r`; and which are still open.
    let conflict: Vec<u64> = open_c
        .iter()
        .map(|&k| {
            open_r
                .iter()
                .enumerate()
                .filter(|&(_, &r)| conflicts(cm(k), rm(r)))
                .fold(0u64, |bits, (j, _)| bits | 1 << j)
        })
        .collect();
    let mut r_open: u64 = if open_r.len() == 64 {
        u64::MAX
    } else {
        (1u64 << open_r.len()) - 1
    };
    let mut c_open = vec![true; open_c.len()];
    for (x, &ci) in open_c.iter().enumerate() {
        let rivals_r = conflict[x] & r_open;
        // The open candidate mentions that conflict with every one of
        // `rivals_r` (with the one, when there is one).
        let (c_open_now, conflict) = (&c_open, &conflict);
        let rivals_c = || {
            (0..open_c.len()).filter(move |&y| c_open_now[y] && conflict[y] & rivals_r == rivals_r)
        };
        let chosen = match rivals_r.count_ones() {
            0 => None,
            1 => (rivals_c().count() == 1).then_some(rivals_r.trailing_zeros()),
            // Several on both sides: pair in order when the counts agree.
            n => {
                let same_slot_c: Vec<usize> = rivals_c().collect();
                match same_slot_c.iter().position(|&y| y == x) {
                    Some(p) if same_slot_c.len() == n as usize => nth_bit(rivals_r, p),
                    _ => None,
                }
            }
        };
        let Some(j) = chosen else {
            continue;
        };
        let Some(&ri) = open_r.get(j as usize) else {
            continue;
        };
        emit(cands, refs, &[ci], &[ri], findings);
        c_done[ci] = true;
        r_done[ri] = true;
        c_open[x] = false;
        r_open &= !(1u64 << j);
    }
    leftover_pair(cands, refs, &open_c, &open_r, c_done, r_done, findings);
}

/// Position of the `n`th set bit of `bits` (from the lowest, `n` from 0).
fn nth_bit(mut bits: u64, n: usize) -> Option<u32> {
    for _ in 0..n {
        bits &= bits.checked_sub(1)?;
    }
    (bits != 0).then(|| bits.trailing_zeros())
}

/// After the pairing by relation, what is left open in an aligned sentence
/// pair: one figure (or one range, "16,000 to 7,000 yuan") on each side,
/// of the same sort, with the same unit or a context word in common
/// ("magnitude 5.9" / "a magnitude 6.3 earthquake"), is one mismatch, not
/// a missing and an unsupported figure. Linear in the pair's mentions.
fn leftover_pair(
    cands: &Side<'_>,
    refs: &Side<'_>,
    open_c: &[usize],
    open_r: &[usize],
    c_done: &mut [bool],
    r_done: &mut [bool],
    findings: &mut Vec<Finding>,
) {
    let c_left: Vec<usize> = open_c.iter().copied().filter(|&k| !c_done[k]).collect();
    let r_left: Vec<usize> = open_r.iter().copied().filter(|&k| !r_done[k]).collect();
    let (Some(cs), Some(rs)) = (one_slot(cands, &c_left), one_slot(refs, &r_left)) else {
        return;
    };
    let (Some(&c0), Some(&r0)) = (cs.first(), rs.first()) else {
        return;
    };
    let (c, r) = (&cands.found.mentions[c0].m, &refs.found.mentions[r0].m);
    if sort_of(c.kind) != sort_of(r.kind) || relate(c, r) == Relation::Equal {
        return;
    }
    // The same figure said another way ("19 times" / "19-fold") is no conflict.
    if let (Some(a), Some(b)) = (c.value.number(), r.value.number()) {
        if compare::same_number(a, c.step, b, r.step) {
            return;
        }
    }
    let measured = |m: &NumberMention| m.unit.filter(|u| u.dim != Dim::Count);
    let same_unit = match (measured(c), measured(r)) {
        (Some(a), Some(b)) if a.dim != b.dim => return,
        (Some(a), Some(b)) => a.code == b.code,
        (None, None) => c.unit.is_some() && c.unit == r.unit,
        // "5kg" against "10 jin": a unit on one side only may be a conversion.
        _ => return,
    };
    if !same_unit {
        let cw = context_words(cands, c);
        let rw = context_words(refs, r);
        if !cw.iter().any(|w| rw.contains(w)) {
            return;
        }
    }
    emit(cands, refs, &cs, &rs, findings);
    for k in cs {
        c_done[k] = true;
    }
    for k in rs {
        r_done[k] = true;
    }
}

/// Which figures can be one another's mistranslation: counts and amounts,
/// percentages, ranks. Dates and names are paired by [`relate`] only.
fn sort_of(kind: MentionKind) -> Option<u8> {
    match kind {
        MentionKind::Cardinal
        | MentionKind::Money
        | MentionKind::Quantity
        | MentionKind::Duration => Some(0),
        MentionKind::Percent => Some(1),
        MentionKind::Ordinal => Some(2),
        _ => None,
    }
}

/// `left` (sorted mention indices) when it is one reportable figure of a
/// comparable sort, or one range of them ("16,000 to 7,000 yuan").
fn one_slot(side: &Side<'_>, left: &[usize]) -> Option<Vec<usize>> {
    let (&first, rest) = left.split_first()?;
    let text = &side.article.text;
    let mut prev = &side.found.mentions.get(first)?.m;
    sort_of(prev.kind)?;
    if !reportable(prev) {
        return None;
    }
    for &k in rest {
        let m = &side.found.mentions.get(k)?.m;
        let gap = text.get(prev.end..m.start).unwrap_or("").trim();
        let range =
            matches!(gap, "to" | "-" | "–" | "—") && m.kind == prev.kind && m.unit == prev.unit;
        if !range || rest.len() > 1 {
            return None;
        }
        prev = m;
    }
    Some(left.to_vec())
}

/// Lowercase content words within three tokens of `m` on its line ("magnitude",
/// "earthquake"), singular, for telling whether two figures speak of the same thing.
fn context_words(side: &Side<'_>, m: &NumberMention) -> Vec<String> {
    let tokens = &side.article.tokens;
    let text = &side.article.text;
    let first = tokens.partition_point(|t| t.start < m.start);
    let after = tokens.partition_point(|t| t.start < m.end);
    let mut out = Vec::new();
    let mut take = |t: &crate::text::Token| {
        let w = t.norm.as_str();
        let word = t.kind == crate::text::TokenKind::Word
            && w.len() > 2
            && !words::function_word(w)
            && words::cardinal(w).is_none()
            && words::ordinal(w).is_none()
            && words::scale(w).is_none();
        if word {
            out.push(extract::singular(w));
        }
    };
    let same_line = |a: usize, b: usize| !text.get(a..b).unwrap_or("\n").contains('\n');
    for t in tokens.get(first.saturating_sub(3)..first).unwrap_or(&[]) {
        if same_line(t.end, m.start) {
            take(t);
        }
    }
    for t in tokens
        .get(after..after.saturating_add(3).min(tokens.len()))
        .unwrap_or(&[])
    {
        if same_line(m.end, t.start) {
            take(t);
        }
    }
    out
}

/// Reports candidate mentions `cs` against reference mentions `rs` (one
/// each, or a range on either side) as a mismatch, or as a scale slip.
fn emit(
    cands: &Side<'_>,
    refs: &Side<'_>,
    cs: &[usize],
    rs: &[usize],
    findings: &mut Vec<Finding>,
) {
    let (Some(&c0), Some(&r0)) = (cs.first(), rs.first()) else {
        return;
    };
    let cm = |k: usize| &cands.found.mentions[k].m;
    let rm = |k: usize| &refs.found.mentions[k].m;
    let (c, r) = (cm(c0), rm(r0));
    let c_end = cs.last().map_or(c.end, |&k| cm(k).end);
    let r_end = rs.last().map_or(r.end, |&k| rm(k).end);
    {
        let relation = relate(c, r);
        let kind = if c.kind.is_date() || r.kind.is_date() {
            Kind::DateMismatch
        } else {
            Kind::NumberMismatch
        };
        let (ct, rt) = (
            span_text(&cands.article.text, c.start, c_end),
            span_text(&refs.article.text, r.start, r_end),
        );
        let single = cs.len() == 1 && rs.len() == 1;
        if let Some(factor) = scale_slip(c, r).filter(|_| kind == Kind::NumberMismatch && single) {
            // Not asserted as a mismatch: which side converted wrongly is
            // for the source to say. Reported, with the evidence, as a
            // candidate figure the reference does not support.
            let larger = if c.value.number() < r.value.number() {
                "larger"
            } else {
                "smaller"
            };
            findings.push(
                Finding::new(
                    Kind::NumberUnsupported,
                    cands.article,
                    c.start,
                    c_end,
                    format!(
                        "\"{ct}\" is not in the reference, whose \"{rt}\" is {} times {larger}: a scale conversion slipped on one side (check the source)",
                        extract::format_number(factor)
                    ),
                )
                .with_severity(Severity::Major)
                .with_reference(refs.article, r.start, r_end),
            );
            return;
        }
        let message = if relation == Relation::UnitMismatch {
            format!("\"{ct}\" uses a different unit from the reference's \"{rt}\"")
        } else {
            format!("\"{ct}\" does not match the reference's \"{rt}\"")
        };
        findings.push(
            Finding::new(kind, cands.article, c.start, c_end, message)
                .with_suggestion(rt)
                .with_reference(refs.article, r.start, r_end),
        );
    }
}

/// Bytes `start..end` of `source` on one line, for messages.
fn span_text(source: &str, start: usize, end: usize) -> String {
    source
        .get(start..end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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

    fn run(cand: &str, refr: &str, pairs: &[(usize, usize)]) -> Vec<Finding> {
        let c = Article::from_text("c", cand);
        let r = Article::from_text("r", refr);
        let pairs: Vec<serde_json::Value> = pairs
            .iter()
            .map(|&(a, b)| serde_json::json!({"candidate": [a], "reference": [b], "similarity": 1.0}))
            .collect();
        let alignment: Alignment =
            serde_json::from_value(serde_json::json!({"mode": "parallel", "pairs": pairs}))
                .unwrap();
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
    fn a_missing_figure_points_at_the_sentence_that_drops_it() {
        let cand = "The port opened on Monday. Trade grew sharply.";
        let refr = "The port opened on Monday. Trade grew by 12 percent.";
        let f = run(cand, refr, &[(0, 0), (1, 1)]);
        let missing: Vec<&Finding> = f.iter().filter(|f| f.kind == Kind::NumberMissing).collect();
        assert_eq!(missing.len(), 1, "{f:#?}");
        let at = cand.find("Trade").unwrap_or(usize::MAX);
        assert_eq!((missing[0].start, missing[0].end), (at, at));
        assert_eq!(missing[0].column, at + 1);
        // With no aligned sentence it stays at the start of the candidate.
        let f = run(cand, refr, &[(0, 0)]);
        let missing = f.iter().find(|f| f.kind == Kind::NumberMissing);
        assert_eq!(missing.map(|f| (f.start, f.end)), Some((0, 0)));
    }

    #[test]
    fn comparable_pairs_report_no_missing_figures() {
        let c = Article::from_text("c", "The ship carried 1,200 containers.");
        let r = Article::from_text("r", "The ship carried 12,000 containers.");
        let a: Alignment =
            serde_json::from_value(serde_json::json!({"mode": "comparable", "pairs": []})).unwrap();
        let kinds: Vec<Kind> = compare_articles(&c, &r, &a, &NumbersConfig::default())
            .iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(kinds, vec![Kind::NumberUnsupported]);
    }

    /// Comparing is linear in the figures (n log n at most): the work on
    /// 2n distinct figures is about twice that on n, in one sentence or one
    /// per line, the same on both sides or all different (issue #26: 50,000
    /// distinct numbers against themselves took 32 s).
    #[test]
    fn comparison_work_doubles_with_the_figures() {
        let figures = |n: usize, from: usize, sep: &str| {
            (0..n)
                .map(|k| (from + 7 * k).to_string())
                .collect::<Vec<_>>()
                .join(sep)
        };
        for sep in [" ", ", ", "\n"] {
            for other in [10_000, 900_000] {
                let (a, b, ratio) = crate::cost::doubling(2500, |n| {
                    let c = Article::from_text("c", figures(n, 10_000, sep));
                    let r = Article::from_text("r", figures(n, other, sep));
                    let pairs: Vec<serde_json::Value> = (0..c.sentences.len().min(r.sentences.len()))
                        .map(|i| serde_json::json!({"candidate": [i], "reference": [i], "similarity": 1.0}))
                        .collect();
                    let alignment: Alignment = serde_json::from_value(
                        serde_json::json!({"mode": "parallel", "pairs": pairs}),
                    )
                    .unwrap_or_else(|e| panic!("{e}"));
                    compare_articles(&c, &r, &alignment, &NumbersConfig::default());
                });
                assert!(ratio < 3.0, "{sep:?} {other}: {a} then {b} steps");
            }
        }
    }

    #[test]
    fn config_switches_off() {
        let c = Article::from_text("c", "In 2019.");
        let r = Article::from_text("r", "In 2018.");
        let a: Alignment =
            serde_json::from_value(serde_json::json!({"mode": "comparable", "pairs": []})).unwrap();
        let cfg = NumbersConfig {
            mismatches: true,
            unsupported: false,
            missing: false,
        };
        assert!(compare_articles(&c, &r, &a, &cfg).is_empty());
    }
}
