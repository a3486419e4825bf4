//! Alignment on real and hand-edited data: the seeds as an editor aligns them
//! (comparable), WMT system outputs against their references (parallel), and
//! drops, merges, splits and insertions.

mod align_support;
mod support;

use std::collections::BTreeSet;
use std::path::Path;

use mtcheck::align::{align, AlignConfig, Alignment, Mode};
use mtcheck::{check, Article, Config, Kind};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Article {
    Article::read(path, 1 << 24).unwrap()
}

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// Index of the sentence containing the first occurrence of `snippet`.
fn locate(article: &Article, snippet: &str) -> usize {
    let at = article
        .text
        .find(snippet)
        .unwrap_or_else(|| panic!("{snippet:?} not in {}", article.name));
    article.sentence_at(at).unwrap()
}

/// 1-based line of each sentence.
fn sentence_lines(article: &Article) -> Vec<usize> {
    article
        .sentences
        .iter()
        .map(|s| article.line_col(s.start).0)
        .collect()
}

/// The alignment as a set of (candidate line, reference line) links.
fn line_links(c: &Article, r: &Article, alignment: &Alignment) -> BTreeSet<(usize, usize)> {
    let (cl, rl) = (sentence_lines(c), sentence_lines(r));
    let mut links = BTreeSet::new();
    for p in &alignment.pairs {
        for &i in &p.candidate {
            for &j in &p.reference {
                links.insert((cl[i], rl[j]));
            }
        }
    }
    links
}

