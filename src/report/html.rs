//! HTML renderer: one self-contained page per article (inline CSS, no
//! scripts, no external assets) and an index page for a batch (worst first,
//! with one inline script to sort and filter, allowed by its hash).
//!
//! The page shows the score and counts on top, a legend, then the candidate
//! on the left with every finding highlighted (`<mark>`, classed by kind and
//! severity, the message in `title`) and the reference on the right: the
//! aligned reference sentences next to each candidate sentence when the
//! report has an alignment, the whole reference text otherwise. A numbered
//! list of the findings follows, so nothing depends on hovering (phones,
//! print). Overlapping findings nest; where they cross, the inner one is
//! closed and reopened, so the markup is always well formed.
//!
//! The findings to fix are listed first; the figures to verify follow in a
//! collapsed `<details>`. A quote-mismatch's changed words
//! (`Finding::changed`) are marked inside the quote's mark.
//!
//! For a batch: [`write_page`] writes one article's page into a directory
//! and returns its [`IndexEntry`]; [`write_index`] writes `index.html` and
//! then fills in each page's previous/next links in the index's order.
//!
//! A Content-Security-Policy meta tag forbids scripts (the index allows its
//! own, [`INDEX_SCRIPT`], by hash) and external assets, so even a rendering
//! bug could not run a script; all article text, names and
//! messages are HTML-escaped (control characters become U+FFFD). Sentences of
//! one n:m pair, or joined by a finding that crosses their boundary, share a
//! row; reference sentences nothing aligns to get rows of their own after the
//! row showing the nearest earlier reference sentence, so the whole reference
//! is on the page once. The legend and the kind colours come from
//! [`crate::finding::KINDS`]. Below ~700px the columns stack; `@media print`
//! keeps colours and avoids breaking rows.

use std::fmt::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use super::Report;
use crate::finding::{Finding, Kind, Severity, KINDS};
use crate::text::Article;
use crate::verdict::Verdict;

/// One self-contained HTML page for one checked article.
pub fn render_page(report: &Report, candidate: &Article, reference: &Article) -> String {
    render_page_with(report, candidate, reference, false)
}

/// The page, with a navigation bar (a link to `index.html`, and room for the
/// previous and next links that [`write_navigation`] fills in) when `nav`.
fn render_page_with(
    report: &Report,
    candidate: &Article,
    reference: &Article,
    nav: bool,
) -> String {
    let mut out = String::with_capacity(candidate.text.len() * 3 + reference.text.len() * 2 + 8192);
    let title = format!("{} · mtcheck", article_id(report));
    head(&mut out, &title, None);
    if nav {
        out.push_str(&navigation(None, None, None));
    }
    summary(&mut out, report);
    legend(&mut out, report);
    side_by_side(&mut out, report, candidate, reference);
    findings_list(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

/// One line of the batch index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// The row's 0-based position in the manifest.
    pub row: usize,
    pub id: String,
    pub candidate: String,
    pub reference: String,
    /// Link to the article's page, relative to the index.
    pub href: Option<String>,
    pub score: Option<f64>,
    pub verdict: Option<Verdict>,
    /// Why the article got its verdict (empty for failed rows).
    pub verdict_reason: String,
    pub findings: usize,
    pub critical: usize,
    pub major: usize,
    pub minor: usize,
    /// The message of the finding to read first, and its `line:column`.
    pub top_finding: Option<(String, String)>,
    /// Why the article could not be checked (the row then has no page).
    pub error: Option<String>,
}

impl IndexEntry {
    /// The entry of a checked article, row `row`, whose page is at `href`.
    pub fn from_report(report: &Report, row: usize, href: impl Into<String>) -> IndexEntry {
        IndexEntry {
            row,
            id: article_id(report),
            candidate: report.candidate.clone(),
            reference: report.reference.clone(),
            href: Some(href.into()),
            score: Some(report.score),
            verdict: Some(report.verdict),
            verdict_reason: report.verdict_reason.clone(),
            findings: report.findings.len(),
            critical: report.severity_count(Severity::Critical),
            major: report.severity_count(Severity::Major),
            minor: report.severity_count(Severity::Minor),
            top_finding: super::csv::top_finding(&report.findings)
                .map(|f| (f.message.clone(), super::csv::finding_at(f))),
            error: None,
        }
    }

    /// The entry of an article that failed (unreadable input and the like),
    /// row `row`.
    pub fn failed(
        row: usize,
        id: impl Into<String>,
        candidate: impl Into<String>,
        reference: impl Into<String>,
        error: impl Into<String>,
    ) -> IndexEntry {
        IndexEntry {
            row,
            id: id.into(),
            candidate: candidate.into(),
            reference: reference.into(),
            href: None,
            score: None,
            verdict: None,
            verdict_reason: String::new(),
            findings: 0,
            critical: 0,
            major: 0,
            minor: 0,
            top_finding: None,
            error: Some(error.into()),
        }
    }
}

/// The report's id, or the candidate's file name without extension.
fn article_id(report: &Report) -> String {
    report.id.clone().unwrap_or_else(|| {
        Path::new(&report.candidate)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| report.candidate.clone())
    })
}

