//! Terminal renderer: rustc-style diagnostics drawn by `annotate-snippets`,
//! then a summary block.
//!
//! ```text
//! major[repeated-word]: "critics" is repeated
//!  --> cand.txt:3:143
//!   |
//! 3 | ... the West for critics critics of Russia's ...
//!   |                  ^^^^^^^^^^^^^^^
//! ```
//!
//! The header line is ours (annotate-snippets 0.11 only knows rustc's levels,
//! `error`/`warning`/…, while mtcheck's severities are minor/major/critical);
//! everything under it — the `-->` location, the gutter, the underline with
//! tabs and wide characters accounted for, long-line trimming — is the crate's.
//! Colour is produced when [`TextOptions::color`] asks for it; the binary
//! decides (terminal, `--color`, `NO_COLOR`) and writes through `anstream`.
//!
//! The primary span (candidate) is underlined with `^`, the reference evidence
//! with `-` in a second snippet (`:::`), a suggestion becomes a `help` footer;
//! a finding with an empty span and reference evidence (`number-missing`)
//! shows the reference line instead. Text is made safe for a terminal without
//! moving any offset: control characters (ESC, C1), tabs and the CR of CRLF
//! become spaces, a lone CR becomes LF (annotate-snippets 0.11 draws a tab as
//! four spaces in the line but not under it). A summary block follows: score,
//! verdict and its reason, words, mode, languages, counts by severity and
//! kind, chrF (with the aligned sentences' mean)/BLEU. Severity colours:
//! critical red, major yellow, minor cyan; evidence green.

use std::fmt::Write;

use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{Level, Renderer, Snippet};

use super::Report;
use crate::finding::{Finding, Kind, Severity};
use crate::text::Article;
use crate::verdict::Verdict;

/// How to draw the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Emit ANSI colour codes.
    pub color: bool,
    /// Width lines are trimmed to (around the underlined span).
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            width: annotate_snippets::renderer::DEFAULT_TERM_WIDTH,
        }
    }
}

impl TextOptions {
    pub fn colored(color: bool) -> TextOptions {
        TextOptions {
            color,
            ..TextOptions::default()
        }
    }
}

/// The whole report: one diagnostic per finding, then the summary block.
/// `candidate` and `reference` are the articles the report was made from
/// (findings hold byte spans into them).
pub fn render(
    report: &Report,
    candidate: &Article,
    reference: &Article,
    options: TextOptions,
) -> String {
    let cand_safe = display_safe(&candidate.text);
    let ref_safe = display_safe(&reference.text);
    let cand = Source {
        article: candidate,
        safe: &cand_safe,
        origin: &clean_line(&report.candidate),
    };
    let refr = Source {
        article: reference,
        safe: &ref_safe,
        origin: &clean_line(&report.reference),
    };
    let mut out = String::new();
    for finding in &report.findings {
        out.push_str(&render_finding(finding, &cand, &refr, options));
        out.push('\n');
    }
    out.push_str(&render_summary(report, options));
    out
}

/// One article and the forms of its name and text that are safe to print.
struct Source<'a> {
    article: &'a Article,
    safe: &'a str,
    origin: &'a str,
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::Major => AnsiColor::Yellow,
        Severity::Minor => AnsiColor::BrightCyan,
    };
    color.on_default().effects(Effects::BOLD)
}

const EVIDENCE_STYLE: Style = AnsiColor::BrightGreen.on_default().effects(Effects::BOLD);
const BOLD: Style = Style::new().effects(Effects::BOLD);

fn paint(out: &mut String, style: Style, text: &str, color: bool) {
    if color {
        let _ = write!(out, "{}{}{}", style.render(), text, style.render_reset());
    } else {
        out.push_str(text);
    }
}

