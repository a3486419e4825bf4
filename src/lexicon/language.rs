//! The language scan (settings `[language]`): an article's language, and
//! which of its sentences are in another language or script than the
//! article. `wrong-language` reports those sentences
//! (`checks/wrong_language.rs`), `untranslated-fragment` looks inside the
//! others, `non-word` and `near-miss` do not check them word by word, and
//! the report names the article's language.
//!
//! whatlang is unreliable on one short sentence, so a sentence is foreign
//! only when two signals agree:
//! - **script**: most of its letters are in a script other than the
//!   article's (a Chinese sentence in an English article), with at least
//!   `min_script_letters` of them; or
//! - **language**: in an English article, it has at least `min_words`
//!   lower-case words, fewer than `max_english_share` of them are English
//!   dictionary words, and whatlang names another language with confidence
//!   `min_confidence` or more. In other articles, whatlang alone decides,
//!   and only when its answer is reliable.
//!
//! A short sentence (fewer lower-case words than `min_words`, or too many
//! words the large English dictionary happens to list: "nous", "bonne",
//! "pour") is foreign in an English article against an English reference
//! when four pieces of evidence agree: fewer than 80 % of its lower-case
//! words are in the dictionary, at most one in five of its words is an
//! English function word ("the", "is", "of", …), fewer than half of its
//! words occur anywhere in the reference, and whatlang names another
//! language, however unsure. "Wir werden weiter zusammenarbeiten." is
//! caught; an English sentence has function words, and a foreign phrase
//! the reference quotes too shares the reference's words.
//!
//! Names and short phrases ("Jean-Paul Moreau", "coup d'état") leave most
//! of a sentence's lower-case words English, so they are not flagged.
//!
//! The article counts as English when it is in Latin script and at least
//! 60 % of its lower-case words are dictionary words (whatlang can misjudge
//! a short English text); otherwise whatlang decides. The dictionary is
//! consulted before whatlang, so whatlang runs only on the rare sentence
//! whose lower-case words are mostly not English. The article language and
//! the sentence flags are computed once per article and kept with it
//! (`crate::prepared`); the flags depend on the settings and the reference
//! too, so they are kept under the settings and a digest of its text.

use serde::{Deserialize, Serialize};
use whatlang::{Lang, Script};

use super::dict;
use crate::text::{Article, Token, TokenKind};

/// Settings for this check (`[language]` in the config file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LanguageConfig {
    /// Flag passages in another language or script.
    pub enabled: bool,
    /// Fewest lower-case words a Latin-script sentence needs to be judged.
    pub min_words: usize,
    /// Below this share of English dictionary words a sentence may be foreign.
    pub max_english_share: f64,
    /// Smallest whatlang confidence for the other language.
    pub min_confidence: f64,
    /// Fewest letters in the other script for a script-based flag.
    pub min_script_letters: usize,
    /// Flag runs of a non-Latin script inside Latin-script sentences
    /// (`untranslated-fragment`).
    pub fragments: bool,
}

impl Default for LanguageConfig {
    fn default() -> Self {
        LanguageConfig {
            enabled: true,
            min_words: 4,
            max_english_share: 0.5,
            min_confidence: 0.2,
            min_script_letters: 4,
            fragments: true,
        }
    }
}

/// The candidate's and the reference's languages when both are known and
/// they differ: the whole candidate was left in another language.
pub fn other_language_than_reference(
    candidate: &Article,
    reference: &Article,
) -> Option<(Lang, Lang)> {
    match (article_language(candidate), article_language(reference)) {
        (Some(ours), Some(theirs)) if ours != theirs => Some((ours, theirs)),
        _ => None,
    }
}

/// The article's language: English when it is in Latin script and most of
/// its lower-case words are English dictionary words (whatlang can take a short English text for
/// another language), otherwise whatlang's answer for the whole text; `None`
/// (too short to tell) for a Latin-script text of fewer words than the
/// short-sentence test reads ("ok, thanks" is no evidence of a language).
pub fn article_language(article: &Article) -> Option<Lang> {
    *article.prepared().language.get_or_compute(|| {
        let words = article
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .take(SHORT_MIN_WORDS)
            .count();
        if words < SHORT_MIN_WORDS && text_script(&article.text) == Some(Script::Latin) {
            return None;
        }
        // Caseless scripts have no lower-case words: one English word in
        // a Hindi text must not make it English.
        let latin = text_script(&article.text) == Some(Script::Latin);
        let (words, english) = english_words(article, 0..article.tokens.len());
        if latin && words > 0 && english as f64 >= 0.6 * words as f64 {
            return Some(Lang::Eng);
        }
        whatlang::detect(&article.text).map(|info| info.lang())
    })
}