/// A safe, unique file name for row `row`'s page: `0007-some-id.html`.
pub fn page_file_name(row: usize, id: &str) -> String {
    let mut slug = String::new();
    for c in id.chars() {
        let keep = c.is_ascii_alphanumeric() || c == '_' || c == '.';
        if keep {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_matches(|c| c == '-' || c == '.');
    let slug = if slug.is_empty() { "article" } else { slug };
    format!("{row:04}-{slug}.html")
}

/// Writes row `row`'s page into `dir` (atomically) and returns its index entry.
pub fn write_page(
    dir: &Path,
    row: usize,
    report: &Report,
    candidate: &Article,
    reference: &Article,
) -> std::io::Result<IndexEntry> {
    let name = page_file_name(row, &article_id(report));
    let page = render_page_with(report, candidate, reference, true);
    crate::output::write_atomic(&dir.join(&name), page.as_bytes())?;
    Ok(IndexEntry::from_report(report, row, name))
}

impl IndexEntry {
    /// Where the entry goes in the index: [`super::Triage`]'s worst first.
    fn triage(&self) -> super::Triage {
        match (self.verdict, self.error.is_none()) {
            (Some(verdict), true) => super::Triage {
                verdict: Some(verdict),
                critical: self.critical,
                major: self.major,
                score: self.score.unwrap_or(f64::NAN),
                row: self.row,
            },
            _ => super::Triage::failed(self.row),
        }
    }
}

/// `entries` in the index's order: worst first ([`super::Triage`]).
pub fn index_order(entries: &[IndexEntry]) -> Vec<&IndexEntry> {
    let mut sorted: Vec<&IndexEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.triage().worst_first(&b.triage()));
    sorted
}

/// Writes `dir/index.html` listing `entries`, then gives every page its
/// previous and next links in the index's order.
pub fn write_index(dir: &Path, entries: &[IndexEntry]) -> std::io::Result<()> {
    crate::output::write_atomic(&dir.join("index.html"), render_index(entries).as_bytes())?;
    write_navigation(dir, &index_order(entries))
}

/// Bytes reserved on every batch page for its navigation bar, so the
/// previous/next links can be written into the page in place once the
/// index's order is known (pages are written as rows finish, before it is).
const NAV_BYTES: usize = 640;

/// The opening of the navigation bar, which [`write_navigation`] looks for.
const NAV_OPEN: &str = "<nav class=\"pager\">";

/// The navigation bar of a batch page, padded with spaces to [`NAV_BYTES`]:
/// a link to the index, and to the previous and next pages when known, with
/// the page's place (`3 of 325`). Page names are ASCII letters, digits and
/// `-_.` ([`page_file_name`]), so they go into `href` as they are.
fn navigation(prev: Option<&str>, next: Option<&str>, place: Option<(usize, usize)>) -> String {
    let mut nav = String::from(NAV_OPEN);
    nav.push_str("<a href=\"index.html\">↑ index</a>");
    if let Some(p) = prev {
        let _ = write!(
            nav,
            " <a rel=\"prev\" href=\"{}\">← previous</a>",
            escape(p)
        );
    }
    if let Some(n) = next {
        let _ = write!(nav, " <a rel=\"next\" href=\"{}\">next →</a>", escape(n));
    }
    if let Some((at, of)) = place {
        let _ = write!(
            nav,
            " <span class=\"place\">{at} of {of}, worst first</span>"
        );
    }
    nav.push_str("</nav>");
    let pad = NAV_BYTES.saturating_sub(nav.len());
    nav.push_str(&" ".repeat(pad));
    nav.push('\n');
    nav
}

/// Fills in each page's previous and next links, `pages` being the index's
/// order: the bar reserved by [`render_page_with`] is overwritten in place
/// (same length, so the page stays whole), and only when the file still has
/// it where expected. Rows without a page are skipped over.
fn write_navigation(dir: &Path, order: &[&IndexEntry]) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let pages: Vec<&str> = order.iter().filter_map(|e| e.href.as_deref()).collect();
    for (i, page) in pages.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| pages.get(j)).copied();
        let next = pages.get(i + 1).copied();
        let nav = navigation(prev, next, Some((i + 1, pages.len())));
        if nav.len() != NAV_BYTES + 1 {
            continue; // Cannot happen with page names as made here.
        }
        let path = dir.join(page);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)?;
        // The bar follows the head, whose length depends on the title.
        let mut start = Vec::new();
        (&mut file).take(64 * 1024).read_to_end(&mut start)?;
        let Some(at) = find(&start, NAV_OPEN.as_bytes()) else {
            continue;
        };
        file.seek(SeekFrom::Start(at as u64))?;
        std::io::Write::write_all(&mut file, nav.as_bytes())?;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The index's script: sorting by a column (click its header) and
/// filtering by verdict (buttons it adds above the table). The page is whole
/// without it (worst first, every row shown); the Content-Security-Policy
/// allows this script alone, by its hash ([`INDEX_SCRIPT_SHA256`]).
pub const INDEX_SCRIPT: &str = include_str!("index.js");

/// base64 of the SHA-256 of [`INDEX_SCRIPT`], as the CSP's `script-src`
/// wants it (a test recomputes it; so does the browser, which would refuse
/// the script on a mismatch).
pub const INDEX_SCRIPT_SHA256: &str = "4v9TAgvs5tq3wcXqkZiok2d1H6qugwW76+D1qTy8YiI=";

