//! Hostile input: fuzz regressions, oversized files, one huge line, deep
//! nesting, every Unicode script, control characters, `/dev/zero` and a
//! directory. Sizes here are small so the suite stays fast in debug builds;
//! the big measurements (10 MB article, 10 MB line) are in
//! docs/PERFORMANCE.md, "Robustness".

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mtcheck::text::DecodeError;
use mtcheck::{check, Article, Config, Report};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the full check and asserts the invariants every report keeps.
fn checked(cand: &Article, refr: &Article) -> Report {
    let report = check(cand, refr, &Config::default());
    assert!((0.0..=100.0).contains(&report.score), "{}", report.score);
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= cand.text.len(), "{f:?}");
        assert!(cand.text.is_char_boundary(f.start) && cand.text.is_char_boundary(f.end));
        assert_eq!(cand.text[f.start..f.end], f.text);
    }
    let _ = mtcheck::report::json::render_pretty(&report);
    let text = mtcheck::report::text::render(
        &report,
        cand,
        refr,
        mtcheck::report::text::TextOptions::colored(false),
    );
    assert!(text.contains("summary:"));
    let html = mtcheck::report::html::render_page(&report, cand, refr);
    assert!(html.starts_with("<!DOCTYPE html>"));
    report
}

fn check_text(cand: &str, refr: &str) -> Report {
    checked(
        &Article::from_text("cand", cand),
        &Article::from_text("ref", refr),
    )
}

/// Every file in fixtures/fuzz-regressions/ (inputs the fuzzers found or that
/// were written to hit a corner): decode it, check it against itself and,
/// split like the `check_pair` fuzz target, one half against the other.
#[test]
fn fuzz_regressions_decode_and_check() {
    let dir = root().join("fixtures/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        n += 1;
        let bytes = std::fs::read(&path).unwrap();
        let _ = mtcheck::text::decode(&bytes);
        if let Ok(a) = Article::from_bytes(path.display().to_string(), &bytes) {
            checked(&a, &a);
        }
        let (x, y) = match bytes.iter().position(|&b| b == 0xFF) {
            Some(i) => (&bytes[..i], &bytes[i + 1..]),
            None => bytes.split_at(bytes.len() / 2),
        };
        if let (Ok(c), Ok(r)) = (Article::from_bytes("c", x), Article::from_bytes("r", y)) {
            checked(&c, &r);
        }
        let text = String::from_utf8_lossy(&bytes);
        check_text(&text, "");
    }
    assert!(n >= 5, "expected regression inputs in {}", dir.display());
}

fn mtcheck_cli(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .arg("check")
        .arg(args[0])
        .arg("--reference")
        .arg(args[1])
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn file_over_the_default_limit_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let small = dir.path().join("small.txt");
    // 50 MB of text, over the default 32 MiB `--max-bytes`.
    let line = "The critics said the plan would fail.\n";
    let file = std::fs::File::create(&big).unwrap();
    let mut w = std::io::BufWriter::new(file);
    for _ in 0..(50_000_000 / line.len() + 1) {
        std::io::Write::write_all(&mut w, line.as_bytes()).unwrap();
    }
    drop(w);
    std::fs::write(&small, "The plan would fail.\n").unwrap();
    let out = mtcheck_cli(&[&big, &small]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("big.txt"), "{err}");
    assert!(err.contains("limit"), "{err}");
    assert!(err.contains("--max-bytes"), "{err}");
    assert!(err.lines().count() <= 2, "{err}");
}

#[test]
fn dev_zero_and_a_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "The plan would fail.\n").unwrap();
    if Path::new("/dev/zero").exists() {
        // Endless input: read up to the limit, then refused (not read forever).
        let out = mtcheck_cli(&[Path::new("/dev/zero"), &small]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("/dev/zero"), "{err}");
        assert!(err.contains("limit"), "{err}");
    }
    let out = mtcheck_cli(&[&small, dir.path()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("directory"), "{err}");
}

