//! The `mtcheck` binary on real files: every supported encoding is read,
//! `-` reads standard input, and unreadable input exits 2 with a one-line
//! message that names the file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/encodings")
        .join(path)
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

fn mtcheck(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The binary may exit before reading (usage errors): a broken pipe is fine.
        let _ = pipe.write_all(input);
    }
    child.wait_with_output().unwrap()
}

fn check_json(candidate: &str, reference: &str, stdin: Option<&[u8]>) -> serde_json::Value {
    let out = mtcheck(
        &[
            "check",
            candidate,
            "--reference",
            reference,
            "--format",
            "json",
        ],
        stdin,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{candidate}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs a check that must fail with exit 2; returns stderr.
fn refused(candidate: &Path, reference: &Path) -> String {
    let out = mtcheck(
        &[
            "check",
            &candidate.to_string_lossy(),
            "--reference",
            &reference.to_string_lossy(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", candidate.display());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn every_encoding_is_checked_alike() {
    let reference = seed("xi-moscow-reference.txt");
    let reference = reference.to_str().unwrap();
    let base = check_json(fixture("utf8.txt").to_str().unwrap(), reference, None);
    // 13 + 5 + 7 + 8 words (word and number tokens) in the four sentences.
    assert_eq!(base["words"], 33);
    for file in [
        "utf8-bom.txt",
        "utf16le-bom.txt",
        "utf16be-bom.txt",
        "windows-1252.txt",
        "crlf.txt",
        "cr.txt",
    ] {
        let path = fixture(file);
        let report = check_json(path.to_str().unwrap(), reference, None);
        assert_eq!(report["words"], base["words"], "{file}");
        assert_eq!(report["language"], base["language"], "{file}");
        assert_eq!(
            report["metrics"]["candidate_sentences"], base["metrics"]["candidate_sentences"],
            "{file}"
        );
        // The encoding also works on the reference side.
        let swapped = check_json(reference, path.to_str().unwrap(), None);
        assert_eq!(
            swapped["metrics"]["reference_sentences"], base["metrics"]["candidate_sentences"],
            "{file}"
        );
    }
}

#[test]
fn stdin_is_read_for_dash() {
    let candidate = std::fs::read(seed("xi-moscow-suspected-mt.txt")).unwrap();
    let reference = seed("xi-moscow-reference.txt");
    let from_file = check_json(
        seed("xi-moscow-suspected-mt.txt").to_str().unwrap(),
        reference.to_str().unwrap(),
        None,
    );
    let from_stdin = check_json("-", reference.to_str().unwrap(), Some(&candidate));
    assert_eq!(from_stdin["candidate"], "-");
    assert_eq!(from_stdin["words"], from_file["words"]);
    assert_eq!(from_stdin["metrics"], from_file["metrics"]);

    let utf16 = std::fs::read(fixture("utf16le-bom.txt")).unwrap();
    let as_reference = check_json(fixture("crlf.txt").to_str().unwrap(), "-", Some(&utf16));
    assert_eq!(as_reference["reference"], "-");
    assert_eq!(
        as_reference["metrics"]["reference_sentences"],
        as_reference["metrics"]["candidate_sentences"]
    );
}

#[test]
fn empty_stdin_is_refused() {
    let reference = seed("xi-moscow-reference.txt");
    let out = mtcheck(
        &["check", "-", "-r", reference.to_str().unwrap()],
        Some(b" \r\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("standard input (-) is empty"), "{stderr}");
}

#[test]
fn both_from_stdin_is_a_usage_error() {
    let out = mtcheck(&["check", "-", "-r", "-"], Some(b"text"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only one"));
}

#[test]
fn unreadable_inputs_exit_2_and_name_the_file() {
    let good = seed("xi-moscow-reference.txt");
    let cases = [
        ("empty.txt", "empty.txt is empty"),
        ("bom-only.txt", "bom-only.txt is empty"),
        (
            "whitespace.txt",
            "whitespace.txt is empty (only whitespace)",
        ),
        ("binary.bin", "binary.bin looks like a binary file"),
        ("control.bin", "control.bin looks like a binary file"),
        (
            "utf16-bom-on-utf8.txt",
            "utf16-bom-on-utf8.txt starts with a UTF-16 byte-order mark but holds 8-bit text",
        ),
        ("missing.txt", "missing.txt: no such file"),
    ];
    for (file, message) in cases {
        let bad = fixture(file);
        let stderr = refused(&bad, &good);
        assert!(stderr.contains(message), "{file}: {stderr}");
        assert!(
            stderr.contains(&bad.display().to_string()),
            "{file}: {stderr}"
        );
        // Same on the reference side.
        let stderr = refused(&good, &bad);
        assert!(stderr.contains(message), "{file} as reference: {stderr}");
    }
    let dir = fixture("");
    let stderr = refused(&dir, &good);
    assert!(stderr.contains("is a directory"), "{stderr}");
}

#[test]
fn oversized_input_exits_2() {
    let good = seed("xi-moscow-reference.txt");
    let out = mtcheck(
        &[
            "check",
            fixture("utf8.txt").to_str().unwrap(),
            "-r",
            good.to_str().unwrap(),
            "--max-bytes",
            "100",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("utf8.txt is too large") && stderr.contains("--max-bytes"),
        "{stderr}"
    );
}

/// `check --format json` prints one object with every key of the design
/// contract (docs/FORMATS.md, "JSON").
#[test]
fn json_report_has_every_key_of_the_contract() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["check", "seeds/xi-moscow-suspected-mt.txt", "--reference"])
        .args(["seeds/xi-moscow-reference.txt", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "schema",
        "id",
        "candidate",
        "reference",
        "language",
        "mode",
        "words",
        "score",
        "verdict",
        "metrics",
        "counts",
        "findings",
        "alignment",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["schema"], "mtcheck/1");
    assert_eq!(v["language"]["candidate"], "eng");
    assert_eq!(v["language"]["reference"], "eng");
    assert!(["parallel", "comparable"].contains(&v["mode"].as_str().unwrap()));
    assert!(["clean", "review", "likely-mt"].contains(&v["verdict"].as_str().unwrap()));
    for key in [
        "chrf",
        "bleu",
        "candidate_sentences",
        "reference_sentences",
        "aligned_sentences",
    ] {
        assert!(v["metrics"][key].is_number(), "metrics.{key}");
    }
    for kind in mtcheck::Kind::ALL {
        assert!(v["counts"][kind.as_str()].is_u64(), "counts.{kind}");
    }
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "kind", "severity", "start", "end", "line", "column", "text", "message",
        ] {
            assert!(f.get(key).is_some(), "finding without {key}: {f}");
        }
    }
    for a in v["alignment"].as_array().unwrap() {
        assert!(
            a["candidate"].is_array() && a["reference"].is_array() && a["similarity"].is_number()
        );
    }
}
