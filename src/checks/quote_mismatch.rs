//! `quote-mismatch`: quoted speech that reports the reference's quote with
//! changed words.
//!
//! Every quote in the candidate (straight or curly, double, guillemets, or
//! single quotes outside another quote) with at least `quote_min_words`
//! content words is matched with the reference quote that contains most of
//! its content-word stems. When that share reaches `quote_min_overlap`
//! (and at least three stems are shared) the two report the same words;
//! the candidate quote is then flagged if some of its content words are not
//! in the reference quote (inflections aside), naming the words on both
//! sides. A quote with no such counterpart is not flagged.
//!
//! When the only difference between the two quotes' words is one word
//! for another (an inflection such as "peoples" for "people", or any other
//! word), that word alone is flagged, with the reference's word as the
//! suggestion. Words compare by their normalised form under the US/UK
//! spelling key, so case, punctuation and "mobilise"/"mobilize" are no
//! difference; reference words before or after the part the candidate
//! quotes are none either.
//!
//! Quotes are the matched pairs from the punctuation pass. Content words
//! compare by stem (first five letters, plural "s" dropped), and a reference
//! quote is found through an inverted index of the reference quotes' stems.
//! The message names up to four changed words on each side, the reference's
//! taken from the stretch of its quote that the candidate covers (plus one
//! word either side).
//!
//! *One word changed.* The two quotes' words (all of them, function words
//! included) are aligned by longest common subsequence; reference words
//! before the first and after the last shared word are set aside (the
//! candidate may quote part of the reference's quote). When what is left is
//! one candidate word against one reference word in the same gap, that word
//! alone is the finding, with the reference's word as suggestion and as
//! evidence. An inflection of the quote's first word is spared: a partial
//! quote's first word agrees with the sentence around it ("the response
//! 'meets high standards'" against "'meet high standards'"). Quotes of more
//! than 200 words are not aligned word by word.
//!
//! *Short quotes.* A quote of 2 to 12 words (function words included) that
//! the rule above does not compare (fewer than `quote_min_words` content
//! words, or fewer than three stems shared with any reference quote) is
//! compared with the quotes of the reference sentences aligned with its
//! sentence; with no aligned sentence there is no evidence and nothing is
//! flagged. Its counterpart has as many words ±1, a word in common, and at
//! most two changed words in a word-by-word diff (a substitution, an added
//! or a dropped word counts one); the closest such quote is taken. Each
//! changed candidate word, or two adjacent ones together, is flagged with
//! the reference's word(s) as the suggestion: "dear friend" for "dear
//! comrade" flags "friend". Words compare inflection and US/UK spelling
//! aside; a change of function words only ("is" for "be"), a compound
//! written apart ("E-account"/"E Account"), a word added at either end of
//! the quote, a one-word quote (scare quotes) and words another garbled
//! check flagged are not flagged.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::near_miss::NearMiss;
use super::non_word::NonWord;
use super::unbalanced_punctuation::{quote_pairs, QuotePair};
use super::{Check, Context, GarbledConfig};
use crate::finding::{Finding, Kind};
use crate::lexicon::{inflection_base, is_function_word, spelling_key, stem};
use crate::text::Article;

pub struct QuoteMismatch;

impl Check for QuoteMismatch {
    fn name(&self) -> &'static str {
        "quote-mismatch"
    }

    fn group(&self) -> &'static str {
        "garbled"
    }

    fn description(&self) -> &'static str {
        "quotes that report the reference's quote with changed words"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::QuoteMismatch]
    }

    fn reads(&self) -> &'static [&'static dyn Check] {
        &[&NonWord, &NearMiss]
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let cfg = &cx.config.garbled;
        if !cfg.quote_mismatch {
            return Vec::new();
        }
        // Words `non-word` or `near-miss` flagged are not flagged again.
        let flagged: Vec<(usize, usize)> = cx
            .findings_of(&NonWord)
            .iter()
            .chain(cx.findings_of(&NearMiss).iter())
            .map(|f| (f.start, f.end))
            .collect();
        find(cx, cfg, &flagged)
    }
}

/// Fewest shared stems for two quotes to count as the same quote.
const MIN_SHARED: usize = 3;
/// Changed words named in a message, per side.
const MAX_NAMED: usize = 4;

struct Quote<'a> {
    /// Byte span of the quote, marks included.
    start: usize,
    end: usize,
    /// Content words as written, in order, deduplicated by normalised
    /// form, with their byte offset.
    words: Vec<(&'a str, &'a str, usize)>,
    stems: HashSet<&'a str>,
    /// Inflection bases under a US/UK-neutral spelling key.
    bases: HashSet<String>,
    /// Every word, function words included, in order.
    all: Vec<Word<'a>>,
}

/// A word of a quote: its comparison key (normalised form under the
/// spelling key), normalised form, as written, and its byte span.
struct Word<'a> {
    key: String,
    norm: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
}

