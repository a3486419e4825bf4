//! Garbled phrases (check `garbled`, settings `[garbled]`): text a careful
//! English writer would not produce. Each kind is one submodule with its unit
//! tests; `tests/garbled.rs` runs them on the seeds, on `fixtures/garbled/` and
//! on the WMT23 references.
//!
//! | kind | module | rule in one line |
//! |---|---|---|
//! | `non-word` | `nonword.rs` | in neither the US nor the UK Hunspell dictionary, nor SCOWL's larger list, nor the reference |
//! | `near-miss` | `nearmiss.rs` | a name one edit from a reference name, or a phrase whose modifier is another form of the reference's |
//! | `quote-mismatch` | `quotes.rs` | a quote sharing most content stems with a reference quote but with changed words; when one word is all that changed, that word, with the reference's as suggestion |
//! | `unbalanced-punctuation` | `punctuation.rs` | a quote mark or bracket with no partner in its paragraph |
//!
//! Everything here works article-wide, so it keeps working when the alignment
//! has no pairs; where the alignment does pair sentences, the near-miss search
//! looks at the aligned reference sentences first. Sentences the language check
//! ([`super::language`]) finds foreign are not checked word by word, and
//! `non-word` stays silent on an article that is not English.
//!
//! **Reference index** (`RefWords`). The reference's words, hyphenated parts,
//! names (shortest first), adjacent word pairs (by modifier and by head word)
//! and the pieces of its web and e-mail addresses, which non-word and near-miss
//! look things up in, depend on the reference alone, so they are built once per
//! reference article and kept with it ([`Article::memo`]); in a batch the rows
//! that share a reference share them.
//!
//! **Dictionary** ([`dict`]). The vendored Hunspell `en_US` and `en_GB`
//! dictionaries and `dict/words-extra.txt` are embedded in the binary
//! (dict/README.md says where each comes from). Per word token the path is two
//! hash look-ups in the reference index and at most two Hunspell look-ups (~26
//! ns each, memoised per thread), without allocation unless the word has a
//! typographic apostrophe or hyphen, which is folded first. The dictionaries
//! are parsed once per process, side by side (~50 ms). Suggestions, quote
//! matching and near-miss comparisons run only on words and phrases that are
//! already suspicious or on the few quotes of an article.

pub mod dict;
mod nearmiss;
mod nonword;
mod punctuation;
mod quotes;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::{Deserialize, Serialize};

use super::{Check, Context};
use crate::finding::{Finding, Kind};
use crate::text::{Article, Token, TokenKind};
use std::sync::Arc;

/// Settings for this check (`[garbled]` in the config file).
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

pub struct Garbled;

impl Check for Garbled {
    fn name(&self) -> &'static str {
        "garbled"
    }

    fn description(&self) -> &'static str {
        "non-words, near-misses of reference terms, drifted quotes, unbalanced quotes and brackets"
    }
    fn kinds(&self) -> &'static [Kind] {
        &[
            Kind::NonWord,
            Kind::NearMiss,
            Kind::QuoteMismatch,
            Kind::UnbalancedPunctuation,
        ]
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let cfg = &cx.config.garbled;
        let index = RefIndex::new(cx.reference);
        let foreign =
            super::language::foreign_sentences(cx.candidate, cx.reference, &cx.config.language);
        let mut out = Vec::new();
        let mut flagged_words = HashSet::new();
        if cfg.non_word {
            let found = nonword::find(cx, &index, &foreign, cfg);
            flagged_words.extend(found.iter().map(|f| f.start));
            out.extend(found);
        }
        if cfg.near_miss {
            out.extend(nearmiss::find(cx, &index, &foreign, cfg, &flagged_words));
        }
        if cfg.quote_mismatch {
            let flagged: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
            out.extend(quotes::find(cx, cfg, &flagged));
        }
        if cfg.unbalanced_punctuation {
            out.extend(punctuation::find(cx.candidate));
        }
        out
    }
}

/// What the reference uses, indexed for the candidate's look-ups: the
/// article and its [`RefWords`], which depend on it alone and are built
/// once per reference article (a reference checked against many
/// candidates, as in a batch of systems, indexes its words once).
pub(crate) struct RefIndex<'a> {
    pub article: &'a Article,
    known: Arc<RefWords>,
}