/// The batch index: one row per article, worst first ([`super::Triage`]:
/// rows that could not be checked, then `likely-mt`, `review`, `clean`; more
/// critical, then more major findings first; then the lower score; ties in
/// manifest order), with its id linking to its page, verdict and reason,
/// score, counts and the finding to read first.
pub fn render_index(entries: &[IndexEntry]) -> String {
    let sorted = index_order(entries);
    let mut out = String::new();
    head(&mut out, "mtcheck batch report", Some(INDEX_SCRIPT_SHA256));
    let checked = entries.iter().filter(|e| e.error.is_none()).count();
    let _ = write!(
        out,
        "<header class=\"top\"><div class=\"meta\"><h1>mtcheck batch report</h1><p>{} articles, {} checked, {} failed",
        entries.len(),
        checked,
        entries.len() - checked
    );
    for verdict in [Verdict::LikelyMt, Verdict::Review, Verdict::Clean] {
        let n = entries
            .iter()
            .filter(|e| e.verdict == Some(verdict))
            .count();
        let _ = write!(
            out,
            " · <span class=\"verdict v-{}\">{} {}</span>",
            verdict, n, verdict
        );
    }
    out.push_str(" · worst first</p></div></header>\n<main>\n<div id=\"filters\" class=\"filters\"></div>\n<table class=\"index\" id=\"index\">\n<thead><tr>");
    for (key, label, class) in [
        ("id", "id", ""),
        ("verdict", "verdict", ""),
        ("score", "score", " class=\"num\""),
        (
            "critical",
            "crit.",
            " class=\"num\" title=\"critical findings\"",
        ),
        ("major", "major", " class=\"num\" title=\"major findings\""),
        ("minor", "minor", " class=\"num\" title=\"minor findings\""),
        ("top", "finding to read first", " class=\"top-finding\""),
    ] {
        let _ = write!(out, "<th data-key=\"{key}\"{class}>{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (rank, e) in sorted.into_iter().enumerate() {
        let id = match &e.href {
            Some(href) => format!("<a href=\"{}\">{}</a>", escape(href), escape(&e.id)),
            None => escape(&e.id),
        };
        let verdict = e.verdict.filter(|_| e.error.is_none());
        let class = verdict.map_or("error", |v| v.as_str());
        let _ = write!(
            out,
            "<tr class=\"v-{class}\" data-verdict=\"{class}\" data-rank=\"{rank}\"><td class=\"id\">{id}</td>"
        );
        match (&e.error, verdict) {
            (None, Some(v)) => {
                let score = e.score.map_or_else(String::new, |s| format!("{s:.1}"));
                let top = e.top_finding.as_ref().map_or_else(String::new, |(m, at)| {
                    format!("<span class=\"at\">{}</span> {}", escape(at), escape(m))
                });
                let _ = write!(
                    out,
                    "<td data-sort=\"{rank}\"><span class=\"verdict v-{v}\">{v}</span> <span class=\"why\">{}</span></td><td class=\"num\">{score}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"top-finding\">{top}</td>",
                    escape(&e.verdict_reason),
                    e.critical,
                    e.major,
                    e.minor
                );
            }
            (error, _) => {
                let _ = write!(
                    out,
                    "<td colspan=\"6\" class=\"error\" data-sort=\"{rank}\">error: {}</td>",
                    escape(error.as_deref().unwrap_or("not checked"))
                );
            }
        }
        out.push_str("</tr>\n");
    }
    let _ = write!(
        out,
        "</tbody></table></main>\n<script>{INDEX_SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

/// `text` with HTML's special characters escaped and control characters
/// (other than line breaks and tabs) replaced, for text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// For `title` attributes: also keeps line breaks as character references.
fn escape_attr(text: &str) -> String {
    escape(text)
        .replace('\n', "&#10;")
        .replace(['\r', '\t'], " ")
}

/// The page style: `html.css` with its `@kinds` line replaced by one
/// background rule per kind that has a colour in [`KINDS`], two to a line.
static CSS: LazyLock<String> = LazyLock::new(|| {
    let mut rules = String::from("/* Kinds: background colour. */\n");
    let coloured: Vec<String> = KINDS
        .iter()
        .filter_map(|k| Some(format!(".k-{} {{ background: {}; }}", k.id, k.colour?)))
        .collect();
    for pair in coloured.chunks(2) {
        rules.push_str(&pair.join(" "));
        rules.push('\n');
    }
    let template = include_str!("html.css");
    let marker = "/* @kinds: one rule per kind with a colour, written from finding::KINDS */\n";
    template.replacen(marker, &rules, 1)
});

/// The page's head; `script` is the SHA-256 (base64) of the one inline
/// script the page may run, if any.
fn head(out: &mut String, title: &str, script: Option<&str>) {
    let script = script
        .map(|hash| format!("; script-src 'sha256-{hash}'"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:{script}\">\n\
         <meta name=\"generator\" content=\"mtcheck {}\">\n\
         <link rel=\"icon\" href=\"data:,\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title),
        CSS.as_str()
    );
}

fn summary(out: &mut String, report: &Report) {
    let _ = write!(
        out,
        "<header class=\"top\">\n<div class=\"score v-{v}\"><span class=\"num\">{score:.1}</span><span class=\"of\">/100</span><span class=\"verdict\">{v}</span></div>\n",
        v = report.verdict,
        score = report.score
    );
    let lang = |l: &Option<String>| escape(l.as_deref().unwrap_or("?"));
    let _ = write!(
        out,
        "<div class=\"meta\"><h1>{}</h1>\n<p><b>{}</b> checked against <b>{}</b> · mode {} · {} words · language {} / {}</p>\n<p class=\"counts\">",
        escape(&article_id(report)),
        escape(&report.candidate),
        escape(&report.reference),
        report.mode.as_str(),
        report.words,
        lang(&report.language.candidate),
        lang(&report.language.reference)
    );
    let _ = write!(out, "<b>{} findings</b>", report.findings.len());
    for severity in [Severity::Critical, Severity::Major, Severity::Minor] {
        let _ = write!(
            out,
            " <span class=\"sev s-{severity}\">{} {severity}</span>",
            report.severity_count(severity)
        );
    }
    out.push_str("</p>\n");
    let lost = report.score_breakdown;
    let _ = writeln!(
        out,
        "<p class=\"why\"><b>{}</b>: {} · score lost {:.1} to findings, {:.1} to adequacy</p>",
        report.verdict,
        escape(&report.verdict_reason),
        lost.findings,
        lost.adequacy
    );
    if let Some(note) = &report.reference_suspect {
        let _ = writeln!(out, "<p class=\"why suspect\">{}</p>", escape(note));
    }
    for note in report.notes() {
        let _ = writeln!(out, "<p class=\"why\">{}</p>", escape(&note));
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|k| {
            let n = report.counts.get(k).copied().unwrap_or(0);
            (n > 0).then(|| format!("<span class=\"chip k-{k}\">{k} {n}</span>"))
        })
        .collect();
    if !kinds.is_empty() {
        let _ = writeln!(out, "<p class=\"kinds\">{}</p>", kinds.join(" "));
    }
    let m = &report.metrics;
    let sentences = m.sentence_chrf_note();
    let _ = write!(
        out,
        "<p class=\"metrics\">chrF {:.2}{sentences} · BLEU {:.2} · sentences: {} candidate, {} reference, {} aligned</p>\n</div>\n</header>\n",
        m.chrf, m.bleu, m.candidate_sentences, m.reference_sentences, m.aligned_sentences
    );
}

fn legend(out: &mut String, report: &Report) {
    out.push_str(
        "<section class=\"legend\" aria-label=\"legend\"><h2>Legend</h2><ul class=\"sevs\">",
    );
    for (severity, what) in [
        (Severity::Critical, "changes the facts"),
        (Severity::Major, "an editor must fix it"),
        (Severity::Minor, "worth a look"),
    ] {
        let _ = write!(
            out,
            "<li><mark class=\"f s-{severity}\">{severity}</mark> {what}</li>"
        );
    }
    out.push_str("<li><mark class=\"ev\">reference</mark> evidence in the reference</li></ul>\n<ul class=\"kinds\">");
    for kind in Kind::ALL {
        let n = report.counts.get(&kind).copied().unwrap_or(0);
        let _ = write!(
            out,
            "<li class=\"{}\"><span class=\"chip k-{kind}\">{kind}</span> {} <span class=\"n\">({n})</span></li>",
            if n > 0 { "has" } else { "none" },
            kind.spec().description
        );
    }
    out.push_str("</ul></section>\n");
}

/// A highlight over `start..end` of one article's text.
struct Mark {
    start: usize,
    end: usize,
    /// Index of the finding in the report.
    finding: usize,
    /// One of the words that make the finding (`Finding::changed`), drawn
    /// inside the finding's own mark, without anchor or footnote.
    part: bool,
}

/// Marks sorted by start, with a quick way to find those near a range.
struct MarkSet {
    marks: Vec<Mark>,
    longest: usize,
}

impl MarkSet {
    fn new(mut marks: Vec<Mark>) -> MarkSet {
        marks.sort_by_key(|m| (m.start, m.end, m.finding));
        let longest = marks.iter().map(|m| m.end - m.start).max().unwrap_or(0);
        MarkSet { marks, longest }
    }

    /// Every mark that may touch `lo..=hi` (and some that do not).
    fn near(&self, lo: usize, hi: usize) -> &[Mark] {
        let from = self
            .marks
            .partition_point(|m| m.start < lo.saturating_sub(self.longest));
        let to = self.marks.partition_point(|m| m.start <= hi);
        self.marks.get(from..to.max(from)).unwrap_or(&[])
    }
}

/// Which side of the page marks are drawn on.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Candidate,
    Reference,
}

/// Candidate marks: every finding with a candidate span; an empty span
/// becomes a point marker, unless the finding is about the reference
/// (number-missing), whose evidence is marked on the reference side instead.
fn candidate_marks(report: &Report, candidate: &Article) -> MarkSet {
    let mut marks: Vec<Mark> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.start < f.end || f.reference.is_none())
        .map(|(i, f)| {
            let (start, end) = candidate.clamp_span(f.start, f.end);
            Mark {
                start,
                end,
                finding: i,
                part: false,
            }
        })
        .collect();
    for (i, f) in report.findings.iter().enumerate() {
        for &(s, e) in &f.changed {
            let (start, end) = candidate.clamp_span(s, e);
            if start < end {
                marks.push(Mark {
                    start,
                    end,
                    finding: i,
                    part: true,
                });
            }
        }
    }
    MarkSet::new(marks)
}

fn reference_marks(report: &Report, reference: &Article) -> MarkSet {
    let marks = report
        .findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let e = f.reference.as_ref()?;
            let (start, end) = reference.clamp_span(e.start, e.end);
            (start < end).then_some(Mark {
                start,
                end,
                finding: i,
                part: false,
            })
        })
        .collect();
    MarkSet::new(marks)
}

