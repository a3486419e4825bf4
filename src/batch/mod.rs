//! Batch runner: many candidate/reference pairs from a manifest CSV (or two
//! folders), checked in parallel, written as they finish in manifest order.
//!
//! Memory stays flat whatever the batch size: the manifest is read record by
//! record, rows are checked in windows of a few dozen in a local rayon pool,
//! and each window is written out (report.csv, findings.csv, JSON Lines)
//! before the next is read. Every output goes to a temporary file that is
//! renamed into place only when the whole run is done. Rows that name the
//! same reference file share one reference article, and with it everything
//! derived from it (`refcache.rs`, bounded).
//!
//! With an HTML folder, each worker writes its article's page as soon as the
//! row is checked (while it still holds both articles); only the small index
//! entries are kept until the end, when `index.html` is written.

mod refcache;
mod source;

pub use source::{Manifest, Row};

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::config::Config;
use crate::output::{self as out, Sink};
use crate::report::html::{self, IndexEntry};
use crate::report::{self, csv as csvr, Report, Triage};
use crate::text::{Article, InputError};
use crate::verdict::Verdict;
use refcache::ReferenceCache;
use source::Source;

/// What to check.
#[derive(Debug, Clone)]
pub enum Input {
    /// A manifest CSV (`id,candidate,reference,…`).
    Manifest(PathBuf),
    /// Two folders whose files are paired by name.
    Dirs {
        candidates: PathBuf,
        references: PathBuf,
    },
}

/// A slice of the manifest: shard `index` (1-based) of `count` contiguous
/// slices, so concatenating shard reports 1..=count gives manifest order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// The 0-based data rows `start..end` this shard owns out of `rows`:
    /// rows ⌊(i−1)·R/N⌋ up to ⌊i·R/N⌋, sizes differing by at most one.
    pub fn range(self, rows: usize) -> std::ops::Range<usize> {
        let at = |i: usize| (i as u128 * rows as u128 / self.count.max(1) as u128) as usize;
        at(self.index.saturating_sub(1))..at(self.index)
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard: expected I/N with 1 ≤ I ≤ N, e.g. 3/8");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// Everything `mtcheck batch` is told.
#[derive(Debug, Clone)]
pub struct Options {
    pub input: Input,
    /// report.csv
    pub output: PathBuf,
    /// findings.csv
    pub findings: Option<PathBuf>,
    /// JSON Lines, one `mtcheck/1` object per row.
    pub json: Option<PathBuf>,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    pub fail_below: Option<f64>,
    /// Exit 1 when an article's verdict is this or worse (`--fail-on`).
    pub fail_on: Option<Verdict>,
    /// Show a progress bar (the caller decides: a terminal and not `--quiet`).
    pub progress: bool,
    /// Start CSV files with a UTF-8 BOM, so spreadsheet programs read them
    /// as UTF-8 (the default; `--no-bom` turns it off).
    pub bom: bool,
    /// Write report.csv in manifest order instead of worst first.
    pub manifest_order: bool,
    pub shard: Option<Shard>,
    /// Folder for one HTML page per checked article and `index.html`.
    pub html_dir: Option<PathBuf>,
    /// Apply the cross-candidate consensus review ([`crate::consensus`])
    /// once every row is checked: holds all reports in memory until then.
    pub consensus: bool,
    /// A baseline file whose findings are hidden ([`crate::baseline`]).
    pub baseline: Option<PathBuf>,
    /// Record every row's findings in this baseline file.
    pub write_baseline: Option<PathBuf>,
}

/// Why a batch could not run at all (exit 2). Row failures are not errors:
/// they are rows with `status=error`.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{0}")]
    Manifest(String),
    #[error("{0}")]
    Output(String),
    #[error("{0}")]
    Setup(String),
}

/// An article of the summary's "worst" list.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub index: usize,
    pub id: String,
    pub score: f64,
    pub verdict: Verdict,
    /// Its place in the worst-first order.
    pub triage: Triage,
}

/// What a finished batch says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Rows in this run (this shard's, when sharded).
    pub rows: usize,
    pub errors: usize,
    pub clean: usize,
    pub review: usize,
    pub likely_mt: usize,
    /// Articles below `--fail-below`.
    pub below: usize,
    /// Articles whose verdict is `--fail-on`'s or worse.
    pub failed_on: usize,
    /// The (up to) five worst articles that are not clean, worst first
    /// ([`Triage`]: verdict, critical, major findings, score; ties in
    /// manifest order).
    pub worst: Vec<Scored>,
    /// Rows whose candidate and reference are the same file or hold
    /// identical text (checked all the same).
    pub identical: usize,
    /// The first five of them, by id.
    pub identical_ids: Vec<String>,
    /// Findings hidden by the baseline, over all rows.
    pub baseline_hidden: usize,
}

