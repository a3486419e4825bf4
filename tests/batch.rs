//! `mtcheck batch` end to end: statuses, library agreement, CSV safety, exit
//! codes, determinism across thread counts, shards and folder pairing.
//!
//! Expected numbers come from running `mtcheck::check` on the same files, so
//! these tests stay valid as the checks find more.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use mtcheck::report::csv::{neutralize, value_cell, FINDINGS_COLUMNS, REPORT_COLUMNS};
use mtcheck::{Article, Config, Severity};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/batch")
}

fn manifest() -> PathBuf {
    fixtures().join("manifest.csv")
}

struct Run {
    code: i32,
    stderr: String,
}

fn mtcheck(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Header and rows of a CSV file.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Rows as column → value maps.
fn records(path: &Path) -> Vec<HashMap<String, String>> {
    let (header, rows) = read_csv(path);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

/// report.csv's rows in manifest order (the file is worst first).
fn records_in_manifest_order(path: &Path) -> Vec<HashMap<String, String>> {
    let mut rows = records(path);
    rows.sort_by_key(|r| r["row"].parse::<usize>().unwrap());
    rows
}

/// Where a report.csv row goes worst first: failed rows, likely-mt, review,
/// clean; more critical, more major findings; the lower score.
fn triage_key(
    r: &HashMap<String, String>,
) -> (u8, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>, i64) {
    let rank = match r["verdict"].as_str() {
        "" => 0,
        "likely-mt" => 1,
        "review" => 2,
        _ => 3,
    };
    let n = |c: &str| r[c].parse::<usize>().unwrap_or(0);
    let score = r["score"]
        .parse::<f64>()
        .map_or(-1, |s| (s * 10.0).round() as i64);
    (
        rank,
        std::cmp::Reverse(n("critical")),
        std::cmp::Reverse(n("major")),
        score,
    )
}

/// Runs the fixture manifest into `dir` with report, findings and JSON Lines.
fn run_fixture_batch(dir: &Path, extra: &[&str]) -> Run {
    let m = manifest();
    let report = dir.join("report.csv");
    let findings = dir.join("findings.csv");
    let json = dir.join("report.jsonl");
    let mut args = vec![
        "batch",
        s(&m),
        "--output",
        s(&report),
        "--findings",
        s(&findings),
        "--json",
        s(&json),
    ];
    args.extend_from_slice(extra);
    mtcheck(&args)
}

/// The rows of the fixture manifest that must fail, and what their error says.
const ERROR_ROWS: [(&str, &str); 7] = [
    (
        "missing-candidate",
        "candidate articles/no-such-file.txt: no such file",
    ),
    (
        "missing-reference",
        "reference articles/no-such-reference.txt: no such file",
    ),
    ("empty-candidate", "candidate articles/empty.txt: is empty"),
    (
        "blank-reference",
        "articles/blank.txt: is empty (only whitespace)",
    ),
    (
        "binary-candidate",
        "articles/binary.bin: looks like a binary file",
    ),
    ("too-few-fields", "3 fields where the header has 6"),
    ("empty-path", "the candidate path is empty"),
];

#[test]
fn fixture_manifest_rows_match_the_library_and_errors_stay_in_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_fixture_batch(dir.path(), &["--jobs", "2", "--quiet"]);
    assert_eq!(
        run.code, 3,
        "some rows fail → exit 3; stderr: {}",
        run.stderr
    );
    assert_eq!(run.stderr, "", "--quiet prints nothing");

    let (header, _) = read_csv(&dir.path().join("report.csv"));
    let mut want: Vec<&str> = REPORT_COLUMNS.to_vec();
    want.extend(["desk", "translator", "url"]);
    assert_eq!(header, want);

    // Worst first, ties in manifest order.
    let sorted = records(&dir.path().join("report.csv"));
    for w in sorted.windows(2) {
        let (a, b) = (triage_key(&w[0]), triage_key(&w[1]));
        assert!(
            a <= b,
            "{} before {}: not worst first",
            w[0]["id"],
            w[1]["id"]
        );
        if a == b {
            assert!(w[0]["row"].parse::<usize>().unwrap() < w[1]["row"].parse::<usize>().unwrap());
        }
    }
    assert_eq!(sorted[0]["status"], "error");
    let rows = records_in_manifest_order(&dir.path().join("report.csv"));
    let (findings_header, findings) = read_csv(&dir.path().join("findings.csv"));
    assert_eq!(findings_header, FINDINGS_COLUMNS);
    let (_, manifest_rows) = read_csv(&manifest());
    assert_eq!(rows.len(), manifest_rows.len());
    assert!(rows.len() >= 20);

    let config = Config::default();
    let mut ok = 0;
    for (row, m) in rows.iter().zip(&manifest_rows) {
        let id = &row["id"];
        if let Some((_, why)) = ERROR_ROWS.iter().find(|(e, _)| e == id) {
            assert_eq!(row["status"], "error", "{id}");
            assert!(row["error"].contains(why), "{id}: {}", row["error"]);
            for col in REPORT_COLUMNS {
                if ![
                    "id",
                    "row",
                    "status",
                    "error",
                    "candidate",
                    "reference",
                    "version",
                ]
                .contains(&col)
                {
                    assert_eq!(row[col], "", "{id} {col}");
                }
            }
            assert!(!findings.iter().any(|f| &f[0] == id));
            continue;
        }
        ok += 1;
        assert_eq!(row["status"], "ok", "{id}: {}", row["error"]);
        assert_eq!(row["error"], "");
        // The same pair through the library gives the same numbers.
        let base = fixtures();
        let cand = Article::read(&base.join(&m[1]), 1 << 30).unwrap();
        let refr = Article::read(&base.join(&m[2]), 1 << 30).unwrap();
        let report = mtcheck::check(&cand, &refr, &config);
        assert_eq!(row["words"], report.words.to_string(), "{id}");
        assert_eq!(row["score"], format!("{:.1}", report.score), "{id}");
        assert_eq!(row["verdict"], report.verdict.as_str(), "{id}");
        assert_eq!(row["verdict_reason"], report.verdict_reason, "{id}");
        assert!(!row["verdict_reason"].is_empty(), "{id}");
        assert_eq!(row["findings"], report.findings.len().to_string(), "{id}");
        for sev in [Severity::Critical, Severity::Major, Severity::Minor] {
            assert_eq!(row[sev.as_str()], report.severity_count(sev).to_string());
        }
        let grouped: usize = [
            "repeated_words",
            "garbled",
            "number_date_mismatches",
            "figures_to_verify",
        ]
        .iter()
        .map(|c| row[*c].parse::<usize>().unwrap())
        .sum();
        assert!(grouped <= report.findings.len());
        // The top finding and its place: the first finding of the report
        // (most severe first), a figure to verify only if nothing else.
        if let Some(top) = report.findings.first() {
            assert_eq!(
                row["top_finding_at"],
                format!("{}:{}", top.line, top.column),
                "{id}"
            );
        }
        let in_findings_csv = findings.iter().filter(|f| &f[0] == id).count();
        assert_eq!(in_findings_csv, report.findings.len(), "{id}");
        assert_eq!(row["top_finding"].is_empty(), report.findings.is_empty());
    }
    assert_eq!(ok, rows.len() - ERROR_ROWS.len());

    let by_id: HashMap<&str, &HashMap<String, String>> =
        rows.iter().map(|r| (r["id"].as_str(), r)).collect();
    // Latin-1 and UTF-16 candidates decode to the same words.
    assert_eq!(by_id["cafe-latin1"]["words"], by_id["cafe-utf16"]["words"]);
    assert_eq!(by_id["cafe-latin1"]["url"], "https://example.org/café");
    // Extra columns are carried unchanged (commas included) …
    assert_eq!(
        by_id["talks-mt"]["url"],
        "https://example.org/talks?a=1,b=2"
    );
    assert_eq!(by_id["budget-clean"]["translator"], "Ana Ruiz");
    // … except that formula-like cells are neutralised.
    assert_eq!(by_id["formula-body"]["desk"], "'@desk");
    assert_eq!(by_id["formula-body"]["translator"], "'+44 20 7946 0000");
    assert_eq!(by_id["formula-body"]["url"], "'-");
    let formula_id = "'=HYPERLINK(\"http://evil.example\",\"click\")";
    assert_eq!(by_id[formula_id]["status"], "ok");
    // A row without an id is named by its candidate path.
    assert_eq!(by_id["articles/storm-mt.txt"]["status"], "ok");
    // No cell anywhere would run as a formula.
    let all_cells = rows
        .iter()
        .flat_map(|r| r.values())
        .chain(findings.iter().flatten());
    for cell in all_cells {
        assert_eq!(neutralize(cell), cell.as_str());
    }

    // JSON Lines: one object per row, in manifest order.
    let jsonl = std::fs::read_to_string(dir.path().join("report.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), rows.len());
    for (v, row) in lines.iter().zip(&rows) {
        assert_eq!(v["schema"], "mtcheck/1");
        assert_eq!(value_cell(v["id"].as_str().unwrap()), row["id"]);
        if row["status"] == "error" {
            assert_eq!(v["status"], "error");
            assert_eq!(v["error"].as_str().unwrap(), row["error"]);
        } else {
            let n = v["findings"].as_array().unwrap().len();
            assert_eq!(n.to_string(), row["findings"]);
        }
    }
}

#[test]
fn summary_line_counts_articles_errors_and_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_fixture_batch(dir.path(), &[]);
    assert_eq!(run.code, 3);
    let rows = records(&dir.path().join("report.csv"));
    let count = |v: &str| rows.iter().filter(|r| r["verdict"] == v).count();
    let line = run.stderr.lines().last().unwrap();
    let head = format!("{} articles checked, 7 errors", rows.len());
    assert!(line.contains(&head), "{line}");
    assert!(line.contains(&format!(
        "clean {}, review {}, likely-mt {}",
        count("clean"),
        count("review"),
        count("likely-mt")
    )));
    // Piped stderr: no progress bar drawing.
    assert!(!run.stderr.contains('\r'));
}

#[test]
fn report_is_identical_with_one_and_four_jobs() {
    let one = tempfile::tempdir().unwrap();
    let four = tempfile::tempdir().unwrap();
    assert_eq!(run_fixture_batch(one.path(), &["--jobs", "1"]).code, 3);
    assert_eq!(run_fixture_batch(four.path(), &["--jobs", "4"]).code, 3);
    for f in ["report.csv", "findings.csv", "report.jsonl"] {
        let a = std::fs::read(one.path().join(f)).unwrap();
        let b = std::fs::read(four.path().join(f)).unwrap();
        assert_eq!(a, b, "{f} differs between --jobs 1 and --jobs 4");
    }
}

/// Concatenates CSV files, keeping only the first header.
fn concat_csv(files: &[PathBuf]) -> String {
    let mut out = String::new();
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        let body = if i == 0 {
            text.as_str()
        } else {
            text.split_once("\r\n").unwrap().1
        };
        out.push_str(body);
    }
    out
}

#[test]
fn shards_concatenate_to_the_unsharded_report() {
    let whole = tempfile::tempdir().unwrap();
    let manifest_order = ["--quiet", "--order", "manifest"];
    assert_eq!(run_fixture_batch(whole.path(), &manifest_order).code, 3);
    let total = records(&whole.path().join("report.csv")).len();
    for n in [1usize, 2, 3, 4, 7, 40] {
        let mut dirs = Vec::new();
        let mut codes = Vec::new();
        for i in 1..=n {
            let d = tempfile::tempdir().unwrap();
            let shard = format!("{i}/{n}");
            let run = run_fixture_batch(
                d.path(),
                &["--quiet", "--order", "manifest", "--shard", &shard],
            );
            codes.push(run.code);
            let rows = records(&d.path().join("report.csv")).len();
            assert!(rows <= total / n + 1, "shard {shard} has {rows} rows");
            dirs.push(d);
        }
        for f in ["report.csv", "findings.csv"] {
            let parts: Vec<PathBuf> = dirs.iter().map(|d| d.path().join(f)).collect();
            let joined = concat_csv(&parts);
            let want = std::fs::read_to_string(whole.path().join(f)).unwrap();
            assert_eq!(joined, want, "{f} with {n} shards");
        }
        let jsonl: String = dirs
            .iter()
            .map(|d| std::fs::read_to_string(d.path().join("report.jsonl")).unwrap())
            .collect();
        let want = std::fs::read_to_string(whole.path().join("report.jsonl")).unwrap();
        assert_eq!(jsonl, want, "report.jsonl with {n} shards");
        // Shards with no rows (more shards than rows) succeed with a header
        // only; a shard of nothing but broken rows exits 2.
        assert!(codes.iter().all(|&c| [0, 2, 3].contains(&c)), "{codes:?}");
        if n > total {
            assert!(codes.contains(&0));
        }
    }
}

#[test]
fn bad_shards_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["0/3", "4/3", "1/0", "x"] {
        let run = run_fixture_batch(dir.path(), &["--shard", bad]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(!dir.path().join("report.csv").exists());
    }
}

#[test]
fn folders_pair_files_by_name_and_list_unpaired_ones_as_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.csv");
    let run = mtcheck(&[
        "batch",
        "--candidates",
        s(&fixtures().join("dirs/candidates")),
        "--references",
        s(&fixtures().join("dirs/references")),
        "--output",
        s(&out),
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let rows = records_in_manifest_order(&out);
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["id"].as_str(), r["status"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("a.txt", "ok"),
            ("b.txt", "ok"),
            ("only-candidate.txt", "error"),
            ("only-reference.txt", "error"),
        ]
    );
    assert!(rows[2]["error"].contains("no reference named only-candidate.txt"));
    assert!(rows[3]["error"].contains("no candidate named only-reference.txt"));
    assert_eq!(rows[3]["candidate"], "");
    // The file itself lists the rows that could not be checked first.
    let ids: Vec<String> = records(&out).into_iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        ids,
        ["only-candidate.txt", "only-reference.txt", "a.txt", "b.txt"]
    );
}

