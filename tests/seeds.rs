//! The seed pair is the first real case: `seeds/expect.json` says what mtcheck
//! must and must not flag on it. Each expectation is checked on its own so a
//! failure names the expectation.

use std::path::PathBuf;

use mtcheck::{check, Article, Config, Finding, Report};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Seeds {
    expect: Value,
    candidate: Article,
    reference: Article,
    report: Report,
}

fn seeds() -> Seeds {
    let expect: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("seeds/expect.json")).unwrap())
            .unwrap();
    let read = |key: &str| {
        let name = expect[key].as_str().unwrap();
        Article::read(&root().join("seeds").join(name), usize::MAX).unwrap()
    };
    let candidate = read("candidate");
    let reference = read("reference");
    let report = check(&candidate, &reference, &Config::default());
    Seeds {
        expect,
        candidate,
        reference,
        report,
    }
}

fn kinds(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|k| k.as_str().map(String::from))
            .collect(),
        _ => panic!("bad kind {v}"),
    }
}

/// Byte ranges where `needle` occurs in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    hay.match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Does `f` overlap an occurrence of `text` (in the candidate, or in the
/// reference evidence when `in_reference`)?
fn hits(f: &Finding, text: &str, in_reference: bool, s: &Seeds) -> bool {
    if in_reference {
        let Some(r) = &f.reference else { return false };
        occurrences(&s.reference.text, text)
            .into_iter()
            .any(|o| overlaps(o, (r.start, r.end)))
    } else {
        occurrences(&s.candidate.text, text).into_iter().any(|o| {
            s.candidate.line_col(o.0).0 == f.line && overlaps(o, (f.start, f.end.max(f.start + 1)))
        })
    }
}

fn describe(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| format!("  {} {:?} at {}:{}", f.kind, f.text, f.line, f.column))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seeds_must_be_flagged() {
    let s = seeds();
    let mut missing = Vec::new();
    for m in s.expect["must"].as_array().unwrap() {
        let ks = kinds(&m["kind"]);
        let text = m["text"].as_str().unwrap();
        let in_ref = m["reference"].as_bool().unwrap_or(false);
        let found = s
            .report
            .findings
            .iter()
            .any(|f| ks.iter().any(|k| k == f.kind.as_str()) && hits(f, text, in_ref, &s));
        if !found {
            missing.push(format!("{ks:?} {text:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "not flagged: {missing:#?}\nfindings:\n{}",
        describe(&s.report)
    );
}

#[test]
fn seeds_must_not_be_flagged() {
    let s = seeds();
    let mut wrong = Vec::new();
    for m in s.expect["must_not"].as_array().unwrap() {
        let ks = kinds(&m["kind"]);
        let text = m["text"].as_str().unwrap();
        for f in &s.report.findings {
            if ks.iter().any(|k| k == f.kind.as_str())
                && (hits(f, text, false, &s) || hits(f, text, true, &s))
            {
                wrong.push(format!("{} {:?} (must not: {text:?})", f.kind, f.text));
            }
        }
    }
    assert!(wrong.is_empty(), "flagged: {wrong:#?}");
}

#[test]
fn seeds_mode_and_verdict() {
    let s = seeds();
    assert_eq!(s.report.mode.as_str(), s.expect["mode"].as_str().unwrap());
    let verdicts = kinds(&s.expect["verdict"]);
    assert!(
        verdicts.iter().any(|v| v == s.report.verdict.as_str()),
        "verdict {} (score {}), expected {verdicts:?}\nfindings:\n{}",
        s.report.verdict,
        s.report.score,
        describe(&s.report)
    );
}