/// How many articles the summary names.
const WORST: usize = 5;

impl Summary {
    fn add(&mut self, out: &Outcome, o: &Options) {
        let (row, report) = (&out.row, out.result.as_ref().ok());
        if out.identical.is_some() {
            self.identical += 1;
            if self.identical_ids.len() < WORST {
                self.identical_ids.push(row.id.clone());
            }
        }
        self.add_with(row, report, o.fail_below, o.fail_on);
    }

    fn add_with(
        &mut self,
        row: &Row,
        report: Option<&Report>,
        fail_below: Option<f64>,
        fail_on: Option<Verdict>,
    ) {
        self.rows += 1;
        let Some(r) = report else {
            self.errors += 1;
            return;
        };
        self.baseline_hidden += r.baseline_hidden;
        match r.verdict {
            Verdict::Clean => self.clean += 1,
            Verdict::Review => self.review += 1,
            Verdict::LikelyMt => self.likely_mt += 1,
        }
        if fail_below.is_some_and(|t| r.score < t) {
            self.below += 1;
        }
        if fail_on.is_some_and(|v| r.verdict >= v) {
            self.failed_on += 1;
        }
        let entry = Scored {
            index: row.index,
            id: row.id.clone(),
            score: r.score,
            verdict: r.verdict,
            triage: Triage::of(r, row.index),
        };
        // Insert after every article that comes first.
        let at = self
            .worst
            .partition_point(|w| w.triage.worst_first(&entry.triage).is_le());
        if r.verdict != Verdict::Clean && at < WORST {
            self.worst.insert(at, entry);
            self.worst.truncate(WORST);
        }
    }

    /// Exit code: 2 if every row failed, 3 if some did, 1 if an article is
    /// below `--fail-below` or has `--fail-on`'s verdict or a worse one, else 0. Row errors come first: a batch that did
    /// not check everything is not a verdict on its articles.
    pub fn exit_code(&self) -> u8 {
        if self.rows > 0 && self.errors == self.rows {
            2
        } else if self.errors > 0 {
            3
        } else if self.below > 0 || self.failed_on > 0 {
            1
        } else {
            0
        }
    }

    /// The one-line summary printed on stderr.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} article{} checked, {} error{}; clean {}, review {}, likely-mt {}",
            self.rows,
            if self.rows == 1 { "" } else { "s" },
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            self.clean,
            self.review,
            self.likely_mt
        );
        if self.below > 0 {
            s.push_str(&format!("; {} below --fail-below", self.below));
        }
        if self.failed_on > 0 {
            s.push_str(&format!("; {} at --fail-on", self.failed_on));
        }
        if self.baseline_hidden > 0 {
            let n = self.baseline_hidden;
            let plural = if n == 1 { "" } else { "s" };
            s.push_str(&format!("; {n} finding{plural} hidden by the baseline"));
        }
        if !self.worst.is_empty() {
            let worst: Vec<String> = self
                .worst
                .iter()
                .map(|w| format!("{} ({}, {:.1})", out::printable(&w.id), w.verdict, w.score))
                .collect();
            s.push_str("; worst: ");
            s.push_str(&worst.join(", "));
        }
        s
    }

    /// Warnings for stderr: rows that compare a text with itself.
    pub fn warnings(&self) -> Vec<String> {
        if self.identical == 0 {
            return Vec::new();
        }
        let ids: Vec<String> = self
            .identical_ids
            .iter()
            .map(|id| out::printable(id).into_owned())
            .collect();
        let more = self.identical - ids.len();
        vec![format!(
            "{} row{} compare{} a candidate with the same file or identical text as its reference: {}{}",
            self.identical,
            if self.identical == 1 { "" } else { "s" },
            if self.identical == 1 { "s" } else { "" },
            ids.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        )]
    }
}

/// One checked (or failed) row.
struct Outcome {
    row: Row,
    result: Result<Report, String>,
    /// The row's line in `index.html`, when writing HTML; an `Err` is a page
    /// that could not be written (an output error: the batch stops).
    page: Option<Result<IndexEntry, String>>,
    /// Fingerprints of the candidate's and the reference's text, kept when
    /// the page is written after the consensus review, from a second read.
    texts: Option<(u64, u64)>,
    /// Set when the candidate and the reference are one file, or hold the
    /// same text: says which.
    identical: Option<&'static str>,
    /// The row's findings as a baseline, with `--write-baseline`.
    recorded: Option<Baseline>,
}

