//! Reproductions of the defects an attack on the release binary found
//! (issue 26; the manifest delimiter and same-text warning of issue 25),
//! each kept as a test of the behaviour that replaced it. Every test here
//! failed on the code before the fix. docs/FORMATS.md, "Guarantees", says
//! what they hold the binary to.
//!
//! Nothing here touches a real device: the device and FIFO cases use a
//! FIFO made in a temporary folder and a symbolic link to `/dev/null`, so
//! running these tests against an old binary (even as root) cannot replace
//! a system file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CANDIDATE: &str =
    "The minister said on Monday that the the budget would rise by 5 percent.\n\
                         Officials met in Paris for three days.\n";
const REFERENCE: &str = "The minister said on Monday that the budget would rise by 5 percent.\n\
                         Officials met in Paris for three days.\n";

/// A temporary folder holding `c.txt` and `r.txt`.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.txt"), CANDIDATE).unwrap();
    std::fs::write(dir.path().join("r.txt"), REFERENCE).unwrap();
    dir
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtcheck"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs the binary in `dir`; a run that does not finish within 60 s is
/// killed and fails the test (the old code blocked forever on some inputs).
fn run(dir: &Path, args: &[&str]) -> Output {
    run_cmd(command(dir, args))
}

fn run_cmd(mut cmd: Command) -> Output {
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "did not finish in 60 s: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_exit(out: &Output, code: i32, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

fn manifest(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("m.csv");
    std::fs::write(&path, text).unwrap();
    path
}

// 1. Outputs replace what they point at.

#[cfg(unix)]
#[test]
fn an_output_never_replaces_a_fifo_or_a_link_to_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = setup();
    manifest(dir.path(), "id,candidate,reference\na,c.txt,r.txt\n");
    // A link to a character device, when /dev/null is one.
    let is_device = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device());
    if is_device(Path::new("/dev/null")) {
        let link = dir.path().join("null-link");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let out = run(
            dir.path(),
            &["check", "c.txt", "-r", "r.txt", "--output", "null-link"],
        );
        assert_exit(&out, 2, "is a character device, not a regular file");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
    if !mkfifo(&dir.path().join("pipe")) {
        return;
    }
    let fifo = |name: &str| {
        std::fs::symlink_metadata(dir.path().join(name))
            .unwrap()
            .file_type()
    };
    let out = run(dir.path(), &["batch", "m.csv", "--output", "pipe"]);
    assert_exit(&out, 2, "pipe: is a FIFO");
    assert!(fifo("pipe").is_fifo());
    // A link to the FIFO: refused, and the link kept.
    std::os::unix::fs::symlink("pipe", dir.path().join("pipe-link")).unwrap();
    let out = run(
        dir.path(),
        &["check", "c.txt", "-r", "r.txt", "-o", "pipe-link"],
    );
    assert_exit(&out, 2, "pipe-link: is a FIFO");
    assert!(fifo("pipe-link").is_symlink() && fifo("pipe").is_fifo());
}

#[test]
fn dash_is_standard_output() {
    let dir = setup();
    let out = run(
        dir.path(),
        &[
            "check", "c.txt", "-r", "r.txt", "-f", "json", "--output", "-",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"{"));
    assert!(!dir.path().join("-").exists());
}

// 2. An output may be an input.

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = setup();
    let out = run(
        dir.path(),
        &["check", "c.txt", "-r", "r.txt", "--output", "./c.txt"],
    );
    assert_exit(&out, 2, "same file as the candidate");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("c.txt")).unwrap(),
        CANDIDATE
    );
    let m = "id,candidate,reference\na,c.txt,r.txt\n";
    manifest(dir.path(), m);
    let out = run(dir.path(), &["batch", "m.csv", "--output", "m.csv"]);
    assert_exit(&out, 2, "same file as the manifest");
    // A baseline is an output like the reports.
    let out = run(
        dir.path(),
        &["batch", "m.csv", "-o", "o.csv", "--write-baseline", "m.csv"],
    );
    assert_exit(&out, 2, "same file as the manifest");
    let out = run(
        dir.path(),
        &["check", "c.txt", "-r", "r.txt", "--write-baseline", "r.txt"],
    );
    assert_exit(&out, 2, "same file as the reference");
    let out = run(
        dir.path(),
        &["batch", "m.csv", "--output", "o.csv", "--findings", "r.txt"],
    );
    assert_exit(&out, 2, "the reference of row a");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.txt")).unwrap(),
        REFERENCE
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.csv")).unwrap(),
        m
    );
    let out = run(
        dir.path(),
        &[
            "batch",
            "m.csv",
            "-o",
            "x.csv",
            "--findings",
            "./x.csv",
            "--json",
            "x.csv",
        ],
    );
    assert_exit(&out, 2, "given for both --output and --findings");
    assert!(!dir.path().join("x.csv").exists());
}

