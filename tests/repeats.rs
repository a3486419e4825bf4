//! Repeated words and phrases: seeds, LanguageTool's test sentences, and the
//! WMT23 reference articles and MT outputs (from `../shared/data`).

mod support;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use mtcheck::checks::repeats::{find_repeats, RepeatsConfig};
use mtcheck::{check, Article, Config, Finding, Kind};

fn is_repeat(f: &Finding) -> bool {
    matches!(f.kind, Kind::RepeatedWord | Kind::RepeatedPhrase)
}

/// Repeat findings on `text` checked against an empty reference.
fn repeats(text: &str) -> Vec<Finding> {
    let cand = Article::from_text("cand", text);
    let refr = Article::from_text("ref", "");
    find_repeats(&cand, &refr, &RepeatsConfig::default())
}

/// `rel` in `../shared/data`, or `None` (the test skips) without the shared data.
fn read_json(rel: &str) -> Option<serde_json::Value> {
    let path = support::shared_data()?.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_json::from_str(&text).unwrap())
}

#[test]
fn seeds_flag_exactly_the_two_stutters() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let cand = Article::read(&root.join("xi-moscow-suspected-mt.txt"), 1 << 20).unwrap();
    let refr = Article::read(&root.join("xi-moscow-reference.txt"), 1 << 20).unwrap();
    let report = check(&cand, &refr, &Config::default());
    let found: Vec<(Kind, &str)> = report
        .findings
        .iter()
        .filter(|f| is_repeat(f))
        .map(|f| (f.kind, f.text.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (Kind::RepeatedWord, "critics critics"),
            (Kind::RepeatedWord, "orderly, orderly")
        ]
    );
    let orderly = report
        .findings
        .iter()
        .find(|f| f.text == "orderly, orderly")
        .unwrap();
    assert_eq!(orderly.suggestion.as_deref(), Some("orderly"));
    assert_eq!(orderly.message, "\"orderly\" is repeated; keep one");
    assert_eq!(orderly.severity, mtcheck::Severity::Major);
    assert_eq!(orderly.line, 10);
}

/// LanguageTool test sentences we deliberately disagree with, and why (the
/// same list is in the module doc of src/checks/repeats.rs).
const DOCUMENTED_DISAGREEMENTS: &[(&str, &str)] = &[
    (
        "I did did n't know about that.",
        "\"did n't\" is a tokenised \"didn't\"; \"did didn't\" is still a stutter",
    ),
    (
        "I do do n't understand.",
        "\"do n't\" is a tokenised \"don't\"; \"do don't\" is still a stutter",
    ),
    (
        "He does does n't agree.",
        "\"does n't\" is a tokenised \"doesn't\"; \"does doesn't\" is still a stutter",
    ),
];

/// Whether our findings on `text` agree with LanguageTool's expectation.
fn agrees(text: &str, should_flag: bool, expected: &serde_json::Value) -> bool {
    let got = repeats(text);
    match expected.as_u64() {
        Some(n) => got.len() as u64 == n,
        None => got.is_empty() != should_flag,
    }
}

#[test]
fn languagetool_word_repeat_cases_all_pass() {
    let Some(v) = read_json("word_repeat_cases.json") else {
        return;
    };
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 36);
    let failures: Vec<&str> = cases
        .iter()
        .map(|c| (c["text"].as_str().unwrap(), c["repeat"].as_bool().unwrap()))
        .filter(|&(text, flag)| !agrees(text, flag, &serde_json::Value::Null))
        .map(|(text, _)| text)
        .collect();
    assert_eq!(failures, Vec::<&str>::new());
}

#[test]
fn languagetool_full_repeat_suite_passes_but_documented_cases() {
    let Some(v) = read_json("upstream/languagetool_repeat_rules_full.json") else {
        return;
    };
    let cases = v["word_repeat_cases"].as_array().unwrap();
    assert_eq!(cases.len(), 165);
    let mut passed = 0;
    let mut failures = BTreeSet::new();
    for c in cases {
        let text = c["text"].as_str().unwrap();
        if agrees(
            text,
            c["should_flag"].as_bool().unwrap(),
            &c["expected_matches"],
        ) {
            passed += 1;
        } else {
            failures.insert(text);
        }
    }
    let documented: BTreeSet<&str> = DOCUMENTED_DISAGREEMENTS.iter().map(|d| d.0).collect();
    assert_eq!(
        failures, documented,
        "new failures or stale documented cases"
    );
    assert_eq!(passed, 165 - DOCUMENTED_DISAGREEMENTS.len());
}