/// A fingerprint of an article's text, to tell whether a file read again
/// still holds what was checked.
fn fingerprint(article: &Article) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    article.text.hash(&mut h);
    h.finish()
}

/// Names the file and what is wrong, with the path as the manifest wrote it.
fn input_error(role: &str, shown: &str, e: InputError) -> String {
    let why = match e {
        InputError::Io { source, .. } => source.to_string(),
        InputError::Decode { source, .. } => source.to_string(),
        InputError::Format { source, .. } => source.to_string(),
    };
    format!("{role} {shown}: {why}")
}

fn resolve(base: &Path, p: &str) -> PathBuf {
    let path = Path::new(p);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// Where a row's inputs come from and what it is checked with.
struct Job<'a> {
    base: &'a Path,
    config: &'a Config,
    html_dir: Option<&'a Path>,
    references: &'a ReferenceCache,
    /// Keep the texts' fingerprints ([`Outcome::texts`]).
    fingerprints: bool,
    /// Findings to hide (`--baseline`).
    baseline: Option<&'a Baseline>,
    /// Record each row's findings ([`Outcome::recorded`]).
    record: bool,
}

/// A row's line in `index.html` when it has no page, saying why.
fn failed_entry(row: &Row, error: &str) -> IndexEntry {
    IndexEntry::failed(row.index, &row.id, &row.candidate, &row.reference, error)
}

fn process(row: Row, job: &Job) -> Outcome {
    let html_dir = job.html_dir;
    if let Some(problem) = &row.problem {
        let result = Err(problem.clone());
        let page = html_dir.map(|_| Ok(failed_entry(&row, problem)));
        return Outcome {
            row,
            result,
            page,
            texts: None,
            identical: None,
            recorded: None,
        };
    }
    // A bug in decoding or in one check must not take the other rows down
    // with it: it becomes this row's error.
    let checked = catch_unwind(AssertUnwindSafe(|| check_row(&row, job)))
        .unwrap_or_else(|_| Err("internal error while checking (please report it)".to_string()));
    match checked {
        Ok((report, candidate, reference, recorded)) => {
            let identical = identical(&row, job, &candidate, &reference);
            // Written here, in the worker, while both articles are at hand.
            let page =
                html_dir.map(|dir| write_row_page(dir, &row, &report, &candidate, &reference));
            let texts = job
                .fingerprints
                .then(|| (fingerprint(&candidate), fingerprint(&reference)));
            Outcome {
                row,
                result: Ok(report),
                page,
                texts,
                identical,
                recorded,
            }
        }
        Err(error) => {
            let page = html_dir.map(|_| Ok(failed_entry(&row, &error)));
            Outcome {
                row,
                result: Err(error),
                page,
                texts: None,
                identical: None,
                recorded: None,
            }
        }
    }
}

/// Whether a row compares a text with itself: the same file, or files
/// with identical text.
fn identical(
    row: &Row,
    job: &Job,
    candidate: &Article,
    reference: &Article,
) -> Option<&'static str> {
    let same_file = out::identity(&resolve(job.base, &row.candidate))
        .is_some_and(|c| out::identity(&resolve(job.base, &row.reference)) == Some(c));
    if same_file {
        Some("the same file")
    } else if candidate.text == reference.text {
        Some("identical text")
    } else {
        None
    }
}

/// Writes a checked row's page; an `Err` is an output error.
fn write_row_page(
    dir: &Path,
    row: &Row,
    report: &Report,
    candidate: &Article,
    reference: &Article,
) -> Result<IndexEntry, String> {
    catch_unwind(AssertUnwindSafe(|| {
        html::write_page(dir, row.index, report, candidate, reference)
    }))
    .unwrap_or_else(|_| {
        Ok(failed_entry(
            row,
            "internal error while writing the page (please report it)",
        ))
    })
    .map_err(|e| {
        let name = html::page_file_name(row.index, &row.id);
        format!("{}: cannot write: {e}", dir.join(name).display())
    })
}

/// The page of a row held for the consensus review, written once the
/// review has re-scored it: its articles are read again (the batch does
/// not hold every article) and must still hold the text that was checked.
/// Only regular files are read twice: a pipe's text is gone after the
/// check, and opening it again would wait for a writer that never comes.
fn page_after_review(dir: &Path, out: &Outcome, job: &Job) -> Result<IndexEntry, String> {
    // As in `process`: a bug in reading must not take the other rows down.
    catch_unwind(AssertUnwindSafe(|| reviewed_page(dir, out, job))).unwrap_or_else(|_| {
        Ok(failed_entry(
            &out.row,
            "internal error while writing the page (please report it)",
        ))
    })
}

