//! The one finding type every check produces and every renderer reads.
//!
//! Spans are byte offsets into the decoded candidate text; line and column are
//! derived once, here, so renderers never re-compute positions.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::text::Article;

/// Stable identifiers of what a finding is about (see `docs/FORMATS.md`).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    RepeatedWord,
    RepeatedPhrase,
    NonWord,
    NearMiss,
    QuoteMismatch,
    UnbalancedPunctuation,
    WrongLanguage,
    UntranslatedFragment,
    NumberMismatch,
    DateMismatch,
    NumberUnsupported,
    NumberMissing,
    UnalignedSentence,
}

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 13] = [
        Kind::RepeatedWord,
        Kind::RepeatedPhrase,
        Kind::NonWord,
        Kind::NearMiss,
        Kind::QuoteMismatch,
        Kind::UnbalancedPunctuation,
        Kind::WrongLanguage,
        Kind::UntranslatedFragment,
        Kind::NumberMismatch,
        Kind::DateMismatch,
        Kind::NumberUnsupported,
        Kind::NumberMissing,
        Kind::UnalignedSentence,
    ];

    /// The stable id used in JSON, CSV and on the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::RepeatedWord => "repeated-word",
            Kind::RepeatedPhrase => "repeated-phrase",
            Kind::NonWord => "non-word",
            Kind::NearMiss => "near-miss",
            Kind::QuoteMismatch => "quote-mismatch",
            Kind::UnbalancedPunctuation => "unbalanced-punctuation",
            Kind::WrongLanguage => "wrong-language",
            Kind::UntranslatedFragment => "untranslated-fragment",
            Kind::NumberMismatch => "number-mismatch",
            Kind::DateMismatch => "date-mismatch",
            Kind::NumberUnsupported => "number-unsupported",
            Kind::NumberMissing => "number-missing",
            Kind::UnalignedSentence => "unaligned-sentence",
        }
    }

    /// Severity from the design contract, used unless a check decides otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Kind::RepeatedWord
            | Kind::RepeatedPhrase
            | Kind::NonWord
            | Kind::QuoteMismatch
            | Kind::UntranslatedFragment => Severity::Major,
            Kind::WrongLanguage | Kind::NumberMismatch | Kind::DateMismatch => Severity::Critical,
            Kind::NearMiss
            | Kind::UnbalancedPunctuation
            | Kind::NumberUnsupported
            | Kind::NumberMissing
            | Kind::UnalignedSentence => Severity::Minor,
        }
    }

    /// Parses a stable id back into a kind.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in an article: byte span plus 1-based line and character column.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
}

impl Evidence {
    /// Evidence for `start..end` of `article`. Out-of-range or non-boundary
    /// offsets are clamped to the nearest char boundary inside the text.
    pub fn new(article: &Article, start: usize, end: usize) -> Evidence {
        let (start, end) = article.clamp_span(start, end);
        let (line, column) = article.line_col(start);
        Evidence {
            start,
            end,
            line,
            column,
            text: article.text[start..end].to_string(),
        }
    }
}

/// One flag raised by a check.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub suggestion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reference: Option<Evidence>,
}

impl Finding {
    /// A finding of `kind` over `start..end` of the candidate, with the kind's
    /// default severity.
    pub fn new(
        kind: Kind,
        candidate: &Article,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> Finding {
        let at = Evidence::new(candidate, start, end);
        Finding {
            kind,
            severity: kind.default_severity(),
            start: at.start,
            end: at.end,
            line: at.line,
            column: at.column,
            text: at.text,
            message: message.into(),
            suggestion: None,
            reference: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Finding {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Attaches `start..end` of the reference as evidence.
    pub fn with_reference(mut self, reference: &Article, start: usize, end: usize) -> Finding {
        self.reference = Some(Evidence::new(reference, start, end));
        self
    }
}

/// Sorts findings by position, then kind, so output is stable.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.start, a.end, a.kind)
            .cmp(&(b.start, b.end, b.kind))
            .then_with(|| a.message.cmp(&b.message))
    });
}
