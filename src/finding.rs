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
    GlossaryTerm,
}

/// Whether the project word list (`--allow`, `[allow] words`) silences a
/// kind, and how its findings are matched against the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allow {
    /// Never silenced by the word list.
    Never,
    /// Silenced when the flagged text is an entry or lies inside one.
    Words,
    /// As `Words`, and also when the flagged text is an entry repeated back
    /// to back ("bye bye" for "bye").
    Copies,
}

/// The report.csv column a kind is counted in, besides the severity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvGroup {
    /// `repeated_words`: repeated words and phrases.
    RepeatedWords,
    /// `garbled`: text that is broken as text, whatever the reference says.
    Garbled,
    /// `number_date_mismatches`: aligned sentences that disagree about a
    /// number or date.
    NumbersDates,
    /// `figures_to_verify`: figures the reference cannot confirm.
    FiguresToVerify,
}

/// Everything the reports and the verdict need to know about one kind: one
/// row of [`KINDS`]. Adding a kind is one row here plus the check that emits it.
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    pub kind: Kind,
    /// The stable id used in JSON, CSV and on the terminal.
    pub id: &'static str,
    /// Severity from the design contract, used unless a check decides otherwise.
    pub severity: Severity,
    /// What the kind means, in one line for an editor (HTML legend, docs).
    pub description: &'static str,
    /// The report.csv group column that counts it, if any.
    pub csv_group: Option<CsvGroup>,
    /// Whether it shows the text itself is broken (the verdict's density rule).
    pub garbling: bool,
    /// Whether the verdict counts its findings once per distinct word (a
    /// word the candidate uses n times is one piece of evidence, not n).
    pub once_per_word: bool,
    /// Background colour of its highlight in HTML, if it has one of its own.
    pub colour: Option<&'static str>,
    /// How a note counts findings of it: one, many ("1 repeated word",
    /// "3 non-words").
    pub noun: (&'static str, &'static str),
    /// A figure of the reference the candidate contradicts: when the
    /// reference's sentence itself looks garbled (a suspect reference), the
    /// reference may be the one that is wrong, and the finding is demoted.
    pub figure: bool,
    /// What it becomes when most candidates for one reference contradict the
    /// same reference span alike (`batch --consensus`): the reference is
    /// then the likelier culprit.
    pub consensus: Option<Kind>,
    /// A candidate sentence with no counterpart: the verdict's
    /// `unaligned_review` rule counts it.
    pub unaligned: bool,
    /// A figure to verify rather than an error to fix: the reference can
    /// neither confirm nor contradict it. Reports list these after the
    /// findings an editor must fix, grouped (one line in text, a collapsed
    /// section in HTML, their own group in CSV).
    pub verify: bool,
    /// Whether the project word list silences it ([`Allow`]).
    pub allow: Allow,
}