fn reviewed_page(dir: &Path, out: &Outcome, job: &Job) -> Result<IndexEntry, String> {
    let row = &out.row;
    let report = match &out.result {
        Ok(report) => report,
        Err(error) => return Ok(failed_entry(row, error)),
    };
    for (role, shown) in [("candidate", &row.candidate), ("reference", &row.reference)] {
        // A missing file is left to the read below, which says so.
        let special = std::fs::metadata(resolve(job.base, shown)).is_ok_and(|m| !m.is_file());
        if special {
            return Ok(failed_entry(row, &format!(
                "page not written: {role} {shown} is not a regular file, so it cannot be read again after the consensus review"
            )));
        }
    }
    let (candidate, reference) = match read_pair(row, job) {
        Ok(pair) => pair,
        Err(error) => return Ok(failed_entry(row, &format!("page not written: {error}"))),
    };
    if out.texts != Some((fingerprint(&candidate), fingerprint(&reference))) {
        return Ok(failed_entry(
            row,
            "page not written: an input file changed while the batch ran",
        ));
    }
    write_row_page(dir, row, report, &candidate, &reference)
}

/// A row's two articles (the reference through the batch's cache); an
/// `Err` names the file and what is wrong.
fn read_pair(row: &Row, job: &Job) -> Result<(Article, Arc<Article>), String> {
    let max = job.config.limits.max_bytes;
    // A FIFO, device or socket is never opened: a FIFO with no writer
    // would block the whole batch, and a device may never end.
    for (role, shown) in [("candidate", &row.candidate), ("reference", &row.reference)] {
        if let Ok(meta) = std::fs::metadata(resolve(job.base, shown)) {
            if !meta.is_file() && !meta.is_dir() {
                return Err(format!(
                    "{role} {shown}: is {}, not a regular file (a batch reads regular files only)",
                    out::file_kind(&meta)
                ));
            }
        }
    }
    let candidate = Article::read(&resolve(job.base, &row.candidate), max)
        .map_err(|e| input_error("candidate", &row.candidate, e))?;
    let reference = job
        .references
        .read(&resolve(job.base, &row.reference), max)
        .map_err(|e| input_error("reference", &row.reference, e))?;
    Ok((candidate, reference))
}

/// A checked row: its report, its articles, and its findings as a
/// baseline when they are recorded.
type Checked = (Report, Article, Arc<Article>, Option<Baseline>);

fn check_row(row: &Row, job: &Job) -> Result<Checked, String> {
    let (candidate, reference) = read_pair(row, job)?;
    let mut report = crate::check(&candidate, &reference, job.config);
    report.id = Some(row.id.clone());
    report.candidate = row.candidate.clone();
    report.reference = row.reference.clone();
    // Recorded before the baseline hides any, so a new baseline lists them all.
    let recorded = job.record.then(|| {
        let mut b = Baseline::default();
        b.record(&row.id, &report.findings, &candidate);
        b
    });
    if let Some(baseline) = job.baseline {
        baseline.hide(&row.id, &mut report, &candidate, job.config);
    }
    Ok((report, candidate, reference, recorded))
}

/// The three outputs, each written to a temporary file until
/// [`Outputs::commit`]. findings.csv and the JSON Lines stream in manifest
/// order; report.csv's rows (a few hundred bytes each: about 10 MB for
/// 20,000 rows) are held and written worst first at the end.
struct Outputs {
    report: csv::Writer<Sink>,
    rows: Vec<(Triage, Vec<String>)>,
    /// The page folder as seen from report.csv's folder, with `--html-dir`.
    pages: Option<PathBuf>,
    findings: Option<csv::Writer<Sink>>,
    json: Option<BufWriter<Sink>>,
}

fn out_err(path: &Path, e: impl std::fmt::Display) -> BatchError {
    let shown = if path.as_os_str() == "-" {
        "standard output (-)".to_string()
    } else {
        path.display().to_string()
    };
    BatchError::Output(format!("{shown}: cannot write: {e}"))
}

fn csv_file(path: &Path, bom: bool) -> Result<Sink, BatchError> {
    let mut f = Sink::create(path).map_err(|e| out_err(path, e))?;
    if bom {
        f.write_all(csvr::UTF8_BOM).map_err(|e| out_err(path, e))?;
    }
    Ok(f)
}

/// `target` as a path relative to the folder `from` (both existing), for a
/// link from a file in `from`; `target` as given when that cannot be worked out.
fn relative_path(from: &Path, target: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (from.canonicalize(), target.canonicalize()) else {
        return target.to_path_buf();
    };
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    out.extend(&to[common..]);
    out
}

