//! Tokens with byte spans into the original text.
//!
//! One pass over the text by byte index (no per-character allocation; ASCII
//! tokens are lower-cased without decoding). Kinds: `Word`, `Number`, `Quote`,
//! `Punct`, `Symbol`; whitespace is not a token (line breaks are recovered from
//! the gaps).
//!
//! - Words keep internal hyphens and apostrophes: `neo-Nazism`, `Putin's`,
//!   `Putin’s`, `behind-the-scenes`, trailing `employers'`.
//! - Dotted abbreviations are one word: `U.S.`, `a.m.`, `U.S.A.`, and joined to
//!   hyphens: `anti-U.S.`, `U.S.-led`, `U.S.'s`.
//! - Numbers start with a digit or a currency sign before a digit and keep
//!   digit separators and suffixes: `1,200`, `6.5`, `$4.2bn`, `80th`, `4-day`,
//!   `1990s`. `1026.253.553` is one number; `12, 13` is two.
//! - URLs (`https://…`, `www.…`) and e-mail addresses are one `Symbol` token,
//!   so their dots end no sentence and their parts are not words or numbers.
//! - `...` is one `Punct` token; `. . .` is three.
//! - Invisible format characters ([`is_invisible`]: soft hyphen, zero-width
//!   space and joiners, word joiner, a stray byte-order mark, bidirectional
//!   marks) inside a word are part of it ("inter\u{AD}national" is one word);
//!   elsewhere they are skipped like white space. The span keeps them (it
//!   points into the text as decoded); `norm` drops them.
//! - `norm`: lower case, `’ ʼ ‘` → `'`, `‐ ‑` → `-`, invisible characters out.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, with internal hyphens/apostrophes, or a dotted abbreviation ("U.S.").
    Word,
    /// Starts with a digit (after an optional currency sign).
    Number,
    /// A quotation mark: straight or curly, single or double, guillemets.
    Quote,
    /// Sentence and clause punctuation, brackets and dashes.
    Punct,
    /// Anything else: %, &, /, symbols, emoji.
    Symbol,
}

/// One token: `text[start..end]` is exactly the token as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Matching form: lowercase, curly apostrophes and dash variants folded.
    pub norm: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }

    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Quotation marks recognised as [`TokenKind::Quote`].
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩')
}

