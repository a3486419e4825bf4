//! CSV renderers for editors: `report.csv` (one row per article) and
//! `findings.csv` (one row per finding), as in docs/FORMATS.md.
//!
//! Every cell that comes from input or from a finding is made safe for
//! spreadsheets ([`neutralize`]); excerpts are kept short ([`excerpt`]).

use std::borrow::Cow;

use super::Report;
use crate::finding::{Finding, Kind, Severity};

/// The columns of `report.csv`, before any extra manifest columns, led by
/// what an editor reads first. With `--html-dir`, [`PAGE_COLUMN`] comes
/// right after `minor` ([`report_columns`]).
pub const REPORT_COLUMNS: [&str; 23] = [
    "id",
    "verdict",
    "verdict_reason",
    "score",
    "top_finding",
    "top_finding_at",
    "critical",
    "major",
    "minor",
    "row",
    "status",
    "error",
    "words",
    "findings",
    "repeated_words",
    "garbled",
    "number_date_mismatches",
    "figures_to_verify",
    "chrf",
    "bleu",
    "candidate",
    "reference",
    "version",
];

/// The report.csv layout's version (the `version` column): 2 since the
/// columns were reordered for editors and `figures_to_verify` was split
/// from `number_date_mismatches`.
pub const REPORT_VERSION: &str = "2";

/// The column holding the article's HTML page (relative to report.csv),
/// when the batch writes pages.
pub const PAGE_COLUMN: &str = "page";

/// Where [`PAGE_COLUMN`] goes: after `minor`.
const PAGE_AT: usize = 9;

/// report.csv's columns, with the page column when `pages` is set.
pub fn report_columns(pages: bool) -> Vec<&'static str> {
    let mut columns = REPORT_COLUMNS.to_vec();
    if pages {
        columns.insert(PAGE_AT, PAGE_COLUMN);
    }
    columns
}

/// Puts the page cell into a report.csv record made by [`report_record`]
/// or [`error_record`] (empty for a row without a page).
pub fn with_page(mut record: Vec<String>, page: Option<&str>) -> Vec<String> {
    record.insert(
        PAGE_AT.min(record.len()),
        page.map(value_cell).unwrap_or_default(),
    );
    record
}

/// The columns of `findings.csv`.
pub const FINDINGS_COLUMNS: [&str; 10] = [
    "id",
    "kind",
    "severity",
    "group",
    "line",
    "column",
    "text",
    "reference_text",
    "message",
    "suggestion",
];

/// Longest excerpt written into a cell, in characters (ellipsis included).
pub const MAX_EXCERPT_CHARS: usize = 200;

/// The UTF-8 byte order mark batch CSV files start with (unless `--no-bom`),
/// so spreadsheet programs read them as UTF-8.
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

/// The finding an editor should read first: the most severe finding to fix,
/// the first by position among equally severe ones; a figure to verify only
/// when there is nothing to fix.
pub fn top_finding(findings: &[Finding]) -> Option<&Finding> {
    let key = |f: &Finding| (!f.to_verify(), f.severity);
    let worst = findings.iter().map(key).max()?;
    findings.iter().find(|f| key(f) == worst)
}

/// Where a finding is, as `line:column` of the candidate.
pub fn finding_at(f: &Finding) -> String {
    format!("{}:{}", f.line, f.column)
}

/// The report.csv row of a checked article, row `row` of the manifest
/// (1-based; `report.id` is the row's id, the candidate path stands in when
/// it is unset). Without the page column ([`with_page`] adds it).
pub fn report_record(report: &Report, row: usize) -> Vec<String> {
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
    let top = top_finding(&report.findings);
    vec![
        value_cell(id),
        report.verdict.as_str().to_string(),
        text_cell(&report.verdict_reason),
        format!("{:.1}", report.score),
        top.map(|f| text_cell(&f.message)).unwrap_or_default(),
        top.map(finding_at).unwrap_or_default(),
        count(Severity::Critical),
        count(Severity::Major),
        count(Severity::Minor),
        row.to_string(),
        "ok".to_string(),
        String::new(),
        report.words.to_string(),
        report.findings.len().to_string(),
        in_group(Group::RepeatedWords),
        in_group(Group::Garbled),
        in_group(Group::NumbersDates),
        in_group(Group::FiguresToVerify),
        format!("{:.2}", report.metrics.chrf),
        format!("{:.2}", report.metrics.bleu),
        value_cell(&report.candidate),
        value_cell(&report.reference),
        REPORT_VERSION.to_string(),
    ]
}