#[test]
fn empty_blank_and_binary_inputs_are_refused_by_decode() {
    assert_eq!(mtcheck::text::decode(b"").unwrap_err(), DecodeError::Empty);
    assert_eq!(
        mtcheck::text::decode(b"  \r\n\t").unwrap_err(),
        DecodeError::Blank
    );
    // Only invisible format characters and white space (issue #26).
    assert_eq!(
        mtcheck::text::decode("\u{AD}\u{200B}\u{200C}\n\u{200D}\u{2060} \u{FEFF}".as_bytes())
            .unwrap_err(),
        DecodeError::Blank
    );
    let zeros = vec![0u8; 4096];
    assert!(matches!(
        mtcheck::text::decode(&zeros),
        Err(DecodeError::Binary(_))
    ));
    let controls: Vec<u8> = (0u8..32).cycle().take(3000).filter(|&b| b != 0).collect();
    assert!(matches!(
        mtcheck::text::decode(&controls),
        Err(DecodeError::Binary(_))
    ));
}

#[test]
fn one_long_line_is_checked() {
    // One line, no line break: 60 KB of sentences with repeats in them, so
    // there are many findings whose column is counted on the same line.
    let unit = "The critics critics said that the plan, the plan would fail on Nov. 8 ";
    let text = unit.repeat(60_000 / unit.len());
    assert!(!text.contains('\n'));
    let report = check_text(&text, "The critics said the plan would fail on Nov. 8.");
    assert!(report.findings.len() >= text.len() / unit.len());
    let last = report.findings.last().unwrap();
    assert_eq!(last.line, 1);
    assert_eq!(last.column, text[..last.start].chars().count() + 1);
}

#[test]
fn one_huge_word_and_one_huge_number() {
    let word = "a".repeat(200_000);
    let report = check_text(&word, "a");
    assert_eq!(report.words, 1);
    let number = format!("{}.5", "9".repeat(100_000));
    check_text(&number, &number);
    check_text(&"1,".repeat(50_000), "1");
    check_text(&"-".repeat(100_000), "x");
    check_text(&".".repeat(100_000), "x");
}

#[test]
fn deeply_nested_quotes_and_brackets() {
    let depth = 20_000;
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(["(", "[", "{", "\"", "“", "‘", "«", "'"][i % 8]);
    }
    text.push_str(" critics critics ");
    for i in (0..depth).rev() {
        text.push_str([")", "]", "}", "\"", "”", "’", "»", "'"][i % 8]);
    }
    let report = check_text(&text, "critics");
    assert!(report
        .findings
        .iter()
        .any(|f| f.text.starts_with("critics") && f.text.ends_with("critics")));
    // Only openers, only closers, and interleaved without words.
    check_text(&"(“[".repeat(20_000), "x");
    check_text(&")”]".repeat(20_000), "x");
    check_text(&"\"'".repeat(30_000), "x");
}

#[test]
fn every_unicode_script() {
    // A character from every 7th code point of the whole range (surrogates
    // and unassigned included where `char` allows), grouped into words,
    // sentences and lines.
    let mut text = String::new();
    for (n, c) in (0x20u32..=0x10FFFF)
        .step_by(7)
        .filter_map(char::from_u32)
        .enumerate()
    {
        text.push(c);
        match n % 97 {
            96 => text.push('\n'),
            n if n % 6 == 5 => text.push(' '),
            _ => {}
        }
    }
    let a = Article::from_text("all", text.as_str());
    assert!(!a.tokens.is_empty());
    checked(&a, &a);
    let half = Article::from_text(
        "half",
        &text[..mtcheck::text::floor_char_boundary(&text, text.len() / 2)],
    );
    checked(&a, &half);
    // Through decode too: as UTF-8 and as UTF-16LE with a BOM.
    assert!(mtcheck::text::decode(text.as_bytes()).is_ok());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (decoded, _) = mtcheck::text::decode(&utf16).unwrap();
    assert_eq!(decoded, text);
}

#[test]
fn control_characters_and_odd_line_breaks() {
    let mut text = String::from("The critics critics said so.");
    for c in (1u32..0x20).chain(0x7F..0xA0).filter_map(char::from_u32) {
        text.push(c);
        text.push_str(" plan plan words ");
    }
    text.push_str("\u{2028}line\u{2029}para\u{0085}next\r\rcr\u{200B}\u{200D}\u{FEFF}zw");
    let a = Article::from_bytes("ctl", text.as_bytes()).unwrap();
    let report = checked(&a, &a);
    assert!(report.words > 0);
    check_text(&text, "The critics said so.");
}

