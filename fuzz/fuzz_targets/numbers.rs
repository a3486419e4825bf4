//! libFuzzer entry point; the body is `fuzz/bodies/numbers.rs`.
#![no_main]

#[path = "../bodies/numbers.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
