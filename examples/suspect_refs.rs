//! Which references look garbled ([`mtcheck::suspect`]): reads each file
//! given, prints one line per reference with its evidence (flagged ones
//! first with `*`), then how many were flagged.
//!
//! ```text
//! cargo run --release --example suspect_refs -- ../shared/data/wmt23-zhen/articles/*/reference.txt
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let config = mtcheck::Config::default();
    let (mut total, mut flagged, mut with_evidence) = (0, 0, 0);
    for path in std::env::args().skip(1) {
        let article = match mtcheck::Article::read(std::path::Path::new(&path), 1 << 24) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("suspect_refs: {e}");
                return ExitCode::from(2);
            }
        };
        let g = mtcheck::suspect::reference_garbling(&article, &config);
        total += 1;
        if g.evidence() > 0 {
            with_evidence += 1;
        }
        let mark = if g.is_suspect() {
            flagged += 1;
            "*"
        } else {
            " "
        };
        if g.evidence() > 0 {
            let repeats: Vec<&str> = g.repeats.iter().map(|(_, t)| t.as_str()).collect();
            println!(
                "{mark} {path}\t{} words\t{} evidence\trepeats {repeats:?}\tnon-words {:?}",
                g.words,
                g.evidence(),
                g.non_words
            );
        }
    }
    println!("{flagged} of {total} references suspect; {with_evidence} with any evidence");
    ExitCode::SUCCESS
}