/// The report.csv row of an article that could not be checked (row `row`,
/// 1-based): status `error`, the reason in `error`, every measurement empty.
pub fn error_record(
    id: &str,
    row: usize,
    candidate: &str,
    reference: &str,
    error: &str,
) -> Vec<String> {
    let mut record = vec![String::new(); REPORT_COLUMNS.len()];
    let mut set = |column: &str, value: String| {
        if let Some(i) = REPORT_COLUMNS.iter().position(|c| *c == column) {
            record[i] = value;
        }
    };
    set("id", value_cell(id));
    set("row", row.to_string());
    set("status", "error".to_string());
    set("error", text_cell(error));
    set("candidate", value_cell(candidate));
    set("reference", value_cell(reference));
    set("version", REPORT_VERSION.to_string());
    record
}

/// The findings.csv rows of a report, in the report's order.
pub fn finding_records(report: &Report) -> impl Iterator<Item = Vec<String>> + '_ {
    let id = value_cell(report.id.as_deref().unwrap_or(&report.candidate));
    report.findings.iter().map(move |f| {
        vec![
            id.clone(),
            f.kind.as_str().to_string(),
            f.severity.as_str().to_string(),
            if f.to_verify() { "verify" } else { "fix" }.to_string(),
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
    fn page_column_follows_minor() {
        let cols = report_columns(true);
        let at = cols.iter().position(|c| *c == "minor").unwrap();
        assert_eq!(cols[at + 1], PAGE_COLUMN);
        assert_eq!(report_columns(false), REPORT_COLUMNS.to_vec());
        let rec = with_page(error_record("a", 1, "c", "r", "x"), Some("p/0000-a.html"));
        assert_eq!(rec.len(), cols.len());
        assert_eq!(rec[at + 1], "p/0000-a.html");
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
        // A figure to verify is the top finding only when nothing is to fix.
        let figure = Finding::new(crate::finding::kind_where(|k| k.verify), &a, 0, 3, "figure")
            .with_severity(Severity::Critical);
        let fix = Finding::new(minor, &a, 4, 7, "fix");
        assert_eq!(top_finding(&[figure.clone(), fix]).unwrap().message, "fix");
        assert_eq!(top_finding(&[figure]).unwrap().message, "figure");
    }

    #[test]
    fn report_and_error_rows_have_every_column() {
        let c = Article::from_text("cand.txt", "Some words here.");
        let r = Article::from_text("ref.txt", "Some words here.");
        let mut report = check(&c, &r, &Config::default());
        report.id = Some("=HYPERLINK(\"x\")".into());
        let row = report_record(&report, 7);
        assert_eq!(row.len(), REPORT_COLUMNS.len());
        let cell = |row: &[String], name: &str| {
            row[REPORT_COLUMNS.iter().position(|c| *c == name).unwrap()].clone()
        };
        assert_eq!(row[0], "'=HYPERLINK(\"x\")");
        assert_eq!(cell(&row, "status"), "ok");
        assert_eq!(cell(&row, "row"), "7");
        assert_eq!(cell(&row, "words"), c.word_count().to_string());
        assert_eq!(cell(&row, "score"), format!("{:.1}", report.score));
        assert_eq!(cell(&row, "version"), REPORT_VERSION);
        let err = error_record("id", 3, "c", "r", "-bad\nthing");
        assert_eq!(err.len(), REPORT_COLUMNS.len());
        assert_eq!(cell(&err, "status"), "error");
        assert_eq!(cell(&err, "error"), "'-bad thing");
        assert_eq!(cell(&err, "candidate"), "c");
        assert_eq!(cell(&err, "score"), "");
        assert_eq!(cell(&err, "verdict"), "");
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
                "fix",
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
            "id,kind,severity,group,line,column,text,reference_text,message,suggestion\r\n"
        ));
        assert_eq!(csv.lines().count(), 2);
    }
}
