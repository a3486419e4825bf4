//! Text pipeline: bytes → [`Article`]: decoded text, tokens, sentences,
//! paragraphs and a line index. Every token, sentence and paragraph keeps
//! **byte offsets into `Article::text`**, the text exactly as decoded (BOM
//! removed, line endings kept). Matching uses each token's normalised form
//! (`Token::norm`); findings always point back at the original characters.
//!
//! ```text
//! bytes ──decode──▶ text ──tokenize──▶ tokens ──segment──▶ sentences ──▶ paragraphs
//!                    │                                                   │
//!                    └── line index (line_col, line_span)                └── language per paragraph
//! ```
//!
//! The steps are [`mod@decode`] (encodings and what is refused),
//! [`mod@tokenize`] and [`mod@segment`] (each with its rules). What later
//! stages derive from one article is kept with it (`crate::prepared`).
//!
//! **Paragraphs and language.** [`Article::paragraphs`] gives each paragraph's
//! byte span and sentence range; `Sentence::paragraph` is the paragraph index.
//! [`identify_language`] (whatlang; `code` is ISO 639-3, e.g. `eng`, `rus`,
//! `cmn`) works on any span; [`Article::language_of`],
//! [`Article::paragraph_languages`] and [`Article::language_guess`] apply it to
//! spans, paragraphs and the whole article; [`detect_language`] and
//! [`Article::language`] return the code only. whatlang is unreliable on short
//! text (a 33-word English article can come out as Afrikaans with confidence
//! 0.10, `reliable: false`), so callers look at `reliable`/`confidence`, prefer
//! paragraphs to sentences, and combine it with the script.
//!
//! **Guarantees.** No function here panics on any input: spans are clamped and
//! on char boundaries, out-of-range look-ups (`line_col`, `clamp_span`,
//! `sentence_text`, `sentence_tokens`, `line_span`, `paragraph_text`) return
//! empty or end-of-text answers, and the size limit cannot overflow
//! (`--max-bytes` up to `usize::MAX`). `tests/text.rs` checks this with
//! proptest on arbitrary strings and news-like strings, and
//! `Article::from_bytes` on arbitrary bytes with and without BOMs: tokens in
//! bounds, ordered, non-overlapping; sentences covering all tokens in order;
//! paragraphs covering all sentences. Tokenizing and segmenting are linear in
//! the input: look-aheads are bounded (an e-mail address is looked for in at
//! most 254 bytes, a dotted abbreviation has at most 8 letters), so 100 KB of
//! `a.b.a.b…` takes milliseconds (`long_runs_without_spaces_stay_linear` guards
//! this).

pub mod decode;
pub mod phrase;
pub mod segment;
pub mod tokenize;

use std::path::Path;

pub use decode::{decode, DecodeError, SourceEncoding};
pub use segment::{paragraphs, segment, Paragraph, Sentence};
pub use tokenize::{normalize, tokenize, Token, TokenKind};

/// Default upper bound on one input file, in bytes (see `--max-bytes`).
pub const DEFAULT_MAX_BYTES: usize = 32 * 1024 * 1024;

/// Why an input could not be read: always names the input.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{}: {source}", shown_name(name))]
    Io {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{} {source}", shown_name(name))]
    Decode {
        name: String,
        #[source]
        source: DecodeError,
    },
    /// A Word document or web page that gave no text ([`crate::input`]).
    #[error("{} {source}", shown_name(name))]
    Format {
        name: String,
        #[source]
        source: crate::input::FormatError,
    },
}

/// How an input is named in messages: "-" is standard input.
fn shown_name(name: &str) -> &str {
    if name == "-" {
        "standard input (-)"
    } else {
        name
    }
}

impl InputError {
    /// The name of the input that failed.
    pub fn name(&self) -> &str {
        match self {
            InputError::Io { name, .. }
            | InputError::Decode { name, .. }
            | InputError::Format { name, .. } => name,
        }
    }

    fn io(name: &str, e: std::io::Error) -> InputError {
        let source = match e.kind() {
            std::io::ErrorKind::NotFound => {
                std::io::Error::new(e.kind(), "no such file (check the path)")
            }
            _ => e,
        };
        InputError::Io {
            name: name.to_string(),
            source,
        }
    }
}