#[test]
fn seeds_align_as_an_editor_would() {
    let fixture = json("fixtures/align/seeds.json");
    let c = read(&root().join(fixture["candidate"].as_str().unwrap()));
    let r = read(&root().join(fixture["reference"].as_str().unwrap()));
    let alignment = align(&c, &r, &AlignConfig::default());
    assert_eq!(alignment.mode.as_str(), fixture["mode"].as_str().unwrap());

    let entries = fixture["sentences"].as_array().unwrap();
    let starts: Vec<usize> = entries
        .iter()
        .map(|e| locate(&c, e["candidate"].as_str().unwrap()))
        .collect();
    assert_eq!(starts[0], 0, "the fixture must start at the first sentence");
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "entries out of order"
    );
    for (k, entry) in entries.iter().enumerate() {
        // This entry covers its sentence and any pieces the segmenter split off it.
        let end = starts.get(k + 1).copied().unwrap_or(c.sentences.len());
        let got: BTreeSet<usize> = (starts[k]..end)
            .flat_map(|i| alignment.counterparts(i))
            .collect();
        let sure: BTreeSet<usize> = strings(&entry["sure"])
            .iter()
            .map(|s| locate(&r, s))
            .collect();
        let possible: BTreeSet<usize> = strings(&entry["possible"])
            .iter()
            .map(|s| locate(&r, s))
            .collect();
        let name = entry["candidate"].as_str().unwrap();
        assert!(
            sure.is_subset(&got),
            "{name:?}: missing sure links {:?}, got {got:?}",
            sure.difference(&got).collect::<Vec<_>>()
        );
        let allowed: BTreeSet<usize> = sure.union(&possible).copied().collect();
        assert!(
            got.is_subset(&allowed),
            "{name:?}: wrong links {:?}",
            got.difference(&allowed)
                .map(|&j| r.sentence_text(j))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn seeds_report_comparable_mode_alignment_and_no_unaligned_findings() {
    let c = read(&root().join("seeds/xi-moscow-suspected-mt.txt"));
    let r = read(&root().join("seeds/xi-moscow-reference.txt"));
    let report = check(&c, &r, &Config::default());
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!(v["mode"], "comparable");
    let pairs = v["alignment"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for p in pairs {
        assert!(!p["candidate"].as_array().unwrap().is_empty());
        assert!(!p["reference"].as_array().unwrap().is_empty());
        let s = p["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s));
    }
    assert_eq!(
        v["metrics"]["aligned_sentences"].as_u64().unwrap() as usize,
        pairs.len()
    );
    assert!(report
        .findings
        .iter()
        .all(|f| f.kind != Kind::UnalignedSentence));
}

#[test]
fn parallel_fixtures_survive_drops_merges_splits_and_insertions() {
    let fixture = json("fixtures/align/parallel/cases.json");
    let dir = root().join("fixtures/align/parallel");
    let r = read(&dir.join(fixture["reference"].as_str().unwrap()));
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["candidate"].as_str().unwrap();
        let c = read(&dir.join(name));
        let alignment = align(&c, &r, &AlignConfig::default());
        assert_eq!(alignment.mode, Mode::Parallel, "{name}");
        let want: BTreeSet<(usize, usize)> = case["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l[0].as_u64().unwrap() as usize,
                    l[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        assert_eq!(line_links(&c, &r, &alignment), want, "{name}");

        let report = check(&c, &r, &Config::default());
        let flagged: Vec<usize> = report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::UnalignedSentence)
            .map(|f| f.line)
            .collect();
        let want_flagged: Vec<usize> = case["unaligned_lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(flagged, want_flagged, "{name}");
        for f in report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::UnalignedSentence)
        {
            let i = c.sentence_at(f.start).unwrap();
            assert_eq!(f.text, c.sentence_text(i), "span is the whole sentence");
            assert!(f.message.contains("no counterpart in the reference"));
        }
    }
}

#[test]
fn wmt_system_outputs_align_parallel_along_their_lines() {
    let Some(data) = support::shared_data() else {
        return;
    };
    let dir = data.join("wmt23-zhen");
    let manifest = std::fs::read_to_string(dir.join("manifest.csv")).unwrap();
    let (mut pairs, mut on_line, mut sentences, mut unaligned) = (0, 0, 0, 0);
    let mut rows = 0;
    for row in manifest.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        let c = read(&dir.join(f[1]));
        let r = read(&dir.join(f[2]));
        let alignment = align(&c, &r, &AlignConfig::default());
        assert_eq!(alignment.mode, Mode::Parallel, "{}", f[0]);
        let (cl, rl) = (sentence_lines(&c), sentence_lines(&r));
        for p in &alignment.pairs {
            pairs += 1;
            let line = cl[p.candidate[0]];
            if p.candidate.iter().all(|&i| cl[i] == line)
                && p.reference.iter().all(|&j| rl[j] == line)
            {
                on_line += 1;
            }
        }
        sentences += c.sentences.len();
        unaligned += (0..c.sentences.len())
            .filter(|&i| alignment.counterparts(i).next().is_none())
            .count();
        rows += 1;
    }
    assert_eq!(rows, 325);
    // Measured: 3247 of 3249 pairs on their line, 122 of 3551 sentences
    // unaligned (mostly short fragments where the system split a line).
    let precision = on_line as f64 / pairs as f64;
    let unaligned_share = unaligned as f64 / sentences as f64;
    assert!(precision >= 0.99, "pairs on their line: {precision:.4}");
    assert!(unaligned_share <= 0.035, "unaligned: {unaligned_share:.4}");
}

#[test]
fn long_synthetic_pair_aligns_parallel_along_its_lines() {
    if support::shared_data().is_none() {
        return;
    }
    let pair = align_support::synthetic_pair(1000)
        .expect("a synthetic pair from ../shared/data/wmt23-zhen/segments.tsv");
    let c = Article::from_text("c", pair.candidate);
    let r = Article::from_text("r", pair.reference);
    assert!(r.sentences.len() >= 1000);
    let alignment = align(&c, &r, &AlignConfig::default());
    assert_eq!(alignment.mode, Mode::Parallel);
    let links = line_links(&c, &r, &alignment);
    let on_line = links.iter().filter(|(a, b)| a == b).count();
    assert!(
        on_line as f64 >= 0.97 * links.len() as f64,
        "{on_line} of {} links on their line",
        links.len()
    );
    // Every line is linked to itself, bar a handful of very weak ones.
    assert!(on_line as f64 >= 0.97 * pair.lines as f64);
}

/// Another outlet's copy of a story that follows it loosely (reordered,
/// partly different facts) is comparable in both directions, so its extra
/// sentences are not unaligned and its score has no adequacy term (issue
/// #27: it was called parallel and sent to review on its score alone).
#[test]
fn another_outlets_reordered_copy_is_comparable() {
    let dir = root().join("fixtures/verdict");
    let story = read(&dir.join("harbour.ref.txt"));
    let wire = read(&dir.join("harbour-wire.txt"));
    let config = mtcheck::Config::default();
    assert_eq!(align(&story, &wire, &config.align).mode, Mode::Comparable);
    assert_eq!(align(&wire, &story, &config.align).mode, Mode::Comparable);
    let report = mtcheck::check(&wire, &story, &config);
    assert_eq!(
        report.verdict,
        mtcheck::Verdict::Clean,
        "{}",
        report.verdict_reason
    );
    // A faithful paraphrase of the same text stays parallel.
    let paraphrase = read(&dir.join("harbour-paraphrase.txt"));
    assert_eq!(
        align(&paraphrase, &story, &config.align).mode,
        Mode::Parallel
    );
}
