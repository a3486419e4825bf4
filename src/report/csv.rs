//! CSV renderers for editors: `report.csv` (one row per article) and
//! `findings.csv` (one row per finding), as in docs/FORMATS.md.
//!
//! Every cell that comes from input or from a finding is made safe for
//! spreadsheets ([`neutralize`]); excerpts are kept short ([`excerpt`]).

use std::borrow::Cow;

use super::Report;
use crate::finding::{Finding, Kind, Severity};

/// The columns of `report.csv`, before any extra manifest columns.
pub const REPORT_COLUMNS: [&str; 19] = [
    "id",
    "candidate",
    "reference",
    "status",
    "error",
    "words",
    "score",
    "verdict",
    "verdict_reason",
    "chrf",
    "bleu",
    "findings",
    "critical",
    "major",
    "minor",
    "repeated_words",
    "garbled",
    "number_date_mismatches",
    "top_finding",
];

/// The columns of `findings.csv`.
pub const FINDINGS_COLUMNS: [&str; 9] = [
    "id",
    "kind",
    "severity",
    "line",
    "column",
    "text",
    "reference_text",
    "message",
    "suggestion",
];

/// Longest excerpt written into a cell, in characters (ellipsis included).
pub const MAX_EXCERPT_CHARS: usize = 200;

/// The UTF-8 byte order mark that `--excel` writes first, so spreadsheet
/// programs read the file as UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

pub use crate::finding::CsvGroup as Group;

/// Which report.csv group column counts `kind` (`unaligned-sentence` is in none).
pub fn group(kind: Kind) -> Option<Group> {
    kind.spec().csv_group
}

/// Neutralises a cell a spreadsheet would run as a formula: one starting with
/// `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP's
/// advice for CSV injection).
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// An excerpt for a cell: line breaks become spaces, and text longer than
/// `max_chars` characters is cut on a character boundary and ends with `…`.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text
        .replace("\r\n", " ")
        .chars()
        .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let mut out: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A safe, short cell from free text (messages, excerpts, errors).
fn text_cell(text: &str) -> String {
    neutralize(&excerpt(text, MAX_EXCERPT_CHARS)).into_owned()
}

/// A safe cell from an input value kept whole (ids, paths, manifest columns).
pub fn value_cell(value: &str) -> String {
    neutralize(value).into_owned()
}

/// The finding an editor should read first: the most severe, and among
/// equally severe ones the first in the (position-sorted) list.
pub fn top_finding(findings: &[Finding]) -> Option<&Finding> {
    let worst = findings.iter().map(|f| f.severity).max()?;
    findings.iter().find(|f| f.severity == worst)
}

/// The report.csv row of a checked article (`report.id` is the row's id;
/// the candidate path stands in when it is unset).
pub fn report_record(report: &Report) -> Vec<String> {
    let count = |sev: Severity| report.severity_count(sev).to_string();
    let in_group = |g: Group| {
        report
            .findings
            .iter()
            .filter(|f| group(f.kind) == Some(g))
            .count()
            .to_string()
    };
    let id = report.id.as_deref().unwrap_or(&report.candidate);
    vec![
        value_cell(id),
        value_cell(&report.candidate),
        value_cell(&report.reference),
        "ok".to_string(),
        String::new(),
        report.words.to_string(),
        format!("{:.1}", report.score),
        report.verdict.as_str().to_string(),
        text_cell(&report.verdict_reason),
        format!("{:.2}", report.metrics.chrf),
        format!("{:.2}", report.metrics.bleu),
        report.findings.len().to_string(),
        count(Severity::Critical),
        count(Severity::Major),
        count(Severity::Minor),
        in_group(Group::RepeatedWords),
        in_group(Group::Garbled),
        in_group(Group::NumbersDates),
        top_finding(&report.findings)
            .map(|f| text_cell(&f.message))
            .unwrap_or_default(),
    ]
}

/// The report.csv row of an article that could not be checked: status
/// `error`, the reason in `error`, every measurement empty.
pub fn error_record(id: &str, candidate: &str, reference: &str, error: &str) -> Vec<String> {
    let mut row = vec![
        value_cell(id),
        value_cell(candidate),
        value_cell(reference),
        "error".to_string(),
        text_cell(error),
    ];
    row.resize(REPORT_COLUMNS.len(), String::new());
    row
}

