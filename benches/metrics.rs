//! Document-level chrF and BLEU as the article report computes them (each
//! article's lines joined with spaces, one segment): on the seed pair, and on
//! all 325 WMT23 article pairs when `../shared/data` is present (sacrebleu
//! 2.6.0 does 344 pairs/s for chrF and 814 for BLEU there, one core).
//! Run with `cargo bench --bench metrics`.

use std::path::{Path, PathBuf};

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use mtcheck::metrics::{self, Chrf};
use mtcheck::Article;

fn main() {
    divan::main();
}

fn document(path: &Path) -> String {
    match Article::read(path, 64 << 20) {
        Ok(article) => article.joined_lines(),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// The seed pair: (candidate, reference) documents.
fn seeds() -> (String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    (
        document(&dir.join("xi-moscow-suspected-mt.txt")),
        document(&dir.join("xi-moscow-reference.txt")),
    )
}

/// Every (candidate, reference) document pair of wmt23-zhen/manifest.csv.
fn wmt23() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wmt23-zhen");
    let Ok(mut reader) = csv::Reader::from_path(dir.join("manifest.csv")) else {
        eprintln!(
            "wmt23 benches: {} not found, measuring nothing",
            dir.display()
        );
        return Vec::new();
    };
    let headers = reader.headers().cloned().unwrap_or_default();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c), Some(r)) = (column("candidate"), column("reference")) else {
        return Vec::new();
    };
    reader
        .records()
        .flatten()
        .filter_map(|row| {
            Some((
                document(&dir.join(row.get(c)?)),
                document(&dir.join(row.get(r)?)),
            ))
        })
        .collect()
}

fn bytes(pairs: &[(String, String)]) -> BytesCount {
    BytesCount::new(pairs.iter().map(|(c, r)| c.len() + r.len()).sum::<usize>())
}

#[divan::bench]
fn seed_chrf(bencher: Bencher) {
    let pair = [seeds()];
    bencher.counter(bytes(&pair)).bench(|| {
        pair.iter()
            .map(|(c, r)| metrics::sentence_chrf(black_box(c), black_box(r)))
            .sum::<f64>()
    });
}

#[divan::bench]
fn seed_chrf_plus_plus(bencher: Bencher) {
    let pair = [seeds()];
    bencher.counter(bytes(&pair)).bench(|| {
        pair.iter()
            .map(|(c, r)| {
                Chrf::CHRF_PLUS_PLUS
                    .sentence_score(black_box(c), &[black_box(r)])
                    .score
            })
            .sum::<f64>()
    });
}

#[divan::bench]
fn seed_bleu(bencher: Bencher) {
    let pair = [seeds()];
    bencher.counter(bytes(&pair)).bench(|| {
        pair.iter()
            .map(|(c, r)| metrics::corpus_bleu_one(black_box(c), black_box(r)))
            .sum::<f64>()
    });
}

#[divan::bench(sample_count = 10)]
fn wmt23_325_pairs_chrf(bencher: Bencher) {
    let pairs = wmt23();
    bencher.counter(ItemsCount::new(pairs.len())).bench(|| {
        pairs
            .iter()
            .map(|(c, r)| metrics::sentence_chrf(black_box(c), black_box(r)))
            .sum::<f64>()
    });
}

#[divan::bench(sample_count = 10)]
fn wmt23_325_pairs_bleu(bencher: Bencher) {
    let pairs = wmt23();
    bencher.counter(ItemsCount::new(pairs.len())).bench(|| {
        pairs
            .iter()
            .map(|(c, r)| metrics::corpus_bleu_one(black_box(c), black_box(r)))
            .sum::<f64>()
    });
}

/// chrF with each reference counted beforehand ([`Chrf::reference`]), as a
/// batch does when several candidates share a reference: the cost per
/// candidate once its reference is counted.
#[divan::bench(sample_count = 10)]
fn wmt23_325_pairs_chrf_counted_reference(bencher: Bencher) {
    let pairs = wmt23();
    let counted: Vec<(&str, metrics::ChrfReference)> = pairs
        .iter()
        .map(|(c, r)| (c.as_str(), Chrf::CHRF.reference(r)))
        .collect();
    bencher.counter(ItemsCount::new(pairs.len())).bench(|| {
        counted
            .iter()
            .map(|(c, r)| r.score(black_box(c)).score)
            .sum::<f64>()
    });
}

/// sacrebleu's 13a tokeniser alone over the 325 WMT23 candidates (BLEU
/// tokenises each candidate document once per check).
#[divan::bench(sample_count = 20)]
fn wmt23_325_candidates_tokenize_13a(bencher: Bencher) {
    let pairs = wmt23();
    bencher.counter(bytes(&pairs)).bench(|| {
        pairs
            .iter()
            .map(|(c, _)| metrics::tokenize_13a(black_box(c)).len())
            .sum::<usize>()
    });
}
