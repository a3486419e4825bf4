//! What a project teaches mtcheck: a word list (`--allow`), a glossary
//! (`--glossary`) and a baseline (`--write-baseline`, `--baseline`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mtcheck::checks::glossary::parse_tsv;
use mtcheck::{Article, Config, Kind};

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

fn mtcheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtcheck"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The texts of the findings of `kind`.
fn texts(report: &serde_json::Value, kind: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == kind)
        .map(|f| f["text"].as_str().unwrap().to_string())
        .collect()
}

/// A folder with the seed pair as `cand.txt` and `ref.txt`.
fn seed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        seed("xi-moscow-suspected-mt.txt"),
        dir.path().join("cand.txt"),
    )
    .unwrap();
    std::fs::copy(seed("xi-moscow-reference.txt"), dir.path().join("ref.txt")).unwrap();
    dir
}

const CHECK: [&str; 6] = ["check", "cand.txt", "-r", "ref.txt", "-f", "json"];

#[test]
fn allow_silences_a_listed_word_and_nothing_else() {
    let dir = seed_dir();
    let before = json(&mtcheck(dir.path(), &CHECK));
    assert!(texts(&before, "non-word").contains(&"bigest".to_string()));
    assert!(texts(&before, "repeated-word").contains(&"critics critics".to_string()));
    std::fs::write(
        dir.path().join("allow.txt"),
        "# house list\nbigest\nCritics\n",
    )
    .unwrap();
    let after = json(&mtcheck(
        dir.path(),
        &[&CHECK[..], &["--allow", "allow.txt"]].concat(),
    ));
    assert!(!texts(&after, "non-word").contains(&"bigest".to_string()));
    assert!(!texts(&after, "repeated-word").contains(&"critics critics".to_string()));
    // Everything else stands.
    let n = |r: &serde_json::Value| r["findings"].as_array().unwrap().len();
    assert_eq!(n(&after), n(&before) - 2);
    assert!(after["score"].as_f64() > before["score"].as_f64());
}

#[test]
fn the_config_word_list_works_as_the_file_does() {
    let cand = Article::read(&seed("xi-moscow-suspected-mt.txt"), 1 << 20).unwrap();
    let refr = Article::read(&seed("xi-moscow-reference.txt"), 1 << 20).unwrap();
    let config = Config::parse("[allow]\nwords = [\"bigest\"]\n").unwrap();
    let report = mtcheck::check(&cand, &refr, &config);
    assert!(!report.findings.iter().any(|f| f.text == "bigest"));
    let plain = mtcheck::check(&cand, &refr, &Config::default());
    assert!(plain.findings.iter().any(|f| f.text == "bigest"));
}

#[test]
fn a_glossary_flags_variants_from_the_config_and_from_a_file() {
    let cand = Article::from_text(
        "c",
        "Talks in Kiev ended. The Power of Siberia 2 pipeline and Sila Sibiri 2 are one.",
    );
    let refr = Article::from_text("r", "Talks in Kyiv ended.");
    let config = Config::parse(
        "[glossary.terms]\n\"Kyiv\" = [\"Kiev\"]\n\"Power of Siberia 2\" = [\"Sila Sibiri 2\", \"Power of Siberia\"]\n",
    )
    .unwrap();
    let report = mtcheck::check(&cand, &refr, &config);
    let glossary: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::GlossaryTerm)
        .collect();
    let shown: Vec<(&str, Option<&str>)> = glossary
        .iter()
        .map(|f| (f.text.as_str(), f.suggestion.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Kiev", Some("Kyiv")),
            ("Sila Sibiri 2", Some("Power of Siberia 2"))
        ]
    );
    assert_eq!(glossary[0].reference.as_ref().unwrap().text, "Kyiv");
    assert_eq!(report.counts[&Kind::GlossaryTerm], 2);
    // The same glossary as a file.
    let mut from_file = Config::default();
    from_file.glossary.extend(
        parse_tsv("Kyiv\tKiev\nPower of Siberia 2\tSila Sibiri 2\tPower of Siberia\n").unwrap(),
    );
    assert_eq!(
        mtcheck::check(&cand, &refr, &from_file).findings,
        report.findings
    );
}

#[test]
fn a_baseline_hides_what_it_recorded_and_shows_what_is_new() {
    let dir = seed_dir();
    let first = json(&mtcheck(
        dir.path(),
        &[&CHECK[..], &["--write-baseline", "baseline.json"]].concat(),
    ));
    let recorded = first["findings"].as_array().unwrap().len();
    assert!(recorded > 5);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(file["schema"], "mtcheck-baseline/1");
    assert_eq!(file["findings"][0]["article"], "cand.txt");

    let again = json(&mtcheck(
        dir.path(),
        &[&CHECK[..], &["--baseline", "baseline.json"]].concat(),
    ));
    assert_eq!(again["findings"].as_array().unwrap().len(), 0);
    assert_eq!(again["baseline_hidden"], recorded);
    assert_eq!(again["verdict"], "clean");

    // An edit elsewhere (a new first paragraph with a new doubled word):
    // only the new finding shows, every recorded one stays hidden.
    let text = std::fs::read_to_string(dir.path().join("cand.txt")).unwrap();
    std::fs::write(
        dir.path().join("cand.txt"),
        format!("Editors added a new new paragraph here.\n{text}"),
    )
    .unwrap();
    let edited = json(&mtcheck(
        dir.path(),
        &[&CHECK[..], &["--baseline", "baseline.json"]].concat(),
    ));
    let left: Vec<&str> = edited["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["new new"]);
    assert_eq!(edited["baseline_hidden"], recorded);

    // The text summary counts them.
    let out = mtcheck(
        dir.path(),
        &[
            "check",
            "cand.txt",
            "-r",
            "ref.txt",
            "--baseline",
            "baseline.json",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "note      {recorded} findings hidden by the baseline"
        )),
        "{stdout}"
    );
}

#[test]
fn a_batch_baseline_round_trips_by_row_id() {
    let dir = seed_dir();
    std::fs::write(
        dir.path().join("manifest.csv"),
        "id,candidate,reference\nxi,cand.txt,ref.txt\nsame,cand.txt,ref.txt\n",
    )
    .unwrap();
    let batch = |extra: &[&str]| {
        mtcheck(
            dir.path(),
            &[
                &[
                    "batch",
                    "manifest.csv",
                    "-o",
                    "report.csv",
                    "--findings",
                    "findings.csv",
                ][..],
                extra,
            ]
            .concat(),
        )
    };
    let first = batch(&["--write-baseline", "baseline.json"]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let findings = std::fs::read_to_string(dir.path().join("findings.csv")).unwrap();
    let rows = findings.lines().count() - 1;
    assert!(rows > 10);
    let second = batch(&["--baseline", "baseline.json"]);
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    let findings = std::fs::read_to_string(dir.path().join("findings.csv")).unwrap();
    assert_eq!(findings.lines().count(), 1, "{findings}");
    let summary = String::from_utf8_lossy(&second.stderr);
    assert!(
        summary.contains(&format!("; {rows} findings hidden by the baseline")),
        "{summary}"
    );
    // A baseline of another version is refused before anything runs.
    std::fs::write(
        dir.path().join("old.json"),
        "{\"schema\": \"mtcheck-baseline/0\", \"findings\": []}",
    )
    .unwrap();
    let refused = batch(&["--baseline", "old.json"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("mtcheck-baseline/1"));
}
