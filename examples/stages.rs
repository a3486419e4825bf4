//! Where the time of a batch goes: runs every article pair of a manifest
//! through the library stage by stage (read + decode + tokenise + segment,
//! align, each registered check, report with metrics) on one thread, a few
//! rounds, and prints each stage's share of CPU time and microseconds per pair.
//! Each check runs alone, so one that reads another's findings
//! (`Check::reads`: `near-miss`, `quote-mismatch`) is timed with them
//! computed again inside it.
//!
//! ```sh
//! cargo run --release --example stages -- ../shared/data/wmt23-zhen/manifest.csv [ROUNDS]
//! cargo run --release --example stages -- --synth 1000000 ../shared/data/wmt23-zhen/segments.tsv [ROUNDS]
//! ```
//!
//! `--synth BYTES` checks one synthetic pair of about BYTES per side built
//! from the WMT segments (as the pipeline benchmark does) instead.
//!
//! A profiler tells where the cycles go inside a stage; this tells which stage
//! to profile, and its numbers are stable run to run (the minimum of ROUNDS).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mtcheck::checks::{self, Context};
use mtcheck::{align, Article, Config, Report};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let usage = "usage: stages MANIFEST.csv [ROUNDS] | stages --synth BYTES SEGMENTS.tsv [ROUNDS]";
    let Some(first) = args.next() else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let pairs = if first == "--synth" {
        let (Some(bytes), Some(tsv)) = (args.next().and_then(|b| b.parse().ok()), args.next())
        else {
            eprintln!("{usage}");
            return ExitCode::from(2);
        };
        match synth_pair(bytes, Path::new(&tsv)) {
            Ok(p) => vec![p],
            Err(e) => {
                eprintln!("stages: {tsv}: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        let manifest = PathBuf::from(first);
        match read_manifest(&manifest) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("stages: {}: {e}", manifest.display());
                return ExitCode::from(2);
            }
        }
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let config = Config::default();
    let names: Vec<&str> = checks::registry().iter().map(|c| c.name()).collect();
    // Stage order: read, align, each check, report.
    let mut best: Vec<Duration> = vec![Duration::MAX; names.len() + 3];
    for _ in 0..rounds.max(1) {
        let mut spent = vec![Duration::ZERO; names.len() + 3];
        for (c, r) in &pairs {
            let t = Instant::now();
            let (Ok(cand), Ok(refr)) = (
                Article::read(c, 16 << 20).map_err(|e| e.to_string()),
                Article::read(r, 16 << 20).map_err(|e| e.to_string()),
            ) else {
                continue;
            };
            spent[0] += t.elapsed();
            let t = Instant::now();
            let alignment = align::align(&cand, &refr, &config.align);
            spent[1] += t.elapsed();
            let cx = Context::new(&cand, &refr, &alignment, &config);
            let mut findings = Vec::new();
            for (k, check) in checks::registry().iter().enumerate() {
                let t = Instant::now();
                findings.extend(check.run(&cx));
                spent[2 + k] += t.elapsed();
            }
            let t = Instant::now();
            mtcheck::finding::sort_findings(&mut findings);
            let report = Report::build(&cand, &refr, alignment, findings, &config);
            std::hint::black_box(&report);
            spent[2 + names.len()] += t.elapsed();
        }
        for (b, s) in best.iter_mut().zip(spent) {
            *b = (*b).min(s);
        }
    }
    let total: Duration = best.iter().sum();
    let n = pairs.len().max(1) as f64;
    println!(
        "{} pairs, best of {} rounds, one thread: {:.1} µs per pair",
        pairs.len(),
        rounds.max(1),
        total.as_secs_f64() * 1e6 / n
    );
    let labels = std::iter::once("read + tokenise + segment (both)")
        .chain(std::iter::once("align"))
        .chain(names.iter().copied())
        .chain(std::iter::once("report (metrics, score)"));
    for (label, d) in labels.zip(&best) {
        println!(
            "  {label:<34} {:>8.1} µs/pair {:>5.1} %",
            d.as_secs_f64() * 1e6 / n,
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-12)
        );
    }
    ExitCode::SUCCESS
}

/// Writes a synthetic pair of about `bytes` per side to the temp folder.
fn synth_pair(bytes: usize, tsv: &Path) -> Result<(PathBuf, PathBuf), String> {
    let text = std::fs::read_to_string(tsv).map_err(|e| e.to_string())?;
    let segments = mtcheck_eval::synth::parse_segments_tsv(&text);
    let (c, r) = mtcheck_eval::synth::article_pair(&segments, bytes, bytes as u64);
    let dir = std::env::temp_dir();
    let (cp, rp) = (
        dir.join(format!("mtcheck-stages-{bytes}-candidate.txt")),
        dir.join(format!("mtcheck-stages-{bytes}-reference.txt")),
    );
    std::fs::write(&cp, c).map_err(|e| e.to_string())?;
    std::fs::write(&rp, r).map_err(|e| e.to_string())?;
    Ok((cp, rp))
}

/// Candidate and reference paths of every row (relative to the manifest).
fn read_manifest(path: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let base = path.parent().unwrap_or(Path::new("."));
    let mut reader = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no `{name}` column"))
    };
    let (c, r) = (col("candidate")?, col("reference")?);
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        if let (Some(cand), Some(refr)) = (row.get(c), row.get(r)) {
            out.push((base.join(cand), base.join(refr)));
        }
    }
    Ok(out)
}
