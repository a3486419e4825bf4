//! Extraction and comparison cost on the seed pair (`cargo bench --bench numbers`).

use mtcheck::align::Alignment;
use mtcheck::checks::numbers::{compare_articles, extract_article, NumbersConfig};
use mtcheck::Article;

fn main() {
    divan::main();
}

fn seed(name: &str) -> Article {
    let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap_or_default();
    Article::from_text(name, text)
}

#[divan::bench]
fn extract_seed(bencher: divan::Bencher) {
    let a = seed("xi-moscow-reference.txt");
    bencher
        .counter(divan::counter::BytesCount::new(a.text.len()))
        .bench(|| extract_article(divan::black_box(&a)));
}

#[divan::bench]
fn compare_seed_pair(bencher: divan::Bencher) {
    let c = seed("xi-moscow-suspected-mt.txt");
    let r = seed("xi-moscow-reference.txt");
    let empty: Alignment = serde_json::from_str(r#"{"mode":"comparable","pairs":[]}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    let config = NumbersConfig::default();
    bencher.bench(|| compare_articles(divan::black_box(&c), &r, &empty, &config));
}