impl Outputs {
    fn create(o: &Options, extra_columns: &[String]) -> Result<Outputs, BatchError> {
        let mut report = csvr::writer(csv_file(&o.output, o.bom)?);
        let header: Vec<String> = csvr::report_columns(o.html_dir.is_some())
            .iter()
            .map(|s| s.to_string())
            .chain(extra_columns.iter().map(|c| csvr::value_cell(c)))
            .collect();
        report
            .write_record(&header)
            .map_err(|e| out_err(&o.output, e))?;
        let findings = match &o.findings {
            Some(p) => {
                let mut w = csvr::writer(csv_file(p, o.bom)?);
                w.write_record(csvr::FINDINGS_COLUMNS)
                    .map_err(|e| out_err(p, e))?;
                Some(w)
            }
            None => None,
        };
        let json = match &o.json {
            Some(p) => Some(BufWriter::new(Sink::create(p).map_err(|e| out_err(p, e))?)),
            None => None,
        };
        let pages = o.html_dir.as_ref().map(|dir| {
            let base = match o.output.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            relative_path(base, dir)
        });
        Ok(Outputs {
            report,
            rows: Vec::new(),
            pages,
            findings,
            json,
        })
    }

    fn write(&mut self, o: &Options, out: &Outcome) -> Result<(), BatchError> {
        let row = &out.row;
        let (triage, record) = match &out.result {
            Ok(r) => (
                Triage::of(r, row.index),
                csvr::report_record(r, row.index + 1),
            ),
            Err(e) => (
                Triage::failed(row.index),
                csvr::error_record(&row.id, row.index + 1, &row.candidate, &row.reference, e),
            ),
        };
        let mut record = match &self.pages {
            Some(dir) => {
                let href = match &out.page {
                    Some(Ok(entry)) => entry.href.as_ref(),
                    _ => None,
                };
                // Forward slashes: the cell is a link as much as a path.
                let page = href.map(|h| {
                    let path = dir.join(h);
                    let parts: Vec<String> = path
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    parts.join("/")
                });
                csvr::with_page(record, page.as_deref())
            }
            None => record,
        };
        record.extend(row.extras.iter().map(|v| csvr::value_cell(v)));
        self.rows.push((triage, record));
        if let (Some(w), Ok(r), Some(p)) = (&mut self.findings, &out.result, &o.findings) {
            for f in csvr::finding_records(r) {
                w.write_record(&f).map_err(|e| out_err(p, e))?;
            }
        }
        if let (Some(w), Some(p)) = (&mut self.json, &o.json) {
            let line = match &out.result {
                Ok(r) => report::json::render_line(r),
                Err(e) => error_json(row, e),
            };
            w.write_all(line.as_bytes()).map_err(|e| out_err(p, e))?;
        }
        Ok(())
    }

    fn commit(mut self, o: &Options) -> Result<(), BatchError> {
        if !o.manifest_order {
            self.rows.sort_by(|a, b| a.0.worst_first(&b.0));
        }
        for (_, record) in &self.rows {
            self.report
                .write_record(record)
                .map_err(|e| out_err(&o.output, e))?;
        }
        let inner = self
            .report
            .into_inner()
            .map_err(|e| out_err(&o.output, e.error()))?;
        if let (Some(w), Some(p)) = (self.findings, &o.findings) {
            w.into_inner()
                .map_err(|e| out_err(p, e.error()))?
                .commit()
                .map_err(|e| out_err(p, e))?;
        }
        if let (Some(w), Some(p)) = (self.json, &o.json) {
            w.into_inner()
                .map_err(|e| out_err(p, e.error()))?
                .commit()
                .map_err(|e| out_err(p, e))?;
        }
        // report.csv last: its presence means the whole run finished.
        inner.commit().map_err(|e| out_err(&o.output, e))
    }
}

/// The JSON Lines object of a row that could not be checked.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    schema: &'a str,
    id: &'a str,
    candidate: &'a str,
    reference: &'a str,
    status: &'a str,
    error: &'a str,
}

fn error_json(row: &Row, error: &str) -> String {
    let line = ErrorLine {
        schema: report::SCHEMA,
        id: &row.id,
        candidate: &row.candidate,
        reference: &row.reference,
        status: "error",
        error,
    };
    let mut s = serde_json::to_string(&line).unwrap_or_default();
    s.push('\n');
    s
}

/// The most worker threads a batch starts: four per core. More only add
/// start-up time and memory (10,000 threads on two rows took 33 s).
pub fn max_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()) * 4
}