#[test]
fn an_article_page_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = setup();
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    // Row a's page would be pages/0000-a.html: row b's candidate.
    let article = "<html><body><p>Officials met in Paris for three days.</p></body></html>";
    std::fs::write(dir.path().join("pages/0000-a.html"), article).unwrap();
    manifest(
        dir.path(),
        "id,candidate,reference\na,c.txt,r.txt\nb,pages/0000-a.html,r.txt\n",
    );
    let out = run(
        dir.path(),
        &["batch", "m.csv", "-o", "o.csv", "--html-dir", "pages"],
    );
    assert_exit(
        &out,
        2,
        "an article page of --html-dir is the same file as the candidate of row b (pages/0000-a.html)",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pages/0000-a.html")).unwrap(),
        article
    );
    assert!(!dir.path().join("o.csv").exists());
    // A page that would be the manifest itself.
    let listed = "id,candidate,reference\na,../c.txt,../r.txt\n";
    std::fs::write(dir.path().join("pages/0000-a.html"), listed).unwrap();
    let out = run(
        dir.path(),
        &[
            "batch",
            "pages/0000-a.html",
            "-o",
            "o.csv",
            "--html-dir",
            "pages",
        ],
    );
    assert_exit(
        &out,
        2,
        "an article page of --html-dir is the same file as the manifest",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pages/0000-a.html")).unwrap(),
        listed
    );
    std::fs::write(dir.path().join("pages/0000-a.html"), article).unwrap();
    // Elsewhere, the same pages are written.
    let out = run(
        dir.path(),
        &["batch", "m.csv", "-o", "o.csv", "--html-dir", "site"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("site/0000-a.html").exists());
}

