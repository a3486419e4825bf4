//! libFuzzer entry point; the body is `fuzz/bodies/tokenize_segment.rs`.
#![no_main]

#[path = "../bodies/tokenize_segment.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|text: &str| body::run(text));
