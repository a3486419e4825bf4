//! What the checks know about words and languages, shared by them and by
//! the report: nothing here emits a finding.
//!
//! - **Reference index** (`RefWords`). The reference's words, hyphenated
//!   parts, names (shortest first), adjacent word pairs (by modifier and by
//!   head word) and the pieces of its web and e-mail addresses, which
//!   `non-word`, `near-miss` and the language scan look things up in. They
//!   depend on the reference alone, so they are built once per reference
//!   article and kept with it (`crate::prepared`); in a batch the rows that
//!   share a reference share them.
//! - **Dictionary** ([`dict`]). The vendored Hunspell `en_US` and `en_GB`
//!   dictionaries and `dict/words-extra.txt` are embedded in the binary
//!   (dict/README.md says where each comes from). Per word token the path is
//!   two hash look-ups in the reference index and at most two Hunspell
//!   look-ups (~26 ns each, memoised per thread), without allocation unless
//!   the word has a typographic apostrophe or hyphen, which is folded first.
//!   The dictionaries are parsed once per process, side by side (~50 ms).
//! - **Language scan** ([`language`]): the article's language and which of
//!   its sentences are in another language or script, read by
//!   `wrong-language`, `untranslated-fragment` (the sentences it leaves to
//!   `wrong-language`), `non-word` and `near-miss` (which do not check
//!   foreign sentences word by word) and the report.
//! - **Word helpers**: possessives, capitals, acronyms, sentence starts,
//!   function words, crude stems, inflections, US/UK spelling keys, address
//!   shapes.

pub mod dict;
pub mod language;
mod lists;

pub(crate) use lists::{WordList, WordTable};

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::text::{Article, Token, TokenKind};
use dict::English;
use std::borrow::Cow;
use std::sync::Arc;

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
    article
        .prepared()
        .reference_index
        .get_or_compute(|| RefWords::new(article))
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
            .filter(|run| looks_like_address(run))
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

/// Top-level domains an address may end in (with one dot; two or more
/// dots, "english.news.cn", need none): a missing space after a full stop
/// ("said.the") is no address.
const DOMAIN_ENDINGS: &[&str] = &[
    "com", "net", "org", "gov", "edu", "int", "mil", "info", "biz", "io", "co", "uk", "cn", "ru",
    "de", "fr", "jp", "kr", "tw", "hk", "sg", "in", "au", "ca", "us", "eu", "tv", "me",
];

/// A run of text that is an address: it has `://`, starts with `www.` or
/// `@`, has an `@` between letters, or ends in a dot and a lowercase
/// top-level-domain-like piece after a letter: a known ending
/// ([`DOMAIN_ENDINGS`], "ChinaNews.com") or any two to four letters after
/// two dots ("English.news.cn"). Trailing sentence punctuation is ignored.
pub(crate) fn looks_like_address(run: &str) -> bool {
    // Every form below has a '.', '@' or ':' (most words have none).
    if !run.bytes().any(|b| matches!(b, b'.' | b'@' | b':')) {
        return false;
    }
    let run = run.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
    let www = run.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
    if run.contains("://") || www || run.starts_with('@') {
        return run.len() > 1;
    }
    if let Some(at) = run.find('@') {
        let before = run[..at].chars().next_back();
        let after = run[at + 1..].chars().next();
        if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
            return true;
        }
    }
    match run.rsplit_once('.') {
        Some((head, tld)) => {
            head.chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && (2..=4).contains(&tld.len())
                && tld.bytes().all(|b| b.is_ascii_lowercase())
                && (head.contains('.') || DOMAIN_ENDINGS.contains(&tld))
        }
        None => false,
    }
}

