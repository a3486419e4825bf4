//! Word and HTML articles: read as their text (src/input/), checked as that
//! text would be in a plain file, in `check` and `batch`.

use std::path::{Path, PathBuf};
use std::process::Command;

use mtcheck::input::InputFormat;
use mtcheck::{Article, Config};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/formats")
        .join(name)
}

fn seed_reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/xi-moscow-reference.txt")
}

/// What a finding says, without the article's name.
fn findings(candidate: &Article) -> Vec<(String, usize, usize, String, String)> {
    let reference = Article::read(&seed_reference(), 1 << 20).unwrap();
    mtcheck::check(candidate, &reference, &Config::default())
        .findings
        .into_iter()
        .map(|f| (f.kind.to_string(), f.start, f.end, f.text, f.message))
        .collect()
}

#[test]
fn a_docx_and_an_html_candidate_give_the_findings_of_the_same_text() {
    let txt = Article::read(&fixture("article.txt"), 1 << 20).unwrap();
    let expected = findings(&txt);
    assert!(expected.len() > 10, "the seed has findings: {expected:?}");
    assert_eq!(txt.format, InputFormat::Text);
    for (name, format) in [
        ("article.docx", InputFormat::Docx),
        ("article.html", InputFormat::Html),
    ] {
        let article = Article::read(&fixture(name), 1 << 20).unwrap();
        assert_eq!(article.format, format, "{name}");
        // Byte for byte the plain text: markup, the title, scripts, styles
        // and the tracked deletion are gone.
        assert_eq!(article.text, txt.text, "{name}");
        assert_eq!(findings(&article), expected, "{name}");
    }
}

#[test]
fn the_report_says_which_format_was_read() {
    let out = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["check", "--format", "json", "--reference"])
        .arg(seed_reference())
        .arg(fixture("article.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["formats"]["candidate"], "docx");
    assert_eq!(json["formats"]["reference"], "text");
    let text = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["check", "--color", "never", "--reference"])
        .arg(fixture("article.html"))
        .arg(fixture("article.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("note      reference read from a web page (HTML)"),
        "{stdout}"
    );
    // Plain text on both sides: no `formats` key, as before.
    let plain = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["check", "--format", "json", "--reference"])
        .arg(seed_reference())
        .arg(fixture("article.txt"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(json.get("formats").is_none());
}

#[test]
fn a_batch_reads_word_and_html_rows_and_a_broken_docx_is_a_row_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["article.docx", "article.html", "article.txt"] {
        std::fs::copy(fixture(name), d.join(name)).unwrap();
    }
    std::fs::copy(seed_reference(), d.join("ref.txt")).unwrap();
    std::fs::write(d.join("broken.docx"), b"PK\x03\x04 this is not a zip").unwrap();
    std::fs::write(
        d.join("manifest.csv"),
        "id,candidate,reference\n\
         txt,article.txt,ref.txt\n\
         docx,article.docx,ref.txt\n\
         html,article.html,ref.txt\n\
         broken,broken.docx,ref.txt\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .current_dir(d)
        .args([
            "batch",
            "manifest.csv",
            "-q",
            "-o",
            "report.csv",
            "--json",
            "report.jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "one row failed: {out:?}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(d.join("report.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["findings"], lines[1]["findings"]);
    assert_eq!(lines[0]["findings"], lines[2]["findings"]);
    assert_eq!(lines[1]["formats"]["candidate"], "docx");
    assert_eq!(lines[2]["formats"]["candidate"], "html");
    assert_eq!(lines[3]["status"], "error");
    let error = lines[3]["error"].as_str().unwrap();
    assert!(
        error.starts_with("candidate broken.docx: is not a readable .docx file"),
        "{error}"
    );
}

#[test]
fn folder_mode_pairs_word_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let (c, r) = (dir.path().join("c"), dir.path().join("r"));
    std::fs::create_dir_all(&c).unwrap();
    std::fs::create_dir_all(&r).unwrap();
    std::fs::copy(fixture("article.docx"), c.join("xi.docx")).unwrap();
    std::fs::copy(fixture("article.docx"), r.join("xi.docx")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .current_dir(dir.path())
        .args(["batch", "--candidates", "c", "--references", "r", "-q"])
        .args(["-o", "report.csv", "--json", "out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let line: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap())
            .unwrap();
    assert_eq!(line["formats"]["candidate"], "docx", "{line}");
    assert_eq!(line["formats"]["reference"], "docx", "{line}");
}
