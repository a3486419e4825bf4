//! The `mtcheck` command line: parse arguments, call the library, map errors
//! to exit codes (0 ok, 1 below --fail-below, 2 usage or input error).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use mtcheck::{report, Article, Config};

#[derive(Parser)]
#[command(
    name = "mtcheck",
    version,
    about = "Catch bad machine translation in news articles",
    long_about = "Checks a candidate article (the suspected machine translation) against a \
                  cleaner reference article about the same story: garbled phrases, repeated \
                  words, number and date mismatches, a 0-100 score and a verdict."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check one candidate article against its reference.
    Check(CheckArgs),
    /// Check many articles listed in a manifest CSV (or paired from two folders).
    Batch(BatchArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The candidate article (suspected machine translation); `-` reads stdin.
    candidate: PathBuf,
    /// The reference article (human translation or comparable copy); `-` reads stdin.
    #[arg(long, short = 'r')]
    reference: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// TOML config file (weights, thresholds, limits); see docs/FORMATS.md.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Exit with 1 when the score is below SCORE.
    #[arg(long, value_name = "SCORE")]
    fail_below: Option<f64>,
    /// Largest input file accepted, in bytes (overrides the config).
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    /// findings.csv rows (see docs/FORMATS.md).
    Csv,
}

/// An error for the user: one line on stderr, exit 2.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Batch(args) => run_batch(args),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("mtcheck: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_config(path: Option<&PathBuf>, max_bytes: Option<usize>) -> Result<Config, Failure> {
    let mut config = match path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    if let Some(m) = max_bytes {
        config.limits.max_bytes = m;
    }
    Ok(config)
}

fn run_check(args: CheckArgs) -> Result<ExitCode, Failure> {
    if args.candidate.as_os_str() == "-" && args.reference.as_os_str() == "-" {
        return Err(Failure(
            "only one of the candidate and the reference can be `-` (stdin)".into(),
        ));
    }
    let config = load_config(args.config.as_ref(), args.max_bytes)?;
    let candidate = Article::read(&args.candidate, config.limits.max_bytes)?;
    let reference = Article::read(&args.reference, config.limits.max_bytes)?;
    let report = mtcheck::check(&candidate, &reference, &config);
    let rendered = match args.format {
        Format::Text => report::text::render(&report),
        Format::Json => report::json::render_pretty(&report),
        Format::Csv => report::csv::render_findings(&report),
    };
    match &args.output {
        Some(path) => mtcheck::output::write_atomic(path, rendered.as_bytes())
            .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?,
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(rendered.as_bytes()).and_then(|_| out.flush());
        }
    }
    let below = args.fail_below.is_some_and(|t| report.score < t);
    Ok(if below {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 all checked; 1 an article scored below --fail-below; \
                        2 the manifest is unusable or every row failed; 3 some rows failed \
                        (see their `error` cells). Formats: docs/FORMATS.md."
)]
struct BatchArgs {
    /// Manifest CSV with a header of at least `candidate,reference` (optional `id`;
    /// other columns are carried into the report). Paths are relative to its folder.
    #[arg(required_unless_present = "candidates", conflicts_with_all = ["candidates", "references"])]
    manifest: Option<PathBuf>,
    /// Folder of candidate articles, paired by file name with --references.
    #[arg(long, value_name = "DIR", requires = "references")]
    candidates: Option<PathBuf>,
    /// Folder of reference articles, paired by file name with --candidates.
    #[arg(long, value_name = "DIR", requires = "candidates")]
    references: Option<PathBuf>,
    /// report.csv: one row per article.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// findings.csv: one row per finding.
    #[arg(long, value_name = "FILE")]
    findings: Option<PathBuf>,
    /// JSON Lines: one mtcheck/1 object per article.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Exit with 1 when an article scores below SCORE.
    #[arg(long, value_name = "SCORE")]
    fail_below: Option<f64>,
    /// TOML config file (weights, thresholds, limits); see docs/FORMATS.md.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Largest input file accepted, in bytes (overrides the config).
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Start the CSV files with a UTF-8 BOM so spreadsheet programs read them as UTF-8.
    #[arg(long)]
    excel: bool,
    /// Check only shard I of N (1-based, contiguous slices of the manifest rows);
    /// concatenating the shard reports in order gives the unsharded report.
    #[arg(long, value_name = "I/N")]
    shard: Option<mtcheck::batch::Shard>,
}

fn run_batch(args: BatchArgs) -> Result<ExitCode, Failure> {
    use std::io::IsTerminal;
    let config = load_config(args.config.as_ref(), args.max_bytes)?;
    let input = match (args.manifest, args.candidates, args.references) {
        (Some(m), _, _) => mtcheck::batch::Input::Manifest(m),
        (None, Some(candidates), Some(references)) => mtcheck::batch::Input::Dirs {
            candidates,
            references,
        },
        _ => {
            return Err(Failure(
                "give a manifest CSV, or both --candidates DIR and --references DIR".into(),
            ))
        }
    };
    let options = mtcheck::batch::Options {
        input,
        output: args.output,
        findings: args.findings,
        json: args.json,
        jobs: args.jobs,
        fail_below: args.fail_below,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        excel: args.excel,
        shard: args.shard,
    };
    let summary = mtcheck::batch::run(&options, &config)?;
    if !args.quiet {
        eprintln!("mtcheck: {}", summary.line());
    }
    Ok(ExitCode::from(summary.exit_code()))
}
