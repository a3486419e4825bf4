//! Rule-based sentence segmentation for news English.
//!
//! Works on tokens, so every sentence is a token range with byte offsets.
//! Rules, in order: a paragraph break always ends a sentence; a line break ends
//! one unless the next line continues it in lower case (hard-wrapped text);
//! terminal punctuation (with any closing quotes or brackets glued to it) ends
//! one when what follows starts like a sentence, unless the period belongs to
//! an abbreviation ("Mr.", "Nov. 8", "U.S. President", initials).

use std::ops::Range;

use super::tokenize::{Token, TokenKind};

/// A sentence: `tokens` indexes the article's tokens; `start..end` is its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
    /// Index of the paragraph (0-based) the sentence belongs to.
    pub paragraph: usize,
}

/// Abbreviations after which a period does not end a sentence when followed
/// by a number or a capitalised name (titles, months, and the like).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "cmdr",
    "sgt", "st", "jr", "sr", "rev", "hon", "pres", "amb", "adm", "maj", "supt", "messrs", "mt",
    "ft", "fig", "no", "nos", "vol", "vols", "pp", "p", "op", "art", "approx", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "vs", "v", "cf", "al",
    "inc", "corp", "ltd", "co", "bros", "ave", "blvd", "rd", "univ", "assn", "e.g", "i.e", "etc",
];

/// Abbreviations that never end a sentence (a name always follows).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "cmdr",
    "sgt", "rev", "hon", "pres", "amb", "adm", "maj", "supt", "messrs", "mt", "st",
];

/// Words that start sentences and rarely follow "U.S." inside one.
const SENTENCE_STARTERS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "the",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "a",
    "an",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "however",
    "meanwhile",
    "so",
    "yet",
    "for",
    "some",
    "many",
    "most",
    "all",
];

fn is_terminal(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "…" | "。" | "！" | "？")
        || tok.chars().all(|c| c == '.') && tok.len() > 1
}

fn is_closer(tok: &str) -> bool {
    matches!(
        tok,
        "\"" | "'" | "\u{201D}" | "\u{2019}" | "\u{00BB}" | "\u{203A}" | ")" | "]" | "}" | "）"
    )
}

/// Counts line breaks in a gap between tokens (CRLF, LF and CR each count once).
pub fn line_breaks(gap: &str) -> usize {
    let mut n = 0;
    let mut prev_cr = false;
    for c in gap.chars() {
        match c {
            '\r' => {
                n += 1;
                prev_cr = true;
            }
            '\n' => {
                if !prev_cr {
                    n += 1;
                }
                prev_cr = false;
            }
            '\u{2028}' | '\u{2029}' | '\u{0085}' => {
                n += 1;
                prev_cr = false;
            }
            _ => prev_cr = false,
        }
    }
    n
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn starts_like_sentence(s: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Quote => true,
        TokenKind::Number => true,
        TokenKind::Punct => matches!(s, "(" | "[" | "-" | "–" | "—" | "¿" | "¡"),
        TokenKind::Word => s.chars().next().is_some_and(|c| !c.is_lowercase()),
        TokenKind::Symbol => true,
    }
}

/// Splits tokens into sentences.
pub fn segment(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    if tokens.is_empty() {
        return sentences;
    }
    let mut paragraph = 0usize;
    let mut first = 0usize;
    let mut i = 0usize;
    while i < tokens.len() {
        let tok = &tokens[i];
        let here = tok.text(text);
        let mut last = i;
        let mut boundary = false;
        if is_terminal(here) || (tok.kind == TokenKind::Word && here.ends_with('.')) {
            // Glue closing quotes/brackets that touch the punctuation.
            while let Some(next) = tokens.get(last + 1) {
                if next.start == tokens[last].end && is_closer(next.text(text)) {
                    last += 1;
                } else {
                    break;
                }
            }
            boundary = match tokens.get(last + 1) {
                None => true,
                Some(next) => ends_sentence(text, tokens, i, next),
            };
        }
        let next_start = tokens.get(last + 1).map(|t| t.start);
        let mut new_paragraph = false;
        if let Some(ns) = next_start {
            let gap = &text[tokens[last].end..ns];
            let breaks = line_breaks(gap);
            if breaks >= 2 {
                boundary = true;
                new_paragraph = true;
            } else if breaks == 1 {
                let next = &tokens[last + 1];
                let continues =
                    starts_lower(next.text(text)) && !is_terminal(tokens[last].text(text));
                if !continues {
                    boundary = true;
                    new_paragraph = true;
                }
            }
        }
        if boundary || last + 1 == tokens.len() {
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[last].end,
                tokens: first..last + 1,
                paragraph,
            });
            first = last + 1;
            if new_paragraph {
                paragraph += 1;
            }
        }
        i = last + 1;
    }
    sentences
}

/// Decides whether the terminal token at `i` ends the sentence, given the next token.
fn ends_sentence(text: &str, tokens: &[Token], i: usize, next: &Token) -> bool {
    let here = tokens[i].text(text);
    let next_text = next.text(text);
    if !starts_like_sentence(next_text, next.kind) {
        return false;
    }
    // A dotted abbreviation token such as "U.S." ends a sentence only before a
    // typical sentence opener ("... in the U.S. He said").
    if tokens[i].kind == TokenKind::Word {
        return SENTENCE_STARTERS.contains(&next.norm.as_str());
    }
    if here != "." || i == 0 {
        return true;
    }
    let prev = &tokens[i - 1];
    if prev.end != tokens[i].start || prev.kind != TokenKind::Word {
        return true;
    }
    let word = prev.norm.as_str();
    let prev_text = prev.text(text);
    // Initials: "J. K. Rowling", "George W. Bush".
    if prev_text.chars().count() == 1 && prev_text.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    if TITLES.contains(&word) {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        // "Nov. 8", "No. 3": a number follows; "Inc. said" is lower case and
        // was handled above. Before a capitalised word it is a real end
        // unless it is a title.
        return next.kind != TokenKind::Number;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        let t = tokenize(s);
        segment(s, &t).iter().map(|x| &s[x.start..x.end]).collect()
    }

    #[test]
    fn news_abbreviations() {
        assert_eq!(
            split("Mr. Xi met Putin on Nov. 8 in Moscow. U.S. President Donald Trump said so."),
            vec![
                "Mr. Xi met Putin on Nov. 8 in Moscow.",
                "U.S. President Donald Trump said so."
            ]
        );
    }

    #[test]
    fn quotes_ending_in_punctuation() {
        assert_eq!(
            split("\"We oppose militarism,\" he said. \"It is over.\" Then he left."),
            vec![
                "\"We oppose militarism,\" he said.",
                "\"It is over.\"",
                "Then he left."
            ]
        );
    }

    #[test]
    fn lines_and_paragraphs() {
        let s = "First line\nSecond line.\r\n\r\nThird";
        let t = tokenize(s);
        let got = segment(s, &t);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got.iter().map(|x| x.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert_eq!(
            split("a hard\nwrapped line."),
            vec!["a hard\nwrapped line."]
        );
    }

    #[test]
    fn question_followed_by_lowercase_continues() {
        assert_eq!(split("\"Why?\" he asked."), vec!["\"Why?\" he asked."]);
    }
}