#[test]
fn languagetool_related_rules_are_out_of_scope() {
    // Same word opening three sentences, same word in nearby sentences: not
    // back-to-back repeats, so never flagged by this check.
    let Some(v) = read_json("upstream/languagetool_repeat_rules_full.json") else {
        return;
    };
    let related = v["related_rules"].as_object().unwrap();
    let mut n = 0;
    for cases in related.values() {
        for c in cases.as_array().unwrap() {
            let text = c["text"].as_str().unwrap();
            assert!(repeats(text).is_empty(), "{text:?}");
            n += 1;
        }
    }
    assert!(n > 0);
}

#[test]
fn documented_disagreements_are_in_the_docs() {
    let doc = module_doc("src/checks/repeats.rs");
    for (text, _) in DOCUMENTED_DISAGREEMENTS {
        assert!(
            doc.contains(text),
            "src/checks/repeats.rs's module doc lacks {text:?}"
        );
    }
}

/// The module doc (`//!` lines, prefix removed) of a source file of the crate.
fn module_doc(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            break;
        };
        out.push_str(doc.strip_prefix(' ').unwrap_or(doc));
        out.push('\n');
    }
    assert!(!out.is_empty(), "{file} has no module doc");
    out
}

#[test]
fn every_exception_is_documented() {
    // The table in the module doc of exceptions.rs, one row per entry.
    let doc = module_doc("src/checks/repeats/exceptions.rs").to_lowercase();
    for e in mtcheck::checks::repeats::exceptions::EXCEPTIONS {
        let doubled = format!("`{0} {0}`", e.word);
        assert!(
            doc.lines()
                .any(|l| l.starts_with('|') && l.contains(&doubled)),
            "src/checks/repeats/exceptions.rs's module doc lacks {doubled}"
        );
    }
}

/// `../shared/data/wmt23-zhen`, or `None` (the test skips) without the shared data.
fn wmt_root() -> Option<PathBuf> {
    Some(support::shared_data()?.join("wmt23-zhen"))
}

/// `(id, candidate, reference, doc, system)` rows of the WMT23 manifest.
fn manifest(root: &Path) -> Vec<[String; 5]> {
    let text = std::fs::read_to_string(root.join("manifest.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            [c[0], c[1], c[2], c[3], c[4]].map(str::to_string)
        })
        .collect()
}

fn read_article(root: &Path, rel: &str) -> Article {
    Article::read(&root.join(rel), 1 << 24).unwrap()
}

