//! HTML renderer: one self-contained page per article (inline CSS, no
//! scripts, no external assets) and an index page for a batch.
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
//! For a batch: [`write_page`] writes one article's page into a directory
//! and returns its [`IndexEntry`]; [`write_index`] writes `index.html`.
//!
//! A Content-Security-Policy meta tag forbids scripts and external assets, so
//! even a rendering bug could not run a script; all article text, names and
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
    let mut out = String::with_capacity(candidate.text.len() * 3 + reference.text.len() * 2 + 8192);
    let title = format!("mtcheck: {}", report.candidate);
    head(&mut out, &title);
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
    /// Why the article could not be checked (the row then has no page).
    pub error: Option<String>,
}

impl IndexEntry {
    /// The entry of a checked article whose page is at `href`.
    pub fn from_report(report: &Report, href: impl Into<String>) -> IndexEntry {
        IndexEntry {
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
            error: None,
        }
    }

    /// The entry of an article that failed (unreadable input and the like).
    pub fn failed(
        id: impl Into<String>,
        candidate: impl Into<String>,
        reference: impl Into<String>,
        error: impl Into<String>,
    ) -> IndexEntry {
        IndexEntry {
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
    let page = render_page(report, candidate, reference);
    crate::output::write_atomic(&dir.join(&name), page.as_bytes())?;
    Ok(IndexEntry::from_report(report, name))
}

/// Writes `dir/index.html` listing `entries`.
pub fn write_index(dir: &Path, entries: &[IndexEntry]) -> std::io::Result<()> {
    crate::output::write_atomic(&dir.join("index.html"), render_index(entries).as_bytes())
}

/// The batch index: one row per article with score, verdict, counts and a
/// link to its page. Articles that could not be checked come first, then the
/// others from the lowest score up; ties keep the order of `entries`.
pub fn render_index(entries: &[IndexEntry]) -> String {
    let mut sorted: Vec<&IndexEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |e: &IndexEntry| (e.error.is_none(), e.score.unwrap_or(f64::INFINITY));
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    let mut out = String::new();
    head(&mut out, "mtcheck: batch report");
    let checked = entries.iter().filter(|e| e.error.is_none()).count();
    let _ = write!(
        out,
        "<header class=\"top\"><div class=\"meta\"><h1>mtcheck batch report</h1><p>{} articles, {} checked, {} failed",
        entries.len(),
        checked,
        entries.len() - checked
    );
    for verdict in [Verdict::Clean, Verdict::Review, Verdict::LikelyMt] {
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
    out.push_str("</p></div></header>\n<main><table class=\"index\">\n<thead><tr><th>id</th><th>score</th><th>verdict</th><th>findings</th><th>critical</th><th>major</th><th>minor</th><th class=\"path\">candidate</th><th class=\"path\">reference</th></tr></thead>\n<tbody>\n");
    for e in sorted {
        let id = match &e.href {
            Some(href) => format!("<a href=\"{}\">{}</a>", escape(href), escape(&e.id)),
            None => escape(&e.id),
        };
        let _ = write!(out, "<tr><td>{id}</td>");
        match (&e.error, e.score, e.verdict) {
            (Some(err), _, _) => {
                let _ = write!(
                    out,
                    "<td colspan=\"6\" class=\"error\">error: {}</td>",
                    escape(err)
                );
            }
            (None, score, verdict) => {
                let score = score.map_or_else(String::new, |s| format!("{s:.1}"));
                let verdict = verdict.map_or_else(String::new, |v| {
                    format!(
                        "<span class=\"verdict v-{v}\">{v}</span> <span class=\"why\">{}</span>",
                        escape(&e.verdict_reason)
                    )
                });
                let _ = write!(
                    out,
                    "<td class=\"num\">{score}</td><td>{verdict}</td><td class=\"num\" data-label=\"findings\">{}</td><td class=\"num\" data-label=\"critical\">{}</td><td class=\"num\" data-label=\"major\">{}</td><td class=\"num\" data-label=\"minor\">{}</td>",
                    e.findings, e.critical, e.major, e.minor
                );
            }
        }
        let _ = writeln!(
            out,
            "<td class=\"path\">{}</td><td class=\"path\">{}</td></tr>",
            escape(&e.candidate),
            escape(&e.reference)
        );
    }
    out.push_str("</tbody></table></main>\n</body>\n</html>\n");
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

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
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
        "<div class=\"meta\"><h1>{}</h1>\n<p>checked against <b>{}</b> · mode {} · {} words · language {} / {}</p>\n<p class=\"counts\">",
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
    if let Some(note) = report.omitted_note() {
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
    let marks = report
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
            }
        })
        .collect();
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

fn findings_list(out: &mut String, report: &Report) {
    out.push_str("<section class=\"list\"><h2>Findings</h2>\n");
    if report.findings.is_empty() {
        out.push_str("<p class=\"none\">No findings.</p></section>\n");
        return;
    }
    out.push_str("<ol>\n");
    for (i, f) in report.findings.iter().enumerate() {
        let n = i + 1;
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
    out.push_str("</ol></section>\n");
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
        let f1 = Finding::new(Kind::NonWord, &cand, 0, 10, "one"); // alpha beta
        let f2 = Finding::new(Kind::NearMiss, &cand, 6, 16, "two"); // beta gamma
        let f3 = Finding::new(Kind::RepeatedWord, &cand, 6, 10, "three"); // beta
        let r = report(&cand, &refr, vec![f1, f2, f3], vec![]);
        let mut out = String::new();
        Painter::new(&r, text, candidate_marks(&r, &cand), Side::Candidate)
            .paint(&mut out, 0..text.len());
        let covered = marked_text(&out);
        assert_eq!(covered[&1], "alpha beta");
        assert_eq!(covered[&2], "beta gamma");
        assert_eq!(covered[&3], "beta");
        assert!(out.contains(" cont\""), "{out}");
        assert_eq!(out.matches(" id=\"f2\"").count(), 1);
    }

    #[test]
    fn identical_and_point_findings_render() {
        let text = "one two";
        let cand = Article::from_text("c", text);
        let refr = Article::from_text("r", "one");
        let f1 = Finding::new(Kind::NonWord, &cand, 4, 7, "a");
        let f2 = Finding::new(Kind::NearMiss, &cand, 4, 7, "b");
        let f3 = Finding::new(Kind::UnbalancedPunctuation, &cand, 3, 3, "c");
        let r = report(&cand, &refr, vec![f1, f2, f3], vec![]);
        let mut out = String::new();
        Painter::new(&r, text, candidate_marks(&r, &cand), Side::Candidate)
            .paint(&mut out, 0..text.len());
        let covered = marked_text(&out);
        assert_eq!(covered[&1], "two");
        assert_eq!(covered[&2], "two");
        assert!(out.contains("point"), "{out}");
        // Both footnotes after both marks, in finding order.
        let closed = out
            .find("two</mark></mark><sup")
            .unwrap_or_else(|| panic!("{out}"));
        let (n1, n2) = (out.find(">1</a>").unwrap(), out.find(">2</a>").unwrap());
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
        let f = Finding::new(Kind::RepeatedPhrase, &cand, s, s + 8, "x");
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
    fn index_lists_failures_first_then_lowest_scores_in_input_order() {
        let entry = |id: &str, score: Option<f64>| {
            let mut e = IndexEntry::failed(id, "c.txt", "r.txt", "broken");
            if let Some(s) = score {
                e.error = None;
                e.score = Some(s);
                e.href = Some(format!("{id}.html"));
            }
            e
        };
        let html = render_index(&[
            entry("high", Some(95.0)),
            entry("tie-a", Some(40.0)),
            entry("bad", None),
            entry("low", Some(12.5)),
            entry("tie-b", Some(40.0)),
        ]);
        let at = |id: &str| html.find(&format!(">{id}<")).unwrap();
        let order = ["bad", "low", "tie-a", "tie-b", "high"];
        for w in order.windows(2) {
            assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
        }
    }

    #[test]
    fn escape_handles_markup_and_controls() {
        assert_eq!(
            escape("<a href='x'>&\"\x07"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\u{fffd}"
        );
    }
}
