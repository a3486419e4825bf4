//! Tokens with byte spans into the original text.
//!
//! Words keep internal hyphens and apostrophes ("neo-Nazism", "Putin's",
//! "behind-the-scenes"); numbers keep separators, decimals, a leading currency
//! sign and a trailing suffix ("1,200", "6.5", "$4.2bn", "80th", "4-day").
//! Whitespace is not a token; line breaks are recovered from the gaps.

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
/// compare equal. Cheap for the common ASCII case.
pub fn normalize(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits `text` into tokens. Never panics; every span is on char boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || c == '\u{FEFF}' {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if let Some(end) = dotted_abbreviation(&chars, i) {
            i = end;
            kind = TokenKind::Word;
        } else if is_word_char(c)
            || (is_currency(c) && char_at(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let numeric = if is_currency(c) {
                i += 1;
                true
            } else {
                c.is_numeric()
            };
            i += 1;
            while let Some(c) = char_at(i) {
                if is_word_char(c) {
                    i += 1;
                    continue;
                }
                let prev = char_at(i - 1).unwrap_or(' ');
                let next = char_at(i + 1);
                let joins = match c {
                    // "neo-Nazism", "4-day"; not a trailing or doubled hyphen.
                    _ if is_hyphen(c) => next.is_some_and(is_word_char),
                    // "Putin's"; a trailing "employers'" keeps its apostrophe.
                    _ if is_apostrophe(c) => {
                        next.is_some_and(|n| n.is_alphabetic())
                            || ((prev == 's' || prev == 'S')
                                && !next.is_some_and(is_word_char)
                                && !numeric)
                    }
                    // "6.5", "1,200": a separator between digits.
                    '.' | ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                    _ => false,
                };
                if !joins {
                    break;
                }
                i += if is_apostrophe(c) && !next.is_some_and(is_word_char) {
                    1
                } else {
                    2
                };
            }
            kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
        } else if is_quote_char(c) {
            i += 1;
            kind = TokenKind::Quote;
        } else if c == '.' {
            // "..." is one token.
            while char_at(i) == Some('.') {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else if is_punct_char(c) {
            i += 1;
            kind = TokenKind::Punct;
        } else {
            i += 1;
            kind = TokenKind::Symbol;
        }
        let (s, e) = (byte_at(start), byte_at(i));
        tokens.push(Token {
            start: s,
            end: e,
            kind,
            norm: normalize(&text[s..e]),
        });
    }
    tokens
}

/// Matches `([A-Za-z]\.){2,}` at `i` ("U.S.", "a.m.", "U.N."): returns the end
/// char index. The single letters must not continue into a longer word.
fn dotted_abbreviation(chars: &[(usize, char)], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].1.is_alphanumeric() {
        return None;
    }
    let mut j = i;
    let mut groups = 0;
    while j + 1 < chars.len() && chars[j].1.is_alphabetic() && chars[j + 1].1 == '.' {
        groups += 1;
        j += 2;
    }
    if groups >= 2 && !chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric()) {
        Some(j)
    } else {
        None
    }
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
    fn trailing_comma_is_not_a_separator() {
        assert_eq!(texts("12, 13"), vec!["12", ",", "13"]);
    }
}
