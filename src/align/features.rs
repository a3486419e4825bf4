//! Per-sentence features, computed once per sentence (never per pair), and
//! the light chrF-like similarity the aligner runs on.
//!
//! A sentence becomes: a sorted multiset of hashed character n-grams (orders
//! [`MIN_ORDER`]..=[`MAX_ORDER`], word characters only, whitespace and
//! punctuation dropped, lowercase), a sorted set of hashed anchors (numbers,
//! capitalised names, words inside double quotes) and a sorted set of hashed
//! word stems for the inverted index.

use crate::text::{Article, Token, TokenKind};

/// Smallest character n-gram order.
pub const MIN_ORDER: usize = 2;
/// Largest character n-gram order.
pub const MAX_ORDER: usize = 5;
const ORDERS: usize = MAX_ORDER - MIN_ORDER + 1;
/// The order lives in the top bits of a gram key so keys sort by order.
const ORDER_SHIFT: u32 = 60;
const HASH_MASK: u64 = (1 << ORDER_SHIFT) - 1;
/// Characters of a word that make its stem ("hegemony" and "hegemonic" share "hegem").
const STEM_CHARS: usize = 5;

/// Function words that are neither names (when capitalised) nor stems.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "are", "as", "at", "be", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "during",
    "each", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "last", "many", "may", "more", "most", "mr", "mrs", "ms", "new",
    "not", "now", "of", "on", "one", "or", "other", "our", "out", "over", "said", "says", "she",
    "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "under", "until", "up", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would",
    "year", "you",
];

fn is_stopword(norm: &str) -> bool {
    STOPWORDS.binary_search(&norm).is_ok()
}

/// What the aligner knows about one sentence (or several merged ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// `order << 60 | hash` of every n-gram, sorted, repeats kept: a sorted
    /// multiset, so a merge walk counts clipped matches directly.
    grams: Vec<u64>,
    /// Number of n-grams of each order, with multiplicity.
    totals: [u32; ORDERS],
    /// Hashed numbers, names and quoted words; sorted, deduplicated.
    pub anchors: Vec<u64>,
    /// Hashed content-word stems and numbers for the index; sorted, deduplicated.
    pub stems: Vec<u64>,
}

/// Feature sets of every sentence of an article, indexed like `Article::sentences`.
pub fn article_features(article: &Article) -> Vec<Features> {
    (0..article.sentences.len())
        .map(|i| Features::of_tokens(&article.text, article.sentence_tokens(i)))
        .collect()
}

/// Features of each run `i..i + k` merged (`k ≥ 2`), for k:1 and 1:k beads;
/// `shorter` holds the runs of length `k − 1` (the sentences themselves for 2).
pub fn window_merges(sentences: &[Features], shorter: &[Features], k: usize) -> Vec<Features> {
    (0..(sentences.len() + 1).saturating_sub(k))
        .map(|i| match (shorter.get(i), sentences.get(i + k - 1)) {
            (Some(a), Some(b)) => a.merged(b),
            _ => Features::default(),
        })
        .collect()
}

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn hash_str(tag: u64, s: &str) -> u64 {
    s.chars().fold(mix(0, tag), |h, c| mix(h, c as u64))
}

impl Features {
    /// Features of a run of tokens from `text`.
    pub fn of_tokens(text: &str, tokens: &[Token]) -> Features {
        let mut chars: Vec<char> = Vec::new();
        let mut anchors = Vec::new();
        let mut stems = Vec::new();
        let mut in_quote = false;
        let mut first_word = true;
        for tok in tokens {
            match tok.kind {
                TokenKind::Quote => {
                    if is_double_quote(tok.text(text)) {
                        in_quote = !in_quote;
                    }
                }
                TokenKind::Number => {
                    chars.extend(tok.norm.chars());
                    let digits: String = tok.norm.chars().filter(|c| *c != ',').collect();
                    anchors.push(hash_str(1, &digits));
                    stems.push(hash_str(1, &digits));
                    first_word = false;
                }
                TokenKind::Word => {
                    chars.extend(tok.norm.chars().filter(|c| c.is_alphanumeric()));
                    let norm = tok.norm.as_str();
                    let stop = is_stopword(norm);
                    let capital = tok
                        .text(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    if !stop && ((capital && !first_word) || in_quote) {
                        anchors.push(hash_str(2, norm));
                    }
                    if !stop && norm.chars().count() >= 3 {
                        let stem: String = norm.chars().take(STEM_CHARS).collect();
                        stems.push(hash_str(3, &stem));
                    }
                    first_word = false;
                }
                TokenKind::Punct | TokenKind::Symbol => {}
            }
        }
        anchors.sort_unstable();
        anchors.dedup();
        stems.sort_unstable();
        stems.dedup();
        let mut keys = Vec::new();
        let mut totals = [0u32; ORDERS];
        for (slot, n) in (MIN_ORDER..=MAX_ORDER).enumerate() {
            for window in chars.windows(n) {
                let h = window
                    .iter()
                    .fold(mix(0, n as u64), |h, &c| mix(h, c as u64));
                keys.push(((slot as u64) << ORDER_SHIFT) | (h & HASH_MASK));
            }
            totals[slot] = chars.len().saturating_sub(n - 1) as u32;
        }
        keys.sort_unstable();
        Features {
            grams: keys,
            totals,
            anchors,
            stems,
        }
    }

    /// The features of this sentence followed by `other` (n-grams that would
    /// span the join are not added; the difference is negligible).
    pub fn merged(&self, other: &Features) -> Features {
        let mut grams = Vec::with_capacity(self.grams.len() + other.grams.len());
        let (a, b) = (&self.grams, &other.grams);
        let (mut i, mut j) = (0, 0);
        while let (Some(&ka), Some(&kb)) = (a.get(i), b.get(j)) {
            if ka <= kb {
                grams.push(ka);
                i += 1;
            } else {
                grams.push(kb);
                j += 1;
            }
        }
        grams.extend_from_slice(a.get(i..).unwrap_or(&[]));
        grams.extend_from_slice(b.get(j..).unwrap_or(&[]));
        let mut totals = self.totals;
        for (t, o) in totals.iter_mut().zip(other.totals) {
            *t += o;
        }
        Features {
            grams,
            totals,
            anchors: union(&self.anchors, &other.anchors),
            stems: union(&self.stems, &other.stems),
        }
    }

    /// True when the sentence has no word characters at all.
    pub fn is_empty(&self) -> bool {
        self.grams.is_empty() && self.anchors.is_empty()
    }
}

fn is_double_quote(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201C}" | "\u{201D}" | "\u{201E}" | "\u{201F}" | "\u{00AB}" | "\u{00BB}"
    )
}