/// A decoded article with its tokens, sentences and line index.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path or label the article was read from ("-" for stdin).
    pub name: String,
    /// The decoded text, exactly as read (BOM removed, line endings kept).
    pub text: String,
    pub encoding: SourceEncoding,
    /// What kind of file the text was read from (plain text, Word, HTML);
    /// for Word and HTML, `text` is the extracted text ([`crate::input`]).
    pub format: crate::input::InputFormat,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Paragraphs: runs of sentences between line breaks.
    paragraphs: Vec<Paragraph>,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
    /// Sparse column index: `(byte offset, chars since its line start)` at
    /// char boundaries about every [`CHECKPOINT_BYTES`], so a column never
    /// needs more than one stretch of that size counted (long lines).
    checkpoints: Vec<(usize, usize)>,
    /// What the pipeline derives from the article, computed once
    /// (`crate::prepared`).
    prepared: crate::prepared::Prepared,
}

/// Spacing of the column checkpoints, in bytes.
const CHECKPOINT_BYTES: usize = 4096;

impl Article {
    /// Builds an article from text that is already decoded.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Article {
        Article::build(name.into(), text.into(), SourceEncoding::Utf8)
    }

    /// Decodes bytes into an article; refuses empty and binary input.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Article, InputError> {
        let name = name.into();
        match decode(bytes) {
            Ok((text, enc)) => Ok(Article::build(name, text, enc)),
            Err(source) => Err(InputError::Decode { name, source }),
        }
    }

    /// Reads a file (or standard input for `-`), refusing files over
    /// `max_bytes`. A Word document or web page (by extension, else by
    /// content: [`crate::input::detect`]) is read as its text.
    pub fn read(path: &Path, max_bytes: usize) -> Result<Article, InputError> {
        let bytes = read_input(path, max_bytes)?;
        let format = crate::input::detect(path, &bytes);
        Article::from_bytes_as(path.display().to_string(), &bytes, format, max_bytes)
    }

    /// Reads `bytes` as `format` (plain text is [`Article::from_bytes`]);
    /// `max_bytes` bounds what a Word document expands to and the text.
    pub fn from_bytes_as(
        name: impl Into<String>,
        bytes: &[u8],
        format: crate::input::InputFormat,
        max_bytes: usize,
    ) -> Result<Article, InputError> {
        let name = name.into();
        if format.is_text() {
            return Article::from_bytes(name, bytes);
        }
        match crate::input::extract(format, bytes, max_bytes) {
            Ok((text, encoding)) => {
                let mut article = Article::build(name, text, encoding);
                article.format = format;
                Ok(article)
            }
            Err(source) => Err(InputError::Format { name, source }),
        }
    }

    fn build(name: String, text: String, encoding: SourceEncoding) -> Article {
        let tokens = tokenize(&text);
        let sentences = segment(&text, &tokens);
        let paragraphs = paragraphs(&sentences);
        let line_starts = line_starts(&text);
        let checkpoints = checkpoints(&text, &line_starts);
        Article {
            name,
            text,
            encoding,
            format: crate::input::InputFormat::Text,
            tokens,
            sentences,
            paragraphs,
            line_starts,
            checkpoints,
            prepared: crate::prepared::Prepared::default(),
        }
    }

    /// 1-based line and 1-based column (in characters) of byte offset `at`.
    /// Offsets past the end give the position just after the last character.
    /// Counts at most about 4 KiB of characters whatever the line's length.
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(&self.text, at);
        let line = self.line_starts.partition_point(|&s| s <= at).max(1);
        let mut start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let mut column = 0;
        // The last checkpoint at or before `at`, if it is on this line.
        let k = self.checkpoints.partition_point(|&(b, _)| b <= at);
        if let Some(&(b, chars)) = k.checked_sub(1).and_then(|k| self.checkpoints.get(k)) {
            if b >= start {
                start = b;
                column = chars;
            }
        }
        column += self.text.get(start..at).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// The analyses derived from this article alone, each computed the
    /// first time a stage asks for it (`crate::prepared`).
    pub(crate) fn prepared(&self) -> &crate::prepared::Prepared {
        &self.prepared
    }

    /// Byte range of 1-based line `line`, without its line break.
    pub fn line_span(&self, line: usize) -> (usize, usize) {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return (self.text.len(), self.text.len());
        };
        let mut end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        end = end.min(bytes.len());
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        (start.min(end), end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Clamps a span into the text and onto char boundaries.
    pub fn clamp_span(&self, start: usize, end: usize) -> (usize, usize) {
        let len = self.text.len();
        let start = floor_char_boundary(&self.text, start.min(len));
        let end = ceil_char_boundary(&self.text, end.clamp(start, len));
        (start, end)
    }

    /// The tokens of sentence `i` (empty when there is no such sentence).
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        self.sentences
            .get(i)
            .and_then(|s| self.tokens.get(s.tokens.clone()))
            .unwrap_or(&[])
    }

    /// The text of sentence `i` (empty when there is no such sentence).
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .and_then(|s| self.text.get(s.start..s.end))
            .unwrap_or("")
    }

    /// The paragraphs, in order: byte spans and the sentences in each. A
    /// paragraph ends at a blank line, or at a line break that is not a
    /// hard wrap inside a sentence (one paragraph per line is common in news).
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The text of paragraph `i` (empty when there is no such paragraph).
    pub fn paragraph_text(&self, i: usize) -> &str {
        self.paragraphs
            .get(i)
            .and_then(|p| self.text.get(p.start..p.end))
            .unwrap_or("")
    }

    /// The language of the text between byte offsets `start` and `end`
    /// (a sentence, a paragraph), with whatlang's confidence.
    pub fn language_of(&self, start: usize, end: usize) -> Option<LanguageGuess> {
        let (start, end) = self.clamp_span(start, end);
        self.text.get(start..end).and_then(identify_language)
    }

    /// The language of each paragraph, in order (see [`identify_language`]).
    pub fn paragraph_languages(&self) -> Vec<Option<LanguageGuess>> {
        self.paragraphs
            .iter()
            .map(|p| self.language_of(p.start, p.end))
            .collect()
    }

    /// The article's language with whatlang's confidence.
    pub fn language_guess(&self) -> Option<LanguageGuess> {
        identify_language(&self.text)
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        self.sentences
            .get(i)
            .is_some_and(|s| s.start <= at)
            .then_some(i)
    }

    /// Number of words (word and number tokens), the denominator of the score.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_wordlike()).count()
    }

    /// The article's lines joined with single spaces, as sacrebleu sees a
    /// document given as one segment. LF, CRLF and CR all end lines.
    pub fn joined_lines(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for n in 1..=self.line_count() {
            let (start, end) = self.line_span(n);
            let line = self.text.get(start..end).unwrap_or("");
            if line.trim().is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    }

    /// ISO 639-3 code of the article's language, if whatlang can tell.
    pub fn language(&self) -> Option<&'static str> {
        detect_language(&self.text)
    }
}