/// What each token of an article is to the English-share tests: not a
/// lower-case word, a lower-case word the dictionary lacks, or an English
/// one. Looked up once per article (the article's language and each
/// sentence's both count them).
pub(crate) struct EnglishTokens(Vec<WordClass>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Other,
    Unknown,
    English,
}

/// Lower-case words among tokens `range` of `article`, and how many are
/// English words.
fn english_words(article: &Article, range: std::ops::Range<usize>) -> (usize, usize) {
    let classes = article.prepared().english_tokens.get_or_compute(|| {
        let Some(en) = dict::english() else {
            return EnglishTokens(Vec::new());
        };
        EnglishTokens(
            article
                .tokens
                .iter()
                .map(|t| word_class(t, &article.text, en))
                .collect(),
        )
    });
    let classes = classes.0.get(range).unwrap_or(&[]);
    let words = classes.iter().filter(|&&c| c != WordClass::Other).count();
    let english = classes.iter().filter(|&&c| c == WordClass::English).count();
    (words, english)
}

fn word_class(t: &Token, text: &str, en: &dict::English) -> WordClass {
    if t.kind != TokenKind::Word
        || t.text(text)
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase())
    {
        return WordClass::Other;
    }
    if en.check(super::strip_possessive(&t.norm)) {
        WordClass::English
    } else {
        WordClass::Unknown
    }
}

/// Whether the article is English, or too short to tell.
pub fn is_english_article(article: &Article) -> bool {
    article_language(article).is_none_or(|l| l == Lang::Eng)
}

/// For each sentence of `article`, whether it is in another language or
/// script than the article.
/// The reference is evidence for short sentences (see the module notes).
pub fn foreign_sentences(
    article: &Article,
    reference: &Article,
    cfg: &LanguageConfig,
) -> std::sync::Arc<Vec<bool>> {
    if !cfg.enabled {
        return std::sync::Arc::new(vec![false; article.sentences.len()]);
    }
    let words = reference_words(reference);
    let key = (cfg.clone(), words.digest);
    article
        .prepared()
        .foreign_sentences
        .get_or_compute(&key, || {
            let words = is_english_article(reference).then_some(&words);
            scan_sentences(article, words, cfg)
        })
}

/// The reference's evidence for the short-sentence test: its words (the
/// garbled check's reference index, shared), and a digest of its text to
/// key the candidate's remembered scan.
struct ReferenceWords {
    digest: u64,
    index: std::sync::Arc<super::RefWords>,
}

fn reference_words(reference: &Article) -> ReferenceWords {
    let digest = reference.prepared().text_digest.get_or_compute(|| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        reference.text.hash(&mut h);
        h.finish()
    });
    ReferenceWords {
        digest: *digest,
        index: super::reference_index(reference),
    }
}

/// Fewest words, and lower-case words, for the short-sentence test.
const SHORT_MIN_WORDS: usize = 4;
const SHORT_MIN_LOWER: usize = 3;
/// Below this share of English dictionary words among its lower-case
/// words a short sentence may be foreign.
const SHORT_MAX_ENGLISH_SHARE: f64 = 0.8;