fn union(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Character n-gram F1, averaged over the orders either side has (like
/// chrF's effective order; β = 1 because alignment needs a symmetric score),
/// in 0..=1.
pub fn char_f(a: &Features, b: &Features) -> f64 {
    let matched = matched_per_order(a, b);
    let mut sum = 0.0;
    let mut orders = 0usize;
    for ((&m, &ta), &tb) in matched.iter().zip(&a.totals).zip(&b.totals) {
        if ta == 0 && tb == 0 {
            continue;
        }
        orders += 1;
        // F1 = 2·matched / (|a| + |b|).
        sum += 2.0 * f64::from(m) / f64::from(ta + tb);
    }
    if orders == 0 {
        0.0
    } else {
        sum / orders as f64
    }
}

/// Clipped n-gram matches between `a` and `b`, per order.
fn matched_per_order(a: &Features, b: &Features) -> [u32; ORDERS] {
    let mut matched = [0u32; ORDERS];
    let (x, y) = (&a.grams, &b.grams);
    let (mut i, mut j) = (0, 0);
    // Most keys do not match: advance both cursors without a data-dependent
    // branch (the hot loop of the whole aligner). Equal keys advance both,
    // so repeats pair off one to one: clipped counts.
    while let (Some(&kx), Some(&ky)) = (x.get(i), y.get(j)) {
        if kx == ky {
            if let Some(m) = matched.get_mut((kx >> ORDER_SHIFT) as usize) {
                *m += 1;
            }
        }
        i += usize::from(kx <= ky);
        j += usize::from(ky <= kx);
    }
    matched
}

/// Dice coefficient of two sorted sets.
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The aligner's sentence similarity in 0..=1: character n-gram F1, blended
/// with the Dice overlap of anchors (numbers, names, quoted words) when either
/// side has any. `anchor_weight` is the blend's share for anchors.
pub fn similarity(a: &Features, b: &Features, anchor_weight: f64) -> f64 {
    let chars = char_f(a, b);
    if a.anchors.is_empty() && b.anchors.is_empty() {
        return chars;
    }
    let w = anchor_weight.clamp(0.0, 1.0);
    (1.0 - w) * chars + w * dice(&a.anchors, &b.anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(s: &str) -> Features {
        let a = Article::from_text("t", s);
        Features::of_tokens(&a.text, &a.tokens)
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn identical_sentences_score_one_and_disjoint_zero() {
        let a = feats("The talks ended on Friday.");
        assert!((char_f(&a, &a) - 1.0).abs() < 1e-9);
        assert!((similarity(&a, &a, 0.3) - 1.0).abs() < 1e-9);
        let b = feats("xyz qqq");
        assert_eq!(char_f(&a, &b), 0.0);
    }

    #[test]
    fn paraphrase_scores_above_unrelated_sentence() {
        let c = feats("In the face of international reflux of unilateralism and hegemony bullying, China will cooperate with Russia.");
        let r = feats("We are currently facing a backlash of unilateralism and acts of hegemonic bullying in the international community.");
        let u = feats("Shapovalova said the delegation was expected to discuss the gas pipeline.");
        assert!(similarity(&c, &r, 0.2) > similarity(&c, &u, 0.2) + 0.1);
    }

    #[test]
    fn anchors_collect_numbers_names_and_quoted_words() {
        let f = feats("He said Putin met \"dear friends\" on 1,200 days.");
        let g = feats("Putin counted 1200 dear friends.");
        // putin, dear, friends, 1200 are anchors on the first side; "He" (first word) is not.
        assert_eq!(f.anchors.len(), 4);
        assert!(dice(&f.anchors, &g.anchors) > 0.0);
    }

    #[test]
    fn merging_two_halves_matches_the_whole_better() {
        let whole = feats("Xi arrived in Moscow on Thursday and praised the deep trust between the two countries.");
        let a = feats("Xi arrived in Moscow on Thursday.");
        let b = feats("He praised the deep trust between the two countries.");
        let m = a.merged(&b);
        assert!(char_f(&m, &whole) > char_f(&a, &whole));
        assert!(char_f(&m, &whole) > char_f(&b, &whole));
    }

    #[test]
    fn empty_input_is_harmless() {
        let e = feats("");
        assert!(e.is_empty());
        assert_eq!(similarity(&e, &e, 0.5), 0.0);
        assert_eq!(similarity(&e, &feats("Words here."), 0.5), 0.0);
    }
}
