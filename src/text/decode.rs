//! Bytes → text, or an error that says what is wrong with the input.
//!
//! | input | read as |
//! |---|---|
//! | UTF-8, with or without BOM | `Utf8` / `Utf8Bom` |
//! | UTF-16 LE/BE with BOM | `Utf16Le` / `Utf16Be` |
//! | UTF-16 without BOM (every other byte zero in the first 4 KiB) | `Utf16Le` / `Utf16Be` |
//! | invalid UTF-8 | `Windows1252` (covers Latin-1); but if it is clearly UTF-8 with a few damaged bytes (≥ 4 valid non-ASCII characters per invalid sequence) `Utf8Lossy`, with U+FFFD for the bad bytes, instead of turning every `’` into `â€™` |
//!
//! CRLF, LF and CR (and U+2028, NEL) all end lines, for the line index, the
//! segmenter and `joined_lines()` alike.
//!
//! Refused, with exit 2 and one line on stderr naming the input (`-` is shown
//! as `standard input (-)`):
//!
//! | case | message |
//! |---|---|
//! | missing file | `x.txt: no such file (check the path)` |
//! | unreadable / directory | `x.txt: Permission denied (os error 13)` / `x: is a directory, not a file` |
//! | 0 bytes or a BOM only | `x.txt is empty` |
//! | only whitespace (invisible format characters such as U+00AD and U+200B count as whitespace) | `x.txt is empty (only whitespace)` |
//! | NUL bytes/characters, invalid UTF-16, > 10 % control characters | `x.bin looks like a binary file (contains NUL bytes), not text` |
//! | UTF-32 (a UTF-32 byte-order mark, or three zero bytes in every four) | `x.txt is UTF-32 text, which mtcheck does not read: save it as UTF-8` |
//! | a UTF-16 byte-order mark before 8-bit text (≥ 3 in 4 characters are two printable ASCII bytes) | `x.txt starts with a UTF-16 byte-order mark but holds 8-bit text (mis-encoded): save it again as UTF-8` |
//! | over `--max-bytes` (default 32 MiB) | `x.txt is too large: over the limit of N bytes (raise it with --max-bytes)` |
//!
//! A file is never read past `max_bytes + 1` bytes; a regular file over the
//! limit is refused from its metadata without reading it.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Why some bytes could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("is empty")]
    Empty,
    #[error("is empty (only whitespace)")]
    Blank,
    #[error("looks like a binary file ({0}), not text")]
    Binary(&'static str),
    #[error(
        "starts with a UTF-16 byte-order mark but holds 8-bit text (mis-encoded): save it again as UTF-8"
    )]
    Utf16MarkOnEightBitText,
    #[error("is UTF-32 text, which mtcheck does not read: save it as UTF-8")]
    Utf32,
    #[error("is too large: over the limit of {limit} bytes (raise it with --max-bytes)")]
    TooLarge { size: usize, limit: usize },
}

/// The encoding an input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-8 with a few invalid bytes, each read as U+FFFD.
    Utf8Lossy,
    Windows1252,
}

impl SourceEncoding {
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
            SourceEncoding::Utf8Lossy => "UTF-8 (invalid bytes replaced)",
            SourceEncoding::Windows1252 => "windows-1252",
        }
    }
}

