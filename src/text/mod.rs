//! Text pipeline: decode → tokens → sentences, every piece keeping byte spans
//! into the decoded text so findings point at the exact original characters.

pub mod decode;
pub mod segment;
pub mod tokenize;

use std::path::Path;

pub use decode::{decode, DecodeError, SourceEncoding};
pub use segment::{segment, Sentence};
pub use tokenize::{normalize, tokenize, Token, TokenKind};

/// Default upper bound on one input file, in bytes (see `--max-bytes`).
pub const DEFAULT_MAX_BYTES: usize = 32 * 1024 * 1024;

/// Why an input could not be read: always names the input.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{name}: {source}")]
    Io {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{name}: {source}")]
    Decode {
        name: String,
        #[source]
        source: DecodeError,
    },
}

impl InputError {
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
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
}

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

    /// Reads a file (or standard input for `-`), refusing files over `max_bytes`.
    pub fn read(path: &Path, max_bytes: usize) -> Result<Article, InputError> {
        let name = path.display().to_string();
        let bytes = read_bounded(path, max_bytes).map_err(|e| match e {
            ReadError::Io(e) => InputError::io(&name, e),
            ReadError::TooLarge(size) => InputError::Decode {
                name: name.clone(),
                source: DecodeError::TooLarge {
                    size,
                    limit: max_bytes,
                },
            },
        })?;
        Article::from_bytes(name, &bytes)
    }

    fn build(name: String, text: String, encoding: SourceEncoding) -> Article {
        let tokens = tokenize(&text);
        let sentences = segment(&text, &tokens);
        let line_starts = line_starts(&text);
        Article {
            name,
            text,
            encoding,
            tokens,
            sentences,
            line_starts,
        }
    }

    /// 1-based line and 1-based column (in characters) of byte offset `at`.
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(&self.text, at.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= at).max(1);
        let start = self.line_starts[line - 1];
        let column = self.text[start..at].chars().count() + 1;
        (line, column)
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
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
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

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        self.sentences
            .get(i)
            .map(|s| &self.tokens[s.tokens.clone()])
            .unwrap_or(&[])
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .map(|s| &self.text[s.start..s.end])
            .unwrap_or("")
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        (i < self.sentences.len() && self.sentences[i].start <= at).then_some(i)
    }

    /// Number of words (word and number tokens), the denominator of the score.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_wordlike()).count()
    }

    /// The article's lines joined with single spaces, as sacrebleu sees a
    /// document given as one segment.
    pub fn joined_lines(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for line in self.text.lines() {
            let line = line.trim_end_matches('\r');
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

/// ISO 639-3 code of `text`'s language according to whatlang.
pub fn detect_language(text: &str) -> Option<&'static str> {
    whatlang::detect(text).map(|info| info.lang().code())
}

enum ReadError {
    Io(std::io::Error),
    TooLarge(usize),
}

fn read_bounded(path: &Path, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let limit = (max_bytes as u64).saturating_add(1);
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

/// Largest char boundary ≤ `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary ≥ `i`.
pub fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
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
