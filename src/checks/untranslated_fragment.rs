//! `untranslated-fragment` (check `untranslated-fragment`, group
//! `language`, settings `[language]`, switched by `fragments`): a run of
//! letters of a non-Latin script
//! (Chinese characters, kana, Hangul, Cyrillic, Arabic, Hebrew,
//! Devanagari, Thai, …) inside a Latin-script candidate. A reader sees
//! "Is that做好 coming?" at once, even where the rest of the sentence is
//! English and the language scan (most letters in another script) does not
//! flag the sentence. Only the sentences the scan leaves are looked in
//! (the others are `wrong-language` passages), and nothing is reported when
//! the whole candidate is in another language than the reference.
//!
//! A fragment is the run from its first to its last letter of such a
//! script; spaces, digits and punctuation inside the run belong to it (a
//! Cyrillic phrase of several words is one fragment), a Latin letter, a
//! symbol or a line break ends it. Signs of a script's block that are not
//! letters (a tone mark, "・", "㈱") never start a fragment. Full-width and CJK punctuation touching either end
//! ("，美新里那个分店") is part of the fragment.
//!
//! Not flagged:
//! - a fragment whose text the reference also has (a name given in both
//!   scripts in both articles), each of its pieces between spaces and
//!   punctuation being found there;
//! - a name glossed in its own script: the fragment follows a capitalised
//!   word and an opening bracket or a dash, and a closing bracket or the
//!   end of the line follows it ("Xi Jinping (习近平)", "Hunan Daily
//!   Online - 华声在线");
//! - a lone letter of an alphabet (Greek "π", "Δ" as a symbol);
//! - symbols, which belong to no script (©, °, ×, emoji).

use whatlang::{Lang, Script};

use super::{Check, Context};
use crate::finding::{Finding, Kind};
use crate::lexicon::language::{
    article_language, foreign_sentences, other_language_than_reference, text_script,
};

pub struct UntranslatedFragment;

impl Check for UntranslatedFragment {
    fn name(&self) -> &'static str {
        "untranslated-fragment"
    }

    fn group(&self) -> &'static str {
        "language"
    }

    fn description(&self) -> &'static str {
        "a few words left in another script inside an otherwise translated sentence"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::UntranslatedFragment]
    }

    fn uses_alignment(&self) -> bool {
        false
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let cfg = &cx.config.language;
        let article = cx.candidate;
        if !cfg.enabled
            || !cfg.fragments
            || other_language_than_reference(article, cx.reference).is_some()
            || article.sentences.is_empty()
            || text_script(&article.text) != Some(Script::Latin)
        {
            return Vec::new();
        }
        let foreign = foreign_sentences(article, cx.reference, cfg);
        fragment_findings(cx, &foreign, article_language(article))
    }
}

/// Fragments of another script in the sentences not already flagged
/// whole, and not spared (see the module notes). Looked for sentence
/// by sentence, so a fragment never runs into a flagged passage or the
/// next sentence.
fn fragment_findings(cx: &Context<'_>, foreign: &[bool], lang: Option<Lang>) -> Vec<Finding> {
    let article = cx.candidate;
    let text = &article.text;
    let mut out = Vec::new();
    for (sentence, _) in article
        .sentences
        .iter()
        .zip(foreign)
        .filter(|&(_, &whole)| !whole)
    {
        // ASCII has no letter of another script.
        let Some(slice) = text
            .get(sentence.start..sentence.end)
            .filter(|t| !t.is_ascii())
        else {
            continue;
        };
        for mut f in fragments(slice) {
            for at in [&mut f.start, &mut f.end, &mut f.core_start, &mut f.core_end] {
                *at += sentence.start;
            }
            let Some(core) = text.get(f.core_start..f.core_end) else {
                continue;
            };
            // Spared when the reference has it, piece by piece.
            let in_reference = pieces(core).all(|p| cx.reference.text.contains(p));
            if in_reference || is_name_gloss(text, &f) {
                continue;
            }
            out.push(Finding::new(
                Kind::UntranslatedFragment,
                article,
                f.start,
                f.end,
                format!(
                    "\"{}\" is in {}, not {}: left untranslated?",
                    shortened(core),
                    f.script_names(),
                    lang.map_or("the article's language", |l| l.eng_name())
                ),
            ));
        }
    }
    out
}