/// Invisible format characters: soft hyphen (U+00AD), Mongolian vowel
/// separator (U+180E), zero-width space, non-joiner and joiner, left-to-right
/// and right-to-left marks (U+200B–U+200F), bidirectional embeddings and
/// overrides (U+202A–U+202E), word joiner and invisible operators
/// (U+2060–U+2064), bidirectional isolates (U+2066–U+2069) and a byte-order
/// mark inside the text (U+FEFF). They change no word: a hyphenation hint
/// or a joiner inside a word is ignored by every check, and a text of only
/// such characters and white space is empty.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The word without its invisible characters ([`is_invisible`]), borrowed
/// when it has none.
pub fn visible(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(is_invisible) {
        std::borrow::Cow::Owned(word.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_punct_char(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '–'
            | '—'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2015}'
            | '¿'
            | '¡'
            | '。'
            | '，'
            | '！'
            | '？'
            | '；'
            | '：'
            | '（'
            | '）'
    )
}

/// Lowercases and folds typographic variants so that "Putin’s" and "putin's"
/// compare equal, and drops invisible characters ([`is_invisible`]), so
/// that "inter\u{AD}national" and "international" do. Cheap for the
/// common ASCII case.
pub fn normalize(token: &str) -> String {
    if token.is_ascii() {
        return token.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c if is_invisible(c) => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The char starting at byte `i`, if `i` is a char boundary inside `text`.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The char ending at byte `i`.
#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Splits `text` into tokens. Never panics; every span is on char boundaries,
/// tokens are in order and do not overlap.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() || is_invisible(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let next = char_at(text, i + c.len_utf8());
        let (end, kind) = if let Some(end) = link_at(text, i) {
            (end, TokenKind::Symbol)
        } else if let Some(end) = dotted_abbreviation(text, i) {
            (extend_word(text, start, end, false), TokenKind::Word)
        } else if is_word_char(c) {
            let numeric = c.is_numeric();
            let end = extend_word(text, start, i + c.len_utf8(), numeric);
            let kind = if text.get(start..end).is_some_and(|w| w.contains('@')) {
                // An e-mail address (see `email_at`).
                TokenKind::Symbol
            } else if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            (end, kind)
        } else if is_currency(c) && next.is_some_and(|d| d.is_ascii_digit()) {
            let end = extend_word(text, start, i + c.len_utf8() + 1, true);
            (end, TokenKind::Number)
        } else if is_quote_char(c) {
            (i + c.len_utf8(), TokenKind::Quote)
        } else if c == '.' {
            // "..." is one token.
            let dots = text
                .get(i..)
                .map_or(1, |r| r.bytes().take_while(|&b| b == b'.').count());
            (i + dots, TokenKind::Punct)
        } else if is_punct_char(c) {
            (i + c.len_utf8(), TokenKind::Punct)
        } else {
            (i + c.len_utf8(), TokenKind::Symbol)
        };
        let token_text = text.get(start..end).unwrap_or("");
        tokens.push(Token {
            start,
            end,
            kind,
            norm: normalize(token_text),
        });
        i = end.max(start + c.len_utf8());
    }
    tokens
}

/// Continues a word or number whose first part ends at byte `i`: joins
/// internal hyphens ("neo-Nazism", "4-day", "anti-U.S."), apostrophes
/// ("Putin's", a trailing "employers'") and digit separators ("1,200", "6.5").
/// Returns the end byte.
fn extend_word(text: &str, start: usize, mut i: usize, numeric: bool) -> usize {
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        if is_invisible(c) {
            // Part of the word when the word goes on after it ("inter\u{AD}national").
            let mut j = i + c.len_utf8();
            while let Some(d) = char_at(text, j).filter(|&d| is_invisible(d)) {
                j += d.len_utf8();
            }
            if char_at(text, j).is_some_and(is_word_char) {
                i = j;
                continue;
            }
            break;
        }
        let after = i + c.len_utf8();
        let next = char_at(text, after);
        let prev = char_before(text, i).unwrap_or(' ');
        if is_hyphen(c) {
            if let Some(end) = dotted_abbreviation(text, after) {
                i = end;
                continue;
            }
            if next.is_some_and(is_word_char) {
                i = after;
                continue;
            }
            break;
        }
        if is_apostrophe(c) {
            if next.is_some_and(|n| n.is_alphabetic()) {
                i = after;
                continue;
            }
            if (prev == 's' || prev == 'S') && !numeric && !next.is_some_and(is_word_char) {
                i = after;
            }
            break;
        }
        if matches!(c, '.' | ',')
            && prev.is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            i = after;
            continue;
        }
        if matches!(c, '@' | '.') && next.is_some_and(|n| n.is_alphanumeric()) {
            if let Some(end) = email_at(text, start) {
                return end;
            }
        }
        break;
    }
    i
}

/// Most letters in a dotted abbreviation ("U.S.A.", "R.S.V.P." have 3 and 4).
const MAX_DOTTED_GROUPS: usize = 8;

/// Matches `([A-Za-z]\.){2,}` at byte `i` ("U.S.", "a.m.", "U.N."): returns
/// the end byte. The single letters must not continue into a longer word.
fn dotted_abbreviation(text: &str, i: usize) -> Option<usize> {
    if char_before(text, i).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut j = i;
    let mut groups = 0;
    while j + 1 < bytes.len() && bytes[j].is_ascii_alphabetic() && bytes[j + 1] == b'.' {
        groups += 1;
        j += 2;
        if groups > MAX_DOTTED_GROUPS {
            // Not an abbreviation; stop early so long "a.b.c.…" runs stay linear.
            return None;
        }
    }
    let continues = char_at(text, j).is_some_and(|c| c.is_alphanumeric());
    (groups >= 2 && !continues).then_some(j)
}

/// End of the run of non-space characters at `i`, without trailing
/// punctuation, quotes and closing brackets ("example.com/x." → "example.com/x").
fn run_end(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    let run = rest.find(char::is_whitespace).map_or(rest, |e| &rest[..e]);
    let trimmed = run.trim_end_matches(|c: char| {
        is_quote_char(c) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>')
    });
    i + trimmed.len()
}

/// A URL ("https://…", "www.…") starting at byte `i`: returns its end.
fn link_at(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?.as_bytes();
    let starts = |p: &str| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    if !matches!(rest.first(), Some(b'h' | b'H' | b'w' | b'W')) {
        return None;
    }
    let is_link = starts("http://") || starts("https://") || starts("www.");
    if !is_link || char_before(text, i).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let end = run_end(text, i);
    (end > i + 4).then_some(end)
}

/// Longest e-mail address looked for, in bytes (the SMTP limit). Bounding
/// the look-ahead keeps tokenizing linear on long runs without spaces.
const MAX_EMAIL: usize = 254;

