//! Arbitrary bytes → `decode` → `Article`: never panics; decoded text and
//! every token/sentence span stay inside the text on char boundaries.
//!
//! The body of the `decode` fuzz target, shared with `tests/fuzz_bodies.rs`,
//! which compiles it in every `cargo test` and runs it on the regression
//! fixtures: the target cannot fall behind the library's API unnoticed.

pub fn run(data: &[u8]) {
    let _ = mtcheck::text::decode(data);
    if let Ok(a) = mtcheck::Article::from_bytes("fuzz", data) {
        for t in &a.tokens {
            assert!(t.start < t.end && t.end <= a.text.len());
            assert!(a.text.is_char_boundary(t.start) && a.text.is_char_boundary(t.end));
        }
        let _ = a.line_col(a.text.len());
    }
}
