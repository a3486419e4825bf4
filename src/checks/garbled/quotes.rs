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

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::nearmiss::{inflection_base, spelling_key};
use super::punctuation::{quote_pairs, QuotePair};
use super::{is_function_word, stem, GarbledConfig};
use crate::checks::Context;
use crate::finding::{Finding, Kind};
use crate::text::Article;

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
    let mut out = Vec::new();
    for (k, p) in pairs.iter().enumerate() {
        // A single-quoted quote inside another quote is part of that one.
        if p.family == super::punctuation::Family::Single && inside_other(&pairs, k) {
            continue;
        }
        let (Some(open), Some(close)) = (article.tokens.get(p.open), article.tokens.get(p.close))
        else {
            continue;
        };
        let mut words = Vec::new();
        let mut all = Vec::new();
        let mut seen = HashSet::new();
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

/// How a word is compared across quotes: inflection and US/UK spelling aside.
fn base_key(norm: &str) -> String {
    spelling_key(inflection_base(norm))
}

fn inside_other(pairs: &[QuotePair], k: usize) -> bool {
    let Some(p) = pairs.get(k) else {
        return false;
    };
    pairs
        .iter()
        .enumerate()
        .any(|(j, o)| j != k && o.open < p.open && p.close < o.close)
}

/// `flagged` holds byte spans other garbled checks already flagged: a quote
/// whose only changed words are those is not flagged again.
pub(super) fn find(
    cx: &Context<'_>,
    cfg: &GarbledConfig,
    flagged: &[(usize, usize)],
) -> Vec<Finding> {
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
    let mut out = Vec::new();
    for q in &cand_quotes {
        if q.words.len() < cfg.quote_min_words {
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
            continue;
        };
        let overlap = shared as f64 / q.stems.len().max(1) as f64;
        if shared < MIN_SHARED || overlap < cfg.quote_min_overlap {
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
        let message = if theirs.is_empty() {
            format!("this quote adds {} to the reference's quote", named(&ours))
        } else {
            format!(
                "this quote has {} where the reference's quote has {}",
                named(&ours),
                named(&theirs)
            )
        };
        out.push(
            Finding::new(Kind::QuoteMismatch, cx.candidate, q.start, q.end, message)
                .with_reference(cx.reference, r.start, r.end),
        );
    }
    out
}

/// Longest quotes (in words, per side) compared word by word.
const MAX_DIFF_WORDS: usize = 200;

/// The one word `cand` has in place of one word of `refr`, when that is
/// the only difference between the two word sequences once reference
/// words before and after the quoted part are set aside.
fn single_substitution<'q, 'a>(
    cand: &'q [Word<'a>],
    refr: &'q [Word<'a>],
) -> Option<(&'q Word<'a>, &'q Word<'a>)> {
    let (n, m) = (cand.len(), refr.len());
    if n <= MIN_SHARED || n > MAX_DIFF_WORDS || m > MAX_DIFF_WORDS {
        return None;
    }
    // Longest common subsequence lengths of the suffixes.
    let width = m + 1;
    let at = |i: usize, j: usize| i * width + j;
    let mut lcs = vec![0u16; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if cand[i].key == refr[j].key {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    // Walk one alignment, noting each left-out word with the number of
    // matches before it (words in the same gap have the same number).
    let (mut i, mut j, mut matches) = (0, 0, 0);
    let (mut cand_only, mut ref_only) = (Vec::new(), Vec::new());
    let mut matched_ref = Vec::new();
    while i < n || j < m {
        if i < n && j < m && cand[i].key == refr[j].key {
            matched_ref.push(j);
            matches += 1;
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            ref_only.push((j, matches));
            j += 1;
        } else {
            cand_only.push((i, matches));
            i += 1;
        }
    }
    let (&first, &last) = (matched_ref.first()?, matched_ref.last()?);
    // Reference words beyond the quoted part are not differences, except
    // the one next to it when the candidate has a word of its own there
    // (it replaced that one).
    ref_only.retain(|&(j, gap)| {
        (first < j && j < last)
            || ((j + 1 == first || j == last + 1) && cand_only.iter().any(|&(_, g)| g == gap))
    });
    match (cand_only.as_slice(), ref_only.as_slice()) {
        (&[(c, gap)], &[(r, ref_gap)]) if gap == ref_gap => Some((cand.get(c)?, refr.get(r)?)),
        _ => None,
    }
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
        assert!(got[0].1.contains("\"defend\""), "{}", got[0].1);
        assert!(got[0].1.contains("\"preserve\""), "{}", got[0].1);
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
}