/// One diagnostic: our header line, then annotate-snippets' body.
fn render_finding(
    finding: &Finding,
    candidate: &Source<'_>,
    reference: &Source<'_>,
    options: TextOptions,
) -> String {
    let mut out = String::new();
    let style = severity_style(finding.severity);
    paint(
        &mut out,
        style,
        &format!("{}[{}]", finding.severity, finding.kind),
        options.color,
    );
    out.push_str(": ");
    paint(&mut out, BOLD, &clean_line(&finding.message), options.color);
    out.push('\n');

    let renderer = if options.color {
        Renderer::styled()
            .error(style)
            .warning(EVIDENCE_STYLE)
            .help(AnsiColor::BrightCyan.on_default().effects(Effects::BOLD))
    } else {
        Renderer::plain()
    }
    .term_width(options.width);

    let in_candidate = finding.start < finding.end || finding.reference.is_none();
    let mut snippets = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    if in_candidate {
        let label = if finding.start == finding.end {
            "here"
        } else {
            ""
        };
        labels.push(label);
        snippets.push((candidate, finding.start, finding.end, Level::Error));
    }
    if let Some(evidence) = &finding.reference {
        let (level, label) = if in_candidate {
            (Level::Warning, "reference")
        } else {
            (Level::Error, "in the reference, not found in the candidate")
        };
        labels.push(label);
        snippets.push((reference, evidence.start, evidence.end, level));
    }
    let suggestion = finding
        .suggestion
        .as_deref()
        .map(|s| format!("suggestion: `{}`", clean_line(s)));

    let mut message = Level::Error.title("");
    for ((source, start, end, level), label) in snippets.into_iter().zip(labels) {
        let (text, line_start, range) = excerpt(source.article, source.safe, start, end);
        let mut annotation = level.span(range);
        if !label.is_empty() {
            annotation = annotation.label(label);
        }
        message = message.snippet(
            Snippet::source(text)
                .line_start(line_start)
                .origin(source.origin)
                .annotation(annotation),
        );
    }
    if let Some(s) = &suggestion {
        message = message.footer(Level::Help.title(s));
    }
    let body = renderer.render(message).to_string();
    // The crate's own title line (`error: `) is replaced by the header above.
    let body = body.split_once('\n').map_or("", |(_, rest)| rest);
    out.push_str(body);
    out.push('\n');
    out
}

/// The lines of `article` that `start..end` touches, as a slice of `safe`
/// (the display-safe copy of the text), its first line number, and the span
/// relative to the slice.
fn excerpt<'a>(
    article: &Article,
    safe: &'a str,
    start: usize,
    end: usize,
) -> (&'a str, usize, std::ops::Range<usize>) {
    let (start, end) = article.clamp_span(start, end);
    let first = article.line_col(start).0;
    let last = if end > start {
        article.line_col(end - 1).0
    } else {
        first
    };
    let from = article.line_span(first).0.min(start);
    let to = article.line_span(last).1.max(end);
    match safe.get(from..to) {
        Some(text) => (text, first, start - from..end - from),
        None => ("", first, 0..0),
    }
}

/// A copy of `text` with the same byte offsets that is safe to print on a
/// terminal: lone carriage returns become line feeds (the article counts them
/// as line breaks), tabs, the CR of CRLF and other control characters become
/// spaces, so text can never move the cursor or change the terminal's state.
pub fn display_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // The CR of a CRLF becomes an (invisible) trailing space, so an
            // excerpt cut between the two never ends in a bare CR.
            '\r' if chars.peek() == Some(&'\n') => out.push(' '),
            '\r' => out.push('\n'),
            // annotate-snippets 0.11 draws a tab as four spaces in the source
            // line but not under it, which shifts the underline; one space
            // keeps offsets, columns and the underline right.
            '\t' => out.push(' '),
            '\n' => out.push(c),
            // Same UTF-8 length as the character replaced.
            c if c.is_control() => out.push_str(if c.len_utf8() == 1 { " " } else { "\u{a0}" }),
            c => out.push(c),
        }
    }
    out
}

/// `text` on one line with control characters replaced (for headers).
fn clean_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn verdict_style(verdict: Verdict) -> Style {
    match verdict {
        Verdict::Clean => AnsiColor::BrightGreen,
        Verdict::Review => AnsiColor::Yellow,
        Verdict::LikelyMt => AnsiColor::BrightRed,
    }
    .on_default()
    .effects(Effects::BOLD)
}