fn finding_title(f: &Finding, n: usize) -> String {
    let mut t = format!("#{n} {} {}: {}", f.severity, f.kind, f.message);
    if let Some(s) = &f.suggestion {
        let _ = write!(t, "\nsuggestion: {s}");
    }
    if let Some(r) = &f.reference {
        let _ = write!(t, "\nreference {}:{}: {}", r.line, r.column, r.text);
    }
    t
}

/// Draws one article's text with its marks; remembers which findings have
/// had their anchor (`id`) so each id appears once on the page.
struct Painter<'a> {
    report: &'a Report,
    text: &'a str,
    marks: MarkSet,
    side: Side,
    anchored: Vec<bool>,
}

impl<'a> Painter<'a> {
    fn new(report: &'a Report, text: &'a str, marks: MarkSet, side: Side) -> Painter<'a> {
        Painter {
            report,
            text,
            marks,
            side,
            anchored: vec![false; report.findings.len()],
        }
    }

    fn open_tag(&mut self, out: &mut String, mark: &Mark, continued: bool) {
        let Some(f) = self.report.findings.get(mark.finding) else {
            out.push_str("<mark>");
            return;
        };
        if mark.part {
            out.push_str("<mark class=\"chg\">");
            return;
        }
        let n = mark.finding + 1;
        let (class, prefix) = match self.side {
            Side::Candidate => (format!("f k-{} s-{}", f.kind, f.severity), "f"),
            Side::Reference => (format!("ev s-{}", f.severity), "e"),
        };
        let point = if mark.start == mark.end { " point" } else { "" };
        let cont = if continued { " cont" } else { "" };
        let id = match self.anchored.get_mut(mark.finding) {
            Some(done) if !*done => {
                *done = true;
                format!(" id=\"{prefix}{n}\"")
            }
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<mark class=\"{class}{point}{cont}\"{id} data-f=\"{n}\" title=\"{}\">",
            escape_attr(&finding_title(f, n))
        );
    }

    /// `text[range]` escaped, with the marks (spans into `text`) drawn as
    /// nested `<mark>` elements. Marks are clipped to `range`; a mark that
    /// crosses the end of an enclosing one is closed and reopened (a `cont`
    /// piece), so the markup always nests.
    fn paint(&mut self, out: &mut String, range: Range<usize>) {
        let text = self.text;
        let (lo, hi) = (range.start.min(text.len()), range.end.min(text.len()));
        // Clip, then order: start ascending, longer first, so outer marks open first.
        let mut clipped: Vec<Mark> = self
            .marks
            .near(lo, hi)
            .iter()
            .filter(|m| {
                if m.start == m.end {
                    m.start >= lo && (m.start < hi || m.start == text.len())
                } else {
                    m.start < hi && m.end > lo
                }
            })
            .map(|m| Mark {
                start: m.start.max(lo),
                end: m.end.min(hi),
                finding: m.finding,
                part: m.part,
            })
            .collect();
        clipped.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), a.finding).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                b.finding,
            ))
        });
        let mut cuts: Vec<usize> = vec![lo, hi];
        for m in &clipped {
            cuts.push(m.start);
            cuts.push(m.end);
        }
        cuts.sort_unstable();
        cuts.dedup();

        let mut stack: Vec<usize> = Vec::new(); // indices into `clipped`
        let mut next = 0; // next mark of `clipped` to open
        for (ci, &at) in cuts.iter().enumerate() {
            // Close every mark ending here, plus whatever is open inside them.
            if let Some(lowest) = stack.iter().position(|&m| clipped[m].end == at) {
                let popped: Vec<usize> = stack.drain(lowest..).collect();
                let mut reopen = Vec::new();
                let mut ended = Vec::new();
                for &m in popped.iter().rev() {
                    out.push_str("</mark>");
                    if clipped[m].end == at {
                        ended.push(m);
                    } else {
                        reopen.push(m);
                    }
                }
                // Footnotes of marks ending together go after all of them, in
                // finding order, rather than inside the outer mark's box.
                ended.sort_by_key(|&m| clipped[m].finding);
                for m in ended {
                    footnote(out, &clipped[m]);
                }
                reopen.sort_by_key(|&m| std::cmp::Reverse(clipped[m].end));
                for m in reopen {
                    self.open_tag(out, &clipped[m], true);
                    stack.push(m);
                }
            }
            // Open marks starting here (point markers open and close at once).
            while next < clipped.len() && clipped[next].start == at {
                let m = &clipped[next];
                self.open_tag(out, m, false);
                if m.start == m.end {
                    out.push_str("</mark>");
                    footnote(out, m);
                } else {
                    stack.push(next);
                }
                next += 1;
            }
            if let Some(&to) = cuts.get(ci + 1) {
                out.push_str(&escape(text.get(at..to).unwrap_or("")));
            }
        }
        for _ in stack.drain(..) {
            out.push_str("</mark>");
        }
    }

    /// `range` without its leading and trailing whitespace, except where a
    /// mark covers it.
    fn trimmed(&self, range: Range<usize>) -> Range<usize> {
        let slice = self.text.get(range.clone()).unwrap_or("");
        let mut start = range.start + (slice.len() - slice.trim_start().len());
        let mut end = range.start + slice.trim_end().len();
        for m in self.marks.near(range.start, range.end) {
            let point_inside = m.start == m.end
                && m.start >= range.start
                && (m.start < range.end || m.start == self.text.len());
            if m.end > range.start && m.start < range.end || point_inside {
                start = start.min(m.start.max(range.start));
                end = end.max(m.end.min(range.end));
            }
        }
        start..end.max(start)
    }
}

