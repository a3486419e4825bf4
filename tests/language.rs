//! Untranslated text and one-word quote drift on hand-written pairs
//! (fixtures/language/cases.toml), on the 38 WMT23 human references, and on
//! mixed-script text made up by proptest.

mod support;

use std::path::{Path, PathBuf};

use mtcheck::{check, Article, Config, Finding, Kind};
use proptest::prelude::*;
use serde::Deserialize;

const KINDS: [Kind; 3] = [
    Kind::UntranslatedFragment,
    Kind::WrongLanguage,
    Kind::QuoteMismatch,
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(path: &Path) -> Article {
    Article::read(path, 1 << 24).unwrap()
}

fn findings(cand: &Article, refr: &Article) -> Vec<Finding> {
    check(cand, refr, &Config::default())
        .findings
        .into_iter()
        .filter(|f| KINDS.contains(&f.kind))
        .collect()
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    candidate: String,
    #[serde(default = "default_reference")]
    reference: String,
    findings: Vec<Expected>,
}

fn default_reference() -> String {
    "reference.txt".to_string()
}

#[derive(Deserialize, Debug)]
struct Expected {
    kind: String,
    text: String,
    message: String,
    #[serde(default)]
    suggestion: Option<String>,
}

#[test]
fn every_fixture_gives_exactly_its_findings() {
    let dir = root().join("fixtures/language");
    let text = std::fs::read_to_string(dir.join("cases.toml")).unwrap();
    let cases = toml::from_str::<Cases>(&text).unwrap().case;
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for case in &cases {
        let cand = read(&dir.join(&case.candidate));
        let found = findings(&cand, &read(&dir.join(&case.reference)));
        let matches = |f: &Finding, e: &Expected| {
            f.kind.as_str() == e.kind
                && f.text == e.text
                && f.message.contains(&e.message)
                && f.suggestion == e.suggestion
                // The span is the text, on the candidate.
                && cand.text.get(f.start..f.end) == Some(e.text.as_str())
        };
        let ok = found.len() == case.findings.len()
            && case
                .findings
                .iter()
                .all(|e| found.iter().any(|f| matches(f, e)));
        if !ok {
            let got: Vec<_> = found
                .iter()
                .map(|f| (f.kind.as_str(), &f.text, &f.message, &f.suggestion))
                .collect();
            failures.push(format!(
                "{}: expected {:#?}\n got {got:#?}",
                case.candidate, case.findings
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fragments_are_major_and_passages_critical() {
    let dir = root().join("fixtures/language");
    let refr = read(&dir.join("reference.txt"));
    let chinese = check(&read(&dir.join("chinese.txt")), &refr, &Config::default());
    let fragments: Vec<_> = chinese
        .findings
        .iter()
        .filter(|f| f.kind == Kind::UntranslatedFragment)
        .collect();
    assert_eq!(fragments.len(), 2);
    assert!(fragments
        .iter()
        .all(|f| f.severity == mtcheck::Severity::Major));
    // A major finding is enough for an editor to look.
    assert_ne!(chinese.verdict, mtcheck::Verdict::Clean);
    let french = check(
        &read(&dir.join("french-passage.txt")),
        &refr,
        &Config::default(),
    );
    assert!(french
        .findings
        .iter()
        .any(|f| f.kind == Kind::WrongLanguage && f.severity == mtcheck::Severity::Critical));
    // The check can be turned off.
    let mut config = Config::default();
    config.language.fragments = false;
    let off = check(&read(&dir.join("chinese.txt")), &refr, &config);
    assert!(off
        .findings
        .iter()
        .all(|f| f.kind != Kind::UntranslatedFragment));
}

#[test]
fn a_mis_encoded_file_is_an_input_error_not_a_flood_of_fragments() {
    let err = Article::read(
        &root().join("fixtures/encodings/utf16-bom-on-utf8.txt"),
        1 << 20,
    )
    .unwrap_err();
    assert!(err.to_string().contains("UTF-16 byte-order mark"), "{err}");
}

fn wmt_references(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("wmt23-zhen/articles");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path().join("reference.txt")))
        .filter(|p| p.exists())
        .collect();
    out.sort();
    out
}

/// Each professional human reference, checked as a candidate against an
/// unrelated English article (the seed reference: no sentence, name or
/// phrase of the story in it to spare anything), raises no untranslated
/// fragment and no wrong-language finding; checked against itself, no
/// quote-mismatch.
#[test]
fn human_references_raise_no_language_or_quote_findings() {
    let Some(shared) = support::shared_data() else {
        return;
    };
    let paths = wmt_references(&shared);
    assert_eq!(paths.len(), 38);
    let unrelated = read(&root().join("seeds/xi-moscow-reference.txt"));
    for p in &paths {
        let article = read(p);
        let found: Vec<_> = findings(&article, &unrelated)
            .into_iter()
            .filter(|f| f.kind != Kind::QuoteMismatch)
            .collect();
        assert!(found.is_empty(), "{}: {found:#?}", p.display());
        let own = findings(&article, &article);
        assert!(own.is_empty(), "{}: {own:#?}", p.display());
    }
}

fn is_wide_or_foreign(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// English words with words of other scripts mixed in: every inserted
    /// word the reference lacks lies inside a fragment finding, and every
    /// fragment starts and ends on a non-ASCII character.
    #[test]
    fn every_foreign_word_is_inside_a_fragment(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "the", "port", "council", "said", "on", "Monday", "ships",
                "做好", "分店", "важно", "東京タワー", "출발", "שלום", "नमस्ते",
                "café", "12°C", "©", "🚢", ",", ".", "，", "。",
            ]),
            1..40,
        )
    ) {
        let text = words.join(" ");
        let cand = Article::from_text("c", text.as_str());
        let refr = Article::from_text(
            "r",
            "The port council said on Monday that more ships will come.",
        );
        let found: Vec<_> = check(&cand, &refr, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::UntranslatedFragment || f.kind == Kind::WrongLanguage)
            .collect();
        let foreign = ["做好", "分店", "важно", "東京タワー", "출발", "שלום", "नमस्ते"];
        let mut at = 0;
        for w in &words {
            let start = at;
            at += w.len() + 1;
            if foreign.contains(w) {
                prop_assert!(
                    found.iter().any(|f| f.start <= start && start + w.len() <= f.end),
                    "{w} at {start} in {text:?}: {found:#?}"
                );
            }
        }
        for f in found.iter().filter(|f| f.kind == Kind::UntranslatedFragment) {
            prop_assert!(f.text.chars().next().is_some_and(is_wide_or_foreign), "{f:?}");
            prop_assert!(f.text.chars().next_back().is_some_and(is_wide_or_foreign), "{f:?}");
        }
    }
}

/// Short sentences in five languages, each between English sentences,
/// against an English reference: every one is a wrong-language passage.
#[test]
fn short_foreign_sentences_are_caught() {
    let list = std::fs::read_to_string(root().join("fixtures/language/short-foreign.txt")).unwrap();
    let sentences: Vec<&str> = list.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(sentences.len(), 22);
    let english =
        "The harbour authority opened a new container terminal on Monday, officials said.";
    let mut cand = String::new();
    for s in &sentences {
        cand.push_str(&format!("{english}\n{s}\n"));
    }
    cand.push_str(english);
    let refr = vec![english; sentences.len()].join("\n");
    let found = findings(
        &Article::from_text("c", cand.as_str()),
        &Article::from_text("r", refr.as_str()),
    );
    let missed: Vec<_> = sentences
        .iter()
        .filter(|s| {
            !found
                .iter()
                .any(|f| f.kind == Kind::WrongLanguage && f.text == **s)
        })
        .collect();
    assert!(missed.is_empty(), "missed {missed:#?}");
    // The English sentences between them are not flagged.
    assert!(found.iter().all(|f| !f.text.contains("harbour")));
}
