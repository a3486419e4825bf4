//! Shared by the integration tests (`mod support;`): the shared data beside
//! the crate, and what a test does when it is not there.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

/// `../shared/data` beside the crate (WMT23 articles and annotations,
/// sacrebleu and LanguageTool test vectors; see its README.md).
///
/// `None` when the folder is missing, as in a fresh clone: the test returns
/// at once, and this prints one line naming it. The line goes to the stderr
/// handle itself, which libtest does not capture (`eprintln!` is captured
/// and shown only for failing tests), so a plain `cargo test` shows it.
///
/// With `CI=true` a missing folder panics instead: CI always has the data,
/// and a skip there would hide a broken setup.
pub fn shared_data() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        return Some(dir);
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    if std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!(
            "{test}: shared test data missing: {} (CI=true, where it is required)",
            dir.display()
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test}: ../shared/data not present (CI has it)"
    );
    None
}