fn footnote(out: &mut String, mark: &Mark) {
    if mark.part {
        return;
    }
    let n = mark.finding + 1;
    let _ = write!(out, "<sup class=\"fn\"><a href=\"#l{n}\">{n}</a></sup>");
}

/// A run of candidate sentences shown as one row, with its reference sentences.
struct Row {
    range: Range<usize>,
    references: Vec<usize>,
    paragraph_start: bool,
}

/// Splits the candidate into rows: one per candidate sentence, except that
/// sentences aligned together (n:m pairs) or joined by a finding that crosses
/// their boundary share a row. Rows cover the whole text.
fn rows(report: &Report, candidate: &Article, reference: &Article) -> Vec<Row> {
    let sentences = &candidate.sentences;
    let n = sentences.len();
    if n == 0 {
        return vec![Row {
            range: 0..candidate.text.len(),
            references: Vec::new(),
            paragraph_start: true,
        }];
    }
    // join[i]: sentence i+1 continues the row of sentence i.
    let mut join = vec![false; n.saturating_sub(1)];
    for pair in &report.alignment {
        let in_range = pair.candidate.iter().copied().filter(|&i| i < n);
        if let (Some(lo), Some(hi)) = (in_range.clone().min(), in_range.max()) {
            join[lo..hi].iter_mut().for_each(|j| *j = true);
        }
    }
    for f in &report.findings {
        // Sentences starting strictly inside the finding join the previous one.
        let mut k = sentences.partition_point(|s| s.start <= f.start).max(1);
        while k < n && sentences[k].start < f.end {
            join[k - 1] = true;
            k += 1;
        }
    }
    let mut starts = vec![0];
    starts.extend((1..n).filter(|&i| !join[i - 1]));
    let mut rows = Vec::with_capacity(starts.len());
    for (r, &first) in starts.iter().enumerate() {
        let last = starts.get(r + 1).map_or(n, |&s| s);
        let begin = if r == 0 { 0 } else { sentences[first].start };
        let end = starts
            .get(r + 1)
            .map_or(candidate.text.len(), |&s| sentences[s].start);
        let mut references: Vec<usize> = report
            .alignment
            .iter()
            .filter(|p| p.candidate.iter().any(|&i| (first..last).contains(&i)))
            .flat_map(|p| p.reference.iter().copied())
            .filter(|&j| j < reference.sentences.len())
            .collect();
        references.sort_unstable();
        references.dedup();
        let paragraph_start =
            r == 0 || sentences[first].paragraph != sentences[first - 1].paragraph;
        rows.push(Row {
            range: begin..end.max(begin),
            references,
            paragraph_start,
        });
    }
    rows
}

