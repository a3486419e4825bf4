//! Python `str` behaviour that sacrebleu's definitions rely on.
//!
//! sacrebleu splits on `str.split()` whitespace, strips with `str.rstrip()`
//! and lowercases with `str.lower()`. Python's whitespace is Unicode
//! `White_Space` plus the four ASCII information separators U+001C..U+001F,
//! which Rust's `char::is_whitespace` does not include.

use std::borrow::Cow;

/// `true` for the characters Python's `str.isspace()` accepts.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `s.split()`: runs of whitespace separate, no empty pieces.
pub(crate) fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|t| !t.is_empty())
}

/// Python's `s.rstrip()`.
pub(crate) fn rstrip(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// Python's `s.lower()` when `on`, else `s` unchanged.
pub(crate) fn lower_if(s: &str, on: bool) -> Cow<'_, str> {
    if on {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_separators_are_whitespace_as_in_python() {
        let pieces: Vec<&str> = split("a\u{1c}b\u{1f}c\u{a0}d\u{3000}e").collect();
        assert_eq!(pieces, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn zero_width_space_is_not_whitespace() {
        // U+200B is not whitespace in Python either.
        assert_eq!(split("a\u{200b}b").count(), 1);
    }

    #[test]
    fn rstrip_strips_only_the_end() {
        assert_eq!(rstrip("  a b \t\r\n\u{1e}"), "  a b");
    }
}