/// Decodes `bytes`. The returned text has no BOM; line endings are kept as
/// they were (CRLF and CR are handled by the tokenizer and line index).
pub fn decode(bytes: &[u8]) -> Result<(String, SourceEncoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if looks_utf32(bytes) {
        return Err(DecodeError::Utf32);
    }
    let (text, enc) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let source = if encoding == UTF_8 {
            SourceEncoding::Utf8Bom
        } else if encoding == UTF_16LE {
            SourceEncoding::Utf16Le
        } else if encoding == UTF_16BE {
            SourceEncoding::Utf16Be
        } else {
            SourceEncoding::Utf8
        };
        if encoding == UTF_8 {
            match std::str::from_utf8(body) {
                Ok(s) => (s.to_string(), source),
                Err(_) => decode_invalid_utf8(body),
            }
        } else {
            let (cow, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors && looks_binary_utf16(&cow) {
                return Err(DecodeError::Binary("invalid UTF-16"));
            }
            if eight_bit_read_as_utf16(&cow) {
                return Err(DecodeError::Utf16MarkOnEightBitText);
            }
            (cow.into_owned(), source)
        }
    } else if let Some((encoding, source)) = utf16_without_bom(bytes) {
        let (cow, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors && looks_binary_utf16(&cow) {
            return Err(DecodeError::Binary("invalid UTF-16"));
        }
        (cow.into_owned(), source)
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary("contains NUL bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), SourceEncoding::Utf8),
            Err(_) => decode_invalid_utf8(bytes),
        }
    };
    if text.is_empty() {
        // A byte-order mark and nothing else.
        return Err(DecodeError::Empty);
    }
    if text.contains('\0') {
        return Err(DecodeError::Binary("contains NUL characters"));
    }
    if text
        .chars()
        .all(|c| c.is_whitespace() || super::tokenize::is_invisible(c))
    {
        return Err(DecodeError::Blank);
    }
    if mostly_control(&text) {
        return Err(DecodeError::Binary("mostly control characters"));
    }
    Ok((text, enc))
}

/// UTF-32: its byte-order mark (`FF FE 00 00`, `00 00 FE FF`; the first
/// would otherwise pass for UTF-16LE), or, without one, text whose 4-byte
/// units nearly all have three zero bytes (9 in 10 of the first 1,024).
fn looks_utf32(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return true;
    }
    if !bytes.len().is_multiple_of(4) || bytes.len() < 8 {
        return false;
    }
    let units = bytes.chunks_exact(4).take(1024);
    let n = units.len();
    let (mut le, mut be) = (0usize, 0usize);
    for u in units {
        le += usize::from(u[0] != 0 && u[1..] == [0, 0, 0]);
        be += usize::from(u[..3] == [0, 0, 0] && u[3] != 0);
    }
    le * 10 >= n * 9 || be * 10 >= n * 9
}

/// Whether UTF-16 `text` is really 8-bit text (ASCII or UTF-8) behind a
/// stray byte-order mark: then most characters (three in four or more)
/// are two printable ASCII bytes ("he" read as U+6865), where real UTF-16
/// text has a zero byte in each ASCII character and CJK text only about a
/// fifth of such pairs. Read on, such a file is one long run of Chinese
/// characters: an input error, not hundreds of fragments.
fn eight_bit_read_as_utf16(text: &str) -> bool {
    let ascii = |b: u32| (0x20..0x7F).contains(&b) || matches!(b, 0x09 | 0x0A | 0x0D);
    let (mut chars, mut pairs) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        chars += 1;
        let u = u32::from(c);
        if u > 0xFF && u <= 0xFFFF && ascii(u >> 8) && ascii(u & 0xFF) {
            pairs += 1;
        }
    }
    chars >= 8 && pairs * 4 >= chars * 3
}

/// Bytes that are not valid UTF-8: Windows-1252 (which also covers
/// Latin-1 text), unless they are clearly UTF-8 with a few damaged bytes
/// (many valid multi-byte characters, few invalid sequences), which would
/// otherwise all turn into mojibake ("â€™").
fn decode_invalid_utf8(bytes: &[u8]) -> (String, SourceEncoding) {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if multibyte >= 4 * invalid {
        (
            String::from_utf8_lossy(bytes).into_owned(),
            SourceEncoding::Utf8Lossy,
        )
    } else {
        let (cow, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        (cow.into_owned(), SourceEncoding::Windows1252)
    }
}

/// Recognises UTF-16 saved without a byte-order mark: in mostly-ASCII text
/// every other byte is zero (the high byte), and the others are not.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static Encoding, SourceEncoding)> {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros = |offset: usize| {
        sample
            .chunks_exact(2)
            .filter(|p| p.get(offset) == Some(&0))
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 7 && even * 20 <= pairs {
        Some((UTF_16LE, SourceEncoding::Utf16Le))
    } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
        Some((UTF_16BE, SourceEncoding::Utf16Be))
    } else {
        None
    }
}