/// `text`, cut to 24 characters with an ellipsis.
fn shortened(text: &str) -> String {
    const MAX: usize = 24;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// One fragment: byte span with attached punctuation, the span of its
/// letters alone, and the scripts of its letters in order of appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    pub core_start: usize,
    pub core_end: usize,
    pub scripts: Vec<Script>,
}

impl Fragment {
    /// "Chinese characters", "Cyrillic script", "Chinese characters and
    /// Japanese kana".
    pub fn script_names(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        for &s in &self.scripts {
            let name = script_name(s);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(" and ")
    }
}

/// How a message names a script.
fn script_name(s: Script) -> &'static str {
    match s {
        Script::Mandarin => "Chinese characters",
        Script::Hiragana | Script::Katakana => "Japanese kana",
        Script::Hangul => "Korean Hangul",
        Script::Cyrillic => "Cyrillic script",
        Script::Arabic => "Arabic script",
        Script::Hebrew => "Hebrew script",
        Script::Greek => "Greek script",
        Script::Devanagari => "Devanagari script",
        Script::Thai => "Thai script",
        Script::Armenian => "Armenian script",
        Script::Georgian => "Georgian script",
        Script::Ethiopic => "Ethiopic script",
        Script::Bengali => "Bengali script",
        Script::Gujarati => "Gujarati script",
        Script::Gurmukhi => "Gurmukhi script",
        Script::Kannada => "Kannada script",
        Script::Malayalam => "Malayalam script",
        Script::Oriya => "Oriya script",
        Script::Tamil => "Tamil script",
        Script::Telugu => "Telugu script",
        Script::Sinhala => "Sinhala script",
        Script::Khmer => "Khmer script",
        Script::Myanmar => "Myanmar script",
        Script::Latin => "Latin script",
    }
}

/// The script of a non-Latin character (whatlang's Unicode blocks), or
/// `None` for ASCII, Latin and characters of no script (symbols, emoji,
/// punctuation outside a script's block). whatlang counts the whole
/// half-width and full-width block as Hangul; only its half-width kana and
/// Hangul are letters of a script here (full-width "Ａ" and "，" are not).
fn foreign_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return None;
    }
    if ('\u{FF00}'..='\u{FFEF}').contains(&c) {
        return match c {
            '\u{FF66}'..='\u{FF9F}' => Some(Script::Katakana),
            '\u{FFA0}'..='\u{FFDC}' => Some(Script::Hangul),
            _ => None,
        };
    }
    let mut buf = [0u8; 4];
    match whatlang::detect_script(c.encode_utf8(&mut buf)) {
        Some(Script::Latin) | None => None,
        s => s,
    }
}

/// Scripts whose single letter is more often a symbol than a word.
fn is_alphabet(s: Script) -> bool {
    matches!(
        s,
        Script::Greek
            | Script::Cyrillic
            | Script::Armenian
            | Script::Georgian
            | Script::Hebrew
            | Script::Arabic
    )
}

/// Full-width forms and CJK punctuation: written with CJK text, attached
/// to a fragment they touch.
fn is_wide_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FE10}'..='\u{FE1F}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
    ) && foreign_script(c).is_none()
}

