//! The text of a Word document: the paragraphs of `word/document.xml`.
//!
//! Read with `zip` (the archive) and `quick-xml` (the part, streamed, never
//! held whole). What is kept, one paragraph (`w:p`) per line, paragraphs
//! without text left out:
//!
//! - text runs (`w:t`), including inserted text of tracked changes; deleted
//!   text (`w:delText`) and field instructions (`w:instrText`) are not text;
//! - `w:tab` as a tab, `w:br` / `w:cr` as a line break (page and column
//!   breaks as nothing), `w:noBreakHyphen` as `-`;
//! - the paragraphs of tables and text boxes in document order; the
//!   fallback copy of a text box (`mc:Fallback`, the same text again for
//!   old readers) is skipped.
//!
//! Headers, footers, footnotes and comments live in other parts and are not
//! read. Elements are matched by their usual `w:` / `mc:` prefixes, which
//! Word, LibreOffice and Google Docs all write.

use std::io::{BufReader, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::FormatError;

/// The paragraphs' text of the `.docx` in `bytes`; `word/document.xml` may
/// decompress to at most `xml_limit` bytes.
pub(super) fn paragraph_text(bytes: &[u8], xml_limit: usize) -> Result<String, FormatError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| FormatError::NotDocx(e.to_string()))?;
    let part = match archive.by_name("word/document.xml") {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Err(FormatError::NoDocument),
        Err(e) => return Err(FormatError::NotDocx(e.to_string())),
    };
    let mut capped = Capped {
        inner: part,
        left: xml_limit,
        over: false,
    };
    let result = paragraphs(BufReader::new(&mut capped));
    if capped.over {
        return Err(FormatError::Expands { limit: xml_limit });
    }
    result
}

/// A reader that fails once more than `left` bytes were asked of it.
struct Capped<R> {
    inner: R,
    left: usize,
    over: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Ask for one byte past the limit, to tell "at" from "over".
        let want = buf.len().min(self.left.saturating_add(1));
        let n = self.inner.read(&mut buf[..want])?;
        if n > self.left {
            self.over = true;
            return Err(std::io::Error::other("decompressed size over the limit"));
        }
        self.left -= n;
        Ok(n)
    }
}

/// Walks the part's events, gathering the paragraphs' text.
fn paragraphs<R: std::io::BufRead>(source: R) -> Result<String, FormatError> {
    let mut reader = Reader::from_reader(source);
    let mut buf = Vec::new();
    let mut out = String::new();
    // The paragraph being read; nested paragraphs (a text box inside a
    // run) are finished as lines of their own.
    let mut line = String::new();
    let mut in_text = 0usize;
    let mut fallback = 0usize;
    let bad = |e: &dyn std::fmt::Display| FormatError::BadXml(e.to_string());
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| bad(&e))?;
        match &event {
            Event::Start(e) => match e.name().as_ref() {
                "w:t" => in_text += 1,
                "mc:Fallback" => fallback += 1,
                "w:p" if fallback == 0 => end_line(&mut out, &mut line),
                _ => {}
            },
            Event::Empty(e) if fallback == 0 => match e.name().as_ref() {
                "w:tab" => line.push('\t'),
                "w:noBreakHyphen" => line.push('-'),
                "w:br" | "w:cr" => {
                    let kind = e
                        .try_get_attribute("w:type")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned());
                    if !matches!(kind.as_deref(), Some("page" | "column")) {
                        line.push('\n');
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = in_text.saturating_sub(1),
                "mc:Fallback" => fallback = fallback.saturating_sub(1),
                "w:p" if fallback == 0 => end_line(&mut out, &mut line),
                _ => {}
            },
            Event::Text(t) if in_text > 0 && fallback == 0 => {
                line.push_str(&t.xml10_content());
            }
            Event::CData(t) if in_text > 0 && fallback == 0 => {
                line.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text > 0 && fallback == 0 => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| bad(&e))? {
                    line.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
                    line.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    end_line(&mut out, &mut line);
    Ok(out)
}

/// Ends the current paragraph: its text as one line, if it has any.
fn end_line(out: &mut String, line: &mut String) {
    let text = line.trim_end_matches(['\n', '\r']);
    if !text.trim().is_empty() {
        out.push_str(text);
        out.push('\n');
    }
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx: the content types, and `document.xml` with `body`.
    pub(crate) fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <w:body>{body}</w:body></w:document>"
        );
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_runs_tabs_breaks_and_references() {
        let body = "<w:p><w:r><w:t>Kyiv </w:t></w:r><w:r><w:t xml:space=\"preserve\">&amp; Lviv&#8217;s</w:t></w:r></w:p>\
                    <w:p/>\
                    <w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type=\"page\"/></w:r></w:p>\
                    <w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins>\
                    <w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>stop</w:t></w:r></w:p>";
        let text = paragraph_text(&docx(body), 1 << 20).unwrap();
        assert_eq!(text, "Kyiv & Lviv\u{2019}s\na\tb\nc\nnewnon-stop\n");
    }

    #[test]
    fn a_text_box_is_read_once() {
        let body = "<w:p><w:r><w:t>Before.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>\
                    <w:txbxContent><w:p><w:r><w:t>Boxed.</w:t></w:r></w:p></w:txbxContent></mc:Choice>\
                    <mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed.</w:t></w:r></w:p></w:txbxContent></mc:Fallback>\
                    </mc:AlternateContent></w:r><w:r><w:t>After.</w:t></w:r></w:p>";
        let text = paragraph_text(&docx(body), 1 << 20).unwrap();
        assert_eq!(text, "Before.\nBoxed.\nAfter.\n");
    }

    #[test]
    fn a_zip_bomb_stops_at_the_limit() {
        let body = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(100_000));
        let bytes = docx(&body);
        assert!(bytes.len() < 2_000, "compressed to {}", bytes.len());
        let e = paragraph_text(&bytes, 50_000);
        assert!(
            matches!(e, Err(FormatError::Expands { limit: 50_000 })),
            "{e:?}"
        );
        assert!(paragraph_text(&bytes, 200_000).is_ok());
    }

    #[test]
    fn damaged_and_foreign_files_are_errors() {
        assert!(matches!(
            paragraph_text(b"PK\x03\x04 not really", 1000),
            Err(FormatError::NotDocx(_))
        ));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("other.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"x").unwrap();
        let other = zip.finish().unwrap().into_inner();
        assert!(matches!(
            paragraph_text(&other, 1000),
            Err(FormatError::NoDocument)
        ));
        let broken = docx("<w:p><w:r><w:t>open</w:r></w:p>");
        assert!(matches!(
            paragraph_text(&broken, 1 << 20),
            Err(FormatError::BadXml(_))
        ));
    }
}