/// The findings.csv rows of a report, in the report's order.
pub fn finding_records(report: &Report) -> impl Iterator<Item = Vec<String>> + '_ {
    let id = value_cell(report.id.as_deref().unwrap_or(&report.candidate));
    report.findings.iter().map(move |f| {
        vec![
            id.clone(),
            f.kind.as_str().to_string(),
            f.severity.as_str().to_string(),
            f.line.to_string(),
            f.column.to_string(),
            text_cell(&f.text),
            f.reference
                .as_ref()
                .map(|r| text_cell(&r.text))
                .unwrap_or_default(),
            text_cell(&f.message),
            f.suggestion.as_deref().map(text_cell).unwrap_or_default(),
        ]
    })
}

/// A CSV writer with the settings every mtcheck CSV uses (RFC 4180: CRLF,
/// quotes only where needed).
pub fn writer<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

/// `findings.csv` for one report (`check --format csv`): header and one row
/// per finding.
pub fn render_findings(report: &Report) -> String {
    let mut w = writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(FINDINGS_COLUMNS);
    for row in finding_records(report) {
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Article, Config};

    #[test]
    fn formula_cells_are_neutralized() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize(bad), format!("'{bad}"));
        }
        for fine in ["", "a=b", "1-2", " =x", "'quoted", "news/1"] {
            assert_eq!(neutralize(fine), fine);
        }
    }

    #[test]
    fn excerpts_are_trimmed_on_char_boundaries() {
        let long = "é".repeat(300);
        let e = excerpt(&long, 200);
        assert_eq!(e.chars().count(), 200);
        assert!(e.ends_with('…'));
        assert!(e.starts_with("éé"));
        assert_eq!(excerpt("short", 200), "short");
        assert_eq!(excerpt("a\r\nb\nc\rd", 200), "a b c d");
        assert_eq!(excerpt(&"x".repeat(200), 200), "x".repeat(200));
    }

    #[test]
    fn every_kind_with_a_group_in_the_table_has_its_column() {
        for k in Kind::ALL {
            assert_eq!(group(k).is_some(), k.spec().csv_group.is_some(), "{k}");
        }
        assert_eq!(Kind::ALL.iter().filter(|&&k| group(k).is_none()).count(), 2);
    }

    #[test]
    fn top_finding_is_most_severe_then_first() {
        let a = Article::from_text("c", "one two three four");
        let minor = crate::finding::kind_where(|k| k.severity == Severity::Minor);
        let major = crate::finding::kinds_where(|k| k.severity == Severity::Major);
        let f = vec![
            Finding::new(minor, &a, 0, 3, "minor first"),
            Finding::new(major[1], &a, 4, 7, "major first"),
            Finding::new(major[0], &a, 8, 13, "major second"),
        ];
        assert_eq!(top_finding(&f).unwrap().message, "major first");
        assert!(top_finding(&[]).is_none());
    }

    #[test]
    fn report_and_error_rows_have_every_column() {
        let c = Article::from_text("cand.txt", "Some words here.");
        let r = Article::from_text("ref.txt", "Some words here.");
        let mut report = check(&c, &r, &Config::default());
        report.id = Some("=HYPERLINK(\"x\")".into());
        let row = report_record(&report);
        assert_eq!(row.len(), REPORT_COLUMNS.len());
        assert_eq!(row[0], "'=HYPERLINK(\"x\")");
        assert_eq!(row[3], "ok");
        assert_eq!(row[5], c.word_count().to_string());
        assert_eq!(row[6], format!("{:.1}", report.score));
        let err = error_record("id", "c", "r", "-bad\nthing");
        assert_eq!(err.len(), REPORT_COLUMNS.len());
        assert_eq!(err[3], "error");
        assert_eq!(err[4], "'-bad thing");
        assert!(err[5..].iter().all(String::is_empty));
    }

    #[test]
    fn finding_rows_carry_reference_and_suggestion() {
        let a = Article::from_text("c", "the bigest city");
        let r = Article::from_text("r", "the biggest city");
        let mut report = check(&a, &r, &Config::default());
        report.id = Some("doc".into());
        let kind = crate::finding::kind_where(|k| k.severity == Severity::Major);
        report.findings = vec![Finding::new(kind, &a, 4, 10, "not a word")
            .with_suggestion("biggest")
            .with_reference(&r, 4, 11)];
        let rows: Vec<_> = finding_records(&report).collect();
        assert_eq!(
            rows,
            vec![vec![
                "doc",
                kind.as_str(),
                "major",
                "1",
                "5",
                "bigest",
                "biggest",
                "not a word",
                "biggest"
            ]]
        );
        let csv = render_findings(&report);
        assert!(csv.starts_with(
            "id,kind,severity,line,column,text,reference_text,message,suggestion\r\n"
        ));
        assert_eq!(csv.lines().count(), 2);
    }
}