/// One row per kind, in the order reports list them ([`Kind::ALL`]).
#[rustfmt::skip]
pub const KINDS: [KindSpec; 14] = {
    use Allow::*;
    use CsvGroup::*;
    use Kind::NumberUnsupported;
    use Severity::*;
    [
        KindSpec { kind: Kind::RepeatedWord, id: "repeated-word", severity: Major, description: "the same word twice in a row",
                   csv_group: Some(RepeatedWords), garbling: true, once_per_word: false, colour: Some("#ffd8a8"),
                   noun: ("repeated word", "repeated words"), figure: false, consensus: None, unaligned: false, verify: false, allow: Copies },
        KindSpec { kind: Kind::RepeatedPhrase, id: "repeated-phrase", severity: Major, description: "a phrase repeated back to back",
                   csv_group: Some(RepeatedWords), garbling: true, once_per_word: false, colour: Some("#ffc078"),
                   noun: ("repeated phrase", "repeated phrases"), figure: false, consensus: None, unaligned: false, verify: false, allow: Copies },
        KindSpec { kind: Kind::NonWord, id: "non-word", severity: Major, description: "not a word, and not in the reference",
                   csv_group: Some(Garbled), garbling: true, once_per_word: true, colour: Some("#fcc2d7"),
                   noun: ("non-word", "non-words"), figure: false, consensus: None, unaligned: false, verify: false, allow: Words },
        KindSpec { kind: Kind::NearMiss, id: "near-miss", severity: Minor, description: "close to, but not, a term the reference uses",
                   csv_group: Some(Garbled), garbling: true, once_per_word: true, colour: Some("#eebefa"),
                   noun: ("near-miss", "near-misses"), figure: false, consensus: None, unaligned: false, verify: false, allow: Words },
        KindSpec { kind: Kind::QuoteMismatch, id: "quote-mismatch", severity: Minor, description: "a quote that differs from the reference's",
                   csv_group: Some(Garbled), garbling: false, once_per_word: false, colour: Some("#d0bfff"),
                   noun: ("quote mismatch", "quote mismatches"), figure: false, consensus: None, unaligned: false, verify: false, allow: Never },
        KindSpec { kind: Kind::UnbalancedPunctuation, id: "unbalanced-punctuation", severity: Minor, description: "quote marks or brackets that do not pair up",
                   csv_group: Some(Garbled), garbling: false, once_per_word: false, colour: Some("#dee2e6"),
                   noun: ("unbalanced mark", "unbalanced marks"), figure: false, consensus: None, unaligned: false, verify: false, allow: Never },
        KindSpec { kind: Kind::WrongLanguage, id: "wrong-language", severity: Critical, description: "a passage in another language or script",
                   csv_group: Some(Garbled), garbling: true, once_per_word: false, colour: Some("#ffa8a8"),
                   noun: ("passage in another language", "passages in another language"), figure: false, consensus: None, unaligned: false, verify: false, allow: Never },
        KindSpec { kind: Kind::UntranslatedFragment, id: "untranslated-fragment", severity: Major, description: "a few words left in another script",
                   csv_group: Some(Garbled), garbling: true, once_per_word: false, colour: None,
                   noun: ("untranslated fragment", "untranslated fragments"), figure: false, consensus: None, unaligned: false, verify: false, allow: Never },
        KindSpec { kind: Kind::NumberMismatch, id: "number-mismatch", severity: Critical, description: "an aligned sentence gives different numbers",
                   csv_group: Some(NumbersDates), garbling: false, once_per_word: false, colour: Some("#a5d8ff"),
                   noun: ("number mismatch", "number mismatches"), figure: true, consensus: Some(NumberUnsupported), unaligned: false, verify: false, allow: Never },
        KindSpec { kind: Kind::DateMismatch, id: "date-mismatch", severity: Critical, description: "an aligned sentence gives different dates",
                   csv_group: Some(NumbersDates), garbling: false, once_per_word: false, colour: Some("#99e9f2"),
                   noun: ("date mismatch", "date mismatches"), figure: true, consensus: None, unaligned: false, verify: false, allow: Never },
        KindSpec { kind: Kind::NumberUnsupported, id: "number-unsupported", severity: Minor, description: "a number found nowhere in the reference",
                   csv_group: Some(FiguresToVerify), garbling: false, once_per_word: false, colour: Some("#d0ebff"),
                   noun: ("unsupported number", "unsupported numbers"), figure: false, consensus: None, unaligned: false, verify: true, allow: Never },
        KindSpec { kind: Kind::NumberMissing, id: "number-missing", severity: Minor, description: "a number of the reference missing here",
                   csv_group: Some(FiguresToVerify), garbling: false, once_per_word: false, colour: Some("#c3fae8"),
                   noun: ("missing number", "missing numbers"), figure: false, consensus: None, unaligned: false, verify: true, allow: Never },
        KindSpec { kind: Kind::UnalignedSentence, id: "unaligned-sentence", severity: Minor, description: "a sentence with no counterpart in the reference",
                   csv_group: None, garbling: true, once_per_word: false, colour: Some("#fff3bf"),
                   noun: ("unaligned sentence", "unaligned sentences"), figure: false, consensus: None, unaligned: true, verify: false, allow: Never },
        KindSpec { kind: Kind::GlossaryTerm, id: "glossary-term", severity: Minor, description: "a term the glossary spells another way",
                   csv_group: None, garbling: false, once_per_word: false, colour: Some("#b2f2bb"),
                   noun: ("glossary variant", "glossary variants"), figure: false, consensus: None, unaligned: false, verify: false, allow: Words },
    ]
};

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; KINDS.len()] = {
        let mut all = [Kind::RepeatedWord; KINDS.len()];
        let mut i = 0;
        while i < KINDS.len() {
            all[i] = KINDS[i].kind;
            i += 1;
        }
        all
    };

    /// This kind's row of [`KINDS`].
    pub fn spec(self) -> &'static KindSpec {
        // The enum's declaration order is the table's order (a test holds it).
        &KINDS[self as usize]
    }

    /// The stable id used in JSON, CSV and on the terminal.
    pub fn as_str(self) -> &'static str {
        self.spec().id
    }

    /// Severity from the design contract, used unless a check decides otherwise.
    pub fn default_severity(self) -> Severity {
        self.spec().severity
    }

    /// Parses a stable id back into a kind.
    pub fn parse(s: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.id == s).map(|k| k.kind)
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
    /// The words within the span that make the finding, as byte spans of
    /// the candidate (a quote-mismatch's changed words, so the HTML marks
    /// them rather than the whole quote); left out of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub changed: Vec<(usize, usize)>,
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
            changed: Vec::new(),
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

    /// Marks the words within the span that make the finding (byte spans
    /// of the candidate; those outside the finding's span are dropped).
    pub fn with_changed(mut self, spans: Vec<(usize, usize)>) -> Finding {
        self.changed = spans
            .into_iter()
            .filter(|&(s, e)| self.start <= s && s < e && e <= self.end)
            .collect();
        self
    }

    /// Attaches `start..end` of the reference as evidence.
    pub fn with_reference(mut self, reference: &Article, start: usize, end: usize) -> Finding {
        self.reference = Some(Evidence::new(reference, start, end));
        self
    }
}