fn side_by_side(out: &mut String, report: &Report, candidate: &Article, reference: &Article) {
    let mut cand = Painter::new(
        report,
        &candidate.text,
        candidate_marks(report, candidate),
        Side::Candidate,
    );
    let mut refr = Painter::new(
        report,
        &reference.text,
        reference_marks(report, reference),
        Side::Reference,
    );
    out.push_str("<main class=\"sbs\">\n<div class=\"row head\"><h2 class=\"cc\">Candidate</h2><h2 class=\"rc\">Reference</h2></div>\n");
    if report.alignment.is_empty() {
        out.push_str("<div class=\"row whole\"><div class=\"cc\" data-label=\"Candidate\">");
        cand.paint(out, cand.trimmed(0..candidate.text.len()));
        out.push_str("</div><div class=\"rc\" data-label=\"Reference\">");
        refr.paint(out, refr.trimmed(0..reference.text.len()));
        out.push_str("</div></div>\n</main>\n");
        return;
    }
    let rows = rows(report, candidate, reference);
    // Reference sentences no candidate sentence is aligned with get rows of
    // their own, after the row showing the closest earlier reference sentence.
    let mut last_row: Vec<Option<usize>> = vec![None; reference.sentences.len()];
    for (r, row) in rows.iter().enumerate() {
        for &j in &row.references {
            last_row[j] = Some(r);
        }
    }
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); rows.len() + 1];
    let mut anchor = 0;
    for (j, shown_in) in last_row.iter().enumerate() {
        match shown_in {
            Some(r) => anchor = r + 1,
            None => after[anchor].push(j),
        }
    }
    reference_only_rows(out, &mut refr, reference, &after[0]);
    for (r, row) in rows.iter().enumerate() {
        let class = if row.paragraph_start {
            "row para"
        } else {
            "row"
        };
        let (line, _) = candidate.line_col(row.range.start);
        let _ = write!(
            out,
            "<div class=\"{class}\"><div class=\"cc\" data-label=\"Candidate\"><span class=\"ln\">{line}</span>"
        );
        cand.paint(out, cand.trimmed(row.range.clone()));
        out.push_str("</div><div class=\"rc\" data-label=\"Reference\">");
        if row.references.is_empty() {
            out.push_str("<span class=\"none\">no counterpart in the reference</span>");
        }
        reference_sentences(out, &mut refr, reference, &row.references);
        out.push_str("</div></div>\n");
        reference_only_rows(out, &mut refr, reference, &after[r + 1]);
    }
    out.push_str("</main>\n");
}

/// Reference sentences `js` (sorted), runs separated by an ellipsis.
fn reference_sentences(
    out: &mut String,
    refr: &mut Painter<'_>,
    reference: &Article,
    js: &[usize],
) {
    let mut previous: Option<usize> = None;
    for &j in js {
        if let Some(p) = previous {
            out.push_str(if j == p + 1 { " " } else { " … " });
        }
        if let Some(s) = reference.sentences.get(j) {
            let _ = write!(out, "<span class=\"rs\" data-sentence=\"{j}\">");
            refr.paint(out, s.start..s.end);
            out.push_str("</span>");
        }
        previous = Some(j);
    }
}

/// Rows with only reference sentences (one row per consecutive run).
fn reference_only_rows(
    out: &mut String,
    refr: &mut Painter<'_>,
    reference: &Article,
    js: &[usize],
) {
    let mut runs: Vec<&[usize]> = Vec::new();
    let mut start = 0;
    for i in 1..=js.len() {
        if i == js.len() || js[i] != js[i - 1] + 1 {
            runs.push(&js[start..i]);
            start = i;
        }
    }
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        out.push_str("<div class=\"row refonly\"><div class=\"cc\" data-label=\"Candidate\"><span class=\"none\">not in the candidate</span></div><div class=\"rc\" data-label=\"Reference\">");
        reference_sentences(out, refr, reference, run);
        out.push_str("</div></div>\n");
    }
}

/// The numbered list of findings: those to fix, then the figures to verify
/// in a collapsed section (findings are sorted that way, so numbers run on).
fn findings_list(out: &mut String, report: &Report) {
    out.push_str("<section class=\"list\"><h2>Findings</h2>\n");
    let fix = report.findings.iter().filter(|f| !f.to_verify()).count();
    if report.findings.is_empty() {
        out.push_str("<p class=\"none\">No findings.</p>\n");
    } else if fix == 0 {
        out.push_str("<p class=\"none\">Nothing to fix.</p>\n");
    } else {
        out.push_str("<ol>\n");
        for (i, f) in report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.to_verify())
        {
            finding_item(out, i + 1, f);
        }
        out.push_str("</ol>\n");
    }
    let verify: Vec<(usize, &Finding)> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.to_verify())
        .collect();
    if let Some(&(first, _)) = verify.first() {
        let _ = write!(
            out,
            "<details class=\"verify\"><summary>Figures to verify ({}): numbers the reference cannot confirm</summary>\n<ol start=\"{}\">\n",
            verify.len(),
            first + 1
        );
        for (i, f) in verify {
            finding_item(out, i + 1, f);
        }
        out.push_str("</ol></details>\n");
    }
    out.push_str("</section>\n");
}