/// The summary block: score, verdict, counts by severity and kind, mode, metrics.
pub fn render_summary(report: &Report, options: TextOptions) -> String {
    let color = options.color;
    let mut out = String::new();
    paint(&mut out, BOLD, "summary", color);
    let _ = writeln!(
        out,
        ": {} (reference {})",
        clean_line(&report.candidate),
        clean_line(&report.reference)
    );
    out.push_str("  score     ");
    paint(
        &mut out,
        verdict_style(report.verdict),
        &format!("{:.1}/100 {}", report.score, report.verdict),
        color,
    );
    out.push('\n');
    let _ = writeln!(out, "  why       {}", clean_line(&report.verdict_reason));
    if let Some(note) = &report.reference_suspect {
        // "  reference suspect: …", in the labels' column.
        let note = note.strip_prefix("reference ").unwrap_or(note);
        let _ = writeln!(out, "  reference {}", clean_line(note));
    }
    if let Some(note) = report.omitted_note() {
        let _ = writeln!(out, "  note      {note}");
    }
    let lost = report.score_breakdown;
    if report.mode == crate::align::Mode::Parallel {
        let _ = writeln!(
            out,
            "  lost      {:.1} to findings, {:.1} to adequacy (chrF)",
            lost.findings, lost.adequacy
        );
    } else {
        let _ = writeln!(
            out,
            "  lost      {:.1} to findings (comparable pair: no adequacy term)",
            lost.findings
        );
    }
    let lang = |l: &Option<String>| l.clone().unwrap_or_else(|| "?".into());
    let _ = writeln!(
        out,
        "  words     {}, mode {}, language {} / {}",
        report.words,
        report.mode.as_str(),
        lang(&report.language.candidate),
        lang(&report.language.reference)
    );
    let _ = write!(out, "  findings  {}", report.findings.len());
    let mut by_severity = Vec::new();
    for severity in [Severity::Critical, Severity::Major, Severity::Minor] {
        let n = report.severity_count(severity);
        if n > 0 {
            by_severity.push((severity, n));
        }
    }
    if !by_severity.is_empty() {
        out.push_str(" (");
        for (i, (severity, n)) in by_severity.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            paint(
                &mut out,
                severity_style(severity),
                &format!("{n} {severity}"),
                color,
            );
        }
        out.push(')');
    }
    out.push('\n');
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|k| {
            let n = report.counts.get(k).copied().unwrap_or(0);
            (n > 0).then(|| format!("{k} {n}"))
        })
        .collect();
    if !kinds.is_empty() {
        let _ = writeln!(out, "  by kind   {}", kinds.join(", "));
    }
    let m = &report.metrics;
    let sentences = m.sentence_chrf_note();
    let _ = writeln!(
        out,
        "  metrics   chrF {:.2}{sentences}, BLEU {:.2}; sentences {} candidate, {} reference, {} aligned",
        m.chrf, m.bleu, m.candidate_sentences, m.reference_sentences, m.aligned_sentences
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::report::Report;
    use unicode_width::UnicodeWidthStr;

    fn report_for(cand: &Article, refr: &Article, findings: Vec<Finding>) -> Report {
        let alignment = crate::align::align(cand, refr, &Default::default());
        Report::build(cand, refr, alignment, findings, &Config::default())
    }

    /// The display column (0-based) of the first `^` on the underline row,
    /// minus the column where the source text starts, must equal the display
    /// width of the text before the span.
    fn underline_offset(rendered: &str, source_line: &str) -> (usize, usize) {
        let lines: Vec<&str> = rendered.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.ends_with(source_line))
            .unwrap_or_else(|| panic!("no source line in\n{rendered}"));
        let text_col = lines[at].width() - source_line.width();
        let under = lines[at + 1];
        let caret = under.find('^').expect("no caret");
        let caret_col = under[..caret].width();
        let len = under[caret..].chars().take_while(|&c| c == '^').count();
        (caret_col - text_col, len)
    }

    #[test]
    fn underline_stays_aligned_after_wide_characters() {
        let text = "東京の記者 said critics critics spoke.";
        let cand = Article::from_text("c.txt", text);
        let refr = Article::from_text("r.txt", "Critics spoke.");
        let s = text.find("critics critics").unwrap();
        let f = Finding::new(Kind::RepeatedWord, &cand, s, s + 15, "repeated");
        let out = render(
            &report_for(&cand, &refr, vec![f]),
            &cand,
            &refr,
            Default::default(),
        );
        let (offset, len) = underline_offset(&out, text);
        assert_eq!(offset, text[..s].width(), "{out}");
        assert_eq!(len, 15, "{out}");
        assert!(out.contains("--> c.txt:1:12"), "{out}");
    }

    #[test]
    fn underline_stays_aligned_after_tabs() {
        let text = "a\tb\tcritics critics";
        let cand = Article::from_text("c.txt", text);
        let refr = Article::from_text("r.txt", "Critics.");
        let s = text.find("critics").unwrap();
        let f = Finding::new(Kind::RepeatedWord, &cand, s, text.len(), "repeated");
        let out = render(
            &report_for(&cand, &refr, vec![f]),
            &cand,
            &refr,
            Default::default(),
        );
        // Tabs are drawn as one space each.
        let shown = text.replace('\t', " ");
        let (offset, len) = underline_offset(&out, &shown);
        assert_eq!(offset, "a b ".len(), "{out}");
        assert!(out.contains("--> c.txt:1:5"), "{out}");
        assert_eq!(len, "critics critics".len(), "{out}");
    }

    #[test]
    fn empty_span_with_reference_shows_the_reference_line() {
        let cand = Article::from_text("c.txt", "He spoke on Friday.");
        let refr = Article::from_text("r.txt", "Intro.\nHe spoke on Friday, May 9.");
        let s = refr.text.find("May 9").unwrap();
        let f = Finding::new(Kind::NumberMissing, &cand, 0, 0, "\"May 9\" is missing")
            .with_reference(&refr, s, s + 5);
        let out = render(
            &report_for(&cand, &refr, vec![f]),
            &cand,
            &refr,
            Default::default(),
        );
        assert!(out.contains("--> r.txt:2:21"), "{out}");
        assert!(out.contains("2 | He spoke on Friday, May 9."), "{out}");
        assert!(out.contains("^^^^^ in the reference"), "{out}");
        assert!(!out.contains("c.txt:"), "{out}");
    }

    #[test]
    fn empty_span_without_reference_points_at_the_place() {
        let cand = Article::from_text("c.txt", "He said \"yes.");
        let refr = Article::from_text("r.txt", "He said yes.");
        let at = cand.text.len();
        let f = Finding::new(Kind::UnbalancedPunctuation, &cand, at, at, "unclosed quote");
        let out = render(
            &report_for(&cand, &refr, vec![f]),
            &cand,
            &refr,
            Default::default(),
        );
        assert!(out.contains("--> c.txt:1:14"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let under = lines.iter().find(|l| l.contains("here")).expect(&out);
        assert_eq!(under.find('^'), Some("1 | He said \"yes.".len()), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let cand = Article::from_text("c.txt", "the the end");
        let refr = Article::from_text("r.txt", "the end");
        let f = Finding::new(Kind::RepeatedWord, &cand, 0, 7, "repeated");
        let report = report_for(&cand, &refr, vec![f]);
        let plain = render(&report, &cand, &refr, TextOptions::colored(false));
        let colored = render(&report, &cand, &refr, TextOptions::colored(true));
        assert!(!plain.contains('\x1b'));
        assert!(colored.contains("\x1b["));
        let stripped = anstream::adapter::strip_str(&colored).to_string();
        assert_eq!(stripped, plain);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text = "one\rtwo \x1b[31mred\x1b[0m two two\u{9b}";
        let cand = Article::from_text("c\x1b.txt", text);
        let refr = Article::from_text("r.txt", "two");
        let s = text.find("two two").unwrap();
        let f = Finding::new(Kind::RepeatedWord, &cand, s, s + 7, "bad \x1b[2J");
        let out = render(
            &report_for(&cand, &refr, vec![f]),
            &cand,
            &refr,
            Default::default(),
        );
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert_eq!(display_safe(text).len(), text.len());
    }

    #[test]
    fn summary_lists_counts_by_kind_and_severity() {
        let cand = Article::from_text("c.txt", "the the end is nigh 2024");
        let refr = Article::from_text("r.txt", "the end is nigh");
        let s = cand.text.find("2024").unwrap();
        let findings = vec![
            Finding::new(Kind::RepeatedWord, &cand, 0, 7, "repeated"),
            Finding::new(Kind::NumberUnsupported, &cand, s, s + 4, "unsupported"),
        ];
        let out = render_summary(&report_for(&cand, &refr, findings), Default::default());
        assert!(out.contains("findings  2 (1 major, 1 minor)"), "{out}");
        assert!(
            out.contains("by kind   repeated-word 1, number-unsupported 1"),
            "{out}"
        );
    }
}
