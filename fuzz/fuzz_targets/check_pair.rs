//! libFuzzer entry point; the body is `fuzz/bodies/check_pair.rs`.
#![no_main]

#[path = "../bodies/check_pair.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