/// What may sit between two letters of one fragment: spaces (not a line
/// break), ASCII digits and punctuation, general punctuation (dashes,
/// quotes, "…"), the middle dot, and full-width digits and punctuation.
/// A Latin letter, a symbol (currency, maths, arrows, emoji) or a line
/// break ends a fragment, so symbols never string letters together.
fn joins(c: char) -> bool {
    match c {
        '\n' | '\r' => false,
        _ if c.is_ascii() => !c.is_ascii_alphabetic(),
        _ => {
            c.is_whitespace()
                || is_wide_punct(c)
                || matches!(c, '\u{2000}'..='\u{206F}' | '\u{00B7}' | '\u{FF10}'..='\u{FF19}')
        }
    }
}

/// A letter that can stand in a fragment on its own: not the kana length
/// mark "ー", which is also used as a dash.
fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !matches!(c, '\u{30FC}' | '\u{FF70}')
}

/// Every foreign-script fragment of `text`, in order, before sparing.
pub fn fragments(text: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    // The fragment being built: core span, scripts, letters.
    let mut open: Option<(usize, usize, Vec<Script>, usize)> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match foreign_script(c) {
            Some(script) if is_letter(c) => match open.as_mut() {
                Some((_, core_end, scripts, letters)) => {
                    *core_end = end;
                    if !scripts.contains(&script) {
                        scripts.push(script);
                    }
                    *letters += 1;
                }
                None => open = Some((i, end, vec![script], 1)),
            },
            // A mark or sign of a script's block (a Thai tone mark, a
            // virama, "ー") belongs to the fragment when it touches its
            // last character; elsewhere it only sits between letters.
            Some(_) => {
                if let Some((_, core_end, _, _)) = open.as_mut() {
                    if *core_end == i {
                        *core_end = end;
                    }
                }
            }
            None if joins(c) => {}
            None => {
                if let Some(f) = open.take() {
                    out.extend(finish(text, f));
                }
            }
        }
    }
    if let Some(f) = open.take() {
        out.extend(finish(text, f));
    }
    out
}

fn finish(
    text: &str,
    (core_start, core_end, scripts, letters): (usize, usize, Vec<Script>, usize),
) -> Option<Fragment> {
    let needed = if scripts.iter().all(|&s| is_alphabet(s)) {
        2
    } else {
        1
    };
    if letters < needed {
        return None;
    }
    let before = text.get(..core_start)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_wide_punct(c))
        .last()
        .map_or(core_start, |(i, _)| i);
    let after = text.get(core_end..)?;
    let end = core_end
        + after
            .chars()
            .take_while(|&c| is_wide_punct(c))
            .map(char::len_utf8)
            .sum::<usize>();
    Some(Fragment {
        start,
        end,
        core_start,
        core_end,
        scripts,
    })
}

/// The runs of foreign-script characters in a fragment's letters, without
/// the spaces and punctuation between them ("陈伟). 陈伟" → "陈伟", "陈伟").
pub fn pieces(core: &str) -> impl Iterator<Item = &str> {
    core.split(|c: char| foreign_script(c).is_none())
        .filter(|p| !p.is_empty())
}

