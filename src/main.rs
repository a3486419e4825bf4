//! The `mtcheck` command line: parse arguments, call the library, map errors
//! to exit codes (0 ok, 1 below --fail-below or at --fail-on, 2 usage or
//! input error).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use mtcheck::{report, Article, Config};

/// mimalloc: the pipeline allocates many short-lived vectors per sentence,
/// and glibc's allocator returned large freed blocks to the kernel only to
/// fault them back in for the next article (docs/ARCHITECTURE.md, dependencies).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Corpus BLEU / chrF / chrF++ of line-parallel files, as sacrebleu computes them.
    Metrics(MetricsArgs),
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
    /// Write the report to FILE (atomically) instead of stdout (`-`).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// TOML config file (weights, thresholds, limits); see docs/FORMATS.md.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Exit with 1 when the score is below SCORE (0-100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_below: Option<f64>,
    /// Exit with 1 when the verdict is VERDICT or worse.
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
    /// Largest input file accepted, in bytes (overrides the config).
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<usize>,
    /// Colour in text output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Text output: draw only findings at least this severe (the summary
    /// still counts every finding).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = MinSeverity::Minor)]
    min_severity: MinSeverity,
    /// Text output: the summary block alone, without the findings.
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    project: ProjectArgs,
}

/// Order of report.csv's rows.
#[derive(Clone, Copy, ValueEnum)]
enum Order {
    /// likely-mt, review, clean; then more critical, more major findings, lower score.
    Worst,
    /// Manifest order (as needed to concatenate shard reports).
    Manifest,
}

/// The verdict `--fail-on` exits 1 at (or worse).
#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Review,
    LikelyMt,
}

