//! Alignment cost against article length: synthetic line-parallel pairs of
//! 10 to 2,000 sentences per side built from the WMT23 segments at bench time
//! (see `tests/align_support`). Run: `cargo bench --bench align`.

#[path = "../tests/align_support/mod.rs"]
mod align_support;

use divan::Bencher;
use mtcheck::align::{align, AlignConfig, Mode};
use mtcheck::Article;

fn main() {
    divan::main();
}

const SIZES: [usize; 4] = [10, 100, 1000, 2000];

fn articles(sentences: usize) -> Option<(Article, Article)> {
    let pair = align_support::synthetic_pair(sentences)?;
    Some((
        Article::from_text("candidate", pair.candidate),
        Article::from_text("reference", pair.reference),
    ))
}

/// The whole of `align`: features, index, mode decision and the banded DP.
#[divan::bench(args = SIZES, sample_count = 20)]
fn parallel(bencher: Bencher, sentences: usize) {
    let Some((c, r)) = articles(sentences) else {
        eprintln!("skipped: ../shared/data/wmt23-zhen not present");
        return;
    };
    let config = AlignConfig::default();
    bencher.bench_local(|| align(&c, &r, &config));
}

/// The same pairs forced through comparable matching (shortlist + merges).
#[divan::bench(args = SIZES, sample_count = 20)]
fn comparable(bencher: Bencher, sentences: usize) {
    let Some((c, r)) = articles(sentences) else {
        eprintln!("skipped: ../shared/data/wmt23-zhen not present");
        return;
    };
    let config = AlignConfig {
        mode: Some(Mode::Comparable),
        ..AlignConfig::default()
    };
    bencher.bench_local(|| align(&c, &r, &config));
}
