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
    /// Width excerpts are cut to, in terminal columns (gutter included),
    /// around the underlined span: the terminal's width, or
    /// [`DEFAULT_WIDTH`] when the output is not a terminal.
    pub width: usize,
    /// Findings less severe than this are counted in the summary but not drawn.
    pub min_severity: Severity,
    /// Only the summary block, no diagnostics.
    pub summary_only: bool,
}

/// Width of the excerpts when the output is not a terminal.
pub const DEFAULT_WIDTH: usize = 80;

/// A width annotate-snippets never trims at.
const UNTRIMMED: usize = 1 << 20;

/// Narrowest width excerpts are cut to, whatever the terminal says.
const MIN_WIDTH: usize = 40;

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            width: DEFAULT_WIDTH,
            min_severity: Severity::Minor,
            summary_only: false,
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
    if !options.summary_only {
        // Each finding costs O(width + log n) however long its line is (the
        // excerpt is a window of at most `width` columns), so the whole
        // report is O(n + findings · (width + log n)): linear in the input
        // for a fixed width (tests/report_text.rs doubles the input).
        for finding in report.findings.iter().filter(|f| shown(f, options)) {
            out.push_str(&render_finding(finding, &cand, &refr, options));
            out.push('\n');
        }
    }
    out.push_str(&render_summary(report, options));
    out
}

/// Whether `finding` is drawn as a diagnostic (figures to verify are listed
/// on one line of the summary instead).
fn shown(finding: &Finding, options: TextOptions) -> bool {
    !finding.to_verify() && finding.severity >= options.min_severity
}