impl FailOn {
    fn verdict(self) -> mtcheck::Verdict {
        match self {
            FailOn::Review => mtcheck::Verdict::Review,
            FailOn::LikelyMt => mtcheck::Verdict::LikelyMt,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum MinSeverity {
    Minor,
    Major,
    Critical,
}

impl MinSeverity {
    fn severity(self) -> mtcheck::finding::Severity {
        use mtcheck::finding::Severity;
        match self {
            MinSeverity::Minor => Severity::Minor,
            MinSeverity::Major => Severity::Major,
            MinSeverity::Critical => Severity::Critical,
        }
    }
}

/// What a project teaches mtcheck (`check` and `batch`): a word list, a
/// glossary, a baseline. Formats: docs/FORMATS.md.
#[derive(clap::Args)]
struct ProjectArgs {
    /// Word list: words and phrases never flagged as non-words, near-misses,
    /// repeats or glossary variants, one per line (`#` comments). Repeatable.
    #[arg(long, value_name = "FILE")]
    allow: Vec<PathBuf>,
    /// Glossary: a preferred term, then its wrong variants, tab-separated,
    /// one term per line. Repeatable.
    #[arg(long, value_name = "FILE")]
    glossary: Vec<PathBuf>,
    /// Hide the findings this baseline file lists (the report counts them).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record this run's findings in a baseline file (before --baseline hides any).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

impl ProjectArgs {
    /// The files this reads, for the output checks (an output may not be one).
    fn inputs(&self) -> Vec<(&'static str, &std::path::Path)> {
        let mut inputs: Vec<(&'static str, &std::path::Path)> = Vec::new();
        inputs.extend(self.allow.iter().map(|p| ("word list", p.as_path())));
        inputs.extend(self.glossary.iter().map(|p| ("glossary", p.as_path())));
        inputs.extend(self.baseline.as_deref().map(|p| ("baseline", p)));
        inputs
    }

    /// Adds the word lists and glossaries to the config.
    fn apply(&self, config: &mut Config) -> Result<(), Failure> {
        let max_bytes = config.limits.max_bytes;
        for path in &self.allow {
            config
                .allow
                .words
                .extend(mtcheck::allow::read_list(path, max_bytes)?);
        }
        for path in &self.glossary {
            config
                .glossary
                .extend(mtcheck::checks::glossary::read_tsv(path, max_bytes)?);
        }
        Ok(())
    }

    /// The baseline to hide findings with, read before anything is written.
    fn load_baseline(
        &self,
        max_bytes: usize,
    ) -> Result<Option<mtcheck::baseline::Baseline>, Failure> {
        Ok(match &self.baseline {
            Some(path) => Some(mtcheck::baseline::Baseline::load(path, max_bytes)?),
            None => None,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Diagnostics for a terminal (rustc style), then a summary.
    Text,
    /// The `mtcheck/1` JSON object.
    Json,
    /// findings.csv rows (see docs/FORMATS.md).
    Csv,
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

/// Output of `mtcheck metrics`.
#[derive(Clone, Copy, ValueEnum)]
enum MetricsFormat {
    /// sacrebleu-style lines.
    Text,
    /// One JSON object keyed by metric.
    Json,
}

/// `--fail-below`: a score from 0 to 100.
fn parse_score(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "`{s}` is not a score: expected a number from 0 to 100"
        )),
    }
}

/// Writes everything to standard output; an error (a full disk, a closed
/// pipe) is the command's error, exit 2.
fn write_stdout(out: &mut impl Write, bytes: &[u8]) -> Result<(), Failure> {
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Failure(format!("standard output: cannot write: {e}")))
}

/// Prints a warning on stderr, control characters escaped.
fn warn(message: &str) {
    eprintln!("mtcheck: warning: {}", mtcheck::output::printable(message));
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
        Command::Metrics(args) => run_metrics(args),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            // File names and ids reach the terminal escaped.
            eprintln!("mtcheck: error: {}", mtcheck::output::printable(&message));
            ExitCode::from(2)
        }
    }
}

fn load_config(path: Option<&PathBuf>, max_bytes: Option<usize>) -> Result<Config, Failure> {
    // The config file is capped like every input (--max-bytes, else the default).
    let cap = max_bytes.unwrap_or(mtcheck::text::DEFAULT_MAX_BYTES);
    let mut config = match path {
        Some(p) => Config::load_limited(p, cap)?,
        None => Config::default(),
    };
    if let Some(p) = path {
        for note in config.deprecations() {
            warn(&format!("config {}: {note}", p.display()));
        }
    }
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
    // `--output -` is standard output.
    let output = args.output.clone().filter(|p| p.as_os_str() != "-");
    // The report goes to standard output without --output: planned as `-`,
    // so `--write-baseline -` cannot write there too.
    let report_to = match output.as_deref() {
        Some(path) => ("--output", path),
        None => ("the report", std::path::Path::new("-")),
    };
    let mut outputs: Vec<(&str, &std::path::Path)> = vec![report_to];
    outputs.extend(
        args.project
            .write_baseline
            .as_deref()
            .map(|p| ("--write-baseline", p)),
    );
    let mut inputs = vec![
        ("candidate", args.candidate.as_path()),
        ("reference", args.reference.as_path()),
    ];
    inputs.extend(args.config.as_deref().map(|c| ("config file", c)));
    inputs.extend(args.project.inputs());
    mtcheck::output::plan(&outputs, &inputs)?;
    let mut config = load_config(args.config.as_ref(), args.max_bytes)?;
    args.project.apply(&mut config)?;
    let baseline = args.project.load_baseline(config.limits.max_bytes)?;
    // Parse the dictionaries while the articles are read and split.
    rayon::spawn(mtcheck::warm_up);
    let limit = config.limits.max_bytes;
    let (candidate, reference) = rayon::join(
        || Article::read(&args.candidate, limit),
        || Article::read(&args.reference, limit),
    );
    let (candidate, reference) = (candidate?, reference?);
    let same_file = mtcheck::output::identity(&args.candidate)
        .is_some_and(|c| mtcheck::output::identity(&args.reference) == Some(c));
    if same_file {
        warn(&format!(
            "the candidate and the reference are the same file ({}): the report compares a text with itself",
            args.candidate.display()
        ));
    } else if candidate.text == reference.text {
        warn("the candidate and the reference hold identical text: the report compares a text with itself");
    }
    let mut report = mtcheck::check(&candidate, &reference, &config);
    let article = mtcheck::baseline::check_article_name(&args.candidate);
    // Recorded before the baseline hides any; written after the report.
    let recorded = args.project.write_baseline.as_ref().map(|path| {
        let mut recorded = mtcheck::baseline::Baseline::default();
        recorded.record(&article, &report.findings, &candidate);
        (path, recorded)
    });
    if let Some(baseline) = &baseline {
        baseline.hide(&article, &mut report, &candidate, &config);
    }
    let rendered = match args.format {
        Format::Text => {
            // Colour goes to a file only with `--color always`; on stdout,
            // anstream keeps or strips it (terminal, --color, NO_COLOR).
            let color = output.is_none() || matches!(args.color, ColorWhen::Always);
            let options = report::text::TextOptions {
                color,
                width: text_width(output.is_none()),
                min_severity: args.min_severity.severity(),
                summary_only: args.summary,
            };
            report::text::render(&report, &candidate, &reference, options)
        }
        Format::Json => report::json::render_pretty(&report),
        Format::Csv => report::csv::render_findings(&report),
        Format::Html => report::html::render_page(&report, &candidate, &reference),
    };
    match &output {
        Some(path) => mtcheck::output::write_atomic(path, rendered.as_bytes())
            .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?,
        None => {
            let choice = match args.format {
                Format::Text => args.color.choice(),
                Format::Json | Format::Html | Format::Csv => anstream::ColorChoice::AlwaysAnsi,
            };
            let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
            write_stdout(&mut out, rendered.as_bytes())?;
        }
    }
    if let Some((path, recorded)) = recorded {
        recorded.write(path)?;
    }
    let below = args.fail_below.is_some_and(|t| report.score < t)
        || args.fail_on.is_some_and(|v| report.verdict >= v.verdict());
    // Everything is written and the process is about to exit, which hands
    // its memory back whole: the articles (with everything derived from
    // them) and the report are not taken apart piece by piece first.
    std::mem::forget((candidate, reference, report, rendered));
    Ok(if below {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Width of text excerpts: the terminal's when writing to one, else
/// [`report::text::DEFAULT_WIDTH`].
fn text_width(to_stdout: bool) -> usize {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    if to_stdout && stdout.is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout) {
            return usize::from(w);
        }
    }
    report::text::DEFAULT_WIDTH
}

#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 all checked; 1 an article scored below --fail-below \
                        or has a verdict at --fail-on or worse; \
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
    /// report.csv: one row per article (`-`: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// findings.csv: one row per finding.
    #[arg(long, value_name = "FILE")]
    findings: Option<PathBuf>,
    /// JSON Lines: one mtcheck/1 object per article.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write one HTML page per checked article and an index.html into DIR
    /// (created if missing).
    #[arg(long, value_name = "DIR")]
    html_dir: Option<PathBuf>,
    /// Review number mismatches across candidates that share a reference:
    /// when most of them contradict the same reference figure the same way,
    /// the reference is suspect and the findings become minor
    /// number-unsupported ones. Holds every report until the end.
    #[arg(long)]
    consensus: bool,
    /// Worker threads (0 = one per core; at most four per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Exit with 1 when an article scores below SCORE (0-100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_below: Option<f64>,
    /// Exit with 1 when an article's verdict is VERDICT or worse.
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
    /// TOML config file (weights, thresholds, limits); see docs/FORMATS.md.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Largest input file accepted, in bytes (overrides the config).
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<usize>,
    /// No progress bar, no summary line and no warnings about rows.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Start the CSV files without the UTF-8 byte order mark (written by
    /// default so Excel and LibreOffice read them as UTF-8).
    #[arg(long)]
    no_bom: bool,
    /// Kept for old scripts: the BOM it used to add is now the default.
    #[arg(long, hide = true, conflicts_with = "no_bom")]
    excel: bool,
    /// Order of report.csv's rows: worst first (verdict, critical and major
    /// findings, score), or as in the manifest.
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = Order::Worst)]
    order: Order,
    /// Check only shard I of N (1-based, contiguous slices of the manifest rows);
    /// concatenating the shard reports in order gives the unsharded report.
    #[arg(long, value_name = "I/N")]
    shard: Option<mtcheck::batch::Shard>,
    #[command(flatten)]
    project: ProjectArgs,
}

fn run_batch(args: BatchArgs) -> Result<ExitCode, Failure> {
    use std::io::IsTerminal;
    // Outputs are checked against each other and the manifest in
    // `batch::run`; here against the files that configure the run, before
    // they are read.
    let mut inputs: Vec<(&str, &std::path::Path)> = Vec::new();
    inputs.extend(args.config.as_deref().map(|c| ("config file", c)));
    inputs.extend(args.project.inputs());
    let mut outputs = vec![("--output", args.output.as_path())];
    outputs.extend(args.findings.as_deref().map(|p| ("--findings", p)));
    outputs.extend(args.json.as_deref().map(|p| ("--json", p)));
    outputs.extend(
        args.project
            .write_baseline
            .as_deref()
            .map(|p| ("--write-baseline", p)),
    );
    mtcheck::output::plan(&outputs, &inputs)?;
    let mut config = load_config(args.config.as_ref(), args.max_bytes)?;
    args.project.apply(&mut config)?;
    let max_jobs = mtcheck::batch::max_jobs();
    if args.jobs > max_jobs {
        warn(&format!(
            "--jobs {} is more than four threads per core; using {max_jobs}",
            args.jobs
        ));
    }
    std::thread::spawn(mtcheck::warm_up);
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
        fail_on: args.fail_on.map(FailOn::verdict),
        progress: !args.quiet && std::io::stderr().is_terminal(),
        bom: !args.no_bom || args.excel,
        manifest_order: matches!(args.order, Order::Manifest),
        shard: args.shard,
        html_dir: args.html_dir,
        consensus: args.consensus,
        baseline: args.project.baseline,
        write_baseline: args.project.write_baseline,
    };
    let summary = mtcheck::batch::run(&options, &config)?;
    if !args.quiet {
        for warning in summary.warnings() {
            warn(&warning);
        }
        eprintln!("mtcheck: {}", summary.line());
    }
    Ok(ExitCode::from(summary.exit_code()))
}