fn quotes(article: &Article) -> Vec<Quote<'_>> {
    let pairs = quote_pairs(article);
    let enclosed = enclosed(&pairs);
    let mut out = Vec::new();
    for (k, p) in pairs.iter().enumerate() {
        // A single-quoted quote inside another quote is part of that one.
        if p.family == super::unbalanced_punctuation::Family::Single
            && enclosed.get(k).copied().unwrap_or(false)
        {
            continue;
        }
        let (Some(open), Some(close)) = (article.tokens.get(p.open), article.tokens.get(p.close))
        else {
            continue;
        };
        let mut words = Vec::new();
        let mut all = Vec::new();
        let mut seen = HashSet::new();
        #[cfg(test)]
        crate::cost::tick(p.close.saturating_sub(p.open));
        for t in article.tokens.get(p.open + 1..p.close).unwrap_or(&[]) {
            if !t.is_word() {
                continue;
            }
            all.push(Word {
                key: spelling_key(&t.norm),
                norm: &t.norm,
                text: t.text(&article.text),
                start: t.start,
                end: t.end,
            });
            if !is_function_word(&t.norm) && seen.insert(t.norm.as_str()) {
                words.push((t.text(&article.text), t.norm.as_str(), t.start));
            }
        }
        let stems = words.iter().map(|&(_, n, _)| stem(n)).collect();
        let bases = words.iter().map(|&(_, n, _)| base_key(n)).collect();
        out.push(Quote {
            start: open.start,
            end: close.end,
            words,
            stems,
            bases,
            all,
        });
    }
    out
}

/// How a word of a short quote is compared: by [`base_key`] and by the
/// inflection base of its US/UK spelling key, the same under either is
/// the same word ("centres"/"centre" meet under the first,
/// "centre"/"center" under the second).
type Keys = (String, String);

fn short_keys(norm: &str) -> Keys {
    (
        base_key(norm),
        inflection_base(&spelling_key(norm)).to_string(),
    )
}

fn same(a: &Keys, b: &Keys) -> bool {
    a.0 == b.0 || a.1 == b.1
}

/// How a word is compared across quotes: inflection and US/UK spelling aside.
fn base_key(norm: &str) -> String {
    spelling_key(inflection_base(norm))
}

/// For each pair (in order of their opening mark, as [`quote_pairs`]
/// gives them), whether another pair encloses it: opens before it and
/// closes after it. Linear: a pair is enclosed exactly when the latest
/// close among the pairs opened before it comes after its own close.
fn enclosed(pairs: &[QuotePair]) -> Vec<bool> {
    let mut out = Vec::with_capacity(pairs.len());
    // Latest close among the pairs opened strictly before the current
    // opening mark, and among those opened at it so far.
    let (mut before, mut at) = (None::<usize>, None::<usize>);
    let mut open = None;
    for p in pairs {
        #[cfg(test)]
        crate::cost::tick(1);
        if open != Some(p.open) {
            before = before.max(at);
            at = None;
            open = Some(p.open);
        }
        out.push(before.is_some_and(|c| p.close < c));
        at = at.max(Some(p.close));
    }
    out
}