/// The summary's one line of figures to verify (the reference can neither
/// confirm nor contradict them): how many, then each figure with its place
/// (`2024 (3:14)`, `May 9 missing (reference 2:21)`) as far as `width`
/// allows.
fn verify_line(report: &Report, width: usize) -> Option<String> {
    let figures: Vec<&Finding> = report.findings.iter().filter(|f| f.to_verify()).collect();
    if figures.is_empty() {
        return None;
    }
    let mut line = format!(
        "  verify    {} figure{}",
        figures.len(),
        if figures.len() == 1 { "" } else { "s" }
    );
    let room = width.max(MIN_WIDTH);
    for (i, f) in figures.iter().enumerate() {
        let item = match (&f.reference, f.start < f.end) {
            (Some(r), false) => format!(
                "{} missing (reference {}:{})",
                clean_line(&r.text),
                r.line,
                r.column
            ),
            _ => format!("{} ({}:{})", clean_line(&f.text), f.line, f.column),
        };
        let sep = if i == 0 { ": " } else { ", " };
        let rest = figures.len() - i;
        let more = format!(", {rest} more");
        // Keep room for the ", N more" that would follow a cut.
        let needed = line.chars().count() + sep.len() + item.chars().count();
        // The first figure is always named, however long.
        if i > 0 && needed + if rest > 1 { more.len() } else { 0 } > room {
            line.push_str(&more);
            break;
        }
        line.push_str(sep);
        line.push_str(&item);
    }
    Some(line)
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
    // The excerpts are already cut to the width (`excerpt`); the crate's
    // own trimming, which counts columns a little differently, stays off.
    .term_width(UNTRIMMED);

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
    let mut excerpts = Vec::new();
    // The true column of each snippet's span: annotate-snippets counts from
    // the start of the excerpt, which is no longer the start of the line.
    let mut columns = Vec::new();
    for ((source, start, end, level), label) in snippets.into_iter().zip(labels) {
        excerpts.push((
            excerpt(source.article, source.safe, start, end, options.width),
            source.origin,
            level,
            label,
        ));
        columns.push(source.article.line_col(start).1);
    }
    for ((text, line_start, range), origin, level, label) in &excerpts {
        let mut annotation = (*level).span(range.clone());
        if !label.is_empty() {
            annotation = annotation.label(label);
        }
        message = message.snippet(
            Snippet::source(text)
                .line_start(*line_start)
                .origin(origin)
                .annotation(annotation),
        );
    }
    if let Some(s) = &suggestion {
        message = message.footer(Level::Help.title(s));
    }
    let body = renderer.render(message).to_string();
    // The crate's own title line (`error: `) is replaced by the header above.
    let body = body.split_once('\n').map_or("", |(_, rest)| rest);
    let mut columns = columns.into_iter();
    for line in body.split('\n') {
        let plain = anstream::adapter::strip_str(line).to_string();
        let plain = plain.trim_start();
        let location = plain.starts_with("--> ") || plain.starts_with("::: ");
        match (location, line.rsplit_once(':')) {
            (true, Some((head, col))) if col.bytes().all(|b| b.is_ascii_digit()) => {
                let _ = write!(out, "{head}:{}", columns.next().unwrap_or(0));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The part of the line holding `start..end` that fits in `width`
/// terminal columns once the gutter is drawn: the span (cut when it is wider,
/// or when it runs past its first line) with as much context on each side as
/// fits, `...` marking a cut. Returns the excerpt, its line number and the
/// span relative to it. The work is bounded by `width`, not by the line's
/// length (a one-line article of a megabyte costs no more per finding).
fn excerpt(
    article: &Article,
    safe: &str,
    start: usize,
    end: usize,
    width: usize,
) -> (String, usize, std::ops::Range<usize>) {
    let (start, end) = article.clamp_span(start, end);
    let line = article.line_col(start).0;
    let (line_start, line_end) = article.line_span(line);
    let (line_start, line_end) = (line_start.min(start), line_end.max(start));
    let end = end.min(line_end);
    let (Some(before), Some(span), Some(after)) = (
        safe.get(line_start..start),
        safe.get(start..end),
        safe.get(end..line_end),
    ) else {
        return (String::new(), line, 0..0);
    };
    // Gutter: the line number, " | ", and a column for the caret past the end.
    let gutter = line.to_string().len() + 4;
    let room = width.max(MIN_WIDTH).saturating_sub(gutter);
    const MORE: &str = "...";
    // The span keeps at most 3/4 of the room, so some context always shows;
    // a span cut short has no context after it, only the marker.
    let (shown, span_cols) = take_cols(span.chars(), room * 3 / 4);
    let span_cut = shown.len() < span.len();
    let mut left_room = room.saturating_sub(span_cols) / 2;
    let right_room = if span_cut {
        0
    } else {
        room.saturating_sub(span_cols + left_room)
    };
    let (right, right_cols) = take_cols(after.chars(), right_room);
    let right_cut = span_cut || right.len() < after.len();
    let span = shown;
    // Context the right side did not use goes to the left.
    left_room += right_room.saturating_sub(right_cols);
    let (left_rev, _) = take_cols(before.chars().rev(), left_room);
    let left_cut = left_rev.len() < before.len();
    // Room for the markers, taken from the far ends of the context.
    let left_rev = if left_cut {
        drop_cols(left_rev, MORE.len())
    } else {
        left_rev
    };
    let right = if right_cut && !span_cut {
        drop_cols(right, MORE.len())
    } else {
        right
    };
    let mut text = String::with_capacity(room * 4 + 8);
    if left_cut {
        text.push_str(MORE);
    }
    text.extend(left_rev.chars().rev());
    let from = text.len();
    text.push_str(&span);
    let to = text.len();
    text.push_str(&right);
    if right_cut {
        text.push_str(MORE);
    }
    (text, line, from..to)
}

/// The longest prefix of `chars` that is at most `cols` columns wide, and
/// its width.
fn take_cols(chars: impl Iterator<Item = char>, cols: usize) -> (String, usize) {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in chars {
        let w = c.width().unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        out.push(c);
    }
    (out, used)
}

/// `text` without its last `cols` columns, to make room for a `...` marker.
fn drop_cols(mut text: String, cols: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut dropped = 0;
    while dropped < cols {
        match text.pop() {
            Some(c) => dropped += c.width().unwrap_or(0).max(1),
            None => break,
        }
    }
    text
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
    for note in report.notes() {
        let _ = writeln!(out, "  note      {}", clean_line(&note));
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
    let hidden = report
        .findings
        .iter()
        .filter(|f| !f.to_verify() && !shown(f, options))
        .count();
    if hidden > 0 && !options.summary_only {
        let _ = writeln!(
            out,
            "  not shown {hidden} below {} (--min-severity)",
            options.min_severity
        );
    }
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
    if let Some(line) = verify_line(report, options.width) {
        out.push_str(&line);
        out.push('\n');
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
        let f = Finding::new(Kind::ALL[0], &cand, s, s + 15, "repeated");
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
        let f = Finding::new(Kind::ALL[0], &cand, s, text.len(), "repeated");
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
        let f = Finding::new(
            crate::finding::kind_where(|k| k.verify),
            &cand,
            0,
            0,
            "\"May 9\" is missing",
        )
        .with_reference(&refr, s, s + 5);
        // A figure to verify: one line of the summary, no diagnostic.
        let report = report_for(&cand, &refr, vec![f.clone()]);
        let summary = render(&report, &cand, &refr, Default::default());
        assert!(summary.starts_with("summary:"), "{summary}");
        assert!(
            summary.contains("  verify    1 figure: May 9 missing (reference 2:21)"),
            "{summary}"
        );
        // Drawn as a diagnostic, it shows the reference's line.
        let (cand_safe, ref_safe) = (display_safe(&cand.text), display_safe(&refr.text));
        let source = |article, safe, origin| Source {
            article,
            safe,
            origin,
        };
        let out = render_finding(
            &f,
            &source(&cand, &cand_safe, "c.txt"),
            &source(&refr, &ref_safe, "r.txt"),
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
        let f = Finding::new(Kind::ALL[0], &cand, at, at, "unclosed quote");
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
        let f = Finding::new(Kind::ALL[0], &cand, 0, 7, "repeated");
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
        let f = Finding::new(Kind::ALL[0], &cand, s, s + 7, "bad \x1b[2J");
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
        let major = crate::finding::kind_where(|k| k.severity == crate::Severity::Major);
        let minor = crate::finding::kind_where(|k| k.severity == crate::Severity::Minor);
        let findings = vec![
            Finding::new(major, &cand, 0, 7, "repeated"),
            Finding::new(minor, &cand, s, s + 4, "unsupported"),
        ];
        let out = render_summary(&report_for(&cand, &refr, findings), Default::default());
        assert!(out.contains("findings  2 (1 major, 1 minor)"), "{out}");
        assert!(
            out.contains(&format!("by kind   {major} 1, {minor} 1")),
            "{out}"
        );
    }
}