#[derive(clap::Args)]
#[command(
    long_about = "Corpus-level scores of a line-parallel hypothesis file against one or more \
                  reference files, with sacrebleu 2.x's definitions: the same numbers as \
                  `sacrebleu REF -i HYP -m bleu chrf` (chrF++ is `--chrf-word-order 2`)."
)]
struct MetricsArgs {
    /// The hypothesis (system output), one segment per line; `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    hyp: PathBuf,
    /// The reference, line-parallel with the hypothesis; repeat for several references.
    #[arg(long = "ref", value_name = "FILE", required = true)]
    references: Vec<PathBuf>,
    /// Metrics to compute, comma-separated.
    #[arg(long, short = 'm', value_enum, value_delimiter = ',', default_values_t = [MetricArg::Bleu, MetricArg::Chrf, MetricArg::ChrfPlusPlus])]
    metric: Vec<MetricArg>,
    /// Output format: sacrebleu-style lines, or one JSON object keyed by metric.
    #[arg(long, short = 'f', value_enum, default_value_t = MetricsFormat::Text)]
    format: MetricsFormat,
    /// Decimals of the scores in text output (sacrebleu's --width), 0-20.
    #[arg(long, short = 'w', default_value_t = 1, value_parser = clap::value_parser!(u8).range(0..=20))]
    width: u8,
    /// Largest input file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = mtcheck::text::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MetricArg {
    Bleu,
    Chrf,
    #[value(name = "chrf++")]
    ChrfPlusPlus,
}