/// Whether the fragment glosses a name in its own script: a capitalised
/// word, then an opening bracket or a dash, the fragment, then a closing
/// bracket or the end of the line.
pub fn is_name_gloss(text: &str, f: &Fragment) -> bool {
    let (Some(before), Some(after)) = (text.get(..f.core_start), text.get(f.core_end..)) else {
        return false;
    };
    let before = before.trim_end_matches([' ', '\t']);
    let Some(opener) = before.chars().next_back() else {
        return false;
    };
    if !matches!(
        opener,
        '(' | '（' | '[' | '【' | '-' | '–' | '—' | '|' | '｜' | '︱' | '/'
    ) {
        return false;
    }
    let name = before[..before.len() - opener.len_utf8()].trim_end_matches([' ', '\t']);
    let capitalised = name
        .split(|c: char| !c.is_alphanumeric())
        .next_back()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    let after = after.trim_start_matches([' ', '\t']);
    let closed = match after.chars().next() {
        None | Some('\n' | '\r') => true,
        Some(c) => matches!(c, ')' | '）' | ']' | '】'),
    };
    capitalised && closed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        fragments(text)
            .iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn runs_of_foreign_letters_with_attached_wide_punctuation() {
        assert_eq!(spans("Is that做好 coming?"), vec!["做好"]);
        assert_eq!(
            spans("I'm at #ADDRESS #，美新里那个分店"),
            vec!["，美新里那个分店"]
        );
        assert_eq!(
            spans("He said он сказал это вчера and left."),
            vec!["он сказал это вчера"]
        );
        assert_eq!(spans("a「東京タワー」b"), vec!["「東京タワー」"]);
    }

    #[test]
    fn latin_letters_and_line_breaks_end_a_fragment() {
        assert_eq!(spans("习近平 and 普京"), vec!["习近平", "普京"]);
        assert_eq!(spans("北京\n上海"), vec!["北京", "上海"]);
    }

    #[test]
    fn symbols_accents_and_lone_greek_letters_are_not_fragments() {
        assert!(spans("© 2023, 25°C, 3×4, café, naïve, Ångström 🎉 → ✓").is_empty());
        assert!(spans("a π of 3.14 and Δ of 2").is_empty());
        assert_eq!(spans("the ΣΥΡΙΖΑ party"), vec!["ΣΥΡΙΖΑ"]);
        assert!(spans("full-width ＡＢＣ，１２ and ︱ alone").is_empty());
        // Signs of a script's block without a letter, a lone length mark,
        // and symbols between two lone letters.
        assert!(spans("㈱ 〒 ・ ー ～ and Ω ℃ № ¥5 ₹10 ∑ √ ≈ ½ ① ㎡ µm").is_empty());
        assert_eq!(spans("α ∑ β"), Vec::<&str>::new());
        assert_eq!(spans("コーヒー"), vec!["コーヒー"]);
        assert_eq!(spans("half-width ｶﾀｶﾅ"), vec!["ｶﾀｶﾅ"]);
    }

    #[test]
    fn pieces_split_at_spaces_and_punctuation() {
        assert_eq!(pieces("陈伟). 陈伟").collect::<Vec<_>>(), ["陈伟", "陈伟"]);
        assert_eq!(
            pieces("очень важно").collect::<Vec<_>>(),
            ["очень", "важно"]
        );
    }

    #[test]
    fn glossed_names() {
        let gloss = |t: &str| fragments(t).iter().all(|f| is_name_gloss(t, f));
        assert!(gloss("Xi Jinping (习近平) said"));
        assert!(gloss("Hunan Daily Online - 华声在线"));
        assert!(gloss("Xinhua（新华社）reported"));
        assert!(!gloss("Is that做好 coming?"));
        assert!(!gloss("the site - 华声在线"));
        assert!(!gloss("Xi Jinping (习近平 said it"));
    }

    /// Through the check (shared assertions): a fragment inside an English
    /// sentence is flagged, one the reference also has is not, and a whole
    /// sentence in another script is `wrong-language`'s, not a fragment.
    #[test]
    fn the_check_leaves_whole_foreign_sentences_to_wrong_language() {
        use crate::checks::test_support::{assert_flags, assert_quiet};
        const ENGLISH: &str = "The president arrived in Moscow on Thursday for a four-day \
            visit. He met the leaders of both chambers of parliament and spoke about trade. ";
        let cand = format!("{ENGLISH}He asked whether that 做好 plan was coming soon.");
        assert_flags(&cand, ENGLISH, Kind::UntranslatedFragment, "做好");
        assert_quiet(&cand, &format!("{ENGLISH}做好"), Kind::UntranslatedFragment);
        let sentence = "习近平表示，中俄两国将共同维护第二次世界大战的历史。";
        let cand = format!("{ENGLISH}\n{sentence}\n");
        assert_flags(&cand, ENGLISH, Kind::WrongLanguage, sentence);
        assert_quiet(&cand, ENGLISH, Kind::UntranslatedFragment);
    }
}
