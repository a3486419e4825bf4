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
    /// Colour in text output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Diagnostics for a terminal (rustc style), then a summary.
    Text,
    /// The `mtcheck/1` JSON object.
    Json,
    /// One self-contained HTML page (candidate and reference side by side).
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }
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
        Format::Text => {
            // Colour goes to a file only with `--color always`; on stdout,
            // anstream keeps or strips it (terminal, --color, NO_COLOR).
            let color = args.output.is_none() || matches!(args.color, ColorWhen::Always);
            let options = report::text::TextOptions::colored(color);
            report::text::render(&report, &candidate, &reference, options)
        }
        Format::Json => report::json::render_pretty(&report),
        Format::Html => report::html::render_page(&report, &candidate, &reference),
    };
    match &args.output {
        Some(path) => mtcheck::output::write_atomic(path, rendered.as_bytes())
            .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?,
        None => {
            let choice = match args.format {
                Format::Text => args.color.choice(),
                Format::Json | Format::Html => anstream::ColorChoice::AlwaysAnsi,
            };
            let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
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