/// Test support: every kind whose row satisfies `pred`, in table order, so
/// a test names the property it relies on rather than a kind.
#[cfg(test)]
pub(crate) fn kinds_where(pred: impl Fn(&KindSpec) -> bool) -> Vec<Kind> {
    KINDS.iter().filter(|k| pred(k)).map(|k| k.kind).collect()
}

/// Test support: the first kind of [`kinds_where`].
#[cfg(test)]
#[track_caller]
pub(crate) fn kind_where(pred: impl Fn(&KindSpec) -> bool) -> Kind {
    match kinds_where(pred).first() {
        Some(&kind) => kind,
        None => panic!("no kind has the property"),
    }
}

/// Sorts findings the way every report lists them: the findings to fix
/// before the figures to verify ([`KindSpec::verify`]), each group most
/// severe first, then by position (then kind and message, so output is
/// stable).
pub fn sort_findings(findings: &mut [Finding]) {
    let key = |f: &Finding| {
        (
            f.kind.spec().verify,
            std::cmp::Reverse(f.severity),
            f.start,
            f.end,
            f.kind,
        )
    };
    findings.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message)));
}

impl Finding {
    /// Whether this is a figure to verify rather than an error to fix.
    pub fn to_verify(&self) -> bool {
        self.kind.spec().verify
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_row_per_kind_in_declaration_order() {
        for (i, spec) in KINDS.iter().enumerate() {
            assert_eq!(spec.kind as usize, i, "{} is out of order", spec.id);
            assert_eq!(spec.kind.spec().id, spec.id);
            assert_eq!(Kind::parse(spec.id), Some(spec.kind));
            // The id is what serde writes, so JSON and the table agree.
            let json = serde_json::to_string(&spec.kind).unwrap();
            assert_eq!(json, format!("\"{}\"", spec.id));
            assert!(!spec.description.is_empty());
            // Figures to verify have a report.csv group of their own.
            assert_eq!(
                spec.verify,
                spec.csv_group == Some(CsvGroup::FiguresToVerify),
                "{}",
                spec.id
            );
        }
        assert_eq!(Kind::parse("no-such-kind"), None);
    }

    #[test]
    fn findings_sort_most_severe_first_then_by_position() {
        let a = Article::from_text("c", "one two three four five");
        let mut f = vec![
            Finding::new(Kind::NumberMissing, &a, 0, 0, "minor at start"),
            Finding::new(Kind::NonWord, &a, 14, 18, "major late"),
            Finding::new(Kind::NumberMismatch, &a, 19, 23, "critical last"),
            Finding::new(Kind::RepeatedWord, &a, 4, 7, "major early"),
            Finding::new(Kind::NearMiss, &a, 8, 13, "minor middle"),
        ];
        sort_findings(&mut f);
        let order: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        // number-missing is a figure to verify: after the findings to fix.
        assert_eq!(
            order,
            [
                "critical last",
                "major early",
                "major late",
                "minor middle",
                "minor at start"
            ]
        );
    }

    /// docs/FORMATS.md's kind table is this table, row for row.
    #[test]
    fn the_formats_doc_lists_every_kind_as_the_table_does() {
        let doc = include_str!("../docs/FORMATS.md");
        let rows: Vec<&str> = doc
            .lines()
            .skip_while(|l| *l != "### Finding kinds")
            .filter(|l| l.starts_with("| `"))
            .take_while(|l| !l.is_empty())
            .collect();
        let expected: Vec<String> = KINDS
            .iter()
            .map(|k| {
                let group = match k.csv_group {
                    Some(CsvGroup::RepeatedWords) => "`repeated_words`",
                    Some(CsvGroup::Garbled) => "`garbled`",
                    Some(CsvGroup::NumbersDates) => "`number_date_mismatches`",
                    Some(CsvGroup::FiguresToVerify) => "`figures_to_verify`",
                    None => "(none)",
                };
                let yes = |b: bool| if b { "yes" } else { "no" };
                format!(
                    "| `{}` | {} | {group} | {} | {} | {} |",
                    k.id,
                    k.severity,
                    yes(k.garbling),
                    yes(k.once_per_word),
                    k.description
                )
            })
            .collect();
        assert_eq!(rows[..KINDS.len()], expected[..]);
    }
}