/// Checks every output before the run starts ([`crate::output::plan`]):
/// each can be written, none is the manifest or another output, and no
/// row's candidate or reference is one of them (by file identity).
fn check_outputs(
    o: &Options,
    source: &Source,
    range: std::ops::Range<usize>,
) -> Result<(), BatchError> {
    let index = o.html_dir.as_ref().map(|d| d.join("index.html"));
    if let Some(dir) = &o.html_dir {
        if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            return Err(BatchError::Output(format!(
                "{}: --html-dir names a file, not a folder",
                dir.display()
            )));
        }
    }
    let mut outputs: Vec<(&str, &Path)> = vec![("--output", o.output.as_path())];
    outputs.extend(o.findings.as_deref().map(|p| ("--findings", p)));
    outputs.extend(o.json.as_deref().map(|p| ("--json", p)));
    outputs.extend(o.write_baseline.as_deref().map(|p| ("--write-baseline", p)));
    // index.html is checked only when its folder exists (else it is made).
    outputs.extend(
        index
            .as_deref()
            .filter(|p| p.parent().is_some_and(Path::is_dir))
            .map(|p| ("--html-dir's index.html", p)),
    );
    let mut inputs: Vec<(&str, &Path)> = Vec::new();
    if let Input::Manifest(m) = &o.input {
        inputs.push(("manifest", m.as_path()));
    }
    out::plan(&outputs, &inputs).map_err(|e| BatchError::Output(e.to_string()))?;
    // Only an output that exists can be some row's input.
    let existing: Vec<(&str, &Path, out::Identity)> = outputs
        .iter()
        .filter_map(|&(role, p)| out::identity(p).map(|id| (role, p, id)))
        .collect();
    // Article pages can only replace a file when their folder exists.
    let pages_dir = o.html_dir.as_deref().filter(|d| d.is_dir());
    if existing.is_empty() && pages_dir.is_none() {
        return Ok(());
    }
    // With a pages folder: the pages that exist already, and every row's
    // inputs (a page of one row may be the article of another). Both grow
    // with the rows, as the index of the pages does.
    let mut pages: Vec<(PathBuf, out::Identity)> = Vec::new();
    let mut inputs: HashMap<out::Identity, String> = HashMap::new();
    if pages_dir.is_some() {
        if let Input::Manifest(m) = &o.input {
            if let Some(id) = out::identity(m) {
                inputs.insert(id, format!("the manifest ({})", m.display()));
            }
        }
        for (option, p, id) in &existing {
            inputs.insert(id.clone(), format!("{option} ({})", p.display()));
        }
    }
    for row in source.rows(range)? {
        let row = row?;
        if let (Some(dir), None) = (pages_dir, &row.problem) {
            let page = dir.join(html::page_file_name(row.index, &row.id));
            if let Some(id) = out::identity(&page) {
                pages.push((page, id));
            }
        }
        for (role, shown) in [("candidate", &row.candidate), ("reference", &row.reference)] {
            if shown.is_empty() {
                continue;
            }
            let Some(id) = out::identity(&resolve(source.base(), shown)) else {
                continue;
            };
            if let Some((option, p, _)) = existing.iter().find(|(_, _, i)| *i == id) {
                return Err(BatchError::Output(format!(
                    "{}: {option} is the same file as the {role} of row {} ({shown}); refusing to overwrite an input",
                    p.display(),
                    out::printable(&row.id)
                )));
            }
            if pages_dir.is_some() {
                inputs.entry(id).or_insert_with(|| {
                    format!("the {role} of row {} ({shown})", out::printable(&row.id))
                });
            }
        }
    }
    for (page, id) in &pages {
        if let Some(what) = inputs.get(id) {
            return Err(BatchError::Output(format!(
                "{}: an article page of --html-dir is the same file as {what}; refusing to overwrite it",
                page.display(),
            )));
        }
    }
    Ok(())
}

/// Rows checked at once per worker thread: enough to keep every thread busy
/// past an occasional slow article, few enough that memory stays flat.
const ROWS_PER_THREAD: usize = 16;

