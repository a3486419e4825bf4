//! Arbitrary bytes → `decode` → `Article`: never panics; decoded text and
//! every token/sentence span stay inside the text on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mtcheck::text::decode(data);
    if let Ok(a) = mtcheck::Article::from_bytes("fuzz", data) {
        for t in &a.tokens {
            assert!(t.start < t.end && t.end <= a.text.len());
            assert!(a.text.is_char_boundary(t.start) && a.text.is_char_boundary(t.end));
        }
        let _ = a.line_col(a.text.len());
    }
});