/// The short-sentence test (see the module notes): few English function
/// words, little shared with the reference, and whatlang names another
/// language.
fn short_sentence_is_foreign(
    article: &Article,
    range: std::ops::Range<usize>,
    text: &str,
    reference: &ReferenceWords,
) -> bool {
    let words: Vec<&Token> = article
        .tokens
        .get(range)
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let lower = words
        .iter()
        .filter(|t| {
            t.text(&article.text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
        .count();
    if words.len() < SHORT_MIN_WORDS || lower < SHORT_MIN_LOWER {
        return false;
    }
    let function = words
        .iter()
        .filter(|t| super::is_function_word(&t.norm))
        .count();
    if function * 5 > words.len() {
        return false;
    }
    let shared = words
        .iter()
        .filter(|t| reference.index.words.contains_key(t.norm.as_str()))
        .count();
    if shared * 2 >= words.len() {
        return false;
    }
    whatlang::detect(text).is_some_and(|d| d.lang() != Lang::Eng)
}

/// `reference` is the English reference's words, `None` when the
/// reference is not English (no short-sentence test then).
fn scan_sentences(
    article: &Article,
    reference: Option<&ReferenceWords>,
    cfg: &LanguageConfig,
) -> Vec<bool> {
    let mut out = vec![false; article.sentences.len()];
    let lang = article_language(article);
    let script = text_script(&article.text);
    for (i, flag) in out.iter_mut().enumerate() {
        *flag = sentence_is_foreign(article, i, lang, script, reference, cfg);
    }
    out
}

fn sentence_is_foreign(
    article: &Article,
    i: usize,
    lang: Option<Lang>,
    script: Option<Script>,
    reference: Option<&ReferenceWords>,
    cfg: &LanguageConfig,
) -> bool {
    let text = article.sentence_text(i);
    // Script: count letters in the article's script and in others.
    let (mut own, mut other) = (0usize, 0usize);
    // ASCII letters are all Latin: an ASCII sentence in a Latin article has
    // no letter in another script (`other` stays 0 and cannot exceed `own`).
    let latin = matches!(script, None | Some(Script::Latin));
    let letters = (!(latin && text.is_ascii())).then(|| text.chars().filter(|c| c.is_alphabetic()));
    for c in letters.into_iter().flatten() {
        if in_script(c, script) {
            own += 1;
        } else {
            other += 1;
        }
    }
    if other >= cfg.min_script_letters && other > own {
        return true;
    }
    let Some(lang) = lang else {
        return false;
    };
    if lang == Lang::Eng {
        // The dictionary first: cheap, and it clears almost every sentence.
        let range = article.sentences.get(i).map_or(0..0, |s| s.tokens.clone());
        let (words, english) = english_words(article, range.clone());
        let short = || {
            // An English sentence's lower-case words are nearly all in the
            // dictionary; a foreign one's only partly (it lists "nous").
            (english as f64) < SHORT_MAX_ENGLISH_SHARE * words as f64
                && reference.is_some_and(|r| short_sentence_is_foreign(article, range, text, r))
        };
        if words < cfg.min_words || english as f64 >= cfg.max_english_share * words as f64 {
            return short();
        }
        let sure = whatlang::detect(text)
            .is_some_and(|d| d.lang() != Lang::Eng && d.confidence() >= cfg.min_confidence);
        return sure || short();
    }
    let Some(detected) = whatlang::detect(text) else {
        return false;
    };
    if detected.lang() == lang || detected.confidence() < cfg.min_confidence {
        return false;
    }
    detected.is_reliable()
}

/// `whatlang::detect_script` of `text`, without its per-character scan of
/// every script when the text is ASCII: whatlang counts ASCII letters as
/// Latin and every other ASCII character as none, so such a text is Latin
/// when it has a letter and has no script otherwise.
pub(crate) fn text_script(text: &str) -> Option<Script> {
    if text.is_ascii() {
        text.bytes()
            .any(|b| b.is_ascii_alphabetic())
            .then_some(Script::Latin)
    } else {
        whatlang::detect_script(text)
    }
}

/// Whether letter `c` belongs to `script` (Latin when unknown).
fn in_script(c: char, script: Option<Script>) -> bool {
    match script {
        None | Some(Script::Latin) => {
            c.is_ascii_alphabetic()
                || ('\u{00C0}'..='\u{024F}').contains(&c)
                || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        }
        Some(s) => {
            let mut buf = [0u8; 4];
            whatlang::detect_script(c.encode_utf8(&mut buf)) == Some(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(text: &str) -> Vec<bool> {
        let reference = Article::from_text("r", ENGLISH);
        foreign_sentences(
            &Article::from_text("t", text),
            &reference,
            &LanguageConfig::default(),
        )
        .to_vec()
    }

    const ENGLISH: &str = "The president arrived in Moscow on Thursday for a four-day visit. \
        He met the leaders of both chambers of parliament and spoke about trade. ";

    proptest::proptest! {
        /// The ASCII shortcut gives whatlang's answer for any text.
        #[test]
        fn text_script_is_whatlangs(text in "[\\x00-\\x7f]{0,40}|.{0,12}") {
            proptest::prop_assert_eq!(text_script(&text), whatlang::detect_script(&text));
        }
    }

    #[test]
    fn text_script_of_ascii_without_letters_is_none() {
        assert_eq!(text_script("12, 3.5 -- ?!"), None);
        assert_eq!(text_script("\x7f"), whatlang::detect_script("\x7f"));
        assert_eq!(text_script("a1"), Some(Script::Latin));
    }

    #[test]
    fn french_sentence_in_english_article() {
        let text = format!(
            "{ENGLISH}Le président a déclaré que les deux pays allaient renforcer leur coopération.\n\
             The talks ended late in the evening."
        );
        assert_eq!(flags(&text), vec![false, false, true, false]);
    }

    #[test]
    fn chinese_sentence_in_english_article() {
        let text = format!("{ENGLISH}\n习近平表示，中俄两国将共同维护第二次世界大战的历史。\n");
        assert_eq!(flags(&text), vec![false, false, true]);
    }

    #[test]
    fn names_and_short_phrases_stay_english() {
        let text = format!(
            "{ENGLISH}Jean-Paul Moreau called the move a coup d'état by the old guard. \
             Officials in Kiev and Beijing said nothing."
        );
        assert!(flags(&text).iter().all(|f| !f));
    }

    #[test]
    fn short_chinese_name_in_english_sentence_is_not_flagged() {
        let text = format!("{ENGLISH}The paper 人民日报 reported it.");
        assert!(flags(&text).iter().all(|f| !f));
    }
}