/// `flagged` holds byte spans other garbled checks already flagged: a quote
/// whose only changed words are those is not flagged again.
fn find(cx: &Context<'_>, cfg: &GarbledConfig, flagged: &[(usize, usize)]) -> Vec<Finding> {
    let cand_quotes = quotes(cx.candidate);
    if cand_quotes.is_empty() {
        return Vec::new();
    }
    let ref_quotes = quotes(cx.reference);
    // Which reference quotes use each stem, so a candidate quote is only
    // compared with the quotes it shares a stem with.
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, r) in ref_quotes.iter().enumerate() {
        for &s in &r.stems {
            by_stem.entry(s).or_default().push(k);
        }
    }
    let mut shared_with = vec![0usize; ref_quotes.len()];
    let mut touched: Vec<usize> = Vec::new();
    let short = ShortQuotes::new(cx, &ref_quotes);
    let mut out = Vec::new();
    for q in &cand_quotes {
        if q.words.len() < cfg.quote_min_words {
            short.check(cx, q, flagged, &mut out);
            continue;
        }
        for s in &q.stems {
            for &k in by_stem.get(s).map_or(&[][..], Vec::as_slice) {
                if let Some(n) = shared_with.get_mut(k) {
                    if *n == 0 {
                        touched.push(k);
                    }
                    *n += 1;
                }
            }
        }
        // The reference quote sharing the most stems, the earliest on ties.
        let best = touched
            .iter()
            .filter_map(|&k| Some((*shared_with.get(k)?, ref_quotes.get(k)?)))
            .max_by_key(|&(shared, r)| (shared, std::cmp::Reverse(r.start)));
        for &k in &touched {
            if let Some(n) = shared_with.get_mut(k) {
                *n = 0;
            }
        }
        touched.clear();
        let Some((shared, r)) = best else {
            short.check(cx, q, flagged, &mut out);
            continue;
        };
        let overlap = shared as f64 / q.stems.len().max(1) as f64;
        if shared < MIN_SHARED {
            short.check(cx, q, flagged, &mut out);
            continue;
        }
        if overlap < cfg.quote_min_overlap {
            continue;
        }
        if let Some((c, w)) = single_substitution(&q.all, &r.all) {
            // A quote's first word agrees with the sentence around it ("it
            // 'poses a threat'" where the reference has "'posed a threat'"):
            // another inflection there is the host sentence's grammar.
            let agrees = q.all.first().is_some_and(|f| f.start == c.start)
                && base_key(c.norm) == base_key(w.norm);
            if !agrees && !flagged.iter().any(|&(s, e)| s <= c.start && c.start < e) {
                out.push(
                    Finding::new(
                        Kind::QuoteMismatch,
                        cx.candidate,
                        c.start,
                        c.end,
                        format!(
                            "this quote has \"{}\" where the reference's quote has \"{}\"",
                            c.text, w.text
                        ),
                    )
                    .with_suggestion(w.text)
                    .with_reference(cx.reference, w.start, w.end),
                );
            }
            continue;
        }
        let changed: Vec<(&str, usize)> = q
            .words
            .iter()
            .filter(|&&(_, n, _)| !r.bases.contains(&base_key(n)))
            .map(|&(w, _, at)| (w, at))
            .collect();
        let already = |&(_, at): &(&str, usize)| flagged.iter().any(|&(s, e)| s <= at && at < e);
        if changed.iter().all(already) {
            continue;
        }
        let ours: Vec<&str> = changed.iter().map(|&(w, _)| w).collect();
        // The reference words the candidate quote covers: from the first to
        // the last word whose stem the two quotes share (the candidate may
        // quote only part of the reference's quote), plus one either side.
        let shared_at = |&&(_, n, _): &&(&str, &str, usize)| q.stems.contains(stem(n));
        // One word either side: the candidate's changed first or last word.
        let first = r
            .words
            .iter()
            .position(|w| shared_at(&w))
            .unwrap_or(0)
            .saturating_sub(1);
        let last = r.words.iter().rposition(|w| shared_at(&w)).unwrap_or(0) + 1;
        let theirs: Vec<&str> = r
            .words
            .get(first..(last + 1).min(r.words.len()))
            .unwrap_or(&[])
            .iter()
            .filter(|&&(_, n, _)| !q.bases.contains(&base_key(n)))
            .map(|&(w, _, _)| w)
            .collect();
        // The change as a word diff ("defend" → "preserve"), its words
        // marked within the quote; the changed words named when the quotes
        // are too long to compare word by word.
        let (message, changed) = match change_list(cx, q, r) {
            Some((changes, spans)) => {
                let shown: Vec<&str> = changes.iter().take(MAX_NAMED).map(String::as_str).collect();
                let mut message = format!(
                    "this quote differs from the reference's: {}",
                    shown.join(", ")
                );
                if changes.len() > MAX_NAMED {
                    message.push_str(&format!(" and {} more", changes.len() - MAX_NAMED));
                }
                (message, spans)
            }
            None if theirs.is_empty() => (
                format!("this quote adds {} to the reference's quote", named(&ours)),
                Vec::new(),
            ),
            None => (
                format!(
                    "this quote has {} where the reference's quote has {}",
                    named(&ours),
                    named(&theirs)
                ),
                Vec::new(),
            ),
        };
        out.push(
            Finding::new(Kind::QuoteMismatch, cx.candidate, q.start, q.end, message)
                .with_reference(cx.reference, r.start, r.end)
                .with_changed(changed),
        );
    }
    out
}

/// Most words (per side, function words included) of a quote compared by
/// the short-quote rule.
const SHORT_MAX_WORDS: usize = 12;
/// Most changed words between a short quote and its counterpart.
const SHORT_MAX_CHANGED: usize = 2;

/// The short-quote rule: a quote of 2 to [`SHORT_MAX_WORDS`] words that the
/// rule above does not compare is compared, word by word, with the quotes
/// of the reference sentences aligned with its sentence.
struct ShortQuotes<'q, 'a> {
    ref_quotes: &'q [Quote<'a>],
    /// Each reference quote's comparison keys ([`short_key`]), empty for
    /// quotes of the wrong length.
    keys: Vec<Vec<Keys>>,
    /// Reference sentence → the short reference quotes in it.
    by_sentence: HashMap<usize, Vec<usize>>,
    /// Candidate sentence → the reference sentences aligned with it.
    aligned: HashMap<usize, Vec<usize>>,
}