/// Finding number `n` of the list.
fn finding_item(out: &mut String, n: usize, f: &Finding) {
    let target = if f.start < f.end || f.reference.is_none() {
        format!("f{n}")
    } else {
        format!("e{n}")
    };
    let _ = write!(
        out,
        "<li id=\"l{n}\" class=\"s-{sev}\"><a class=\"back\" href=\"#{target}\">{n}</a> <span class=\"chip k-{kind}\">{kind}</span> <b class=\"sev s-{sev}\">{sev}</b> ",
        sev = f.severity,
        kind = f.kind
    );
    if f.start < f.end {
        let _ = write!(
            out,
            "<span class=\"loc\">line {}:{}</span> <q>{}</q> ",
            f.line,
            f.column,
            escape(&f.text)
        );
    }
    let _ = write!(out, "— {}", escape(&f.message));
    if let Some(s) = &f.suggestion {
        let _ = write!(
            out,
            " <span class=\"sugg\">suggestion: <q>{}</q></span>",
            escape(s)
        );
    }
    if let Some(r) = &f.reference {
        let _ = write!(
            out,
            " <span class=\"refev\">reference line {}:{}: <q>{}</q></span>",
            r.line,
            r.column,
            escape(&r.text)
        );
    }
    out.push_str("</li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignedPair, Alignment, Mode};
    use crate::config::Config;

    fn report(
        cand: &Article,
        refr: &Article,
        findings: Vec<Finding>,
        pairs: Vec<AlignedPair>,
    ) -> Report {
        let alignment = Alignment {
            mode: Mode::Parallel,
            pairs,
        };
        Report::build(cand, refr, alignment, findings, &Config::default())
    }

    /// Checks that `<mark>` tags nest and returns, per finding number, the
    /// text covered by its marks (footnotes left out).
    fn marked_text(html: &str) -> std::collections::BTreeMap<usize, String> {
        let mut covered = std::collections::BTreeMap::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut rest = html;
        let mut in_sup = false;
        while let Some(lt) = rest.find('<') {
            if !in_sup {
                for &n in &stack {
                    covered
                        .entry(n)
                        .or_insert_with(String::new)
                        .push_str(&rest[..lt]);
                }
            }
            let gt = rest[lt..].find('>').unwrap() + lt;
            let tag = &rest[lt..=gt];
            if tag.starts_with("<mark") {
                let n = tag
                    .split("data-f=\"")
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                stack.push(n);
            } else if tag == "</mark>" {
                assert!(stack.pop().is_some(), "unbalanced </mark>");
            } else if tag.starts_with("<sup") {
                in_sup = true;
            } else if tag == "</sup>" {
                in_sup = false;
            }
            rest = &rest[gt + 1..];
        }
        assert!(stack.is_empty(), "unclosed <mark>");
        covered
    }

    #[test]
    fn crossing_findings_split_into_well_formed_pieces() {
        let text = "alpha beta gamma delta";
        let cand = Article::from_text("c", text);
        let refr = Article::from_text("r", "alpha");
        let k = Kind::ALL;
        let f1 = Finding::new(k[2], &cand, 0, 10, "one"); // alpha beta
        let f2 = Finding::new(k[3], &cand, 6, 16, "two"); // beta gamma
        let f3 = Finding::new(k[0], &cand, 6, 10, "three"); // beta
        let r = report(&cand, &refr, vec![f1, f2, f3], vec![]);
        let mut out = String::new();
        Painter::new(&r, text, candidate_marks(&r, &cand), Side::Candidate)
            .paint(&mut out, 0..text.len());
        let covered = marked_text(&out);
        // Most severe first: the two major findings, then the minor one.
        assert_eq!(covered[&1], "alpha beta");
        assert_eq!(covered[&2], "beta");
        assert_eq!(covered[&3], "beta gamma");
        assert!(out.contains(" cont\""), "{out}");
        assert_eq!(out.matches(" id=\"f2\"").count(), 1);
    }

    #[test]
    fn identical_and_point_findings_render() {
        let text = "one two";
        let cand = Article::from_text("c", text);
        let refr = Article::from_text("r", "one");
        let k = Kind::ALL;
        let f1 = Finding::new(k[2], &cand, 4, 7, "a");
        let f2 = Finding::new(k[3], &cand, 4, 7, "b");
        let f3 = Finding::new(k[5], &cand, 3, 3, "c");
        let r = report(&cand, &refr, vec![f1, f2, f3], vec![]);
        let mut out = String::new();
        Painter::new(&r, text, candidate_marks(&r, &cand), Side::Candidate)
            .paint(&mut out, 0..text.len());
        let covered = marked_text(&out);
        // The major non-word first, then the minor ones by position.
        assert_eq!(covered[&1], "two");
        assert_eq!(covered[&3], "two");
        assert!(out.contains("point"), "{out}");
        // Both footnotes after both marks, in finding order.
        let closed = out
            .find("two</mark></mark><sup")
            .unwrap_or_else(|| panic!("{out}"));
        let (n1, n2) = (out.find(">1</a>").unwrap(), out.find(">3</a>").unwrap());
        assert!(closed < n1 && n1 < n2, "{out}");
    }

    #[test]
    fn rows_follow_alignment_and_join_across_findings() {
        let cand = Article::from_text("c", "One aa. Two bb. Three cc. Four dd.");
        let refr = Article::from_text("r", "Uno. Dos. Tres.");
        assert_eq!(cand.sentences.len(), 4);
        let pairs = vec![
            AlignedPair {
                candidate: vec![0],
                reference: vec![0],
                similarity: 1.0,
            },
            AlignedPair {
                candidate: vec![1, 2],
                reference: vec![1],
                similarity: 1.0,
            },
            AlignedPair {
                candidate: vec![7],
                reference: vec![9],
                similarity: 1.0,
            },
        ];
        let r = report(&cand, &refr, vec![], pairs);
        let rows = rows(&r, &cand, &refr);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].references, vec![1]);
        assert!(rows[2].references.is_empty());
        // A finding over "cc. Four" would join rows 1 and 2.
        let s = cand.text.find("cc. Four").unwrap();
        let f = Finding::new(Kind::ALL[1], &cand, s, s + 8, "x");
        let r = report(&cand, &refr, vec![f], r.alignment.clone());
        assert_eq!(super::rows(&r, &cand, &refr).len(), 2);
    }

    #[test]
    fn page_file_names_are_safe() {
        assert_eq!(page_file_name(3, "../etc/passwd"), "0003-etc-passwd.html");
        assert_eq!(page_file_name(12, "<>"), "0012-article.html");
        assert_eq!(
            page_file_name(1, "xi moscow 2025"),
            "0001-xi-moscow-2025.html"
        );
    }

    #[test]
    fn index_lists_failures_first_then_worst_first_in_input_order() {
        let entry = |row: usize, id: &str, v: Option<(Verdict, usize, usize, f64)>| {
            let mut e = IndexEntry::failed(row, id, "c.txt", "r.txt", "broken");
            if let Some((verdict, critical, major, score)) = v {
                e.error = None;
                e.verdict = Some(verdict);
                e.critical = critical;
                e.major = major;
                e.score = Some(score);
                e.href = Some(format!("{id}.html"));
            }
            e
        };
        let html = render_index(&[
            entry(0, "clean-low", Some((Verdict::Clean, 0, 0, 12.0))),
            entry(1, "review-1-major", Some((Verdict::Review, 0, 1, 90.0))),
            entry(2, "bad", None),
            entry(3, "review-1-critical", Some((Verdict::Review, 1, 0, 95.0))),
            entry(4, "likely", Some((Verdict::LikelyMt, 0, 0, 99.0))),
            entry(5, "review-tie-a", Some((Verdict::Review, 0, 1, 40.0))),
            entry(6, "review-tie-b", Some((Verdict::Review, 0, 1, 40.0))),
        ]);
        let at = |id: &str| html.find(&format!(">{id}<")).unwrap();
        let order = [
            "bad",
            "likely",
            "review-1-critical",
            "review-tie-a",
            "review-tie-b",
            "review-1-major",
            "clean-low",
        ];
        for w in order.windows(2) {
            assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
        }
        // No path columns; the script is allowed by its hash alone.
        assert!(!html.contains("c.txt"), "paths stay on the pages");
        assert!(html.contains(&format!("script-src 'sha256-{INDEX_SCRIPT_SHA256}'")));
        assert!(html.contains(&format!("<script>{INDEX_SCRIPT}</script>")));
    }

    /// The CSP hash is the script's: recomputed with Python's hashlib when
    /// it is installed (the browser test checks it too, by running it).
    #[test]
    fn index_script_hash_matches_the_script() {
        use std::io::Write as _;
        let child = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys,hashlib,base64;print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("SKIP index_script_hash_matches_the_script: no python3");
            return;
        };
        child
            .stdin
            .take()
            .unwrap()
            .write_all(INDEX_SCRIPT.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            INDEX_SCRIPT_SHA256
        );
    }

    #[test]
    fn batch_pages_get_previous_and_next_in_index_order() {
        let dir = tempfile::tempdir().unwrap();
        let cand = Article::from_text("c.txt", "the the end");
        let refr = Article::from_text("r.txt", "the end");
        let major = crate::finding::kind_where(|k| k.severity == crate::Severity::Major);
        let f = Finding::new(major, &cand, 0, 7, "repeated");
        let worse = report(&cand, &refr, vec![f], vec![]);
        let fine = report(&cand, &refr, vec![], vec![]);
        let a = write_page(dir.path(), 0, &fine, &cand, &refr).unwrap();
        let b = write_page(dir.path(), 1, &worse, &cand, &refr).unwrap();
        let before = std::fs::read_to_string(dir.path().join(a.href.as_ref().unwrap())).unwrap();
        assert!(before.contains("href=\"index.html\""));
        assert!(!before.contains("rel=\"prev\""));
        write_index(dir.path(), &[a.clone(), b.clone()]).unwrap();
        let read = |e: &IndexEntry| {
            std::fs::read_to_string(dir.path().join(e.href.as_ref().unwrap())).unwrap()
        };
        let (page_a, page_b) = (read(&a), read(&b));
        assert_eq!(page_a.len(), before.len(), "patched in place");
        // The doubled word makes b worse: b comes first, a second.
        let (ha, hb) = (a.href.unwrap(), b.href.unwrap());
        assert!(
            page_b.contains(&format!("rel=\"next\" href=\"{ha}\"")),
            "{page_b}"
        );
        assert!(!page_b.contains("rel=\"prev\""));
        assert!(page_a.contains(&format!("rel=\"prev\" href=\"{hb}\"")));
        assert!(page_a.contains("2 of 2"));
        assert!(
            page_a.contains("<title>c · mtcheck</title>"),
            "titled by id"
        );
    }

    #[test]
    fn escape_handles_markup_and_controls() {
        assert_eq!(
            escape("<a href='x'>&\"\x07"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\u{fffd}"
        );
    }
}