#[test]
fn a_baseline_on_standard_output_needs_the_report_elsewhere() {
    let dir = setup();
    // The report goes to standard output by default, and with `-o -`.
    for args in [
        &["check", "c.txt", "-r", "r.txt", "--write-baseline", "-"][..],
        &[
            "check",
            "c.txt",
            "-r",
            "r.txt",
            "-o",
            "-",
            "--write-baseline",
            "-",
        ],
    ] {
        let out = run(dir.path(), args);
        assert_exit(
            &out,
            2,
            "standard output (-): is given for both the report and --write-baseline",
        );
        assert!(out.stdout.is_empty(), "nothing written: {args:?}");
    }
    // With the report in a file, the baseline may go to standard output.
    let out = run(
        dir.path(),
        &[
            "check",
            "c.txt",
            "-r",
            "r.txt",
            "-o",
            "report.txt",
            "--write-baseline",
            "-",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("mtcheck-baseline/1"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(dir.path().join("report.txt").exists());
}

// 3. Write errors on standard output are ignored.

#[test]
fn a_full_standard_output_exits_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let dir = setup();
    let mut cmd = command(dir.path(), &["check", "c.txt", "-r", "r.txt", "-f", "json"]);
    cmd.stdout(Stdio::from(full));
    let out = run_cmd(cmd);
    assert_exit(&out, 2, "standard output: cannot write");
}

// 4. A manifest row naming a FIFO blocks the whole batch.

#[cfg(unix)]
#[test]
fn a_fifo_in_a_manifest_is_an_error_row() {
    let dir = setup();
    if !mkfifo(&dir.path().join("pipe.txt")) {
        return;
    }
    manifest(
        dir.path(),
        "id,candidate,reference\nfifo,pipe.txt,r.txt\nok,c.txt,r.txt\n",
    );
    let out = run(dir.path(), &["batch", "m.csv", "--output", "o.csv"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let report = std::fs::read_to_string(dir.path().join("o.csv")).unwrap();
    assert!(report.contains("candidate pipe.txt: is a FIFO"), "{report}");
    assert_eq!(
        field(&report, "ok", "status").as_deref(),
        Some("ok"),
        "{report}"
    );
}

// 7. Unbounded resources (input caps and --jobs).

#[test]
fn the_config_and_metrics_inputs_are_capped_by_max_bytes() {
    let dir = setup();
    let config = format!("# {}\n", "x".repeat(4000));
    std::fs::write(dir.path().join("big.toml"), config).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "c.txt",
            "-r",
            "r.txt",
            "--config",
            "big.toml",
            "--max-bytes",
            "1000",
        ],
    );
    assert_exit(&out, 2, "config big.toml: is too large");
    let out = run(
        dir.path(),
        &[
            "metrics",
            "--hyp",
            "c.txt",
            "--ref",
            "r.txt",
            "--max-bytes",
            "100",
        ],
    );
    assert_exit(&out, 2, "c.txt is too large");
    #[cfg(unix)]
    if Path::new("/dev/zero").exists() {
        let out = run(
            dir.path(),
            &["check", "c.txt", "-r", "r.txt", "--config", "/dev/zero"],
        );
        assert_exit(&out, 2, "is too large");
    }
}

#[test]
fn jobs_are_capped_with_a_message() {
    let dir = setup();
    manifest(dir.path(), "id,candidate,reference\na,c.txt,r.txt\n");
    let out = run(
        dir.path(),
        &["batch", "m.csv", "-o", "o.csv", "--jobs", "1000", "-q"],
    );
    assert_exit(
        &out,
        0,
        "--jobs 1000 is more than four threads per core; using",
    );
}

// 8. Values are not validated.

#[test]
fn nonsense_config_values_and_scores_are_refused_naming_the_key() {
    let dir = setup();
    for (config, key) in [
        ("[score]\nminor = nan\n", "[score] minor"),
        ("[score]\nk = inf\n", "[score] k"),
        ("[score]\nmajor = -5.0\n", "[score] major"),
        ("[score]\nclean = 50.0\nreview = 70.0\n", "[score] clean"),
        (
            "[verdict]\nhuman_floor_parallel = nan\n",
            "[verdict] human_floor_parallel",
        ),
    ] {
        std::fs::write(dir.path().join("c.toml"), config).unwrap();
        let out = run(
            dir.path(),
            &["check", "c.txt", "-r", "r.txt", "--config", "c.toml"],
        );
        assert_exit(&out, 2, key);
    }
    for bad in ["NaN", "inf", "-1", "101"] {
        let arg = format!("--fail-below={bad}");
        let out = run(dir.path(), &["check", "c.txt", "-r", "r.txt", &arg]);
        assert_exit(&out, 2, "--fail-below");
    }
}

#[test]
fn metrics_width_is_a_range_not_a_panic() {
    let dir = setup();
    let out = run(
        dir.path(),
        &[
            "metrics", "--hyp", "c.txt", "--ref", "r.txt", "--width", "65536",
        ],
    );
    assert_exit(&out, 2, "--width");
    let out = run(
        dir.path(),
        &[
            "metrics", "--hyp", "c.txt", "--ref", "r.txt", "--width", "20",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// 9. Smaller ones.

#[test]
fn an_output_folder_is_refused_before_the_run() {
    let dir = setup();
    std::fs::create_dir(dir.path().join("taken")).unwrap();
    manifest(dir.path(), "id,candidate,reference\na,c.txt,r.txt\n");
    let out = run(
        dir.path(),
        &["batch", "m.csv", "-o", "taken", "--html-dir", "pages"],
    );
    assert_exit(&out, 2, "taken: is a folder");
    // Nothing ran: no page was written.
    assert!(!dir.path().join("pages").exists());
    let out = run(
        dir.path(),
        &["check", "c.txt", "-r", "r.txt", "-o", "no/such/x.txt"],
    );
    assert_exit(&out, 2, "the folder no/such does not exist");
}

#[test]
fn control_bytes_are_escaped_in_messages_and_the_summary() {
    let dir = setup();
    let out = run(
        dir.path(),
        &["check", "c\u{1b}[31m\u{7}.txt", "-r", "r.txt"],
    );
    assert_exit(&out, 2, "c\\u{1b}[31m\\u{7}.txt");
    assert!(!out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07));
    manifest(
        dir.path(),
        "id,candidate,reference\n\"x\u{1b}]0;pwned\u{7}\",c.txt,r.txt\n",
    );
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("x\\u{1b}]0;pwned\\u{7}"),
        "{}",
        stderr(&out)
    );
    assert!(!out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07));
}

#[test]
fn an_unclosed_quote_in_a_manifest_is_refused_with_its_line() {
    let dir = setup();
    manifest(
        dir.path(),
        "id,candidate,reference\na,c.txt,r.txt\nb,\"c.txt,r.txt\nc,c.txt,r.txt\nd,c.txt,r.txt\n",
    );
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_exit(
        &out,
        2,
        "line 3: a quoted field opens here and is never closed",
    );
    assert!(!dir.path().join("o.csv").exists());
}

#[test]
fn duplicate_manifest_columns_get_their_own_names() {
    let dir = setup();
    manifest(
        dir.path(),
        "id,candidate,reference,words,manifest_words,note,Note\na,c.txt,r.txt,1,2,x,y\n",
    );
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = std::fs::read_to_string(dir.path().join("o.csv")).unwrap();
    let header: Vec<&str> = report.lines().next().unwrap().split(',').collect();
    assert!(
        header.ends_with(&["manifest_words", "manifest_words_2", "note", "Note_2"]),
        "{header:?}"
    );
    let mut names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), header.len());
}

