//! Evaluation of mtcheck against human MQM annotations.
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/data/wmt23-zhen [--config FILE] [--limit N] [--json] [--calibrate [--per-kind]] [--folds K (default 5, 0 skips)] [--list KIND]...
//! ```
//! Prints Markdown tables (see docs/EVALUATION.md); `--calibrate` also searches
//! severity weights on the calibration documents and prints the best settings;
//! `--list KIND` prints every finding of that kind with its segment and the
//! raters' spans there (HIT/MISS) instead of the tables.

use std::path::PathBuf;
use std::process::ExitCode;

use mtcheck::Config;
use mtcheck_eval::evaluate::{self, EvalOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut config = Config::default();
    let mut options = EvalOptions::default();
    let mut json = false;
    let mut calibrate = false;
    let mut per_kind = false;
    let mut folds = 5;
    let mut list = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--config" => match args.next().map(PathBuf::from) {
                Some(p) => match Config::load(&p) {
                    Ok(c) => config = c,
                    Err(e) => {
                        eprintln!("evaluate: {e}");
                        return ExitCode::from(2);
                    }
                },
                None => return usage(),
            },
            "--limit" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => options.limit = Some(n),
                None => return usage(),
            },
            "--list" => match args.next().as_deref().and_then(mtcheck::Kind::parse) {
                Some(k) => list.push(k),
                None => return usage(),
            },
            "--folds" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => folds = n,
                None => return usage(),
            },
            "--json" => json = true,
            "--no-consensus" => options.consensus = false,
            "--calibrate" => calibrate = true,
            "--per-kind" => per_kind = true,
            "-h" | "--help" => return usage(),
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return usage(),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("../shared/data/wmt23-zhen"));
    let mut data = match evaluate::load(&dir, &config, &options) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("evaluate: {e}");
            return ExitCode::from(2);
        }
    };
    if !list.is_empty() {
        for k in list {
            print!("{}", evaluate::list_findings(&data, k));
        }
        return ExitCode::SUCCESS;
    }
    if calibrate {
        let best = evaluate::calibrate(&mut data, &config.score, per_kind);
        println!("{}", evaluate::render_calibration(&best));
        evaluate::rescore(&mut data, &best.score);
    }
    let cv = (folds > 1).then(|| {
        let grid = evaluate::score_grid(&config.score);
        evaluate::cv::cross_validate(&mut data, &config.score, folds, &grid)
    });
    let e = evaluate::evaluate(&data);
    if json {
        match serde_json::to_string_pretty(&e) {
            Ok(s) => println!("{s}"),
            Err(err) => {
                eprintln!("evaluate: {err}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", evaluate::render_markdown(&e));
        if let Some(cv) = &cv {
            print!("\n{}", evaluate::cv::render(cv));
        }
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: evaluate [DATA_DIR (default ../shared/data/wmt23-zhen)] [--config FILE] [--limit N] [--json] [--calibrate [--per-kind]] [--folds K (default 5, 0 skips)] [--list KIND]... [--no-consensus]"
    );
    ExitCode::from(2)
}