fn looks_binary_utf16(text: &str) -> bool {
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    bad * 10 > text.chars().count()
}

/// True when more than 10% of the characters are control characters other
/// than ordinary whitespace — the mark of a binary file that happened to decode.
fn mostly_control(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}') {
            control += 1;
        }
    }
    control * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode(b"hi").unwrap(), ("hi".into(), SourceEncoding::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi").unwrap(),
            ("hi".into(), SourceEncoding::Utf8Bom)
        );
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0").unwrap(),
            ("hi".into(), SourceEncoding::Utf16Le)
        );
        assert_eq!(
            decode(b"\xFE\xFF\0h\0i").unwrap(),
            ("hi".into(), SourceEncoding::Utf16Be)
        );
    }

    #[test]
    fn eight_bit_text_behind_a_utf16_mark_is_refused() {
        let text = "The minister’s visit began on Monday, officials said.\n";
        for bom in [&b"\xFF\xFE"[..], &b"\xFE\xFF"[..]] {
            let bytes = [bom, text.as_bytes()].concat();
            assert_eq!(decode(&bytes), Err(DecodeError::Utf16MarkOnEightBitText));
        }
        // Real UTF-16 Chinese text is not taken for it.
        let chinese: Vec<u8> = "\u{FEFF}习近平表示，中俄两国将共同维护第二次世界大战的历史。今天，我们在莫斯科举行会谈。"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&chinese).map(|d| d.1), Ok(SourceEncoding::Utf16Le));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "Hi there."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hi there."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&le).unwrap(),
            ("Hi there.".into(), SourceEncoding::Utf16Le)
        );
        assert_eq!(
            decode(&be).unwrap(),
            ("Hi there.".into(), SourceEncoding::Utf16Be)
        );
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        // Four curly quotes in UTF-8 and one stray byte: not Windows-1252.
        let bytes = "“a” ‘b’ c\u{e9}".bytes().chain([0xFF]).collect::<Vec<u8>>();
        let (t, e) = decode(&bytes).unwrap();
        assert_eq!(t, "“a” ‘b’ cé\u{FFFD}");
        assert_eq!(e, SourceEncoding::Utf8Lossy);
        // A lone é in Latin-1 is Windows-1252.
        assert_eq!(decode(b"caf\xE9").unwrap().1, SourceEncoding::Windows1252);
    }

    #[test]
    fn utf32_is_named() {
        let le: Vec<u8> = "\u{FEFF}Hi there."
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let be: Vec<u8> = "Hi there."
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        assert_eq!(decode(&le), Err(DecodeError::Utf32));
        assert_eq!(decode(&be), Err(DecodeError::Utf32));
    }

    #[test]
    fn bom_alone_is_empty() {
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xFF\xFE"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n"), Err(DecodeError::Blank));
    }

    #[test]
    fn mostly_nul_is_binary_not_utf16() {
        assert!(matches!(
            decode(&[0, 0, 0, 0, 0, 0, 1, 2]),
            Err(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn windows_1252_fallback() {
        let (t, e) = decode(b"caf\xE9 \x93quoted\x94").unwrap();
        assert_eq!(t, "café \u{201C}quoted\u{201D}");
        assert_eq!(e, SourceEncoding::Windows1252);
    }

    #[test]
    fn refuses_empty_blank_binary() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t "), Err(DecodeError::Blank));
        // Invisible format characters are no text either (issue #26).
        let invisible = "\u{AD}\u{200B} \n\u{200C}\u{200D}\u{2060}\u{FEFF}\r\n";
        assert_eq!(decode(invisible.as_bytes()), Err(DecodeError::Blank));
        assert!(decode("\u{AD}a\u{200B}".as_bytes()).is_ok());
        assert!(matches!(decode(b"ab\0cd"), Err(DecodeError::Binary(_))));
        assert!(matches!(
            decode(b"\x01\x02\x03\x04\x05\x06abc"),
            Err(DecodeError::Binary(_))
        ));
    }
}