/// The sentences a quote's first and last words are in.
fn quote_sentences(article: &Article, words: &[Word<'_>]) -> Vec<usize> {
    let mut out: Vec<usize> = [words.first(), words.last()]
        .into_iter()
        .flatten()
        .filter_map(|w| article.sentence_at(w.start))
        .collect();
    out.dedup();
    out
}

fn is_short(q: &Quote<'_>) -> bool {
    (2..=SHORT_MAX_WORDS).contains(&q.all.len())
}

impl<'q, 'a> ShortQuotes<'q, 'a> {
    fn new(cx: &Context<'_>, ref_quotes: &'q [Quote<'a>]) -> ShortQuotes<'q, 'a> {
        let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut keys = Vec::with_capacity(ref_quotes.len());
        for (k, r) in ref_quotes.iter().enumerate() {
            if !is_short(r) {
                keys.push(Vec::new());
                continue;
            }
            keys.push(r.all.iter().map(|w| short_keys(w.norm)).collect());
            for s in quote_sentences(cx.reference, &r.all) {
                by_sentence.entry(s).or_default().push(k);
            }
        }
        let mut aligned: HashMap<usize, Vec<usize>> = HashMap::new();
        if !by_sentence.is_empty() {
            for p in &cx.alignment.pairs {
                for &c in &p.candidate {
                    aligned.entry(c).or_default().extend(&p.reference);
                }
            }
        }
        ShortQuotes {
            ref_quotes,
            keys,
            by_sentence,
            aligned,
        }
    }

    /// Flags the words by which candidate quote `q` differs from its
    /// counterpart: a reference quote in an aligned sentence with as many
    /// words ±1, a word in common, and at most [`SHORT_MAX_CHANGED`]
    /// changed words (the closest one, the earliest on ties).
    fn check(
        &self,
        cx: &Context<'_>,
        q: &Quote<'_>,
        flagged: &[(usize, usize)],
        out: &mut Vec<Finding>,
    ) {
        if !is_short(q) || self.by_sentence.is_empty() {
            return;
        }
        let mut refs: Vec<usize> = quote_sentences(cx.candidate, &q.all)
            .iter()
            .filter_map(|s| self.aligned.get(s))
            .flatten()
            .filter_map(|s| self.by_sentence.get(s))
            .flatten()
            .copied()
            .collect();
        if refs.is_empty() {
            return;
        }
        refs.sort_unstable();
        refs.dedup();
        let keys: Vec<Keys> = q.all.iter().map(|w| short_keys(w.norm)).collect();
        let mut best: Option<(usize, usize, Vec<Gap>)> = None;
        for k in refs {
            let Some(rkeys) = self.keys.get(k) else {
                continue;
            };
            if rkeys.len().abs_diff(keys.len()) > 1
                || !keys.iter().any(|c| rkeys.iter().any(|r| same(c, r)))
            {
                continue;
            }
            let Some(r) = self.ref_quotes.get(k) else {
                continue;
            };
            let gaps: Vec<Gap> = word_diff(&keys, rkeys, same)
                .into_iter()
                .filter(|g| g.is_change(q, r))
                .collect();
            let changed: usize = gaps.iter().map(Gap::size).sum();
            if changed <= SHORT_MAX_CHANGED && best.as_ref().is_none_or(|b| changed < b.0) {
                best = Some((changed, k, gaps));
            }
        }
        let Some((_, k, gaps)) = best else {
            return;
        };
        let Some(r) = self.ref_quotes.get(k) else {
            return;
        };
        for g in gaps {
            let (Some(first), Some(last)) = (
                q.all.get(g.cand.clone()).and_then(<[_]>::first),
                q.all.get(g.cand.clone()).and_then(<[_]>::last),
            ) else {
                // Only reference words here: nothing in the candidate to flag.
                continue;
            };
            if q.all
                .get(g.cand.clone())
                .unwrap_or(&[])
                .iter()
                .any(|w| flagged.iter().any(|&(s, e)| s <= w.start && w.start < e))
            {
                continue;
            }
            let ours = cx
                .candidate
                .text
                .get(first.start..last.end)
                .unwrap_or(first.text);
            let theirs = r.all.get(g.refr.clone()).unwrap_or(&[]);
            let theirs = (theirs.first(), theirs.last());
            let finding = if let (Some(rf), Some(rl)) = theirs {
                let text = cx.reference.text.get(rf.start..rl.end).unwrap_or(rf.text);
                Finding::new(
                    Kind::QuoteMismatch,
                    cx.candidate,
                    first.start,
                    last.end,
                    format!("this quote has \"{ours}\" where the reference's quote has \"{text}\""),
                )
                .with_suggestion(text)
                .with_reference(cx.reference, rf.start, rl.end)
            } else if g.cand.start == 0 || g.cand.end == q.all.len() {
                // A word before or after the reference's words: where a
                // quote starts or ends is the translator's choice.
                continue;
            } else {
                Finding::new(
                    Kind::QuoteMismatch,
                    cx.candidate,
                    first.start,
                    last.end,
                    format!("this quote adds \"{ours}\" to the reference's quote"),
                )
                .with_reference(cx.reference, r.start, r.end)
            };
            out.push(finding);
        }
    }
}

/// Words left out of a common subsequence between two matches: candidate
/// words `cand` in place of reference words `refr` (either may be empty).
#[derive(Debug, PartialEq)]
struct Gap {
    cand: std::ops::Range<usize>,
    refr: std::ops::Range<usize>,
}

impl Gap {
    /// Whether the words differ in more than function words ("is" for
    /// "be", an added "it": the host sentence's grammar) or in how a
    /// compound is written ("E-account"/"E Account").
    fn is_change(&self, cand: &Quote<'_>, refr: &Quote<'_>) -> bool {
        let ours = cand.all.get(self.cand.clone()).unwrap_or(&[]);
        let theirs = refr.all.get(self.refr.clone()).unwrap_or(&[]);
        let function = |w: &Word<'_>| is_function_word(w.norm);
        if ours.iter().all(function) && theirs.iter().all(function) {
            return false;
        }
        let joined = |words: &[Word<'_>]| -> String {
            words
                .iter()
                .flat_map(|w| w.key.chars())
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        joined(ours) != joined(theirs)
    }

    /// Changed words: a substitution counts once, an added or dropped word once.
    fn size(&self) -> usize {
        self.cand.len().max(self.refr.len())
    }
}

/// The gaps of a longest common subsequence of `cand` and `refr`. The
/// callers keep both short: the table is `cand.len() × refr.len()`.
fn word_diff<T>(cand: &[T], refr: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<Gap> {
    let (n, m) = (cand.len(), refr.len());
    let width = m + 1;
    let at = |i: usize, j: usize| i * width + j;
    let mut lcs = vec![0u16; (n + 1) * width];
    let get = |lcs: &[u16], i: usize, j: usize| lcs.get(at(i, j)).copied().unwrap_or(0);
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let v = if matches!((cand.get(i), refr.get(j)), (Some(a), Some(b)) if same(a, b)) {
                get(&lcs, i + 1, j + 1) + 1
            } else {
                get(&lcs, i + 1, j).max(get(&lcs, i, j + 1))
            };
            if let Some(cell) = lcs.get_mut(at(i, j)) {
                *cell = v;
            }
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut gaps = Vec::new();
    let mut open: Option<Gap> = None;
    while i < n || j < m {
        if matches!((cand.get(i), refr.get(j)), (Some(a), Some(b)) if same(a, b)) {
            gaps.extend(open.take());
            i += 1;
            j += 1;
            continue;
        }
        let g = open.get_or_insert(Gap {
            cand: i..i,
            refr: j..j,
        });
        if j < m && (i == n || get(&lcs, i, j + 1) >= get(&lcs, i + 1, j)) {
            j += 1;
            g.refr.end = j;
        } else {
            i += 1;
            g.cand.end = i;
        }
    }
    gaps.extend(open);
    gaps
}

/// Longest quotes (in words, per side) compared word by word.
const MAX_DIFF_WORDS: usize = 200;

/// The word-by-word differences of two quotes' words (longest common
/// subsequence of their keys, [`word_diff`]), the reference words before and
/// after the part the candidate quotes set aside: a gap at either end keeps
/// only as many reference words, next to the quoted part, as the candidate
/// has there (the ones it replaced), and none when it has none. `None` when
/// either quote is longer than [`MAX_DIFF_WORDS`] or nothing is shared.
fn quote_gaps(cand: &[Word<'_>], refr: &[Word<'_>]) -> Option<Vec<Gap>> {
    let (n, m) = (cand.len(), refr.len());
    if n > MAX_DIFF_WORDS || m > MAX_DIFF_WORDS {
        return None;
    }
    let gaps = word_diff(cand, refr, |a, b| a.key == b.key);
    let unmatched: usize = gaps.iter().map(|g| g.cand.len()).sum();
    if unmatched >= n {
        return None;
    }
    Some(
        gaps.into_iter()
            .filter_map(|mut g| {
                let kept = g.cand.len().min(g.refr.len());
                if g.cand.start == 0 && g.refr.start == 0 {
                    g.refr.start = g.refr.end - kept;
                } else if g.cand.end == n && g.refr.end == m {
                    g.refr.end = g.refr.start + kept;
                }
                (!g.cand.is_empty() || !g.refr.is_empty()).then_some(g)
            })
            .collect(),
    )
}

/// The one word `cand` has in place of one word of `refr`, when that is
/// the only difference between the two word sequences once reference
/// words before and after the quoted part are set aside ([`quote_gaps`]).
fn single_substitution<'q, 'a>(
    cand: &'q [Word<'a>],
    refr: &'q [Word<'a>],
) -> Option<(&'q Word<'a>, &'q Word<'a>)> {
    if cand.len() <= MIN_SHARED {
        return None;
    }
    match quote_gaps(cand, refr)?.as_slice() {
        [g] if g.cand.len() == 1 && g.refr.len() == 1 => {
            Some((cand.get(g.cand.start)?, refr.get(g.refr.start)?))
        }
        _ => None,
    }
}

/// A byte span of the candidate.
type Span = (usize, usize);

/// The changes of candidate quote `q` from reference quote `r` as a word
/// diff (`"defend" → "preserve"`, `added "actually"`, `dropped "will"`),
/// function-word-only changes left out, with the candidate's byte spans of
/// the changed words; `None` when the quotes are too long to compare word
/// by word or nothing remains.
fn change_list(cx: &Context<'_>, q: &Quote<'_>, r: &Quote<'_>) -> Option<(Vec<String>, Vec<Span>)> {
    let gaps: Vec<Gap> = quote_gaps(&q.all, &r.all)?
        .into_iter()
        .filter(|g| g.is_change(q, r))
        .collect();
    let text = |article: &Article, words: &[Word<'_>]| -> Option<String> {
        let (first, last) = (words.first()?, words.last()?);
        Some(
            article
                .text
                .get(first.start..last.end)
                .unwrap_or(first.text)
                .to_string(),
        )
    };
    let mut changes = Vec::new();
    let mut spans = Vec::new();
    // Function words at the edges of a change are the sentence's grammar
    // ("defend" → "preserve", not → "preserve the").
    let trim = |words: &'_ [Word<'_>]| -> (usize, usize) {
        let content = |w: &Word<'_>| !is_function_word(w.norm);
        let from = words.iter().position(content).unwrap_or(words.len());
        let to = words.iter().rposition(content).map_or(from, |i| i + 1);
        (from, to.max(from))
    };
    for g in &gaps {
        let ours = q.all.get(g.cand.clone()).unwrap_or(&[]);
        let theirs = r.all.get(g.refr.clone()).unwrap_or(&[]);
        let (ours, theirs) = {
            let ((a, b), (c, d)) = (trim(ours), trim(theirs));
            (
                ours.get(a..b).unwrap_or(&[]),
                theirs.get(c..d).unwrap_or(&[]),
            )
        };
        changes.push(
            match (text(cx.candidate, ours), text(cx.reference, theirs)) {
                (Some(o), Some(t)) => format!("\"{o}\" → \"{t}\""),
                (Some(o), None) => format!("added \"{o}\""),
                (None, Some(t)) => format!("dropped \"{t}\""),
                (None, None) => continue,
            },
        );
        if let (Some(first), Some(last)) = (ours.first(), ours.last()) {
            spans.push((first.start, last.end));
        }
    }
    (!changes.is_empty()).then_some((changes, spans))
}

/// `"a", "b", "c" and 2 more`.
fn named(words: &[&str]) -> String {
    let mut s = words
        .iter()
        .take(MAX_NAMED)
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ");
    if words.len() > MAX_NAMED {
        s.push_str(&format!(" and {} more", words.len() - MAX_NAMED));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Alignment, Mode};
    use crate::checks::with_context;
    use crate::config::Config;

    fn mismatches(cand: &str, refr: &str) -> Vec<(String, String)> {
        let config = Config::default();
        with_context(cand, refr, &config, None, |cx| {
            find(cx, &config.garbled, &[])
                .into_iter()
                .map(|f| (f.text, f.message))
                .collect()
        })
    }

    #[test]
    fn drifted_quote_is_flagged_with_changed_words() {
        let got = mismatches(
            "\"With our Chinese friends, we firmly defend historical truths, protect the \
             memories of events in the war years, and offset the modern manifestations of \
             neo-blastism and militarism,\" he said.",
            "He stated, \"Together with our Chinese friends, we will firmly preserve the \
             historical truth and memory of the time of war and respond to the contemporary \
             manifestations of neo-Nazism and militarism.\"",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.contains("offset the modern manifestations"));
        // A word diff, not a bag of words.
        assert!(
            got[0]
                .1
                .starts_with("this quote differs from the reference's: \"defend\" → \"preserve"),
            "{}",
            got[0].1
        );
    }

    /// The changed words are marked within the quote: each changed stretch
    /// of the candidate, not the whole quote.
    #[test]
    fn quote_mismatch_marks_the_changed_words() {
        let cand = "Officials said: \"We will defend the historic harbour and protect the old fishing fleet for our children.\"";
        let refr = "Officials said: \"We will preserve the historic harbour and protect the old fishing fleet for our grandchildren.\"";
        let config = Config::default();
        let found = with_context(cand, refr, &config, None, |cx| {
            find(cx, &config.garbled, &[])
                .into_iter()
                .map(|f| {
                    let words: Vec<String> = f
                        .changed
                        .iter()
                        .map(|&(s, e)| cand[s..e].to_string())
                        .collect();
                    (f.message, words)
                })
                .collect::<Vec<_>>()
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "this quote differs from the reference's: \"defend\" → \"preserve\", \"children\" → \"grandchildren\""
        );
        assert_eq!(found[0].1, ["defend", "children"]);
    }

    #[test]
    fn same_quote_and_unrelated_quotes_pass() {
        let refr = "She said, \"We will defend the historical truth of the war.\"";
        // Punctuation and case are no difference.
        assert!(mismatches(
            "\"We will DEFEND the historical truth, of the war,\" she said.",
            refr
        )
        .is_empty());
        assert!(mismatches(
            "\"Economic pressure may bring them closer,\" she said.",
            refr
        )
        .is_empty());
    }

    #[test]
    fn one_changed_word_is_flagged_alone_with_the_references_word() {
        let refr = "The mayor said: \"It protects the people who keep this port running.\"";
        let config = Config::default();
        let found = |cand: &str| {
            with_context(cand, refr, &config, None, |cx| {
                find(cx, &config.garbled, &[])
                    .into_iter()
                    .map(|f| (f.text, f.suggestion, f.reference.map(|r| r.text)))
                    .collect::<Vec<_>>()
            })
        };
        let people = |w: &str| {
            vec![(
                w.to_string(),
                Some("people".to_string()),
                Some("people".to_string()),
            )]
        };
        // An inflection, inside, first or last of the quoted part.
        assert_eq!(
            found("\"It protects the peoples who keep this port running,\" he said."),
            people("peoples")
        );
        assert_eq!(
            found("\"It protects the people who keep this port run,\" he said."),
            vec![(
                "run".to_string(),
                Some("running".to_string()),
                Some("running".to_string())
            )]
        );
        // Another word first is flagged; another inflection of the first
        // word is the host sentence's grammar.
        let first = found("The mayor said it \"guards the people who keep this port running\".");
        assert_eq!(first.len(), 1, "{first:?}");
        assert_eq!(first[0].0, "guards");
        assert!(
            found("The mayor said it \"protected the people who keep this port running\".")
                .is_empty()
        );
        // A quote of part of the reference's quote, one word substituted.
        let got = found("\"it shields the people who keep this port\" going");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "shields");
        assert_eq!(got[0].1.as_deref(), Some("protects"));
        // A part quoted word for word, and two changed words (one finding
        // on the whole quote, as before).
        assert!(found("He said \"the people who keep this port\" matter.").is_empty());
        let two = found("\"It protects the peoples who kept this port running,\" he said.");
        assert_eq!(two.len(), 1);
        assert!(two[0].0.starts_with('"'), "{two:?}");
    }

    #[test]
    fn substitution_needs_the_same_place() {
        let words = |text: &'static str| -> Vec<Word<'static>> {
            text.split(' ')
                .map(|w| Word {
                    key: w.to_string(),
                    norm: w,
                    text: w,
                    start: 0,
                    end: 0,
                })
                .collect()
        };
        let one = |c: &'static str, r: &'static str| {
            single_substitution(&words(c), &words(r)).map(|(a, b)| (a.text, b.text))
        };
        assert_eq!(one("a b c d e", "a b x d e"), Some(("c", "x")));
        // A word dropped here and another added there is not one substitution.
        assert_eq!(one("a b c d e", "a x b d e"), None);
        assert_eq!(one("a b c d", "a b c d"), None);
        assert_eq!(one("a b c d", "z y a b c d q r"), None);
    }

    #[test]
    fn us_and_uk_spellings_are_not_changed_words() {
        assert!(mismatches(
            "\"We must immediately mobilise substantial funds,\" he said.",
            "He said: \"We must immediately mobilize substantial funds.\""
        )
        .is_empty());
    }

    /// Short-quote findings: (flagged text, suggestion, reference evidence).
    fn short(cand: &str, refr: &str, alignment: Option<Alignment>) -> Vec<Found> {
        let config = Config::default();
        with_context(cand, refr, &config, alignment, |cx| {
            assert!(
                !cx.alignment.pairs.is_empty() || cx.alignment.mode == Mode::Comparable,
                "the test pair should align"
            );
            find(cx, &config.garbled, &[])
                .into_iter()
                .map(|f| (f.text, f.suggestion, f.reference.map(|r| r.text)))
                .collect()
        })
    }

    type Found = (String, Option<String>, Option<String>);

    fn found(ours: &str, theirs: &str) -> Found {
        (
            ours.to_string(),
            Some(theirs.to_string()),
            Some(theirs.to_string()),
        )
    }

    const KREMLIN: &str =
        "Putin greeted Xi as a \"dear comrade\" in the Kremlin on Monday. The talks lasted three hours.";

    #[test]
    fn short_quote_with_a_changed_word_is_flagged_on_that_word() {
        // The seeds' "dear friend" for the reference's "dear comrade".
        let got = short(
            "Putin greeted Xi as a \u{201c}dear friend\u{201d} in the Kremlin on Monday. The talks \
             lasted three hours.",
            KREMLIN,
            None,
        );
        assert_eq!(got, vec![found("friend", "comrade")]);
        let config = Config::default();
        let message = with_context(
            "Putin greeted Xi as a \"dear friend\" in the Kremlin on Monday.",
            KREMLIN,
            &config,
            None,
            |cx| find(cx, &config.garbled, &[]).pop().map(|f| f.message),
        );
        assert_eq!(
            message.as_deref(),
            Some("this quote has \"friend\" where the reference's quote has \"comrade\"")
        );
        assert_eq!(
            short(
                "The minister called the summit a \"great success\" for both sides.",
                "The minister called the summit a \"complete success\" for both sides.",
                None,
            ),
            vec![found("great", "complete")]
        );
    }

    #[test]
    fn two_changed_words_of_a_short_quote_are_flagged() {
        let refr = "She wished them a \"deep and happy bond\" at the wedding in Paris.";
        // Apart: one finding each; side by side: one finding on both.
        assert_eq!(
            short(
                "She wished them a \"long and happy friendship\" at the wedding in Paris.",
                refr,
                None
            ),
            vec![found("long", "deep"), found("friendship", "bond")]
        );
        assert_eq!(
            short(
                "He said \"a new era begins\" for the two countries after the summit.",
                "He said \"a bright future begins\" for the two countries after the summit.",
                None
            ),
            vec![found("new era", "bright future")]
        );
        // A word added inside the quote; one more at its edge is none.
        let refr = "She wished them a \"happy bond\" at the wedding in Paris.";
        let added = short(
            "She wished them a \"happy lasting bond\" at the wedding in Paris.",
            refr,
            None,
        );
        assert_eq!(
            added,
            vec![(
                "lasting".to_string(),
                None,
                Some("\"happy bond\"".to_string())
            )]
        );
        assert!(short(
            "She wished them a \"happy bond forever\" at the wedding in Paris.",
            refr,
            None
        )
        .is_empty());
    }

    #[test]
    fn short_quotes_that_are_not_a_drift_pass() {
        // Three changed words: another quote, not a drift.
        assert!(short(
            "He said \"the new golden era\" for the two countries after the summit.",
            "He said \"the bright shining future\" for the two countries after the summit.",
            None
        )
        .is_empty());
        // Case, punctuation and US/UK spelling.
        assert!(short(
            "Putin greeted Xi as a \"Dear Comrade!\" in the Kremlin on Monday.",
            KREMLIN,
            None
        )
        .is_empty());
        assert!(short(
            "The minister called the visit a \"great honour\" for both sides.",
            "The minister called the visit a \"great honor\" for both sides.",
            None
        )
        .is_empty());
        // Spelling after an inflection, compounds written apart, and
        // function words are no difference either.
        for (cand, refr) in [
            ("\"city centre\"", "\"city center\""),
            ("\"E-account service\"", "\"E Account service\""),
            ("\"it will be done\"", "\"it is done\""),
        ] {
            let text = |q: &str| format!("The mayor said the {q} would open in May next year.");
            let got = short(&text(cand), &text(refr), None);
            assert!(got.is_empty(), "{cand} / {refr}: {got:?}");
        }
        // No aligned sentence: no evidence.
        let none = Alignment {
            mode: Mode::Comparable,
            pairs: Vec::new(),
        };
        assert!(short(
            "Putin greeted Xi as a \"dear friend\" in the Kremlin on Monday.",
            KREMLIN,
            Some(none)
        )
        .is_empty());
        // A one-word quote.
        assert!(short(
            "Putin greeted Xi as a \"friend\" in the Kremlin on Monday.",
            "Putin greeted Xi as a \"comrade\" in the Kremlin on Monday.",
            None
        )
        .is_empty());
        // A word another check flagged.
        let config = Config::default();
        let cand = "Putin greeted Xi as a \"dear friend\" in the Kremlin on Monday.";
        let at = cand.find("friend").unwrap_or(0);
        assert!(with_context(cand, KREMLIN, &config, None, |cx| {
            find(cx, &config.garbled, &[(at, at + 6)])
        })
        .is_empty());
    }

    #[test]
    fn enclosed_pairs_are_those_another_pair_spans() {
        use super::super::unbalanced_punctuation::Family;
        let pair = |open, close| QuotePair {
            open,
            close,
            family: Family::Single,
        };
        // Nested, side by side, sharing an end, and a chain of three.
        let pairs = [
            pair(0, 9),
            pair(1, 3),
            pair(4, 9),
            pair(10, 20),
            pair(11, 19),
            pair(12, 18),
            pair(21, 22),
        ];
        let brute: Vec<bool> = pairs
            .iter()
            .map(|p| pairs.iter().any(|o| o.open < p.open && p.close < o.close))
            .collect();
        assert_eq!(enclosed(&pairs), brute);
        assert_eq!(brute, [false, true, false, false, true, true, false]);
    }

    /// Finding the quotes is linear in the article, nested or not: the
    /// work on 2n quote marks is about twice that on n (issue #26).
    #[test]
    fn quote_work_doubles_with_the_quotes() {
        for unit in ["\"'", "'a' ", "‘x’ “y” ", "« ‘a ‘b’ c’ » ", "“a ‘b "] {
            let (a, b, ratio) = crate::cost::doubling(3000, |n| {
                quotes(&Article::from_text("t", unit.repeat(n)));
            });
            assert!(ratio < 3.0, "{unit:?}: {a} then {b} steps");
        }
    }

    #[test]
    fn word_diff_groups_adjacent_changes() {
        let keys = |t: &str| t.split(' ').map(str::to_string).collect::<Vec<_>>();
        let diff = |c: &str, r: &str| {
            word_diff(&keys(c), &keys(r), |a, b| a == b)
                .into_iter()
                .map(|g| (g.cand, g.refr))
                .collect::<Vec<_>>()
        };
        assert_eq!(diff("a b", "a b"), vec![]);
        assert_eq!(diff("a b c d", "x b y d"), vec![(0..1, 0..1), (2..3, 2..3)]);
        assert_eq!(diff("a b c d", "a x y d"), vec![(1..3, 1..3)]);
        assert_eq!(diff("a b c", "a c"), vec![(1..2, 1..1)]);
        assert_eq!(diff("a c", "z a c"), vec![(0..0, 0..1)]);
    }
}