/// Runs a batch and writes its outputs; returns the summary (whose
/// [`Summary::exit_code`] is the command's exit code).
pub fn run(o: &Options, config: &Config) -> Result<Summary, BatchError> {
    let source = match &o.input {
        Input::Manifest(p) => Source::Manifest(source::Manifest::open(p, config.limits.max_bytes)?),
        Input::Dirs {
            candidates,
            references,
        } => source::pair_dirs(candidates, references)?,
    };
    if source.is_empty() {
        let what = match &o.input {
            Input::Manifest(p) => format!("{}: the manifest has no rows", p.display()),
            Input::Dirs { candidates, .. } => {
                format!("{}: no files to check", candidates.display())
            }
        };
        return Err(BatchError::Manifest(what));
    }
    let range = match o.shard {
        Some(s) => s.range(source.len()),
        None => 0..source.len(),
    };
    check_outputs(o, &source, range.clone())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(o.jobs.min(max_jobs()))
        .build()
        .map_err(|e| BatchError::Setup(format!("cannot start worker threads: {e}")))?;
    let window = (pool.current_num_threads() * ROWS_PER_THREAD).max(ROWS_PER_THREAD);
    let bar = progress_bar(o.progress, range.len());
    if let Some(dir) = &o.html_dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            BatchError::Output(format!("{}: cannot create the folder: {e}", dir.display()))
        })?;
    }
    let mut outputs = Outputs::create(o, source.extra_columns())?;
    // With --consensus, every outcome waits here for the review.
    let mut held: Vec<Outcome> = Vec::new();
    // One small entry per row (ids, paths, score, counts), for index.html.
    let mut index: Vec<IndexEntry> = Vec::new();
    let mut summary = Summary::default();
    let base = source.base().to_path_buf();
    let references = ReferenceCache::default();
    let baseline = match &o.baseline {
        Some(path) => Some(
            Baseline::load(path, config.limits.max_bytes)
                .map_err(|e| BatchError::Setup(e.to_string()))?,
        ),
        None => None,
    };
    let mut recorded = Baseline::default();
    // With --consensus, pages wait for the review (`page_after_review`).
    let job = Job {
        base: &base,
        config,
        html_dir: o.html_dir.as_deref().filter(|_| !o.consensus),
        references: &references,
        fingerprints: o.consensus && o.html_dir.is_some(),
        baseline: baseline.as_ref(),
        record: o.write_baseline.is_some(),
    };
    let mut pending: Vec<Row> = Vec::with_capacity(window);
    let mut rows = source.rows(range)?;
    loop {
        pending.clear();
        for r in rows.by_ref().take(window) {
            pending.push(r?);
        }
        if pending.is_empty() {
            break;
        }
        let done: Vec<Outcome> = pool.install(|| {
            pending
                .par_drain(..)
                .map(|row| {
                    let out = process(row, &job);
                    bar.inc(1);
                    out
                })
                .collect()
        });
        if o.consensus {
            held.extend(done);
            continue;
        }
        for mut out in done {
            recorded.merge(out.recorded.take().unwrap_or_default());
            outputs.write(o, &out)?;
            summary.add(&out, o);
            if let Some(page) = out.page {
                index.push(page.map_err(BatchError::Output)?);
            }
        }
    }
    if o.consensus {
        let mut reports: Vec<&mut Report> = held
            .iter_mut()
            .filter_map(|out| out.result.as_mut().ok())
            .collect();
        crate::consensus::review(&mut reports, config);
        if let Some(dir) = &o.html_dir {
            // Every page is attempted; the first failure in row order stops
            // the batch, as a failed page does without --consensus.
            let pages: Vec<Result<IndexEntry, String>> = pool.install(|| {
                held.par_iter()
                    .map(|out| page_after_review(dir, out, &job))
                    .collect()
            });
            for page in pages {
                index.push(page.map_err(BatchError::Output)?);
            }
        }
        for mut out in held {
            recorded.merge(out.recorded.take().unwrap_or_default());
            outputs.write(o, &out)?;
            summary.add(&out, o);
        }
    }
    // Kept (full) while the consensus review's pages are written.
    bar.finish_and_clear();
    if let Some(dir) = &o.html_dir {
        html::write_index(dir, &index).map_err(|e| out_err(&dir.join("index.html"), e))?;
    }
    outputs.commit(o)?;
    // After the reports: a run that could not write them leaves an earlier
    // baseline as it was.
    if let Some(path) = &o.write_baseline {
        recorded
            .write(path)
            .map_err(|e| BatchError::Output(e.to_string()))?;
    }
    Ok(summary)
}

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} articles  {rate}  ETA {eta}")
    {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", state.per_sec());
            },
        ));
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parsing() {
        assert_eq!("2/5".parse(), Ok(Shard { index: 2, count: 5 }));
        assert_eq!(" 1 / 1 ".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/3", "4/3", "1/0", "1", "a/b", "1/2/3", "-1/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_are_contiguous_and_cover_every_row_once() {
        for rows in [0, 1, 2, 7, 10, 325, 1001] {
            for count in [1, 2, 3, 4, 7, 16] {
                let mut next = 0;
                for index in 1..=count {
                    let r = Shard { index, count }.range(rows);
                    assert_eq!(r.start, next, "rows {rows} shard {index}/{count}");
                    assert!(r.len() <= rows / count + 1);
                    next = r.end;
                }
                assert_eq!(next, rows);
            }
        }
    }

    /// A page written after the consensus review reads the articles again,
    /// and only writes the page if they still hold what was checked.
    #[test]
    fn page_after_review_needs_the_texts_that_were_checked() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "c.txt",
            "The summit opened on Monday. Leaders met for four days.",
        );
        write(
            "r.txt",
            "The summit opened on Monday. The leaders met for four days.",
        );
        let config = Config::default();
        let references = ReferenceCache::default();
        let job = Job {
            base: dir.path(),
            config: &config,
            html_dir: None,
            references: &references,
            fingerprints: true,
            baseline: None,
            record: false,
        };
        let row = |index: usize| Row {
            index,
            id: format!("row{index}"),
            candidate: "c.txt".into(),
            reference: "r.txt".into(),
            extras: Vec::new(),
            problem: None,
        };
        let pages = dir.path().join("pages");
        std::fs::create_dir(&pages).unwrap();

        let checked = process(row(0), &job);
        assert!(checked.texts.is_some() && checked.page.is_none());
        let entry = page_after_review(&pages, &checked, &job).unwrap();
        assert!(entry.error.is_none(), "{:?}", entry.error);
        let href = entry.href.unwrap();
        assert!(pages.join(&href).is_file(), "{href}");

        let checked = process(row(1), &job);
        write("c.txt", "Something else entirely.");
        let entry = page_after_review(&pages, &checked, &job).unwrap();
        assert!(entry.error.unwrap().contains("changed"));
        assert!(entry.href.is_none());

        // A pipe is not read twice (opening it again would wait forever).
        let mut piped = checked;
        piped.row.candidate = "pipe".into();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe"))
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let entry = page_after_review(&pages, &piped, &job).unwrap();
            assert!(entry.error.unwrap().contains("not a regular file"));
        }

        std::fs::remove_file(dir.path().join("c.txt")).unwrap();
        piped.row.candidate = "c.txt".into();
        let entry = page_after_review(&pages, &piped, &job).unwrap();
        let error = entry.error.unwrap();
        assert!(
            error.contains("candidate c.txt") && !error.contains("regular"),
            "{error}"
        );
    }

    fn scored(rows: &[(&str, Option<f64>)]) -> Summary {
        let rules = crate::verdict::VerdictConfig {
            human_floor_parallel: 60.0,
            ..Default::default()
        };
        let mut s = Summary::default();
        for (i, (id, score)) in rows.iter().enumerate() {
            let row = Row {
                index: i,
                id: id.to_string(),
                candidate: String::new(),
                reference: String::new(),
                extras: Vec::new(),
                problem: None,
            };
            let report = score.map(|sc| {
                let a = Article::from_text("c", "text");
                let mut r = crate::check(&a, &a, &Config::default());
                r.score = sc;
                r.verdict =
                    crate::verdict::decide(&[], 1, sc, crate::align::Mode::Parallel, &rules)
                        .verdict;
                r
            });
            s.add_with(&row, report.as_ref(), Some(50.0), None);
        }
        s
    }

    #[test]
    fn summary_keeps_five_worst_with_ties_in_order() {
        let s = scored(&[
            ("a", Some(90.0)),
            ("b", Some(10.0)),
            ("c", None),
            ("d", Some(10.0)),
            ("e", Some(70.0)),
            ("f", Some(100.0)),
            ("g", Some(5.0)),
            ("h", Some(95.0)),
            ("i", Some(100.0)),
        ]);
        // Only articles that are not clean (below the floor of 60 here),
        // worst first: the same verdict and counts, so by score.
        let ids: Vec<&str> = s.worst.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, ["g", "b", "d"]);
        assert_eq!((s.rows, s.errors), (9, 1));
        assert_eq!((s.clean, s.review, s.likely_mt), (5, 3, 0));
        assert_eq!(s.below, 3);
        assert!(
            s.line()
                .contains("worst: g (review, 5.0), b (review, 10.0)"),
            "{}",
            s.line()
        );
    }

    #[test]
    fn exit_code_precedence() {
        assert_eq!(scored(&[("a", Some(100.0))]).exit_code(), 0);
        assert_eq!(scored(&[("a", Some(10.0))]).exit_code(), 1);
        assert_eq!(scored(&[("a", Some(10.0)), ("b", None)]).exit_code(), 3);
        assert_eq!(scored(&[("a", None), ("b", None)]).exit_code(), 2);
        assert_eq!(Summary::default().exit_code(), 0);
    }
}