#[test]
fn nul_bytes_make_a_manifest_unusable() {
    let dir = setup();
    manifest(
        dir.path(),
        "id,candidate,reference,note\na,c.txt,r.txt,x\0y\n",
    );
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_exit(&out, 2, "contains NUL bytes (line 2)");
    assert!(!dir.path().join("o.csv").exists());
}

#[cfg(unix)]
#[test]
fn outputs_honour_the_umask_and_keep_an_existing_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = setup();
    let bin = env!("CARGO_BIN_EXE_mtcheck");
    let mut cmd = Command::new("sh");
    cmd.args([
        "-c",
        &format!("umask 077 && exec '{bin}' check c.txt -r r.txt -o new.txt"),
    ])
    .current_dir(dir.path());
    let out = run_cmd(cmd);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("new.txt"), 0o600);
    std::fs::write(dir.path().join("old.txt"), "x").unwrap();
    std::fs::set_permissions(
        dir.path().join("old.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["check", "c.txt", "-r", "r.txt", "-o", "old.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode("old.txt"), 0o640);
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn utf16_manifests_are_read_and_utf32_is_named() {
    let dir = setup();
    // Excel's "Unicode Text": UTF-16LE with a BOM, tab-separated.
    std::fs::write(
        dir.path().join("m.csv"),
        utf16le("id\tcandidate\treference\na\tc.txt\tr.txt\n"),
    )
    .unwrap();
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = std::fs::read_to_string(dir.path().join("o.csv")).unwrap();
    assert_eq!(
        field(&report, "a", "status").as_deref(),
        Some("ok"),
        "{report}"
    );
    let utf32: Vec<u8> = "\u{FEFF}id,candidate,reference\n"
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    std::fs::write(dir.path().join("m.csv"), &utf32).unwrap();
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_exit(&out, 2, "is UTF-32 text");
    std::fs::write(dir.path().join("u32.txt"), &utf32).unwrap();
    let out = run(dir.path(), &["check", "u32.txt", "-r", "r.txt"]);
    assert_exit(&out, 2, "u32.txt is UTF-32 text");
}

// Issue 25, item 8.

#[test]
fn semicolon_and_tab_manifests_are_read() {
    let dir = setup();
    for (sep, name) in [(";", "semicolon"), ("\t", "tab")] {
        manifest(
            dir.path(),
            &format!(
                "id{sep}candidate{sep}reference{sep}desk\na{sep}c.txt{sep}r.txt{sep}city, world\n"
            ),
        );
        let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let report = std::fs::read_to_string(dir.path().join("o.csv")).unwrap();
        assert_eq!(
            field(&report, "a", "status").as_deref(),
            Some("ok"),
            "{name}: {report}"
        );
        assert_eq!(
            field(&report, "a", "desk").as_deref(),
            Some("city, world"),
            "{name}: {report}"
        );
    }
}

#[test]
fn the_same_file_or_identical_text_is_warned_about() {
    let dir = setup();
    std::fs::write(dir.path().join("copy.txt"), CANDIDATE).unwrap();
    let out = run(dir.path(), &["check", "c.txt", "-r", "./c.txt"]);
    assert_exit(&out, 0, "the candidate and the reference are the same file");
    let out = run(dir.path(), &["check", "c.txt", "-r", "copy.txt"]);
    assert_exit(&out, 0, "hold identical text");
    manifest(
        dir.path(),
        "id,candidate,reference\nsame,c.txt,c.txt\ncopy,c.txt,copy.txt\nfine,c.txt,r.txt\n",
    );
    let out = run(dir.path(), &["batch", "m.csv", "-o", "o.csv"]);
    assert_exit(&out, 0, "2 rows compare a candidate with the same file or identical text as its reference: same, copy");
    let mut quiet = std::process::Command::new(env!("CARGO_BIN_EXE_mtcheck"));
    quiet
        .args(["check", "c.txt", "-r", "r.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::null());
    let out = quiet.output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The value of column `col` in report.csv's row `id` (columns found by
/// name, so the test does not depend on the layout).
fn field(report: &str, id: &str, col: &str) -> Option<String> {
    let mut rd = csv::Reader::from_reader(report.trim_start_matches('\u{feff}').as_bytes());
    let at = rd.headers().ok()?.iter().position(|h| h == col)?;
    rd.records()
        .flatten()
        .find(|r| r.get(0) == Some(id))
        .and_then(|r| r.get(at).map(str::to_string))
}
