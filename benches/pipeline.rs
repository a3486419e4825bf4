//! Pipeline benchmarks (divan): decode, tokenise+segment, every registered
//! check on its own, and the full `check`, on the seed pair and on synthetic
//! article pairs of 1 KB, 10 KB, 100 KB and 1 MB built deterministically from
//! the shared WMT23 parallel segments (`../shared/data/wmt23-zhen/segments.tsv`,
//! or `$MTCHECK_SEGMENTS`; the seed lines when neither exists).
//!
//! Run: `cargo bench --bench pipeline` (release). Filter with a name, e.g.
//! `cargo bench --bench pipeline -- full_check`. Throughput is reported in
//! candidate bytes per second, so a flat MB/s column across sizes means the
//! cost grows linearly with article length.
//!
//! Checks are taken from `mtcheck::checks::registry()` by name, so a new check
//! appears here without editing this file.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;

use mtcheck::align::{self, Alignment};
use mtcheck::checks::{self, Context};
use mtcheck::{Article, Config};
use mtcheck_eval::synth::{self, Segment};

fn main() {
    // Build the inputs before timing starts and say where they came from.
    let inputs = inputs();
    eprintln!("inputs ({}):", source_note());
    for i in inputs {
        eprintln!(
            "  {:>6}: candidate {} bytes, {} words, {} sentences; reference {} bytes",
            i.label,
            i.candidate.text.len(),
            i.candidate.word_count(),
            i.candidate.sentences.len(),
            i.reference.text.len()
        );
    }
    divan::main();
}

/// Input labels, smallest first.
const SIZES: &[&str] = &["seeds", "1KB", "10KB", "100KB", "1000KB"];

struct Input {
    label: &'static str,
    candidate_text: String,
    candidate: Article,
    reference: Article,
    alignment: Alignment,
    config: Config,
}

fn segments_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MTCHECK_SEGMENTS") {
        return Some(PathBuf::from(p));
    }
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wmt23-zhen/segments.tsv");
    p.exists().then_some(p)
}

fn seeds() -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    (
        read("xi-moscow-suspected-mt.txt"),
        read("xi-moscow-reference.txt"),
    )
}

fn segments() -> &'static [Segment] {
    static SEGMENTS: OnceLock<Vec<Segment>> = OnceLock::new();
    SEGMENTS.get_or_init(|| {
        let from_tsv = segments_path()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|s| synth::parse_segments_tsv(&s))
            .unwrap_or_default();
        if from_tsv.is_empty() {
            let (c, r) = seeds();
            synth::segments_from_lines(&c, &r)
        } else {
            from_tsv
        }
    })
}

fn source_note() -> String {
    match segments_path() {
        Some(p) => format!("{} segments from {}", segments().len(), p.display()),
        None => format!("{} segments from the seed lines", segments().len()),
    }
}

fn build(label: &'static str, candidate: String, reference: String) -> Input {
    let config = Config::default();
    let cand = Article::from_text("candidate", candidate.clone());
    let refr = Article::from_text("reference", reference);
    let alignment = align::align(&cand, &refr, &config.align);
    Input {
        label,
        candidate_text: candidate,
        candidate: cand,
        reference: refr,
        alignment,
        config,
    }
}

fn inputs() -> &'static [Input] {
    static INPUTS: OnceLock<Vec<Input>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        SIZES
            .iter()
            .map(|&label| {
                let (c, r) = match label {
                    "1KB" => synth::article_pair(segments(), 1_000, 1),
                    "10KB" => synth::article_pair(segments(), 10_000, 10),
                    "100KB" => synth::article_pair(segments(), 100_000, 100),
                    "1000KB" => synth::article_pair(segments(), 1_000_000, 1000),
                    _ => seeds(),
                };
                build(label, c, r)
            })
            .collect()
    })
}

fn input(label: &str) -> &'static Input {
    let all = inputs();
    all.iter().find(|i| i.label == label).unwrap_or(&all[0])
}

/// `check × size` labels such as `repeats/100KB`, for every registered check.
fn check_cases() -> Vec<String> {
    checks::registry()
        .iter()
        .flat_map(|c| SIZES.iter().map(move |s| format!("{}/{s}", c.name())))
        .collect()
}

/// Bytes → `Article`: decoding, tokenising, segmenting and the line index.
#[divan::bench(args = SIZES, max_time = 2)]
fn decode_tokenize_segment(bencher: Bencher, size: &str) {
    let bytes = input(size).candidate_text.as_bytes();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| Article::from_bytes("candidate", divan::black_box(bytes)));
}

