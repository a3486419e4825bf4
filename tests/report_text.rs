//! Terminal report: snapshots (colour off) of the seeds and of a hand-made
//! report, and the `--color` / `NO_COLOR` behaviour of the binary.

mod report_fixture;

use std::path::Path;
use std::process::Command;

use mtcheck::report::text::{render, TextOptions};
use mtcheck::{check, Article, Config};

fn seeds() -> (Article, Article) {
    let cand = Article::read(Path::new("seeds/xi-moscow-suspected-mt.txt"), 1 << 20).unwrap();
    let refr = Article::read(Path::new("seeds/xi-moscow-reference.txt"), 1 << 20).unwrap();
    (cand, refr)
}

/// The seeds as `mtcheck check` prints them. Re-accept after checks or
/// metrics change (`cargo insta review`).
#[test]
fn seeds_text_report() {
    let (cand, refr) = seeds();
    let report = check(&cand, &refr, &Config::default());
    let out = render(&report, &cand, &refr, TextOptions::default());
    assert!(!out.contains('\x1b'));
    insta::assert_snapshot!("seeds_text", out);
}

/// Hand-made findings of every shape: evidence, suggestion, nesting, CJK and
/// a tab before the span, markup, and an empty-span number-missing.
#[test]
fn fixture_text_report() {
    let (cand, refr) = report_fixture::articles();
    let report = report_fixture::report(&cand, &refr, true);
    let out = render(&report, &cand, &refr, TextOptions::default());
    insta::assert_snapshot!("fixture_text", out);
}

#[test]
fn every_finding_has_a_header_and_a_location() {
    let (cand, refr) = report_fixture::articles();
    let report = report_fixture::report(&cand, &refr, false);
    let out = render(&report, &cand, &refr, TextOptions::default());
    // Figures to verify are listed on one summary line instead.
    for f in report.findings.iter().filter(|f| !f.to_verify()) {
        let header = format!("{}[{}]: {}", f.severity, f.kind, f.message);
        assert!(out.contains(&header), "missing {header:?}");
        let location = if f.start < f.end {
            format!("--> {}:{}:{}", report.candidate, f.line, f.column)
        } else {
            let r = f.reference.as_ref().unwrap();
            format!("--> {}:{}:{}", report.reference, r.line, r.column)
        };
        assert!(out.contains(&location), "missing {location:?}");
    }
    assert!(out.contains("= help: suggestion: `biggest`"), "{out}");
}

