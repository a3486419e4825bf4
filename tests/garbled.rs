//! Garbled phrases and wrong-language passages: seeds, fixtures, and the
//! non-word false-positive rate on clean human English.

mod support;

use std::path::{Path, PathBuf};

use mtcheck::{check, Article, Config, Finding, Kind};

const MY_KINDS: [Kind; 5] = [
    Kind::NonWord,
    Kind::NearMiss,
    Kind::QuoteMismatch,
    Kind::UnbalancedPunctuation,
    Kind::WrongLanguage,
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Article {
    Article::read(path, 1 << 24).unwrap()
}

fn fixture(name: &str) -> Article {
    read(&root().join("fixtures/garbled").join(name))
}

/// This area's findings for a candidate/reference pair.
fn findings(cand: &Article, refr: &Article) -> Vec<Finding> {
    check(cand, refr, &Config::default())
        .findings
        .into_iter()
        .filter(|f| MY_KINDS.contains(&f.kind))
        .collect()
}

fn texts(found: &[Finding], kind: Kind) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.text.clone())
        .collect()
}

fn unrelated() -> Article {
    Article::from_text("empty", "Nothing.")
}

#[test]
fn seeds_meet_expectations_for_garbled_kinds() {
    let seeds = root().join("seeds");
    let expect: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("expect.json")).unwrap()).unwrap();
    let cand = read(&seeds.join(expect["candidate"].as_str().unwrap()));
    let refr = read(&seeds.join(expect["reference"].as_str().unwrap()));
    let found = findings(&cand, &refr);
    let kinds_of = |e: &serde_json::Value| -> Vec<Kind> {
        match &e["kind"] {
            serde_json::Value::Array(a) => {
                a.iter().filter_map(|k| Kind::parse(k.as_str()?)).collect()
            }
            k => Kind::parse(k.as_str().unwrap()).into_iter().collect(),
        }
    };
    // `text` overlaps the finding's text on the same line.
    let hits = |e: &serde_json::Value, kinds: &[Kind]| -> bool {
        let want = e["text"].as_str().unwrap();
        found.iter().any(|f| {
            kinds.contains(&f.kind) && {
                let (ls, le) = cand.line_span(f.line);
                let line = &cand.text[ls..le];
                line.match_indices(want).any(|(at, m)| {
                    let (s, e) = (ls + at, ls + at + m.len());
                    s < f.end && f.start < e
                })
            }
        })
    };
    let mut checked = 0;
    for e in expect["must"].as_array().unwrap() {
        let kinds = kinds_of(e);
        if kinds.iter().all(|k| MY_KINDS.contains(k)) {
            assert!(hits(e, &kinds), "must flag {e}; got {found:#?}");
            checked += 1;
        }
    }
    for e in expect["must_not"].as_array().unwrap() {
        let kinds: Vec<Kind> = kinds_of(e)
            .into_iter()
            .filter(|k| MY_KINDS.contains(k))
            .collect();
        if !kinds.is_empty() {
            assert!(!hits(e, &kinds), "must not flag {e}; got {found:#?}");
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} expectations were about garbled kinds"
    );
}

#[test]
fn seeds_flag_nothing_an_editor_would_reject() {
    let seeds = root().join("seeds");
    let cand = read(&seeds.join("xi-moscow-suspected-mt.txt"));
    let refr = read(&seeds.join("xi-moscow-reference.txt"));
    let found = findings(&cand, &refr);
    assert_eq!(texts(&found, Kind::NonWord), vec!["neo-blastism", "bigest"]);
    assert_eq!(
        texts(&found, Kind::NearMiss),
        vec!["hegemony bullying", "hegemony bullying"]
    );
    assert_eq!(
        texts(&found, Kind::UnbalancedPunctuation),
        vec!["\"authority"]
    );
    assert!(texts(&found, Kind::WrongLanguage).is_empty());
    let quotes = texts(&found, Kind::QuoteMismatch);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(quotes[0].contains("offset the modern manifestations"));
    assert!(quotes[1].contains("multiple, redundant"));
    let neo = found.iter().find(|f| f.text == "neo-blastism").unwrap();
    assert_eq!(neo.suggestion.as_deref(), Some("neo-Nazism"));
    assert_eq!(neo.reference.as_ref().unwrap().text, "neo-Nazism");
}