/// An e-mail address starting at byte `start` ("Jane.Doe@example.com"): returns its end.
fn email_at(text: &str, start: usize) -> Option<usize> {
    let window = text.get(start..)?.as_bytes();
    let window = window.get(..MAX_EMAIL + 1).unwrap_or(window);
    let run_len = window
        .iter()
        .position(u8::is_ascii_whitespace)
        .unwrap_or(window.len());
    if run_len > MAX_EMAIL || !window.get(..run_len)?.contains(&b'@') {
        return None;
    }
    let end = run_end(text, start);
    let run = text.get(start..end)?;
    let at = run.find('@')?;
    let (user, domain) = (&run[..at], &run[at + 1..]);
    let ok = !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    ok.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn words_keep_hyphens_and_apostrophes() {
        assert_eq!(
            texts("neo-Nazism, Putin's behind-the-scenes employers' pay"),
            vec![
                "neo-Nazism",
                ",",
                "Putin's",
                "behind-the-scenes",
                "employers'",
                "pay"
            ]
        );
        assert_eq!(texts("Putin’s"), vec!["Putin’s"]);
    }

    /// Issue #26: a soft hyphen or zero-width character split the word
    /// around it into two non-words.
    #[test]
    fn invisible_characters_inside_words_are_part_of_them() {
        let s = "inter\u{AD}na\u{AD}tional co\u{200B}operation Mos\u{200C}cow \
                 Pre\u{2060}sident his\u{FEFF}tory to\u{200D}gether";
        let tokens = tokenize(s);
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "international",
                "cooperation",
                "moscow",
                "president",
                "history",
                "together"
            ]
        );
        assert!(tokens.iter().all(|t| t.kind == TokenKind::Word));
        // The span still covers the word as written.
        assert_eq!(texts(s)[0], "inter\u{AD}na\u{AD}tional");
        // Between words, at either end of one, or alone they are skipped.
        assert_eq!(
            texts("\u{200B}a\u{AD} \u{FEFF}\u{200D} b\u{200B}, \u{AD}"),
            ["a", "b", ","]
        );
        assert_eq!(visible("a\u{AD}b\u{200B}c"), "abc");
    }

    #[test]
    fn numbers_keep_separators_and_suffixes() {
        assert_eq!(
            texts("1,200 and 6.5, $4.2bn; 80th 4-day 1990s."),
            vec!["1,200", "and", "6.5", ",", "$4.2bn", ";", "80th", "4-day", "1990s", "."]
        );
        let t = tokenize("$4.2bn 80th four-day");
        assert_eq!(t[0].kind, TokenKind::Number);
        assert_eq!(t[1].kind, TokenKind::Number);
        assert_eq!(t[2].kind, TokenKind::Word);
    }

    #[test]
    fn quotes_and_abbreviations() {
        assert_eq!(
            texts("“deep” U.S. \"x\" ... Nov. 8"),
            vec!["“", "deep", "”", "U.S.", "\"", "x", "\"", "...", "Nov", ".", "8"]
        );
        assert_eq!(tokenize("'x'")[0].kind, TokenKind::Quote);
    }

    #[test]
    fn normalisation_folds_case_and_apostrophes() {
        assert_eq!(tokenize("Putin’s")[0].norm, "putin's");
    }

    #[test]
    fn abbreviations_join_hyphenated_words() {
        assert_eq!(
            texts("the anti-U.S. coalition, U.S.-led talks, the U.S.'s role"),
            vec![
                "the",
                "anti-U.S.",
                "coalition",
                ",",
                "U.S.-led",
                "talks",
                ",",
                "the",
                "U.S.'s",
                "role"
            ]
        );
    }

    #[test]
    fn links_and_emails_are_one_symbol_token() {
        let s = "See https://www.example.50.com/a_b.html. Mail Jane.Doe@example.com, or www.x.org!";
        assert_eq!(
            texts(s),
            vec![
                "See",
                "https://www.example.50.com/a_b.html",
                ".",
                "Mail",
                "Jane.Doe@example.com",
                ",",
                "or",
                "www.x.org",
                "!"
            ]
        );
        assert_eq!(tokenize(s)[1].kind, TokenKind::Symbol);
        assert_eq!(tokenize(s)[4].kind, TokenKind::Symbol);
        // Not an address: a missing space stays two words.
        assert_eq!(texts("said.He"), vec!["said", ".", "He"]);
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let s = "Ça coûte 5 €, «très» cher… 中文。😀";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
        assert_eq!(
            texts(s),
            vec![
                "Ça", "coûte", "5", "€", ",", "«", "très", "»", "cher", "…", "中文", "。", "😀"
            ]
        );
    }

    #[test]
    fn trailing_comma_is_not_a_separator() {
        assert_eq!(texts("12, 13"), vec!["12", ",", "13"]);
    }
}