/// Already-decoded text → tokens and sentences.
#[divan::bench(args = SIZES, max_time = 2)]
fn tokenize_segment(bencher: Bencher, size: &str) {
    let text = input(size).candidate_text.as_str();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let tokens = mtcheck::text::tokenize(divan::black_box(text));
        mtcheck::text::segment(text, &tokens)
    });
}

/// One check's `run`, on articles that are already built and aligned.
#[divan::bench(args = check_cases(), max_time = 2)]
fn check_family(bencher: Bencher, case: &str) {
    let (name, size) = case.split_once('/').unwrap_or((case, "seeds"));
    let Some(check) = checks::registry().iter().find(|c| c.name() == name) else {
        return;
    };
    let i = input(size);
    let cx = Context::new(&i.candidate, &i.reference, &i.alignment, &i.config);
    bencher
        .counter(BytesCount::new(i.candidate_text.len()))
        .bench(|| check.run(divan::black_box(&cx)));
}

/// `mtcheck::check` on built articles: alignment, every check, score,
/// metrics, report.
#[divan::bench(args = SIZES, max_time = 3)]
fn full_check(bencher: Bencher, size: &str) {
    let i = input(size);
    bencher
        .counter(BytesCount::new(i.candidate_text.len()))
        .bench(|| mtcheck::check(&i.candidate, &i.reference, &i.config));
}

/// Bytes of both articles → report: what one `mtcheck check` or one batch row
/// costs apart from file I/O.
#[divan::bench(args = SIZES, max_time = 3)]
fn end_to_end(bencher: Bencher, size: &str) {
    let i = input(size);
    let cand = i.candidate_text.as_bytes();
    let refr = i.reference.text.as_bytes();
    bencher.counter(BytesCount::new(cand.len())).bench(|| {
        let (Ok(c), Ok(r)) = (
            Article::from_bytes("candidate", cand),
            Article::from_bytes("reference", refr),
        ) else {
            return None;
        };
        Some(mtcheck::check(&c, &r, &i.config))
    });
}

/// The shared WMT23 article pairs (candidate, reference bytes), read once.
fn wmt_pairs() -> &'static [(Vec<u8>, Vec<u8>)] {
    static PAIRS: OnceLock<Vec<(Vec<u8>, Vec<u8>)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let Some(dir) = segments_path().and_then(|p| p.parent().map(|d| d.to_path_buf())) else {
            return Vec::new();
        };
        let Ok(mut rows) = csv::Reader::from_path(dir.join("manifest.csv")) else {
            return Vec::new();
        };
        rows.deserialize::<std::collections::HashMap<String, String>>()
            .filter_map(Result::ok)
            .filter_map(|row| {
                let c = std::fs::read(dir.join(row.get("candidate")?)).ok()?;
                let r = std::fs::read(dir.join(row.get("reference")?)).ok()?;
                Some((c, r))
            })
            .collect()
    })
}

/// Every WMT23 manifest pair (325), bytes → report, one after another on one
/// core: the in-process cost of a batch over the data that
/// `scripts/bench-vs-sacrebleu.sh` uses (file reading excluded).
#[divan::bench(max_time = 5)]
fn wmt_manifest(bencher: Bencher) {
    let pairs = wmt_pairs();
    let config = Config::default();
    bencher
        .counter(divan::counter::ItemsCount::new(pairs.len()))
        .bench(|| {
            for (c, r) in pairs {
                if let (Ok(c), Ok(r)) = (
                    Article::from_bytes("candidate", c),
                    Article::from_bytes("reference", r),
                ) {
                    divan::black_box(mtcheck::check(&c, &r, &config));
                }
            }
        });
}

/// Language identification of a whole article (whatlang), as the report does
/// for both articles.
#[divan::bench(args = SIZES, max_time = 2)]
fn detect_language(bencher: Bencher, size: &str) {
    let text = input(size).candidate_text.as_str();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| mtcheck::text::detect_language(divan::black_box(text)));
}

/// One line with no line break, dense in findings (a stutter every 31
/// bytes): each finding's column is counted on the same line, so this is
/// where a per-finding cost that grows with the line shows up. Linear cost
/// means a flat MB/s column.
#[divan::bench(args = [10_000, 50_000, 250_000], max_time = 2)]
fn one_line_dense_findings(bencher: Bencher, bytes: usize) {
    let unit = "The critics critics said that. ";
    let text = unit.repeat(bytes / unit.len());
    let cand = Article::from_text("candidate", text.as_str());
    let refr = Article::from_text("reference", "The critics said that.");
    let config = Config::default();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| mtcheck::check(&cand, &refr, &config));
}
