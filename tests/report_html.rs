//! HTML report: highlights, side-by-side reference, escaping, well-formed
//! nesting, self-containment, the batch index, and `--format html`.

mod report_fixture;

use std::collections::BTreeMap;
use std::process::Command;

use mtcheck::report::html::{render_index, render_page, write_index, write_page, IndexEntry};
use mtcheck::{Article, Report};

/// Undoes `escape` (the five characters it writes).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A tiny reader for the page's own markup: checks that `<mark>`, `<div>`
/// and `<span>` nest, and returns the text covered by the marks of each
/// finding number (pieces concatenated, footnotes left out), per class
/// (`f` candidate, `ev` reference).
fn marked_text(html: &str) -> BTreeMap<(String, usize), String> {
    let body = &html[html.find("<body>").unwrap()..];
    let mut covered: BTreeMap<(String, usize), String> = BTreeMap::new();
    let mut open: Vec<(String, Option<(String, usize)>)> = Vec::new();
    let mut rest = body;
    let mut in_sup = false;
    while let Some(lt) = rest.find('<') {
        if !in_sup {
            for (_, key) in &open {
                if let Some(key) = key {
                    covered
                        .entry(key.clone())
                        .or_default()
                        .push_str(&unescape(&rest[..lt]));
                }
            }
        }
        let gt = rest[lt..].find('>').unwrap() + lt;
        let tag = &rest[lt + 1..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(name.as_str(), "mark" | "div" | "span" | "sup") {
            if tag.starts_with('/') {
                let (top, _) = open.pop().expect("closing tag without opening");
                assert_eq!(top, name, "</{name}> closes <{top}>");
                if name == "sup" {
                    in_sup = false;
                }
            } else {
                let key = (name == "mark")
                    .then(|| attr(tag, "data-f"))
                    .flatten()
                    .map(|n| {
                        let class = attr(tag, "class").unwrap_or_default();
                        let side = class.split(' ').next().unwrap_or("").to_string();
                        (side, n.parse().unwrap())
                    });
                if name == "sup" {
                    in_sup = true;
                }
                open.push((name, key));
            }
        }
        rest = &rest[gt + 1..];
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    covered
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..].split('"').next()?.to_string())
}

/// The text of every reference cell of the side-by-side, in order.
fn reference_cells(html: &str) -> Vec<String> {
    let open = "<div class=\"rc\" data-label=\"Reference\">";
    html.split(open)
        .skip(1)
        .map(|cell| {
            let cell = &cell[..cell.find("</div>").unwrap()];
            let mut text = String::new();
            let mut rest = cell;
            let mut in_sup = false;
            while let Some(lt) = rest.find('<') {
                if !in_sup {
                    text.push_str(&rest[..lt]);
                }
                let gt = rest[lt..].find('>').unwrap() + lt;
                match &rest[lt..=gt] {
                    t if t.starts_with("<sup") => in_sup = true,
                    "</sup>" => in_sup = false,
                    _ => {}
                }
                rest = &rest[gt + 1..];
            }
            text.push_str(rest);
            unescape(&text)
        })
        .collect()
}

fn fixture(aligned: bool) -> (Article, Article, Report, String) {
    let (cand, refr) = report_fixture::articles();
    let report = report_fixture::report(&cand, &refr, aligned);
    let html = render_page(&report, &cand, &refr);
    if let Some(dir) = std::env::var_os("MTCHECK_HTML_OUT") {
        // For tests/browser/run.sh: keep the page to open in a browser.
        let name = if aligned {
            "fixture-aligned.html"
        } else {
            "fixture.html"
        };
        std::fs::write(std::path::Path::new(&dir).join(name), &html).unwrap();
    }
    (cand, refr, report, html)
}

#[test]
fn every_finding_is_highlighted_with_its_message() {
    for aligned in [true, false] {
        let (_, _, report, html) = fixture(aligned);
        let covered = marked_text(&html);
        for (i, f) in report.findings.iter().enumerate() {
            let n = i + 1;
            if f.start < f.end {
                assert_eq!(covered.get(&("f".into(), n)), Some(&f.text), "finding {n}");
                let title = format!("#{n} {} {}: ", f.severity, f.kind);
                assert!(html.contains(&format!("title=\"{}", title)), "title of {n}");
            }
            if let Some(r) = &f.reference {
                assert_eq!(
                    covered.get(&("ev".into(), n)),
                    Some(&r.text),
                    "evidence {n}"
                );
            }
            // The numbered list entry links back to the highlight.
            assert!(html.contains(&format!("<li id=\"l{n}\"")), "list entry {n}");
            assert_eq!(
                html.matches(&format!(" id=\"f{n}\"")).count()
                    + html.matches(&format!(" id=\"e{n}\"")).count(),
                if f.start < f.end {
                    1 + usize::from(f.reference.is_some())
                } else {
                    1
                },
                "anchors of {n}"
            );
        }
    }
}