#[test]
fn british_spelling_throughout_is_not_flagged() {
    let found = findings(&fixture("british.txt"), &unrelated());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn untranslated_paragraph_is_one_wrong_language_passage() {
    for (name, passage) in [
        ("french-paragraph.txt", "Les deux ministres"),
        ("german-paragraph.txt", "Der Vorstand"),
        ("chinese-paragraph.txt", "双方同意"),
    ] {
        let cand = fixture(name);
        let found = findings(&cand, &unrelated());
        let wrong: Vec<&Finding> = found
            .iter()
            .filter(|f| f.kind == Kind::WrongLanguage)
            .collect();
        assert_eq!(wrong.len(), 1, "{name}: {found:#?}");
        assert!(
            wrong[0].text.starts_with(passage),
            "{name}: {}",
            wrong[0].text
        );
        // The whole paragraph, not one sentence of it.
        let line = cand.line_span(wrong[0].line);
        assert_eq!((wrong[0].start, wrong[0].end), line, "{name}");
        // Its words are not also reported one by one as non-words.
        assert!(
            texts(&found, Kind::NonWord).is_empty(),
            "{name}: {found:#?}"
        );
    }
}

#[test]
fn non_word_positives_and_negatives() {
    let found = findings(
        &fixture("nonword-candidate.txt"),
        &fixture("nonword-reference.txt"),
    );
    assert_eq!(
        texts(&found, Kind::NonWord),
        vec!["bigest", "goverment", "neo-blastism"]
    );
    let sugg: Vec<Option<&str>> = found
        .iter()
        .filter(|f| f.kind == Kind::NonWord)
        .map(|f| f.suggestion.as_deref())
        .collect();
    assert_eq!(
        sugg,
        vec![Some("biggest"), Some("government"), Some("neo-Nazism")]
    );
}

#[test]
fn near_miss_positives_and_negatives() {
    let found = findings(
        &fixture("nearmiss-candidate.txt"),
        &fixture("nearmiss-reference.txt"),
    );
    assert_eq!(
        texts(&found, Kind::NearMiss),
        vec!["Merkle", "hegemony bullying"]
    );
    assert!(texts(&found, Kind::NonWord).is_empty(), "{found:#?}");
}

#[test]
fn quote_mismatch_positives_and_negatives() {
    let found = findings(
        &fixture("quotes-candidate.txt"),
        &fixture("quotes-reference.txt"),
    );
    let quotes: Vec<&Finding> = found
        .iter()
        .filter(|f| f.kind == Kind::QuoteMismatch)
        .collect();
    assert_eq!(quotes.len(), 1, "{found:#?}");
    assert!(quotes[0].text.starts_with("\"With our Chinese friends"));
    // The change as a word diff, function words at its edges left out.
    assert!(
        quotes[0].message.contains("\"defend\" → \"preserve\""),
        "{}",
        quotes[0].message
    );
    assert!(quotes[0]
        .reference
        .as_ref()
        .unwrap()
        .text
        .contains("respond to the contemporary"));
}

#[test]
fn unbalanced_punctuation_positives_and_negatives() {
    let found = findings(&fixture("punctuation.txt"), &unrelated());
    assert_eq!(
        texts(&found, Kind::UnbalancedPunctuation),
        vec!["\"authority", "(held", "Moscow]"]
    );
}

/// Issue #27 c/d: list numbering and quotes closed in a later line or
/// paragraph are balanced; a stray bracket, a stray ")" after a number
/// mid-sentence and a quote never closed in the article are not.
#[test]
fn list_numbering_and_quotes_over_several_paragraphs() {
    let found = findings(&fixture("lists-and-quotes.txt"), &unrelated());
    assert_eq!(
        texts(&found, Kind::UnbalancedPunctuation),
        vec!["Moscow)", "5)", "“firm"]
    );
}

/// The human reference articles of WMT23 zh→en (see ../shared/data/README.md).
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

/// Clean professional English checked against an unrelated one-word
/// reference, so that no word is spared for being in the reference: fewer
/// than 1 non-word flag per 1,000 words (docs/EVALUATION.md).
#[test]
fn non_word_false_positive_rate_on_human_references() {
    let Some(shared) = support::shared_data() else {
        return;
    };
    let paths = wmt_references(&shared);
    assert_eq!(paths.len(), 38);
    let empty = unrelated();
    let (mut words, mut flags) = (0usize, 0usize);
    for p in &paths {
        let article = read(p);
        words += article.word_count();
        let found = findings(&article, &empty);
        for f in found.iter().filter(|f| f.kind == Kind::NonWord) {
            eprintln!("{}: {:?}", p.display(), f.text);
            flags += 1;
        }
        assert!(
            texts(&found, Kind::WrongLanguage).is_empty(),
            "{}: {found:#?}",
            p.display()
        );
    }
    let per_thousand = flags as f64 * 1000.0 / words as f64;
    eprintln!("non-word: {flags} flags in {words} words = {per_thousand:.2} per 1,000");
    assert!(words > 10_000);
    assert!(
        per_thousand < 1.0,
        "{per_thousand:.2} flags per 1,000 words"
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any text, with quotes, brackets, apostrophes, hyphens and other
        /// scripts mixed in, gives findings on char boundaries and no panic.
        #[test]
        fn arbitrary_text(
            cand in "[a-zA-Zé中 '\"“”‘’()\\[\\]\\-.,\n]{0,200}",
            refr in "[a-zA-Z '\"“”()\\-.,\n]{0,120}",
        ) {
            let c = Article::from_text("c", cand.as_str());
            let r = Article::from_text("r", refr.as_str());
            for f in findings(&c, &r) {
                prop_assert!(c.text.is_char_boundary(f.start) && c.text.is_char_boundary(f.end));
                prop_assert!(f.start <= f.end && f.end <= c.text.len());
            }
        }
    }
}
