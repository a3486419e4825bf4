//! Editor triage figures (docs/EVALUATION.md, "Triage"): human translations
//! called clean, good and bad MT articles flagged, and the precision lift,
//! cross-validated by document, per fold and per domain; then the WMT23
//! span precision of each finding kind beside its random baseline.
//!
//! ```text
//! cargo run --release --example triage -- [WMT22_DIR (default ../shared/data/wmt22-zhen)]
//!     [--wmt23 DIR (default ../shared/data/wmt23-zhen)] [--folds K (default 5)] [--config FILE]
//! ```
//! Articles are checked as `mtcheck batch` checks them (no `--consensus`).

use std::path::PathBuf;
use std::process::ExitCode;

use mtcheck::Config;
use mtcheck_eval::evaluate::{self, triage, EvalOptions};

/// The systems of wmt22-zhen that are human translations.
const HUMAN_SYSTEMS: &[&str] = &["refA", "refB"];

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut wmt22 = PathBuf::from("../shared/data/wmt22-zhen");
    let mut wmt23 = PathBuf::from("../shared/data/wmt23-zhen");
    let mut folds = 5;
    let mut config = Config::default();
    let mut positional = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--wmt23" => match args.next() {
                Some(d) => wmt23 = PathBuf::from(d),
                None => return usage(),
            },
            "--folds" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n >= 2 => folds = n,
                _ => return usage(),
            },
            "--config" => match args.next().map(PathBuf::from) {
                Some(p) => match Config::load(&p) {
                    Ok(c) => config = c,
                    Err(e) => {
                        eprintln!("triage: {e}");
                        return ExitCode::from(2);
                    }
                },
                None => return usage(),
            },
            "-h" | "--help" => return usage(),
            _ if !positional => {
                positional = true;
                wmt22 = PathBuf::from(a);
            }
            _ => return usage(),
        }
    }
    let mut options = EvalOptions {
        consensus: false,
        ..EvalOptions::default()
    };
    if wmt22.join("manifest-refA-vs-refB.csv").exists() {
        options
            .extra_manifests
            .push("manifest-refA-vs-refB.csv".into());
    }
    let data = match evaluate::load(&wmt22, &config, &options) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("triage: {e}");
            return ExitCode::from(2);
        }
    };
    let t = triage::triage(
        &data.results,
        HUMAN_SYSTEMS,
        &config.score,
        &config.verdict,
        folds,
    );
    let configured = triage::Floors {
        parallel: config.verdict.human_floor_parallel,
        comparable: config.verdict.human_floor_comparable,
    };
    println!(
        "## Triage on {} ({} articles, {} documents, {folds} folds)\n",
        wmt22.display(),
        data.results.len(),
        triage::documents(&data.results)
    );
    print!("{}", triage::render(&t, configured));

    if !wmt23.join("manifest.csv").exists() {
        eprintln!("triage: {} not found: no span precision", wmt23.display());
        return ExitCode::SUCCESS;
    }
    let options = EvalOptions {
        consensus: false,
        ..EvalOptions::default()
    };
    let data = match evaluate::load(&wmt23, &config, &options) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("triage: {e}");
            return ExitCode::from(2);
        }
    };
    let rows: Vec<&evaluate::ArticleResult> = data.results.iter().collect();
    let (precision, _) = evaluate::span_figures(&data, &rows);
    println!(
        "\n## Span precision on {} ({} articles)\n",
        wmt23.display(),
        rows.len()
    );
    println!("| kind | findings | scored | on a rated span | precision | random baseline | above baseline |");
    println!("|---|---|---|---|---|---|---|");
    let fmt = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.3}"));
    for p in &precision {
        let above = match (p.precision, p.random_baseline) {
            (Some(a), Some(b)) => {
                if a > b {
                    "yes"
                } else {
                    "**no**"
                }
            }
            _ => "–",
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {above} |",
            p.kind,
            p.findings,
            p.scored,
            p.on_rated_span,
            fmt(p.precision),
            fmt(p.random_baseline)
        );
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: triage [WMT22_DIR (default ../shared/data/wmt22-zhen)] [--wmt23 DIR] [--folds K (default 5)] [--config FILE]"
    );
    ExitCode::from(2)
}