/// Whether `text` is English or made of English/reference words.
pub(crate) fn is_known(en: &English, index: &RefIndex<'_>, text: &str) -> bool {
    let folded: Cow<'_, str> = if text.contains(['\u{2019}', '\u{02BC}', '\u{2010}', '\u{2011}']) {
        Cow::Owned(
            text.chars()
                .map(|c| match c {
                    '\u{2019}' | '\u{02BC}' => '\'',
                    '\u{2010}' | '\u{2011}' => '-',
                    c => c,
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    };
    let word = strip_possessive(&folded);
    if en.check(word) || en.check(&folded) {
        return true;
    }
    if !word.contains('-') {
        return false;
    }
    // "co-operate" → "cooperate", "e-mail" → "email".
    if en.check(&word.replace('-', "")) {
        return true;
    }
    let parts: Vec<&str> = word.split('-').collect();
    let last_capitalised = parts.last().is_some_and(|p| is_capitalised(p));
    parts.iter().enumerate().all(|(k, part)| {
        part_is_known(en, index, part)
            // A short prefix before a name: "neo-Nazism", "pro-Beijing".
            || (k + 1 < parts.len()
                && last_capitalised
                && part.chars().count() <= 5
                && part.chars().all(|c| c.is_ascii_lowercase()))
    })
}

fn part_is_known(en: &English, index: &RefIndex<'_>, part: &str) -> bool {
    let mut chars = part.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        // Single letters: "U-turn", "X-ray", "T-shirt".
        (Some(_), None) => true,
        _ => {
            en.check(part)
                || is_capitalised(part)
                || part.chars().any(|c| c.is_ascii_digit())
                || index.parts.contains(part)
                || index.words.contains_key(part)
        }
    }
}

/// A comparison key that merges US and UK spellings: "s" for "z"
/// ("mobilise"/"mobilize"), "or" for "our", "er" for a final "re", one "l"
/// for "ll". Only for comparing two words already found different.
pub(crate) fn spelling_key(word: &str) -> String {
    // Each rewrite only where it applies: most words need none, and a
    // `replace` always copies.
    let mut key = word.to_string();
    if key.contains('z') {
        key = key.replace('z', "s");
    }
    if key.contains("our") {
        key = key.replace("our", "or");
    }
    if key.contains("ll") {
        key = key.replace("ll", "l");
    }
    if key.ends_with("tre") {
        key.truncate(key.len() - 3);
        key.push_str("ter");
    }
    key
}

/// Whether two words are inflections of one base ("defend"/"defends",
/// "development"/"developments", "country"/"countries", "use"/"used").
pub(crate) fn is_inflection_of(a: &str, b: &str) -> bool {
    let (ba, bb) = (inflection_base(a), inflection_base(b));
    ba == bb || ba == b || bb == a
}

/// The word with one regular inflection removed: plural/3rd person "s",
/// "es", "ies", past "ed"/"ied", "ing", comparative "er"/"est", possessive;
/// a trailing silent "e" is dropped so "use"/"used"/"using" meet.
pub(crate) fn inflection_base(word: &str) -> &str {
    let w = strip_possessive(word);
    for suffix in ["ies", "ied", "ing", "est", "ed", "er", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 2 {
                return base.strip_suffix('e').unwrap_or(base);
            }
        }
    }
    let w = w
        .strip_suffix('y')
        .filter(|b| b.chars().count() >= 3)
        .unwrap_or(w);
    w.strip_suffix('e')
        .filter(|b| b.chars().count() >= 2)
        .unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The rewrites applied only where they apply give the chain of
        /// `replace`s they stand for.
        #[test]
        fn spelling_key_is_the_replace_chain(word in "[zsourltea]{0,12}") {
            let mut chain = word.replace('z', "s").replace("our", "or").replace("ll", "l");
            if chain.ends_with("tre") {
                chain.truncate(chain.len() - 3);
                chain.push_str("ter");
            }
            proptest::prop_assert_eq!(spelling_key(&word), chain);
        }
    }

    #[test]
    fn spelling_keys_merge_us_and_uk_spellings() {
        assert_eq!(spelling_key("mobilize"), spelling_key("mobilise"));
        assert_eq!(spelling_key("colour"), spelling_key("color"));
        assert_eq!(spelling_key("centre"), spelling_key("center"));
        assert_eq!(spelling_key("travelled"), spelling_key("traveled"));
        assert_ne!(spelling_key("colour"), spelling_key("collar"));
    }

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
