//! Input formats: what a file holds besides plain text, and the text an
//! article is made of when it is a Word document or a web page.
//!
//! [`detect`] decides by the file's extension (`.docx`; `.html`, `.htm`,
//! `.xhtml`), else by its first bytes (a zip archive; a document starting
//! with `<!doctype html` or `<html`), so standard input is recognised too.
//! [`extract`] turns the bytes into the text every later stage reads:
//!
//! - **Plain text**: the bytes, decoded as before ([`crate::text::decode()`]).
//! - **Word** (`docx.rs`): the text of the paragraphs of
//!   `word/document.xml`, one paragraph per line.
//! - **HTML** (`html.rs`): the visible text, one block (paragraph, heading,
//!   list item, table cell) per line; `head`, `script`, `style`,
//!   `template`, `noscript` and `svg` dropped; character references decoded.
//!
//! **Byte spans** of the findings then point into the extracted text (the
//! text the reports show), not into the file. Limits: `--max-bytes` bounds
//! the file as read; a Word document's XML may expand to at most
//! [`XML_EXPANSION`] times that (a zip bomb stops there with an error), and
//! the extracted text must itself fit within `--max-bytes`.

mod docx;
mod html;

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::text::{decode, DecodeError, SourceEncoding};

/// What kind of file an article was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text (UTF-8, UTF-16 or windows-1252).
    #[default]
    Text,
    /// A Word document (`.docx`, Office Open XML).
    Docx,
    /// A web page (`.html`, `.htm`).
    Html,
}

impl InputFormat {
    /// The name used in reports: `text`, `docx`, `html`.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Docx => "docx",
            InputFormat::Html => "html",
        }
    }

    /// Whether this is plain text (nothing was extracted).
    pub fn is_text(&self) -> bool {
        *self == InputFormat::Text
    }
}

/// How many times `--max-bytes` a Word document's `word/document.xml` may
/// expand to when decompressed.
pub const XML_EXPANSION: usize = 8;

/// Why a Word or HTML file gave no text.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("is not a readable .docx file ({0}); old .doc files and password-protected documents are not supported: save it as .docx or plain text")]
    NotDocx(String),
    #[error("is a zip archive without word/document.xml, so not a Word document")]
    NoDocument,
    #[error("is a damaged .docx file: word/document.xml {0}")]
    BadXml(String),
    #[error("is a .docx whose word/document.xml expands to over {limit} bytes (a zip bomb?); raise --max-bytes if it is genuine")]
    Expands { limit: usize },
    #[error(
        "gives {size} bytes of text, over the limit of {limit} bytes (raise it with --max-bytes)"
    )]
    TextTooLarge { size: usize, limit: usize },
    #[error("{0}")]
    Decode(#[from] DecodeError),
}

/// The format of a file named `path` whose content starts with `bytes`.
pub fn detect(path: &Path, bytes: &[u8]) -> InputFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("docx") => return InputFormat::Docx,
        Some("html" | "htm" | "xhtml") => return InputFormat::Html,
        _ => {}
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return InputFormat::Docx;
    }
    if looks_like_html(bytes) {
        return InputFormat::Html;
    }
    InputFormat::Text
}

/// `<!doctype html` or `<html` first (after a UTF-8 BOM and white space),
/// in any case.
fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 14)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

/// The text of `bytes` read as `format`, with the encoding it was read in.
/// `max_bytes` bounds what a Word document expands to and the text.
pub fn extract(
    format: InputFormat,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<(String, SourceEncoding), FormatError> {
    let (text, encoding) = match format {
        InputFormat::Text => decode(bytes)?,
        InputFormat::Html => {
            let (markup, encoding) = decode(bytes)?;
            (html::visible_text(&markup), encoding)
        }
        InputFormat::Docx => (
            docx::paragraph_text(bytes, max_bytes.saturating_mul(XML_EXPANSION))?,
            SourceEncoding::Utf8,
        ),
    };
    if text.len() > max_bytes {
        return Err(FormatError::TextTooLarge {
            size: text.len(),
            limit: max_bytes,
        });
    }
    if format != InputFormat::Text && text.trim().is_empty() {
        // The same refusal as an empty text file.
        return Err(FormatError::Decode(DecodeError::Empty));
    }
    Ok((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_first_then_content() {
        let p = Path::new;
        assert_eq!(detect(p("a.DOCX"), b""), InputFormat::Docx);
        assert_eq!(detect(p("a.htm"), b"plain"), InputFormat::Html);
        assert_eq!(detect(p("a.txt"), b"PK\x03\x04rest"), InputFormat::Docx);
        assert_eq!(
            detect(p("-"), b"\xEF\xBB\xBF \n<!DOCTYPE HTML><p>x"),
            InputFormat::Html
        );
        assert_eq!(detect(p("a.txt"), b"<html lang=en>"), InputFormat::Html);
        assert_eq!(detect(p("a.txt"), b"The <b> tag"), InputFormat::Text);
        assert_eq!(detect(p("a"), b""), InputFormat::Text);
    }

    #[test]
    fn empty_extracted_text_is_refused_like_an_empty_file() {
        let e = extract(
            InputFormat::Html,
            b"<html><head><title>t</title></head></html>",
            100,
        );
        assert!(matches!(e, Err(FormatError::Decode(DecodeError::Empty))));
    }

    #[test]
    fn extracted_text_over_the_limit_is_refused() {
        let page = format!("<p>{}</p>", "word ".repeat(40));
        let e = extract(InputFormat::Html, page.as_bytes(), 100);
        assert!(matches!(
            e,
            Err(FormatError::TextTooLarge { limit: 100, .. })
        ));
    }
}