fn run_metrics(args: MetricsArgs) -> Result<ExitCode, Failure> {
    use mtcheck::metrics::{self, Bleu, Chrf};
    let read = |path: &PathBuf| -> Result<String, Failure> {
        let bytes = mtcheck::text::read_input(path, args.max_bytes)?;
        let (text, _) = mtcheck::text::decode(&bytes)
            .map_err(|e| Failure(format!("{} {e}", path.display())))?;
        Ok(text)
    };
    let hyp_text = read(&args.hyp)?;
    let hyps = metrics::split_segments(&hyp_text);
    let ref_texts = args
        .references
        .iter()
        .map(read)
        .collect::<Result<Vec<_>, _>>()?;
    let streams: Vec<Vec<&str>> = ref_texts
        .iter()
        .map(|t| metrics::split_segments(t))
        .collect();
    for (path, stream) in args.references.iter().zip(&streams) {
        if stream.len() != hyps.len() {
            return Err(Failure(format!(
                "{} has {} lines but {} has {}; the files must be line-parallel",
                args.hyp.display(),
                hyps.len(),
                path.display(),
                stream.len()
            )));
        }
    }
    let nrefs = streams.len();
    let mut json = serde_json::Map::new();
    let mut lines = Vec::new();
    let mut seen = Vec::new();
    for &which in &args.metric {
        if seen.contains(&which) {
            continue;
        }
        seen.push(which);
        let (key, name, signature, score, verbose, details) = match which {
            MetricArg::Bleu => {
                let s = Bleu::CORPUS.corpus_score(&hyps, &streams)?;
                let details = serde_json::json!({
                    "counts": s.counts, "totals": s.totals, "precisions": s.precisions,
                    "bp": s.bp, "ratio": s.ratio, "sys_len": s.sys_len, "ref_len": s.ref_len,
                    "verbose_score": s.verbose(),
                });
                let signature = Bleu::CORPUS.signature(nrefs);
                (
                    "bleu",
                    "BLEU".to_string(),
                    signature,
                    s.score,
                    Some(s.verbose()),
                    details,
                )
            }
            MetricArg::Chrf | MetricArg::ChrfPlusPlus => {
                let (key, config) = if which == MetricArg::Chrf {
                    ("chrf", Chrf::CHRF)
                } else {
                    ("chrf++", Chrf::CHRF_PLUS_PLUS)
                };
                let s = config.corpus_score(&hyps, &streams)?;
                let details = serde_json::json!({
                    "char_order": config.char_order, "word_order": config.word_order,
                    "beta": config.beta, "stats": s.stats.orders,
                });
                (
                    key,
                    config.name(),
                    config.signature(nrefs),
                    s.score,
                    None,
                    details,
                )
            }
        };
        let mut entry = serde_json::json!({"name": name, "score": score, "signature": signature});
        if let (Some(entry), Some(details)) = (entry.as_object_mut(), details.as_object()) {
            entry.extend(details.clone());
        }
        json.insert(key.to_string(), entry);
        let width = usize::from(args.width);
        lines.push(match verbose {
            Some(v) => format!("{name}|{signature} = {score:.width$} {v}"),
            None => format!("{name}|{signature} = {score:.width$}"),
        });
    }
    let rendered = match args.format {
        MetricsFormat::Text => lines.join("\n") + "\n",
        MetricsFormat::Json => serde_json::to_string_pretty(&json)? + "\n",
    };
    write_stdout(&mut std::io::stdout().lock(), rendered.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