fn mtcheck(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtcheck"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

const CAND: &str = "fixtures/reports/candidate.txt";
const REFR: &str = "fixtures/reports/reference.txt";

#[test]
fn colour_follows_the_color_flag_and_no_color() {
    let base = ["check", CAND, "-r", REFR];
    let with = |extra: &[&'static str]| -> Vec<&'static str> { [&base[..], extra].concat() };
    // Piped output: no colour unless forced.
    let auto = mtcheck(&base, &[]);
    assert!(!auto.contains('\x1b'), "{auto}");
    assert!(auto.contains("summary: "), "{auto}");
    let always = mtcheck(&with(&["--color", "always"]), &[]);
    assert!(always.contains("\x1b["), "{always}");
    let never = mtcheck(&with(&["--color", "never"]), &[("CLICOLOR_FORCE", "1")]);
    assert!(!never.contains('\x1b'));
    // CLICOLOR_FORCE stands in for a terminal; NO_COLOR still wins in auto.
    let forced = mtcheck(&base, &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b["), "{forced}");
    let no_color = mtcheck(&base, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.contains('\x1b'), "{no_color}");
    assert_eq!(no_color, auto);
}

#[test]
fn text_written_to_a_file_has_no_colour_unless_always() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    let colored = dir.path().join("colored.txt");
    let p = plain.to_str().unwrap();
    let c = colored.to_str().unwrap();
    mtcheck(
        &["check", CAND, "-r", REFR, "-o", p],
        &[("CLICOLOR_FORCE", "1")],
    );
    mtcheck(
        &["check", CAND, "-r", REFR, "-o", c, "--color", "always"],
        &[],
    );
    assert!(!std::fs::read_to_string(&plain).unwrap().contains('\x1b'));
    assert!(std::fs::read_to_string(&colored).unwrap().contains("\x1b["));
}

mod no_panic {
    use super::*;
    use mtcheck::{Finding, Kind, Report};
    use proptest::prelude::*;

    /// Text made of what trips renderers: wide and combining characters,
    /// tabs, every kind of line break, escape sequences, emoji.
    fn awkward_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("word "),
                Just("東京"),
                Just("\t"),
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just("\x1b[31m"),
                Just("e\u{301}"),
                Just("👩‍👩‍👧"),
                Just("\u{202e}"),
                Just("  "),
                Just("\u{9b}"),
                Just("<b>&"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    pub fn report_with_spans(
        cand: &Article,
        refr: &Article,
        spans: &[(usize, usize, usize, usize, bool)],
    ) -> Report {
        let kinds = Kind::ALL;
        let findings = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e, rs, re, with_ref))| {
                let f = Finding::new(kinds[i % kinds.len()], cand, s, s + e, "m");
                if with_ref {
                    f.with_reference(refr, rs, rs + re)
                } else {
                    f
                }
            })
            .collect();
        let alignment = mtcheck::align::align(cand, refr, &Default::default());
        Report::build(cand, refr, alignment, findings, &Config::default())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_and_spans_render_without_control_characters(
            cand_text in awkward_text(),
            ref_text in awkward_text(),
            spans in proptest::collection::vec((0usize..200, 0usize..40, 0usize..200, 0usize..40, any::<bool>()), 0..6),
        ) {
            let cand = Article::from_text("c", cand_text);
            let refr = Article::from_text("r", ref_text);
            let report = report_with_spans(&cand, &refr, &spans);
            let out = render(&report, &cand, &refr, TextOptions::default());
            prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{:?}", out);
            for f in &report.findings {
                let header = format!("{}[{}]: m", f.severity, f.kind);
                prop_assert!(out.contains(&header));
            }
        }
    }
}

/// Rendering time of a one-line article of `n` "(" with a finding at every
/// other character (the shape that made the renderer quadratic: every
/// excerpt was the whole line), best of three.
fn one_line_render_time(n: usize) -> std::time::Duration {
    use mtcheck::finding::{Finding, Kind};
    let cand = Article::from_text("c.txt", "(".repeat(n));
    let refr = Article::from_text("r.txt", "A reference.");
    let findings: Vec<Finding> = (0..n)
        .step_by(2)
        .map(|i| Finding::new(Kind::UnbalancedPunctuation, &cand, i, i + 1, "unclosed"))
        .collect();
    let alignment = mtcheck::align::Alignment {
        mode: mtcheck::align::Mode::Comparable,
        pairs: Vec::new(),
    };
    let report = mtcheck::Report::build(&cand, &refr, alignment, findings, &Config::default());
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            let out = render(&report, &cand, &refr, TextOptions::default());
            assert!(
                out.lines().all(|l| l.chars().count() <= 80),
                "a line is wider than 80"
            );
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The text renderer is linear in the input (O(n + findings · width)): twice
/// the text and twice the findings take about twice the time, not four times
/// as the whole-line excerpts did (1 MB on one line: 13 s).
#[test]
fn text_report_time_doubles_with_the_input() {
    let small = one_line_render_time(4_000);
    let large = one_line_render_time(8_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    assert!(
        ratio < 3.0,
        "doubling the input multiplied the time by {ratio:.2}"
    );
}

/// Excerpts fit the width, the span's place shown with `...` around it, and
/// the carets stay under the span.
#[test]
fn long_lines_are_cut_to_the_width_around_the_span() {
    use mtcheck::finding::{Finding, Kind};
    let text = format!(
        "{} critics critics {}",
        "word ".repeat(200),
        "tail ".repeat(200)
    );
    let cand = Article::from_text("c.txt", text.as_str());
    let refr = Article::from_text("r.txt", "Critics.");
    let s = text.find("critics critics").unwrap();
    let f = Finding::new(Kind::RepeatedWord, &cand, s, s + 15, "repeated");
    let alignment = mtcheck::align::Alignment {
        mode: mtcheck::align::Mode::Comparable,
        pairs: Vec::new(),
    };
    let report = mtcheck::Report::build(&cand, &refr, alignment, vec![f], &Config::default());
    for width in [60, 80, 120] {
        let options = TextOptions {
            width,
            ..TextOptions::default()
        };
        let out = render(&report, &cand, &refr, options);
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("critics critics"))
            .unwrap_or_else(|| panic!("{out}"));
        let (source, under) = (lines[at], lines[at + 1]);
        assert!(
            source.chars().count() <= width,
            "{source:?} wider than {width}"
        );
        assert!(
            source.contains("...") && source.ends_with("..."),
            "{source}"
        );
        assert_eq!(under.find('^'), source.find("critics critics"), "{out}");
        assert_eq!(under.matches('^').count(), 15, "{out}");
    }
}

/// `--summary` prints the summary alone; `--min-severity` hides the less
/// severe findings but the summary counts them.
#[test]
fn summary_only_and_min_severity() {
    let (cand, refr) = seeds();
    let report = check(&cand, &refr, &Config::default());
    let summary = render(
        &report,
        &cand,
        &refr,
        TextOptions {
            summary_only: true,
            ..TextOptions::default()
        },
    );
    assert!(summary.starts_with("summary: "), "{summary}");
    assert!(!summary.contains("-->"));
    let major = render(
        &report,
        &cand,
        &refr,
        TextOptions {
            min_severity: mtcheck::Severity::Major,
            ..TextOptions::default()
        },
    );
    assert!(!major.contains("minor["), "{major}");
    assert!(major.contains("major["), "{major}");
    assert!(major.contains("below major (--min-severity)"), "{major}");
}

/// The seeds' report opens with a finding an editor must fix.
#[test]
fn seeds_report_opens_with_a_major_or_critical_finding() {
    let (cand, refr) = seeds();
    let report = check(&cand, &refr, &Config::default());
    let out = render(&report, &cand, &refr, TextOptions::default());
    assert!(
        out.starts_with("major[") || out.starts_with("critical["),
        "{}",
        out.lines().next().unwrap_or("")
    );
}
