//! Arbitrary bytes split into two articles (at the first 0xFF byte, or in the
//! middle) → decode → full `check` → JSON, text and HTML reports: never panics;
//! finding spans in bounds and on char boundaries; score in 0–100.
//!
//! The body of the `check_pair` fuzz target, shared with `tests/fuzz_bodies.rs`,
//! which compiles it in every `cargo test` and runs it on the regression
//! fixtures: the target cannot fall behind the library's API unnoticed.

pub fn run(data: &[u8]) {
    let (a, b) = match data.iter().position(|&x| x == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let (Ok(c), Ok(r)) = (
        mtcheck::Article::from_bytes("cand", a),
        mtcheck::Article::from_bytes("ref", b),
    ) else {
        return;
    };
    let report = mtcheck::check(&c, &r, &mtcheck::Config::default());
    assert!((0.0..=100.0).contains(&report.score));
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= c.text.len());
        assert!(c.text.is_char_boundary(f.start) && c.text.is_char_boundary(f.end));
        assert_eq!(&c.text[f.start..f.end], f.text);
        if let Some(e) = &f.reference {
            assert!(e.end <= r.text.len() && r.text.is_char_boundary(e.start));
        }
    }
    let _ = mtcheck::report::json::render_pretty(&report);
    let _ = mtcheck::report::text::render(&report, &c, &r, Default::default());
    let _ = mtcheck::report::html::render_page(&report, &c, &r);
}