#[test]
fn unusable_manifests_exit_2_and_leave_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let no_columns = dir.path().join("no-columns.csv");
    std::fs::write(&no_columns, "id,source,target\na,b,c\n").unwrap();
    let header_only = dir.path().join("header-only.csv");
    std::fs::write(&header_only, "candidate,reference\n").unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let binary = fixtures().join("articles/binary.bin");
    let missing = dir.path().join("missing.csv");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let report = out.join("report.csv");
    for (m, why) in [
        (&missing, "no such file"),
        (&no_columns, "`candidate` and `reference` columns"),
        (&header_only, "has no rows"),
        (&empty, "is empty"),
        (&binary, "binary"),
    ] {
        let run = mtcheck(&["batch", s(m), "--output", s(&report)]);
        assert_eq!(run.code, 2, "{}", m.display());
        assert!(run.stderr.contains(s(m)), "{}", run.stderr);
        assert!(run.stderr.contains(why), "{}", run.stderr);
        let left = std::fs::read_dir(&out).unwrap().count();
        assert_eq!(left, 0, "no output, no temp file");
    }
    // An output folder that does not exist is an error too.
    let nowhere = dir.path().join("no/such/dir/report.csv");
    let run = mtcheck(&["batch", s(&manifest()), "--output", s(&nowhere)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

/// A manifest in `dir` whose rows are the fixture pairs given (absolute paths).
fn write_manifest(dir: &Path, pairs: &[(&str, &str)]) -> PathBuf {
    let path = dir.join("m.csv");
    let mut text = String::from("candidate,reference\n");
    for (c, r) in pairs {
        let c = fixtures().join(c);
        let r = fixtures().join(r);
        text.push_str(&format!("{},{}\n", c.display(), r.display()));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn every_row_failing_exits_2_but_still_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let m = write_manifest(
        dir.path(),
        &[
            ("articles/empty.txt", "articles/cafe-ref.txt"),
            ("nope.txt", "nope.txt"),
        ],
    );
    let out = dir.path().join("r.csv");
    let run = mtcheck(&["batch", s(&m), "-o", s(&out)]);
    assert_eq!(run.code, 2);
    let rows = records(&out);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["status"] == "error"));
}

#[test]
fn fail_below_exits_1_and_row_errors_take_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let good = write_manifest(
        dir.path(),
        &[
            ("articles/budget-mt.txt", "articles/budget-ref.txt"),
            ("articles/talks-mt.txt", "articles/talks-ref.txt"),
        ],
    );
    let out = dir.path().join("r.csv");
    // Both articles score below 100 (the most --fail-below takes), and none below 0.
    let run = mtcheck(&["batch", s(&good), "-o", s(&out), "--fail-below", "100"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 below --fail-below"),
        "{}",
        run.stderr
    );
    let run = mtcheck(&["batch", s(&good), "-o", s(&out), "--fail-below", "0"]);
    assert_eq!(run.code, 0);
    assert_eq!(mtcheck(&["batch", s(&good), "-o", s(&out)]).code, 0);
    let run = run_fixture_batch(dir.path(), &["--fail-below", "100", "--quiet"]);
    assert_eq!(run.code, 3);
}

#[test]
fn csv_files_start_with_a_bom_unless_no_bom() {
    let dir = tempfile::tempdir().unwrap();
    for flags in [&["--quiet"][..], &["--excel", "--quiet"][..]] {
        run_fixture_batch(dir.path(), flags);
        for f in ["report.csv", "findings.csv"] {
            let bytes = std::fs::read(dir.path().join(f)).unwrap();
            assert!(bytes.starts_with(b"\xEF\xBB\xBFid,"), "{f} {flags:?}");
        }
        let jsonl = std::fs::read(dir.path().join("report.jsonl")).unwrap();
        assert!(jsonl.starts_with(b"{"));
    }
    run_fixture_batch(dir.path(), &["--quiet", "--no-bom"]);
    let bytes = std::fs::read(dir.path().join("report.csv")).unwrap();
    assert!(bytes.starts_with(b"id,verdict,verdict_reason,score,top_finding,top_finding_at,"));
    // No temporary files are left beside the outputs.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn wmt23_manifest_runs_and_carries_its_columns() {
    let Some(data) = support::shared_data() else {
        return;
    };
    let m = data.join("wmt23-zhen/manifest.csv");
    assert!(m.exists(), "shared data missing: {}", m.display());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    let run = mtcheck(&["batch", s(&m), "-o", s(&out), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, _) = read_csv(&out);
    // The manifest's own `words` column must not pass for ours.
    assert_eq!(
        &header[REPORT_COLUMNS.len()..],
        [
            "doc",
            "system",
            "segments",
            "manifest_words",
            "mqm_penalty",
            "mqm_per_100_words"
        ]
    );
    let rows = records_in_manifest_order(&out);
    assert_eq!(rows.len(), 325);
    assert!(rows.iter().all(|r| r["status"] == "ok"));
    let (_, manifest_rows) = read_csv(&m);
    for (r, m) in rows.iter().zip(&manifest_rows) {
        assert_eq!(r["id"], m[0]);
        assert_eq!(r["manifest_words"], m[6]);
    }
}

#[test]
fn check_format_csv_writes_findings_rows() {
    let c = fixtures().join("articles/budget-mt.txt");
    let r = fixtures().join("articles/budget-ref.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["check", s(&c), "--reference", s(&r), "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let report = mtcheck::check(
        &Article::read(&c, 1 << 30).unwrap(),
        &Article::read(&r, 1 << 30).unwrap(),
        &Config::default(),
    );
    assert!(text.starts_with(&FINDINGS_COLUMNS.join(",")));
    assert_eq!(text.lines().count(), 1 + report.findings.len());
}

#[test]
fn config_examples_in_formats_doc_parse() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMATS.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let blocks: Vec<&str> = doc
        .split("```toml")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert!(!blocks.is_empty());
    for b in blocks {
        Config::parse(b).unwrap_or_else(|e| panic!("{e}\n{b}"));
    }
    for key in [
        "minor",
        "major",
        "critical",
        "k",
        "min_words",
        "max_bytes",
        "critical_review",
        "critical_likely_mt",
        "major_review",
        "unaligned_review",
        "human_floor_parallel",
        "human_floor_comparable",
        "garbling_min",
        "garbling_per_100",
        "verdict_reason",
        "score_breakdown",
    ] {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/FORMATS.md misses `{key}`"
        );
    }
}

#[test]
fn an_interrupted_run_keeps_the_previous_report_intact() {
    let dir = tempfile::tempdir().unwrap();
    // Long enough that it cannot finish before it is killed.
    let pair = [("articles/budget-mt.txt", "articles/budget-ref.txt")];
    let m = write_manifest(dir.path(), &pair.repeat(50_000));
    let out = dir.path().join("report.csv");
    std::fs::write(&out, "previous report\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .args(["batch", s(&m), "-o", s(&out), "--quiet"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    let finished = child.try_wait().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        finished.is_none(),
        "the run ended before it could be interrupted"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text, "previous report\n");
}

#[test]
fn html_dir_gets_a_page_per_checked_row_and_an_index_of_all_rows() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet, two levels down.
    let html = dir.path().join("html/pages");
    let run = run_fixture_batch(dir.path(), &["--quiet", "--html-dir", s(&html)]);
    assert_eq!(run.code, 3, "{}", run.stderr);

    // Raw ids and statuses from the JSON Lines (report.csv neutralises ids).
    let jsonl = std::fs::read_to_string(dir.path().join("report.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows = records_in_manifest_order(&dir.path().join("report.csv"));
    assert_eq!(lines.len(), rows.len());

    let index = std::fs::read_to_string(html.join("index.html")).unwrap();
    let escape = mtcheck::report::html::escape;
    let mut pages = Vec::new();
    let mut linked_at = Vec::new();
    for (i, (v, row)) in lines.iter().zip(&rows).enumerate() {
        let id = v["id"].as_str().unwrap();
        let name = mtcheck::report::html::page_file_name(i, id);
        let page = html.join(&name);
        if row["status"] == "error" {
            assert!(!page.exists(), "{name}: an error row has no page");
            let error = v["error"].as_str().unwrap();
            let line = format!(
                "<td class=\"id\">{}</td><td colspan=\"6\" class=\"error\" data-sort=",
                escape(id)
            );
            assert!(
                index.contains(&format!("error: {}</td>", escape(error))),
                "{id}"
            );
            assert!(
                index.contains(&line),
                "index lacks the error row {id}: {line}"
            );
            continue;
        }
        let text = std::fs::read_to_string(&page)
            .unwrap_or_else(|e| panic!("{name}: no page for ok row {id}: {e}"));
        assert!(
            text.contains(&format!("<span class=\"num\">{}</span>", row["score"])),
            "{name}"
        );
        assert_eq!(
            text.matches("<li id=\"l").count().to_string(),
            row["findings"],
            "{name}"
        );
        let link = format!("<a href=\"{}\">{}</a>", escape(&name), escape(id));
        let at = index
            .find(&link)
            .unwrap_or_else(|| panic!("index lacks {link}"));
        linked_at.push((at, triage_key(row)));
        // report.csv links the page, relative to its own folder.
        assert_eq!(row["page"], format!("html/pages/{name}"), "{id}");
        assert!(
            text.contains("<a href=\"index.html\">"),
            "{name}: no link back"
        );
        pages.push(name);
    }
    assert_eq!(pages.len(), rows.len() - ERROR_ROWS.len());
    // Listed worst first, as report.csv.
    linked_at.sort_by_key(|&(at, _)| at);
    for w in linked_at.windows(2) {
        assert!(w[0].1 <= w[1].1, "index not worst first: {linked_at:?}");
    }

    // Nothing else in the folder: the pages, index.html, no temporary files.
    let mut files: Vec<String> = std::fs::read_dir(&html)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    pages.push("index.html".to_string());
    pages.sort();
    assert_eq!(files, pages);
    // Scripts: the index's one, allowed by its hash; none on the pages.
    for f in &files {
        let text = std::fs::read_to_string(html.join(f)).unwrap();
        let scripts = text.to_lowercase().matches("<script").count();
        assert_eq!(scripts, usize::from(f == "index.html"), "{f}");
    }
}

#[test]
fn html_dir_that_cannot_be_created_is_an_output_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let html = file.join("html");
    let run = run_fixture_batch(dir.path(), &["--quiet", "--html-dir", s(&html)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot create the folder"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("report.csv").exists());
}

/// `--consensus`: three of four candidates contradict the reference's
/// "19th" the same way ("20th" = "twentieth"), so the reference is suspect;
/// the fourth candidate's different contradictions stay mismatches.
#[test]
fn consensus_clears_figures_most_candidates_agree_on() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/consensus");
    let out = tempfile::tempdir().unwrap();
    let findings = |consensus: bool| -> Vec<(String, String, String)> {
        let path = out.path().join(format!("findings-{consensus}.csv"));
        let mut args = vec![
            "batch".to_string(),
            dir.join("manifest.csv").display().to_string(),
            "--output".into(),
            out.path().join("report.csv").display().to_string(),
            "--findings".into(),
            path.display().to_string(),
            "--quiet".into(),
        ];
        if consensus {
            args.push("--consensus".into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(mtcheck(&args).code, 0);
        let mut rdr = csv::Reader::from_path(&path).unwrap();
        rdr.records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[1].to_string(), r[2].to_string())
            })
            .collect()
    };
    let before = findings(false);
    assert_eq!(before.len(), 5);
    assert!(before.iter().all(|(_, kind, _)| kind == "number-mismatch"));
    let after = findings(true);
    let kinds: Vec<(&str, &str, &str)> = after
        .iter()
        .map(|(id, k, s)| (id.as_str(), k.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("a", "number-unsupported", "minor"),
            ("b", "number-unsupported", "minor"),
            ("c", "number-unsupported", "minor"),
            ("d", "number-mismatch", "critical"),
            ("d", "number-mismatch", "critical"),
        ]
    );
    // With --html-dir the pages are written after the review: they show
    // the re-scored findings, and the index lists every row.
    let pages = out.path().join("pages");
    let run = mtcheck(&[
        "batch",
        s(&dir.join("manifest.csv")),
        "--output",
        s(&out.path().join("r2.csv")),
        "--html-dir",
        s(&pages),
        "--json",
        s(&out.path().join("r2.jsonl")),
        "--consensus",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().any(|n| n == "index.html"), "{names:?}");
    let page_of = |id: &str| {
        let name = names
            .iter()
            .find(|n| n.ends_with(&format!("-{id}.html")))
            .unwrap_or_else(|| panic!("no page for {id}: {names:?}"));
        std::fs::read_to_string(pages.join(name)).unwrap()
    };
    assert!(page_of("a").contains("check the reference"));
    assert!(!page_of("d").contains("check the reference"));
    // The reference is suspect for the three that agree, and only for them.
    let suspect = "reference suspect: 3 of 4 candidates give";
    assert!(page_of("a").contains(suspect));
    assert!(!page_of("d").contains("reference suspect"));
    let lines = std::fs::read_to_string(out.path().join("r2.jsonl")).unwrap();
    let notes: Vec<(String, Option<String>)> = lines
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap_or_default().to_string(),
                v.get("reference_suspect")
                    .and_then(|n| n.as_str())
                    .map(str::to_string),
            )
        })
        .collect();
    assert_eq!(notes.len(), 4);
    for (id, note) in &notes {
        match id.as_str() {
            "d" => assert_eq!(note, &None),
            _ => assert!(
                note.as_deref().is_some_and(|n| n.starts_with(suspect)),
                "{id}: {note:?}"
            ),
        }
    }
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    for id in ["a", "b", "c", "d"] {
        assert!(index.contains(&format!("-{id}.html")), "{id}");
    }
}

/// report.csv's columns and order, as an editor opens it: the leading
/// columns of every row of the fixture manifest, worst first (insta).
#[test]
fn report_csv_columns_and_order_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    run_fixture_batch(dir.path(), &["--quiet", "--no-bom"]);
    let (header, rows) = read_csv(&dir.path().join("report.csv"));
    let mut out = header.join(",") + "\n";
    for row in rows {
        // id … row: what an editor reads first, and the manifest row.
        out.push_str(&row[..10].join(" | "));
        out.push('\n');
    }
    insta::assert_snapshot!("report_csv_worst_first", out);
}

/// The seeds' findings.csv: the findings to fix most severe first, then
/// the figures to verify (insta).
#[test]
fn seeds_findings_csv_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .current_dir(root)
        .args([
            "check",
            "seeds/xi-moscow-suspected-mt.txt",
            "--reference",
            "seeds/xi-moscow-reference.txt",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<String> = text
        .lines()
        .map(|l| l.split(',').take(6).collect::<Vec<_>>().join(","))
        .collect();
    insta::assert_snapshot!("seeds_findings_csv", rows.join("\n"));
}