#[test]
fn no_repeat_flagged_on_human_references() {
    let Some(root) = wmt_root() else {
        return;
    };
    // Every article folder, including one whose MT outputs are not in the
    // manifest (not every segment rated).
    let mut refs: Vec<String> = std::fs::read_dir(root.join("articles"))
        .unwrap()
        .map(|e| {
            format!(
                "articles/{}/reference.txt",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    refs.sort();
    assert_eq!(refs.len(), 38);
    let config = RepeatsConfig::default();
    let mut flagged = Vec::new();
    for (i, name) in refs.iter().enumerate() {
        let article = read_article(&root, name);
        let unrelated = read_article(&root, &refs[(i + 1) % refs.len()]);
        for against in [&article, &unrelated] {
            for f in find_repeats(&article, against, &config) {
                flagged.push(format!(
                    "{name}:{}: {:?} ({})",
                    f.line, f.text, against.name
                ));
            }
        }
    }
    assert_eq!(flagged, Vec::<String>::new());
}

/// For each MT finding: does it overlap an error span that a human rater
/// marked in the same segment? Prints the figures docs/EVALUATION.md quotes.
#[test]
fn mt_findings_land_on_rated_error_spans() {
    let Some(root) = wmt_root() else {
        return;
    };
    // (doc, system, target text) -> mqm_seg_id
    let mut segment_ids = HashMap::new();
    for line in std::fs::read_to_string(root.join("segments.tsv"))
        .unwrap()
        .lines()
        .skip(1)
    {
        let c: Vec<&str> = line.split('\t').collect();
        segment_ids.insert(
            (c[0].to_string(), c[1].to_string(), c[5].to_string()),
            c[3].to_string(),
        );
    }
    // (doc, system, mqm_seg_id) -> rated character spans
    let mut spans: HashMap<(String, String, String), Vec<(usize, usize)>> = HashMap::new();
    for line in std::fs::read_to_string(root.join("spans.tsv"))
        .unwrap()
        .lines()
        .skip(1)
    {
        let c: Vec<&str> = line.split('\t').collect();
        spans
            .entry((c[1].to_string(), c[0].to_string(), c[2].to_string()))
            .or_default()
            .push((c[7].parse().unwrap(), c[8].parse().unwrap()));
    }
    let config = RepeatsConfig::default();
    let (mut findings, mut on_span, mut articles) = (0, 0, 0);
    for [id, cand, refr, doc, system] in manifest(&root) {
        let candidate = read_article(&root, &cand);
        let reference = read_article(&root, &refr);
        articles += 1;
        for f in find_repeats(&candidate, &reference, &config) {
            findings += 1;
            let (ls, le) = candidate.line_span(f.line);
            let target = candidate.text[ls..le].to_string();
            let seg = segment_ids
                .get(&(doc.clone(), system.clone(), target))
                .unwrap_or_else(|| panic!("{id}:{}: line is not a rated segment", f.line));
            let from = f.column - 1;
            let to = from + f.text.chars().count();
            let hit = spans
                .get(&(doc.clone(), system.clone(), seg.clone()))
                .is_some_and(|v| v.iter().any(|&(s, e)| s < to && from < e));
            on_span += usize::from(hit);
            println!("{id}:{}: {} {:?} rated={hit}", f.line, f.kind, f.text);
        }
    }
    let precision = on_span as f64 / findings.max(1) as f64;
    println!(
        "articles={articles} findings={findings} on_rated_span={on_span} precision={precision:.3}"
    );
    assert_eq!(articles, 325);
    assert!(findings >= 10, "too few findings ({findings}) to measure");
    assert!(precision >= 0.6, "span precision {precision:.3} < 0.6");
}

#[test]
fn wmt23_fixture_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repeats/wmt23_lines.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 19);
    for c in cases {
        let (got, want) = repeats_and_expected(c);
        assert_eq!(got, want, "{} {} line {}", c["doc"], c["system"], c["line"]);
    }
}

#[test]
fn never_panics_and_spans_are_char_boundaries() {
    use proptest::prelude::*;
    let words = prop::sample::select(vec![
        "the",
        "The",
        "critics",
        ",",
        "—",
        "\"",
        "“",
        "\n",
        "\n\n",
        ".",
        "had",
        "that",
        "May",
        "E.ON",
        "Vietnam-Vietnam",
        "北京",
        "é",
        "a",
        "b",
        "1",
        "20",
        " ",
        "-",
        "'",
        "Will",
    ]);
    let texts = prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "));
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&(texts.clone(), texts), |(cand, refr)| {
            let c = Article::from_text("c", cand.as_str());
            let r = Article::from_text("r", refr.as_str());
            for f in find_repeats(&c, &r, &RepeatsConfig::default()) {
                prop_assert!(cand.is_char_boundary(f.start) && cand.is_char_boundary(f.end));
                prop_assert!(f.start < f.end);
                prop_assert_eq!(&cand[f.start..f.end], f.text.as_str());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn repeats_config_reads_from_toml() {
    let config = Config::parse(
        "[repeats]\nmax_phrase_words = 8\nmin_sentence_words = 4\nspare_reference_repeats = false\nallow = [\"critics\"]\n",
    )
    .unwrap();
    assert_eq!(config.repeats.max_phrase_words, 8);
    assert_eq!(config.repeats.allow, vec!["critics".to_string()]);
    assert!(Config::parse("[repeats]\nmax_phrase = 8\n").is_err());
    let cand = Article::from_text("c", "The critics critics spoke.");
    let refr = Article::from_text("r", "");
    assert!(check(&cand, &refr, &config)
        .findings
        .iter()
        .all(|f| !is_repeat(f)));
    assert_eq!(Config::default().repeats, RepeatsConfig::default());
}

/// Issue #27 a/b: what must stay quiet, and the stutters next to it that
/// must still be flagged (fixtures/repeats/issue27_cases.json).
#[test]
fn issue27_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repeats/issue27_cases.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = v["cases"].as_array().unwrap();
    let (mut quiet, mut flagged) = (0, 0);
    for c in cases {
        let (got, want) = repeats_and_expected(c);
        assert_eq!(got, want, "{} ({})", c["candidate"], c["source"]);
        if want.is_empty() {
            quiet += 1;
        } else {
            flagged += 1;
        }
    }
    // Both sides of each rule are covered.
    assert!(
        quiet >= 6 && flagged >= 6,
        "{quiet} quiet, {flagged} flagged"
    );
}

/// (kind, text) of each repeat finding.
type Repeats = Vec<(String, String)>;

/// The repeat findings of a case's candidate against its reference, and the
/// (kind, text) pairs its `flagged` list expects.
fn repeats_and_expected(c: &serde_json::Value) -> (Repeats, Repeats) {
    let cand = Article::from_text("cand", c["candidate"].as_str().unwrap());
    let refr = Article::from_text("ref", c["reference"].as_str().unwrap());
    let got = check(&cand, &refr, &Config::default())
        .findings
        .iter()
        .filter(|f| is_repeat(f))
        .map(|f| (f.kind.to_string(), f.text.clone()))
        .collect();
    let want = c["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (got, want)
}