#[test]
fn reference_column_holds_the_aligned_sentences() {
    let (cand, refr, report, html) = fixture(true);
    let cells = reference_cells(&html);
    // Five aligned rows (candidate i ↔ reference i), then the reference's
    // unaligned last sentence in a row of its own.
    let mut expected: Vec<String> = (0..5).map(|i| refr.sentence_text(i).to_string()).collect();
    expected.push(refr.sentence_text(5).to_string());
    assert_eq!(cells, expected);
    assert_eq!(report.alignment.len(), cand.sentences.len());
    assert!(html.contains("class=\"row refonly\""));
}

#[test]
fn without_alignment_the_whole_reference_is_shown() {
    let (_, refr, _, html) = fixture(false);
    let cells = reference_cells(&html);
    assert_eq!(cells, vec![refr.text.trim().to_string()]);
}

#[test]
fn article_text_is_escaped() {
    let (_, _, _, html) = fixture(true);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "a script element in the page"
    );
    // The message, which quotes markup, is escaped in the title too.
    assert!(html.contains("markup &lt;script&gt; in the text"));
}

#[test]
fn page_is_self_contained_responsive_and_printable() {
    let (_, _, _, html) = fixture(true);
    for external in [
        "http://",
        "https://",
        "src=",
        "@import",
        "url(",
        "stylesheet",
    ] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("@media (max-width: 700px)"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn batch_pages_and_index() {
    let (cand, refr) = report_fixture::articles();
    let mut report = report_fixture::report(&cand, &refr, true);
    report.id = Some("xi/moscow <1>".into());
    let dir = tempfile::tempdir().unwrap();
    let entry = write_page(dir.path(), 1, &report, &cand, &refr).unwrap();
    assert_eq!(entry.href.as_deref(), Some("0001-xi-moscow-1.html"));
    assert!(dir.path().join("0001-xi-moscow-1.html").is_file());
    let failed = IndexEntry::failed(
        2,
        "b&d",
        "missing.txt",
        "ref.txt",
        "missing.txt: no such file",
    );
    write_index(dir.path(), &[entry.clone(), failed.clone()]).unwrap();
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert_eq!(index, render_index(&[entry, failed]));
    assert!(index.contains("<a href=\"0001-xi-moscow-1.html\">xi/moscow &lt;1&gt;</a>"));
    assert!(index.contains("<td class=\"num\">42.0</td>"));
    assert!(index.contains("b&amp;d"));
    assert!(index.contains("error: missing.txt: no such file"));
    marked_text(&index);
}

#[test]
fn cli_writes_html() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.html");
    let status = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["check", "fixtures/reports/candidate.txt", "-r"])
        .args(["fixtures/reports/reference.txt", "--format", "html", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.code().is_some_and(|c| c <= 1));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The "1" inside may be highlighted as a number, so look for the
    // escaped tags around it, and no live script element anywhere.
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains(")&lt;/script&gt;"));
    assert!(!html.contains("<script"));
    marked_text(&html);
}

mod no_panic {
    use super::*;
    use mtcheck::align::AlignedPair;
    use mtcheck::{Config, Finding, Kind};
    use proptest::prelude::*;

    fn awkward_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("Word. "),
                Just("a "),
                Just("東京。"),
                Just("\t"),
                Just("\n"),
                Just("\r\n"),
                Just("\n\n"),
                Just("\r"),
                Just("\x1b"),
                Just("e\u{301}"),
                Just("<script>"),
                Just("&amp;"),
                Just("\"q\" "),
                Just("? "),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_findings_and_alignment_give_well_formed_highlights(
            cand_text in awkward_text(),
            ref_text in awkward_text(),
            spans in proptest::collection::vec((0usize..200, 0usize..40, 0usize..200, 0usize..40, any::<bool>()), 0..8),
            pairs in proptest::collection::vec((proptest::collection::vec(0usize..12, 0..3), proptest::collection::vec(0usize..12, 0..3)), 0..6),
        ) {
            let cand = Article::from_text("c", cand_text);
            let refr = Article::from_text("r", ref_text);
            let findings: Vec<Finding> = spans
                .iter()
                .enumerate()
                .map(|(i, &(s, e, rs, re, with_ref))| {
                    let f = Finding::new(Kind::ALL[i % Kind::ALL.len()], &cand, s, s + e, "<m>");
                    if with_ref { f.with_reference(&refr, rs, rs + re) } else { f }
                })
                .collect();
            let alignment = mtcheck::align::align(&cand, &refr, &Default::default());
            let mut report = Report::build(&cand, &refr, alignment, findings, &Config::default());
            report.alignment = pairs
                .into_iter()
                .map(|(c, r)| AlignedPair { candidate: c, reference: r, similarity: 0.5 })
                .collect();
            let html = render_page(&report, &cand, &refr);
            prop_assert!(!html.contains("<m>") && !html.contains("<script>"));
            let covered = marked_text(&html);
            for (i, f) in report.findings.iter().enumerate() {
                if f.start < f.end && !f.text.trim().is_empty() {
                    // Highlights hold the finding's text; whitespace at row
                    // edges may be shared, so compare without it.
                    let got = covered.get(&("f".to_string(), i + 1)).cloned().unwrap_or_default();
                    let want = f.text.replace('\x1b', "\u{fffd}");
                    let (got, want) = (got.replace('\r', ""), want.replace('\r', ""));
                    prop_assert_eq!(got.trim(), want.trim());
                }
            }
        }
    }
}