/// Issue #26: 1 MB of "(" gave a million findings (255 MB of JSON). The
/// findings per article are capped (`[limits] max_findings`), the most
/// severe kept first, and the report says how many were left out.
#[test]
fn findings_are_capped_most_severe_first() {
    let cand = format!(
        "The port reopened on Monday. {}\nThe ship carried 1,200 containers.",
        "( ".repeat(3_000)
    );
    let refr = "The port reopened on Monday.\nThe ship carried 12,000 containers.";
    let (cand, refr) = (
        Article::from_text("cand", cand.as_str()),
        Article::from_text("ref", refr),
    );
    let all = check(&cand, &refr, &Config::default());
    assert_eq!(all.findings_omitted, 0);
    assert!(all.findings.len() > 3_000, "{}", all.findings.len());
    let mut config = Config::default();
    config.limits.max_findings = 100;
    let capped = check(&cand, &refr, &config);
    assert_eq!(capped.findings.len(), 100);
    assert_eq!(capped.findings_omitted, all.findings.len() - 100);
    // The critical mismatch at the end is kept; the report stays in its
    // order (most severe first, then by position).
    assert!(capped
        .findings
        .iter()
        .any(|f| f.kind == mtcheck::Kind::NumberMismatch));
    let mut sorted = capped.findings.clone();
    mtcheck::finding::sort_findings(&mut sorted);
    assert!(
        sorted == capped.findings,
        "the capped findings are out of order"
    );
    assert_eq!(capped.counts.values().sum::<usize>(), 100);
    let json = mtcheck::report::json::render_pretty(&capped);
    assert!(json.contains("\"findings_omitted\""), "{json}");
    let text = mtcheck::report::text::render(
        &capped,
        &cand,
        &refr,
        mtcheck::report::text::TextOptions::colored(false),
    );
    assert!(
        text.contains(&format!(
            "{} more findings left out",
            capped.findings_omitted
        )),
        "{text}"
    );
    // The default cap holds on a hostile input.
    let parens = Article::from_text("parens", "(".repeat(12_000).as_str());
    let report = check(&parens, &refr, &Config::default());
    assert_eq!(report.findings.len(), mtcheck::config::DEFAULT_MAX_FINDINGS);
    assert_eq!(report.findings_omitted, 2_000);
    // Without a cap nothing is left out.
    config.limits.max_findings = 0;
    assert_eq!(check(&parens, &refr, &config).findings.len(), 12_000);
}

/// Issue #26: soft hyphens, zero-width characters and joiners inside words
/// of the reference made it, checked against the plain reference, score
/// below 100 with non-words ("alo", "ngs") and quote mismatches. They
/// change no word: the check comes out clean, and the spans still point at
/// the words as written.
#[test]
fn invisible_characters_inside_words_change_nothing() {
    let plain = std::fs::read_to_string(root().join("seeds/xi-moscow-reference.txt")).unwrap();
    let mut marked = plain.clone();
    for (word, cut) in [
        ("alongside", "alo\u{AD}ngs\u{AD}ide"),
        ("anniversary", "anni\u{200B}versary"),
        ("achievements", "ach\u{AD}iev\u{AD}ements"),
        ("international", "inter\u{2060}national"),
        ("historical", "his\u{FEFF}torical"),
        ("together", "to\u{200C}ge\u{200D}ther"),
    ] {
        assert!(marked.contains(word), "{word}");
        marked = marked.replacen(word, cut, 1);
    }
    let refr = Article::from_text("ref", plain.as_str());
    for cand in [
        Article::from_text("marked", marked.as_str()),
        Article::from_bytes("marked", marked.as_bytes()).unwrap(),
    ] {
        assert_eq!(cand.word_count(), refr.word_count());
        let report = checked(&cand, &refr);
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
        assert_eq!(report.score, 100.0);
        assert_eq!(report.verdict, mtcheck::Verdict::Clean);
        // Against itself, too.
        assert!(checked(&cand, &cand).findings.is_empty());
    }
}

#[test]
fn invalid_utf8_and_odd_utf16_decode_without_panic() {
    let cases: Vec<Vec<u8>> = vec![
        b"caf\xE9 \xFF\xFE \x80\x81 text".to_vec(),
        b"\xEF\xBB\xBF\xC3".to_vec(),
        b"\xFF\xFEa".to_vec(),
        b"\xFE\xFF\xD8\x00".to_vec(),
        b"\xFF\xFE\x00\xD8\x00\xDC".to_vec(),
        vec![0xFF, 0xFE, 0x3D, 0xD8],
        b"\xF0\x9F\x99".to_vec(),
    ];
    for bytes in cases {
        if let Ok(a) = Article::from_bytes("odd", &bytes) {
            checked(&a, &a);
        }
    }
}
