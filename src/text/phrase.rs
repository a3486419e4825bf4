//! Words and phrases written by a user (an allow list, a glossary) found in
//! an article's tokens.
//!
//! A phrase is tokenized as articles are, and matches where the article has
//! the same tokens in a row, whatever the white space or line breaks
//! between them: "Power of Siberia 2" matches "Power of\nSiberia 2" but not
//! "Power of Siberia 23" (a token is whole or nothing, so word boundaries
//! come with it). Matching compares the tokens' normalised forms
//! ([`crate::text::normalize`]: case, curly apostrophes and dash variants
//! folded), or their exact text when asked to, and the phrase's last token
//! also matches its possessive ("Gazprom" in "Gazprom's").

use super::{tokenize, Article};

/// One word or phrase, tokenized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// As the user wrote it, trimmed.
    pub text: String,
    /// Each token as written.
    raw: Vec<String>,
    /// Each token's normalised form.
    norms: Vec<String>,
}

impl Phrase {
    /// The phrase `s`, or `None` when it has no token.
    pub fn new(s: &str) -> Option<Phrase> {
        let text = s.trim();
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return None;
        }
        Some(Phrase {
            text: text.to_string(),
            raw: tokens.iter().map(|t| t.text(text).to_string()).collect(),
            norms: tokens.into_iter().map(|t| t.norm).collect(),
        })
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.norms.len()
    }

    /// Never true: a phrase has at least one token.
    pub fn is_empty(&self) -> bool {
        self.norms.is_empty()
    }

    /// The normalised form of the first token (for indexing phrases).
    pub fn first(&self) -> &str {
        self.norms.first().map_or("", String::as_str)
    }

    /// The phrase's normalised tokens joined with single spaces.
    pub fn key(&self) -> String {
        self.norms.join(" ")
    }

    /// Whether the two phrases differ only in case (and in what
    /// [`crate::text::normalize`] folds).
    pub fn same_norms(&self, other: &Phrase) -> bool {
        self.norms == other.norms
    }

    /// Whether `article`'s tokens from index `at` spell this phrase:
    /// normalised forms, or exact text when `exact`.
    pub fn matches_at(&self, article: &Article, at: usize, exact: bool) -> bool {
        let Some(tokens) = article.tokens.get(at..at.saturating_add(self.len())) else {
            return false;
        };
        if tokens.len() != self.len() {
            return false;
        }
        let last = self.len() - 1;
        tokens.iter().enumerate().all(|(i, t)| {
            let (want, got) = if exact {
                (self.raw[i].as_str(), t.text(&article.text))
            } else {
                (self.norms[i].as_str(), t.norm.as_str())
            };
            want == got || (i == last && is_possessive_of(got, want))
        })
    }

    /// Token index ranges where `article` spells this phrase.
    pub fn occurrences<'a>(
        &'a self,
        article: &'a Article,
        exact: bool,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        (0..article.tokens.len())
            .filter(move |&i| self.matches_at(article, i, exact))
            .map(move |i| i..i + self.len())
    }
}

/// "gazprom's" / "gazprom’s" / "reuters'" of "gazprom" / "reuters".
fn is_possessive_of(got: &str, want: &str) -> bool {
    got.strip_prefix(want).is_some_and(|rest| {
        matches!(
            rest,
            "'s" | "'" | "\u{2019}s" | "\u{2019}" | "'S" | "\u{2019}S"
        )
    })
}

/// `text` normalised for comparing a finding's words with a phrase's key:
/// tokens' normalised forms joined with single spaces.
pub fn key_of(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|t| t.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn phrases_match_whole_tokens_across_white_space() {
        let a = Article::from_text(
            "a",
            "The Power of\nSiberia 2 pipeline, not Power of Siberia 23.",
        );
        let p = Phrase::new(" power of siberia 2 ").unwrap();
        let found: Vec<_> = p.occurrences(&a, false).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(a.tokens[found[0].start].text(&a.text), "Power");
        assert_eq!(p.key(), "power of siberia 2");
        assert!(Phrase::new("  ").is_none());
    }

    #[test]
    fn case_and_possessives() {
        let a = Article::from_text("a", "Gazprom's chief met GAZPROM staff.");
        let p = Phrase::new("Gazprom").unwrap();
        assert_eq!(p.occurrences(&a, false).count(), 2);
        assert_eq!(p.occurrences(&a, true).count(), 1);
        let covid = Phrase::new("COVID-19").unwrap();
        assert!(covid.same_norms(&Phrase::new("Covid-19").unwrap()));
        assert_eq!(normalize("X"), "x");
        assert_eq!(key_of("Gazprom  Neft"), "gazprom neft");
    }
}