/// The reference's words, names and phrases (see [`RefIndex`]).
pub(crate) struct RefWords {
    /// Normalised word → index of its first reference token.
    pub words: HashMap<Box<str>, usize>,
    /// Parts of the reference's hyphenated words ("neo", "nazism").
    pub parts: HashSet<Box<str>>,
    /// Lowercase pieces of the reference's web and e-mail addresses,
    /// handles and domains ("english", "news", "cn" of "English.news.cn").
    pub in_addresses: HashSet<Box<str>>,
    /// Capitalised reference words not at a sentence start (names), unique
    /// by normalised form, with their first token, shortest first (so a
    /// look-up reads only the names of about its length).
    pub names: Vec<(Box<str>, usize)>,
    /// Adjacent word pairs inside a sentence: modifier → head → index of
    /// the first token.
    bigrams: HashMap<Box<str>, HashMap<Box<str>, usize>>,
    /// The pairs of content words by head: head → [(modifier, first
    /// token)], in text order.
    pub by_head: HashMap<Box<str>, Vec<(Box<str>, usize)>>,
}

impl std::ops::Deref for RefIndex<'_> {
    type Target = RefWords;

    fn deref(&self) -> &RefWords {
        &self.known
    }
}

impl<'a> RefIndex<'a> {
    pub fn new(article: &'a Article) -> RefIndex<'a> {
        RefIndex {
            article,
            known: reference_index(article),
        }
    }

    /// Whether the reference uses this normalised word (or its possessive).
    pub fn has(&self, norm: &str) -> bool {
        self.words.contains_key(norm) || self.words.contains_key(strip_possessive(norm))
    }

    /// Whether the reference has the phrase `modifier head`.
    pub fn has_bigram(&self, modifier: &str, head: &str) -> bool {
        self.bigrams
            .get(modifier)
            .is_some_and(|heads| heads.contains_key(head))
    }
}

/// The reference index of `article`, built once and kept with it (the
/// language check's short-sentence test reads its words too).
pub(crate) fn reference_index(article: &Article) -> std::sync::Arc<RefWords> {
    article.memo(0, RefWords::new)
}

impl RefWords {
    fn new(article: &Article) -> RefWords {
        let mut words: HashMap<Box<str>, usize> = HashMap::new();
        let mut parts: HashSet<Box<str>> = HashSet::new();
        let mut names: Vec<(Box<str>, usize)> = Vec::new();
        let mut name_seen = HashSet::new();
        let mut bigrams: HashMap<Box<str>, HashMap<Box<str>, usize>> = HashMap::new();
        for s in &article.sentences {
            let mut prev: Option<usize> = None;
            for i in s.tokens.clone() {
                let Some(t) = article.tokens.get(i) else {
                    continue;
                };
                if !t.is_word() {
                    if t.kind != TokenKind::Number {
                        prev = None;
                    }
                    continue;
                }
                let norm = t.norm.as_str();
                if !words.contains_key(norm) {
                    words.insert(norm.into(), i);
                }
                let base = strip_possessive(norm);
                if !words.contains_key(base) {
                    words.insert(base.into(), i);
                }
                if norm.contains('-') {
                    parts.extend(norm.split('-').map(Box::from));
                }
                let text = t.text(&article.text);
                if is_capitalised(text)
                    && !sentence_initial(article, s.tokens.start, i)
                    && name_seen.insert(base)
                {
                    names.push((base.into(), i));
                }
                if let Some(pt) = prev.and_then(|p| article.tokens.get(p).map(|pt| (p, pt))) {
                    let (p, pt) = pt;
                    let heads = match bigrams.get_mut(pt.norm.as_str()) {
                        Some(heads) => heads,
                        None => bigrams.entry(pt.norm.as_str().into()).or_default(),
                    };
                    if !heads.contains_key(norm) {
                        heads.insert(norm.into(), p);
                    }
                }
                prev = Some(i);
            }
        }
        let in_addresses = article
            .text
            .split_whitespace()
            .filter(|run| nonword::looks_like_address(run))
            .flat_map(|run| run.split(|c: char| !c.is_alphanumeric()))
            .filter(|piece| piece.len() >= 2)
            .map(|piece| Box::from(piece.to_lowercase()))
            .collect();
        names.sort_by_cached_key(|(name, tok)| (name.chars().count(), *tok));
        let mut by_head: HashMap<Box<str>, Vec<(Box<str>, usize)>> = HashMap::new();
        for (modifier, heads) in &bigrams {
            for (head, &tok) in heads {
                if !is_function_word(head) && !is_function_word(modifier) {
                    by_head
                        .entry(head.clone())
                        .or_default()
                        .push((modifier.clone(), tok));
                }
            }
        }
        for v in by_head.values_mut() {
            v.sort_by_key(|&(_, t)| t);
        }
        RefWords {
            words,
            parts,
            in_addresses,
            names,
            bigrams,
            by_head,
        }
    }
}

/// "Putin's" → "Putin", "employers'" → "employers"; anything else unchanged.
pub(crate) fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S", "'", "\u{2019}"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return base;
            }
        }
    }
    word
}

pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Two or more letters, all upper case ("NATO", "UNSC", "NATO's").
pub(crate) fn is_acronym(word: &str) -> bool {
    let base = strip_possessive(word);
    let base = base.strip_suffix('s').unwrap_or(base);
    let mut letters = 0;
    for c in base.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether token `i` starts a sentence or a quoted/introduced clause, where
/// a capital letter says nothing about names.
pub(crate) fn sentence_initial(article: &Article, sentence_start: usize, i: usize) -> bool {
    if i <= sentence_start {
        return true;
    }
    let Some(t) = article.tokens.get(i - 1) else {
        return true;
    };
    match t.kind {
        TokenKind::Word | TokenKind::Number | TokenKind::Symbol => false,
        TokenKind::Quote => true,
        TokenKind::Punct => matches!(t.text(&article.text), ":" | "." | "?" | "!" | "…" | "..."),
    }
}

/// Words that carry little content: left out of quote overlap and of the
/// "identical word" side of a phrase near-miss (the list:
/// `dict/lists/function-words-low-content.txt`).
pub(crate) fn is_function_word(norm: &str) -> bool {
    static LIST: crate::lexicon::WordList = crate::lexicon::WordList::new(include_str!(
        "../../dict/lists/function-words-low-content.txt"
    ));
    LIST.contains(norm)
}

/// A crude stem for overlap: the first five characters of the normalised
/// word, possessive and a plural "s" removed ("memories"/"memory" →
/// "memor", "truths"/"truth" → "truth"). Cheap and good enough to tell
/// whether two quotes use the same words.
pub(crate) fn stem(norm: &str) -> &str {
    let base = strip_possessive(norm);
    match base.char_indices().nth(5) {
        Some((i, _)) => &base[..i],
        None => base.strip_suffix('s').unwrap_or(base),
    }
}

/// Word tokens of `article` as (token index, token), skipping the rest.
pub(crate) fn word_tokens(article: &Article) -> impl Iterator<Item = (usize, &Token)> {
    article
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_and_acronyms() {
        assert_eq!(strip_possessive("Putin's"), "Putin");
        assert_eq!(strip_possessive("employers'"), "employers");
        assert_eq!(strip_possessive("'"), "'");
        assert!(is_acronym("NATO"));
        assert!(is_acronym("NATO's"));
        assert!(is_acronym("UAVs"));
        assert!(!is_acronym("Nato"));
        assert!(!is_acronym("A"));
    }

    #[test]
    fn sentence_initial_after_quote_or_colon() {
        let a = Article::from_text("t", "He said: \"We go.\" Then Moscow, Paris");
        let first = a.sentences[0].tokens.start;
        let idx = |w: &str| a.tokens.iter().position(|t| t.text(&a.text) == w).unwrap();
        assert!(sentence_initial(&a, first, idx("He")));
        assert!(sentence_initial(&a, first, idx("We")));
        assert!(!sentence_initial(&a, first, idx("said")));
    }

    #[test]
    fn stems_fold_plurals_and_long_suffixes() {
        assert_eq!(stem("truths"), stem("truth"));
        assert_eq!(stem("friends"), stem("friend"));
        assert_ne!(stem("defend"), stem("preserve"));
    }
}
