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
    mtcheck::warm_up();
    let mut spent = std::time::Duration::ZERO;
    for path in std::env::args().skip(1) {
        let article = match mtcheck::Article::read(std::path::Path::new(&path), 1 << 24) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("suspect_refs: {e}");
                return ExitCode::from(2);
            }
        };
        let started = std::time::Instant::now();
        let g = mtcheck::suspect::reference_garbling(&article, &config);
        spent += started.elapsed();
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
    eprintln!("analysis: {:.1} ms in all", spent.as_secs_f64() * 1e3);
    ExitCode::SUCCESS
}
