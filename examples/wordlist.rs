//! Rebuilds `dict/words-extra.txt` from SCOWL word lists (dict/README.md):
//! the entries made of lowercase ASCII letters only that neither Hunspell
//! dictionary accepts, sorted and unique.
//!
//! ```text
//! cargo run --release --example wordlist -- /usr/share/dict/american-english-huge \
//!     /usr/share/dict/british-english-large > dict/words-extra.txt
//! ```

use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(en) = mtcheck::lexicon::dict::english() else {
        eprintln!("wordlist: the embedded dictionaries did not load");
        return ExitCode::FAILURE;
    };
    let mut words = BTreeSet::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("wordlist: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        words.extend(
            text.lines()
                .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
                .filter(|w| !en.check(w))
                .map(str::to_string),
        );
    }
    let mut out = std::io::stdout().lock();
    for w in &words {
        if writeln!(out, "{w}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
