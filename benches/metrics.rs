//! Document-level chrF and BLEU on the seed articles, as the article report
//! computes them. Run with `cargo bench --bench metrics`.

use mtcheck::metrics::{self, Bleu, Chrf};
use mtcheck::Article;

fn main() {
    divan::main();
}

/// (candidate, reference) documents: the seeds' lines joined with spaces.
fn seed_documents() -> (String, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let read = |name: &str| {
        let path = dir.join(name);
        match Article::read(&path, usize::MAX) {
            Ok(article) => article.joined_lines(),
            Err(e) => panic!("{}: {e}", path.display()),
        }
    };
    (
        read("xi-moscow-suspected-mt.txt"),
        read("xi-moscow-reference.txt"),
    )
}

#[divan::bench]
fn chrf_document(bencher: divan::Bencher) {
    let (cand, refr) = seed_documents();
    bencher
        .counter(divan::counter::BytesCount::new(cand.len() + refr.len()))
        .bench(|| metrics::sentence_chrf(divan::black_box(&cand), divan::black_box(&refr)));
}

#[divan::bench]
fn chrf_plus_plus_document(bencher: divan::Bencher) {
    let (cand, refr) = seed_documents();
    bencher
        .counter(divan::counter::BytesCount::new(cand.len() + refr.len()))
        .bench(|| {
            Chrf::CHRF_PLUS_PLUS
                .sentence_score(divan::black_box(&cand), &[divan::black_box(&refr)])
                .score
        });
}

#[divan::bench]
fn bleu_document(bencher: divan::Bencher) {
    let (cand, refr) = seed_documents();
    bencher
        .counter(divan::counter::BytesCount::new(cand.len() + refr.len()))
        .bench(|| metrics::corpus_bleu_one(divan::black_box(&cand), divan::black_box(&refr)));
}

#[divan::bench]
fn tokenize_13a_document(bencher: divan::Bencher) {
    let (cand, _) = seed_documents();
    bencher
        .counter(divan::counter::BytesCount::new(cand.len()))
        .bench(|| metrics::tokenize_13a(divan::black_box(&cand)));
}

#[divan::bench]
fn bleu_sentence_level_lines(bencher: divan::Bencher) {
    let (cand, refr) = seed_documents();
    let _ = (&cand, &refr);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let lines = |name: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let hyps = lines("xi-moscow-suspected-mt.txt");
    bencher.bench(|| {
        hyps.iter()
            .map(|h| {
                Bleu::SENTENCE
                    .sentence_score(divan::black_box(h), &[divan::black_box(&refr)])
                    .score
            })
            .sum::<f64>()
    });
}
