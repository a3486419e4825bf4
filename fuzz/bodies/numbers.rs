//! Number extraction and comparison, through the full `check`: the fuzz input
//! is spliced into number-heavy news text on both sides, so whatever number
//! parser is registered sees digits, separators, currencies, ordinals, dates
//! and units next to arbitrary bytes. (When the numbers module's extraction
//! API is public, a direct target can sit beside this one.)
//!
//! The body of the `numbers` fuzz target, shared with `tests/fuzz_bodies.rs`,
//! which compiles it in every `cargo test` and runs it on the regression
//! fixtures: the target cannot fall behind the library's API unnoticed.

const CANDIDATE: &str =
    "On Nov. 8, 2022 the firm paid $3.5bn (1,200 staff, 4-day week, 80th year) ";
const REFERENCE: &str =
    "On 8 November 2022 the firm paid $3.5 billion to 1200 staff in its eightieth year ";

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (a, b) = match text.char_indices().nth(text.chars().count() / 2) {
        Some((i, _)) => text.split_at(i),
        None => (text.as_ref(), ""),
    };
    let cand = format!("{CANDIDATE}{a} 12.5% of 3 million, the 2nd of May {b}");
    let refr = format!("{REFERENCE}{b} twelve and a half per cent {a}");
    let c = mtcheck::Article::from_text("cand", cand);
    let r = mtcheck::Article::from_text("ref", refr);
    let report = mtcheck::check(&c, &r, &mtcheck::Config::default());
    assert!((0.0..=100.0).contains(&report.score));
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= c.text.len());
        assert!(c.text.is_char_boundary(f.start) && c.text.is_char_boundary(f.end));
    }
}