/// What whatlang makes of a stretch of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageGuess {
    /// ISO 639-3 code, e.g. "eng", "rus", "cmn".
    pub code: &'static str,
    /// whatlang's language, for callers that need more than the code.
    pub lang: whatlang::Lang,
    /// The writing system (Latin, Cyrillic, Mandarin, …).
    pub script: whatlang::Script,
    /// whatlang's confidence, 0.0 to 1.0. Below about 0.5 on a short
    /// sentence the guess is little better than chance.
    pub confidence: f64,
    /// whatlang's own verdict that the guess can be trusted.
    pub reliable: bool,
}

/// ISO 639-3 code of `text`'s language according to whatlang.
pub fn detect_language(text: &str) -> Option<&'static str> {
    identify_language(text).map(|g| g.code)
}

/// The language and script of `text` (an article, a paragraph or a single
/// sentence) with whatlang's confidence; `None` when whatlang cannot tell
/// (no letters, too little text).
pub fn identify_language(text: &str) -> Option<LanguageGuess> {
    whatlang::detect(text).map(|info| LanguageGuess {
        code: info.lang().code(),
        lang: info.lang(),
        script: info.script(),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

enum ReadError {
    Io(std::io::Error),
    TooLarge(usize),
}

/// Reads a UTF-8 text file that configures a run (a word list, a glossary,
/// a baseline) through the same bounded reader as the articles: at most
/// `max_bytes`, so `/dev/zero` is refused at once. The error names the file.
pub fn read_utf8(path: &Path, max_bytes: usize) -> Result<String, String> {
    let bytes = read_input(path, max_bytes).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| format!("{}: is not UTF-8 text", path.display()))
}

/// The bytes of a file (or standard input for `-`), never reading past
/// `max_bytes + 1` (so `/dev/zero` stops at once): over the limit is
/// [`DecodeError::TooLarge`]. Every input (articles, the config file, the
/// `metrics` files) is read through it.
pub fn read_input(path: &Path, max_bytes: usize) -> Result<Vec<u8>, InputError> {
    let name = path.display().to_string();
    read_bounded(path, max_bytes).map_err(|e| match e {
        ReadError::Io(e) => InputError::io(&name, e),
        ReadError::TooLarge(size) => InputError::Decode {
            name: name.clone(),
            source: DecodeError::TooLarge {
                size,
                limit: max_bytes,
            },
        },
    })
}

fn read_bounded(path: &Path, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // Read one byte past the limit to tell "at the limit" from "over it".
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
    } else {
        let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
        if meta.is_dir() {
            return Err(ReadError::Io(std::io::Error::other(
                "is a directory, not a file",
            )));
        }
        if meta.is_file() && meta.len() > max_bytes as u64 {
            let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
            return Err(ReadError::TooLarge(size));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(ReadError::Io)?;
    }
    if bytes.len() > max_bytes {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    Ok(bytes)
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                starts.push(i + 1);
            }
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Column checkpoints: every [`CHECKPOINT_BYTES`] or so (on a char
/// boundary), the byte offset and its character count from its line start.
/// Only lines longer than the spacing get any.
fn checkpoints(text: &str, line_starts: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if text.len() < CHECKPOINT_BYTES {
        return out;
    }
    let mut line = 0usize;
    let mut next = CHECKPOINT_BYTES;
    while next < text.len() {
        let at = floor_char_boundary(text, next);
        while line_starts.get(line + 1).is_some_and(|&s| s <= at) {
            line += 1;
        }
        let start = line_starts.get(line).copied().unwrap_or(0);
        // From the previous checkpoint when it is on the same line.
        let (from, base) = match out.last() {
            Some(&(b, c)) if b >= start => (b, c),
            _ => (start, 0),
        };
        if at > start {
            let chars = base + text.get(from..at).map_or(0, |s| s.chars().count());
            out.push((at, chars));
        }
        next = at + CHECKPOINT_BYTES;
    }
    out
}

/// Largest char boundary ≤ `i` (the text's length when `i` is past it).
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary ≥ `i` (the text's length when `i` is past it).
pub fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_with_crlf_and_wide_chars() {
        let a = Article::from_text("t", "ab\r\nçd é\rx");
        assert_eq!(a.line_col(0), (1, 1));
        assert_eq!(a.line_col(4), (2, 1));
        let e = a.text.find('é').unwrap();
        assert_eq!(a.line_col(e), (2, 4));
        assert_eq!(a.line_col(a.text.len() - 1), (3, 1));
        assert_eq!(a.line_count(), 3);
        assert_eq!(&a.text[a.line_span(2).0..a.line_span(2).1], "çd é");
    }

    /// The naive column: characters from the line start.
    fn naive_line_col(a: &Article, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(&a.text, at);
        let line = a.line_starts.partition_point(|&s| s <= at).max(1);
        let start = a.line_starts[line - 1];
        (line, a.text[start..at].chars().count() + 1)
    }

    #[test]
    fn line_col_on_long_lines_matches_counting_from_the_line_start() {
        // Long CJK and mixed lines (several checkpoints each), CRLF and CR
        // breaks, short lines in between, a checkpoint falling mid-character.
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["习近平表示", "ab ", "é", "x"][i % 4]);
        }
        text.push_str("\r\nshort\r\n");
        for _ in 0..2500 {
            text.push_str("Vietnam-Vietnam 越南 ");
        }
        text.push('\r');
        text.push_str(&"z".repeat(9000));
        text.push('\n');
        let a = Article::from_text("t", text.clone());
        assert!(a.checkpoints.len() > 10);
        let mut at = 0;
        while at <= text.len() + 2 {
            assert_eq!(a.line_col(at), naive_line_col(&a, at), "at {at}");
            at += 37;
        }
        for at in [text.len(), text.len() - 1, 4096, 4097, 4098, 8192] {
            assert_eq!(a.line_col(at), naive_line_col(&a, at), "at {at}");
        }
    }

    #[test]
    fn joined_lines_match_sacrebleu_document_form() {
        let a = Article::from_text("t", "One.\r\n\r\nTwo three.\n");
        assert_eq!(a.joined_lines(), "One. Two three.");
    }

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let a = Article::from_text("t", "One two. Three four.");
        assert_eq!(a.sentence_at(0), Some(0));
        assert_eq!(a.sentence_at(10), Some(1));
    }
}
