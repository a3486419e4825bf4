//! Arbitrary text → tokens → sentences: spans in bounds, on char boundaries,
//! in order; sentences cover token ranges in order; every accessor is total.
//!
//! The body of the `tokenize_segment` fuzz target, shared with `tests/fuzz_bodies.rs`,
//! which compiles it in every `cargo test` and runs it on the regression
//! fixtures: the target cannot fall behind the library's API unnoticed.

pub fn run(text: &str) {
    let tokens = mtcheck::text::tokenize(text);
    let mut prev_end = 0;
    for t in &tokens {
        assert!(t.start >= prev_end && t.start < t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        prev_end = t.end;
    }
    let sentences = mtcheck::text::segment(text, &tokens);
    let mut next_token = 0;
    for s in &sentences {
        assert_eq!(s.tokens.start, next_token);
        assert!(s.tokens.end <= tokens.len() && s.start <= s.end && s.end <= text.len());
        next_token = s.tokens.end;
    }
    let a = mtcheck::Article::from_text("fuzz", text);
    for i in 0..=a.sentences.len() {
        let _ = (a.sentence_text(i), a.sentence_tokens(i));
    }
    for at in [0, text.len() / 2, text.len(), text.len() + 1] {
        let _ = (a.line_col(at), a.sentence_at(at));
    }
    let _ = (a.word_count(), a.joined_lines(), a.line_count());
}
