//! Evaluation against human MQM annotations (WMT23 zh→en, `../shared/data/wmt23-zhen`).
//!
//! Runs every article of the manifest through [`mtcheck::check`], then measures
//! how the article score agrees with the raters' penalty (Kendall τ-b, Pearson
//! r, mean within-document τ), next to chrF and BLEU computed in the same run,
//! and how the findings land on the spans the raters marked (span precision per
//! kind, span recall per targeted rater category). See `docs/EVALUATION.md`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use mtcheck::config::Config;
use mtcheck::finding::{Finding, Kind};
use mtcheck::score::ScoreConfig;
use mtcheck::text::Article;

pub mod cv;
pub mod triage;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {message}")]
    Data { path: String, message: String },
}

fn data_err(path: &Path, message: impl std::fmt::Display) -> EvalError {
    EvalError::Data {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}

/// One manifest row after checking.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleResult {
    pub id: String,
    pub doc: String,
    pub system: String,
    pub words: usize,
    pub mqm_per_100_words: f64,
    pub score: f64,
    /// The verdict at `score` ([`mtcheck::verdict::decide`]).
    pub verdict: mtcheck::Verdict,
    pub chrf: f64,
    /// Mean chrF of the aligned sentence pairs (see [`mtcheck::score::mean_pair_chrf`]).
    pub sentence_chrf: Option<f64>,
    pub bleu: f64,
    /// Mean document chrF of this candidate against each other candidate of
    /// the same document (the other systems' translations as
    /// pseudo-references); `None` when the document has no other candidate.
    /// A probe reported beside chrF by the cross-validation, not part of the
    /// score ([`other_candidates_chrf`]).
    pub other_candidates_chrf: Option<f64>,
    /// Whether the aligner judged the pair parallel (the adequacy term applies).
    pub parallel: bool,
    #[serde(skip)]
    pub findings: Vec<Finding>,
    /// Line number (1-based) in the article → MQM segment id.
    #[serde(skip)]
    pub seg_of_line: HashMap<usize, u32>,
    /// Each line's text, to turn byte spans into character offsets.
    #[serde(skip)]
    pub lines: Vec<String>,
}

/// A rater's span: character offsets into one segment's target text.
#[derive(Debug, Clone)]
pub struct RatedSpan {
    pub category: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Agreement of one metric with the human penalty.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct Agreement {
    pub kendall: f64,
    pub pearson: f64,
    pub within_doc_kendall: f64,
    pub articles: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindPrecision {
    pub kind: String,
    /// All findings of the kind.
    pub findings: usize,
    /// Those with a candidate span (or, for a point such as `number-missing`,
    /// a position) on a rated segment: the precision's base. A point counts
    /// as on a rated span when its line has one.
    pub scored: usize,
    pub on_rated_span: usize,
    pub precision: Option<f64>,
    /// The precision a span of the same length placed at random on the same
    /// line would have (the mean over scored findings of the share of
    /// positions where it would touch a rated span): a kind is worth its
    /// findings only above this.
    pub random_baseline: Option<f64>,
}

/// The share of the positions of a `width`-character window on a line of
/// `line_len` characters that overlap at least one of `spans` (character
/// ranges, end exclusive). Linear in the line: a prefix sum of the covered
/// characters answers each window in O(1).
pub fn random_hit_share(line_len: usize, width: usize, spans: &[(usize, usize)]) -> f64 {
    let width = width.clamp(1, line_len.max(1));
    if line_len == 0 {
        return 0.0;
    }
    let mut covered = vec![0usize; line_len + 1];
    for &(s, e) in spans {
        for c in covered.iter_mut().take(e.max(s + 1).min(line_len)).skip(s) {
            *c = 1;
        }
    }
    // prefix[i] = covered characters before i.
    let mut prefix = Vec::with_capacity(line_len + 1);
    let mut sum = 0;
    prefix.push(0);
    for &c in &covered[..line_len] {
        sum += c;
        prefix.push(sum);
    }
    let positions = line_len - width + 1;
    let hits = (0..positions)
        .filter(|&p| prefix[p + width] > prefix[p])
        .count();
    hits as f64 / positions as f64
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryRecall {
    pub category: String,
    pub rated_spans: usize,
    pub flagged: usize,
    pub recall: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Split {
    pub name: String,
    pub score: Agreement,
    pub chrf: Agreement,
    pub bleu: Agreement,
}

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub id: String,
    pub score: f64,
    pub mqm_per_100_words: f64,
    pub score_rank: usize,
    pub mqm_rank: usize,
    pub top_kinds: String,
}

/// Everything the evaluation measured.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub articles: usize,
    pub calibration_docs: usize,
    pub held_out_docs: usize,
    pub splits: Vec<Split>,
    pub precision: Vec<KindPrecision>,
    pub recall: Vec<CategoryRecall>,
    pub disagreements: Vec<Disagreement>,
    pub verdicts: Vec<VerdictCount>,
    pub seconds: f64,
}

/// How many articles got a verdict, and the human penalty they carry.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictCount {
    pub verdict: mtcheck::Verdict,
    pub articles: usize,
    pub held_out: usize,
    /// Median and mean MQM points per 100 words of those articles.
    pub median_mqm: Option<f64>,
    pub mean_mqm: Option<f64>,
}

fn verdict_counts(results: &[ArticleResult], held: &HashSet<String>) -> Vec<VerdictCount> {
    mtcheck::Verdict::ALL
        .iter()
        .map(|&v| {
            let mut mqm: Vec<f64> = results
                .iter()
                .filter(|r| r.verdict == v)
                .map(|r| r.mqm_per_100_words)
                .collect();
            mqm.sort_by(f64::total_cmp);
            let n = mqm.len();
            let median = (n > 0).then(|| {
                if n % 2 == 1 {
                    mqm[n / 2]
                } else {
                    (mqm[n / 2 - 1] + mqm[n / 2]) / 2.0
                }
            });
            VerdictCount {
                verdict: v,
                articles: n,
                held_out: results
                    .iter()
                    .filter(|r| r.verdict == v && held.contains(&r.doc))
                    .count(),
                median_mqm: median,
                mean_mqm: (n > 0).then(|| mqm.iter().sum::<f64>() / n as f64),
            }
        })
        .collect()
}

/// Loaded evaluation data: checked articles and the raters' spans.
pub struct Dataset {
    pub results: Vec<ArticleResult>,
    /// (system, doc, segment id) → rated spans.
    pub spans: HashMap<(String, String, u32), Vec<RatedSpan>>,
    /// The verdict rules the articles were checked with ([`rescore`] keeps them).
    pub verdict_rules: mtcheck::verdict::VerdictConfig,
    pub seconds: f64,
}

/// One rated segment: test-set line, MQM segment id, target text.
type SegmentLine = (u64, u32, String);

/// Options for a run.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// Only the first N manifest rows (for a quick smoke run).
    pub limit: Option<usize>,
    /// Apply the cross-candidate consensus review ([`mtcheck::consensus`]), as
    /// `mtcheck batch --consensus` does: the WMT manifest has ten systems
    /// per reference.
    pub consensus: bool,
    /// Further manifests under the data folder read after `manifest.csv`
    /// (same columns), e.g. wmt22-zhen's `manifest-refA-vs-refB.csv`.
    pub extra_manifests: Vec<String>,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            limit: None,
            consensus: true,
            extra_manifests: Vec::new(),
        }
    }
}

/// One manifest row with a rated MQM figure.
struct Row {
    id: String,
    candidate: PathBuf,
    reference: PathBuf,
    doc: String,
    system: String,
    mqm: f64,
}

/// Appends the rows of `manifest` (paths relative to its folder) to `rows`,
/// stopping when `rows` holds `limit`.
fn read_manifest(
    manifest: &Path,
    limit: Option<usize>,
    rows: &mut Vec<Row>,
) -> Result<(), EvalError> {
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let mut rdr = csv::Reader::from_path(manifest).map_err(|e| data_err(manifest, e))?;
    let headers = rdr.headers().map_err(|e| data_err(manifest, e))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| data_err(manifest, format!("no `{name}` column")))
    };
    let (c_id, c_cand, c_ref, c_doc, c_sys, c_mqm) = (
        col("id")?,
        col("candidate")?,
        col("reference")?,
        col("doc")?,
        col("system")?,
        col("mqm_per_100_words")?,
    );
    for (i, rec) in rdr.records().enumerate() {
        if limit.is_some_and(|n| rows.len() >= n) {
            break;
        }
        let rec = rec.map_err(|e| data_err(manifest, e))?;
        let get = |c: usize| rec.get(c).unwrap_or("").to_string();
        let mqm = get(c_mqm)
            .parse::<f64>()
            .map_err(|e| data_err(manifest, format!("row {}: mqm_per_100_words: {e}", i + 2)))?;
        rows.push(Row {
            id: get(c_id),
            candidate: dir.join(get(c_cand)),
            reference: dir.join(get(c_ref)),
            doc: get(c_doc),
            system: get(c_sys),
            mqm,
        });
    }
    Ok(())
}

/// Reads the manifest, segments and spans under `dir` and checks every article.
pub fn load(dir: &Path, config: &Config, options: &EvalOptions) -> Result<Dataset, EvalError> {
    let started = std::time::Instant::now();
    let mut rows = Vec::new();
    let names =
        std::iter::once("manifest.csv").chain(options.extra_manifests.iter().map(String::as_str));
    for name in names {
        read_manifest(&dir.join(name), options.limit, &mut rows)?;
    }

    // Segment ids by (doc, system) in line order: article line k is the k-th segment.
    let segments = dir.join("segments.tsv");
    let mut seg_rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(&segments)
        .map_err(|e| data_err(&segments, e))?;
    let mut segs: HashMap<(String, String), Vec<SegmentLine>> = HashMap::new();
    for rec in seg_rdr.records() {
        let rec = rec.map_err(|e| data_err(&segments, e))?;
        let (Some(doc), Some(sys), Some(line), Some(seg), Some(target)) =
            (rec.get(0), rec.get(1), rec.get(2), rec.get(3), rec.get(5))
        else {
            continue;
        };
        let (Ok(line), Ok(seg)) = (line.parse::<u64>(), seg.parse::<u32>()) else {
            continue;
        };
        segs.entry((doc.to_string(), sys.to_string()))
            .or_default()
            .push((line, seg, target.to_string()));
    }
    for v in segs.values_mut() {
        v.sort_by_key(|s| s.0);
    }

    let spans_path = dir.join("spans.tsv");
    let mut span_rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(&spans_path)
        .map_err(|e| data_err(&spans_path, e))?;
    let mut spans: HashMap<(String, String, u32), Vec<RatedSpan>> = HashMap::new();
    for rec in span_rdr.records() {
        let rec = rec.map_err(|e| data_err(&spans_path, e))?;
        let n = rec.len();
        if n < 9 {
            continue;
        }
        let (Some(sys), Some(doc), Some(seg), Some(cat), Some(text), Some(s), Some(e)) = (
            rec.get(0),
            rec.get(1),
            rec.get(2),
            rec.get(4),
            rec.get(6),
            rec.get(n - 2),
            rec.get(n - 1),
        ) else {
            continue;
        };
        let (Ok(seg), Ok(start), Ok(end)) = (seg.parse(), s.parse(), e.parse()) else {
            continue;
        };
        spans
            .entry((sys.to_string(), doc.to_string(), seg))
            .or_default()
            .push(RatedSpan {
                category: cat.to_string(),
                start,
                end,
                text: text.to_string(),
            });
    }

    let mut checked: Vec<(&Row, mtcheck::Report, Vec<String>, String)> = rows
        .par_iter()
        .filter_map(|row| {
            let cand = Article::read(&row.candidate, config.limits.max_bytes).ok()?;
            let refr = Article::read(&row.reference, config.limits.max_bytes).ok()?;
            let report = mtcheck::check(&cand, &refr, config);
            let lines: Vec<String> = (1..=cand.line_count())
                .map(|l| {
                    let (s, e) = cand.line_span(l);
                    cand.text[s..e].to_string()
                })
                .collect();
            Some((row, report, lines, cand.joined_lines()))
        })
        .collect();
    if options.consensus {
        let mut reports: Vec<&mut mtcheck::Report> =
            checked.iter_mut().map(|(_, report, _, _)| report).collect();
        mtcheck::consensus::review(&mut reports, config);
    }
    let docs_and_texts: Vec<(&str, &str)> = checked
        .iter()
        .map(|(row, .., text)| (row.doc.as_str(), text.as_str()))
        .collect();
    let others = other_candidates_chrf(&docs_and_texts);
    let results: Vec<ArticleResult> = checked
        .into_iter()
        .zip(others)
        .map(|((row, report, lines, _), other_candidates_chrf)| {
            let mut seg_of_line = HashMap::new();
            if let Some(list) = segs.get(&(row.doc.clone(), row.system.clone())) {
                for (k, (_, seg, target)) in list.iter().enumerate() {
                    if lines.get(k).is_some_and(|l| l.trim() == target.trim()) {
                        seg_of_line.insert(k + 1, *seg);
                    }
                }
            }
            ArticleResult {
                id: row.id.clone(),
                doc: row.doc.clone(),
                system: row.system.clone(),
                words: report.words,
                mqm_per_100_words: row.mqm,
                score: report.score,
                verdict: report.verdict,
                chrf: report.metrics.chrf,
                sentence_chrf: report.metrics.sentence_chrf,
                bleu: report.metrics.bleu,
                other_candidates_chrf,
                parallel: report.mode == mtcheck::align::Mode::Parallel,
                findings: report.findings,
                seg_of_line,
                lines,
            }
        })
        .collect();
    Ok(Dataset {
        results,
        spans,
        verdict_rules: config.verdict.clone(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// For each `(document, candidate text)`, the mean document chrF
/// (sacrebleu's, as in the report) against every other candidate of the same
/// document; `None` when there is none.
///
/// This is the pseudo-reference signal of quality estimation (several
/// systems that agree are more likely right); the cross-validation reports
/// it beside chrF to show what a batch of several translations of one
/// source could add to the rank, which no single pair can see.
pub fn other_candidates_chrf(candidates: &[(&str, &str)]) -> Vec<Option<f64>> {
    use mtcheck::metrics::Chrf;
    let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (doc, _)) in candidates.iter().enumerate() {
        by_doc.entry(doc).or_default().push(i);
    }
    let refs: Vec<_> = candidates
        .par_iter()
        .map(|(_, text)| Chrf::CHRF.reference(text))
        .collect();
    candidates
        .par_iter()
        .enumerate()
        .map(|(i, (doc, text))| {
            let scores: Vec<f64> = by_doc
                .get(doc)
                .into_iter()
                .flatten()
                .filter(|&&j| j != i)
                .map(|&j| refs[j].score(text).score)
                .collect();
            (!scores.is_empty()).then(|| cv::mean_sd(&scores).0)
        })
        .collect()
}

/// Kendall τ-b between `x` and `y` (ties handled); 0 when undefined.
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let (mut concordant, mut discordant, mut tie_x, mut tie_y) = (0f64, 0f64, 0f64, 0f64);
    for i in 0..n {
        for j in i + 1..n {
            let dx = x[i] - x[j];
            let dy = y[i] - y[j];
            if dx == 0.0 && dy == 0.0 {
                continue;
            } else if dx == 0.0 {
                tie_x += 1.0;
            } else if dy == 0.0 {
                tie_y += 1.0;
            } else if (dx > 0.0) == (dy > 0.0) {
                concordant += 1.0;
            } else {
                discordant += 1.0;
            }
        }
    }
    let denom = ((concordant + discordant + tie_x) * (concordant + discordant + tie_y)).sqrt();
    if denom == 0.0 {
        0.0
    } else {
        (concordant - discordant) / denom
    }
}

/// Pearson correlation; 0 when undefined.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return 0.0;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (a, b) = (x[i] - mx, y[i] - my);
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Agreement of `metric` (higher = better) with −MQM over `results`.
pub fn agreement(results: &[&ArticleResult], metric: impl Fn(&ArticleResult) -> f64) -> Agreement {
    let x: Vec<f64> = results.iter().map(|r| metric(r)).collect();
    let y: Vec<f64> = results.iter().map(|r| -r.mqm_per_100_words).collect();
    let mut by_doc: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        by_doc.entry(r.doc.as_str()).or_default().push(i);
    }
    let mut taus = Vec::new();
    for idx in by_doc.values() {
        if idx.len() < 2 {
            continue;
        }
        let xs: Vec<f64> = idx.iter().map(|&i| x[i]).collect();
        let ys: Vec<f64> = idx.iter().map(|&i| y[i]).collect();
        taus.push(kendall_tau_b(&xs, &ys));
    }
    Agreement {
        kendall: kendall_tau_b(&x, &y),
        pearson: pearson(&x, &y),
        within_doc_kendall: if taus.is_empty() {
            0.0
        } else {
            taus.iter().sum::<f64>() / taus.len() as f64
        },
        articles: results.len(),
    }
}

/// Splits documents by name: the first two thirds calibrate, the rest are held out.
pub fn split_docs(results: &[ArticleResult]) -> (HashSet<String>, HashSet<String>) {
    let mut docs: Vec<&str> = results.iter().map(|r| r.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let cut = (docs.len() * 2).div_ceil(3);
    let calib = docs[..cut].iter().map(|s| s.to_string()).collect();
    let held = docs[cut..].iter().map(|s| s.to_string()).collect();
    (calib, held)
}

/// Character range of a finding within its line (None for empty spans).
fn finding_chars(f: &Finding, result: &ArticleResult) -> Option<(usize, usize)> {
    if f.start == f.end {
        return None;
    }
    let line = result.lines.get(f.line.checked_sub(1)?)?;
    let start = f.column - 1;
    // A finding may run past its line (a repeat across a line break): clip it.
    let len = f
        .text
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .count();
    let line_len = line.chars().count();
    Some((start.min(line_len), (start + len).min(line_len)))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Rater categories whose spans we aim to find, and the test for each.
pub const TARGET_CATEGORIES: &[&str] = &[
    "Fluency/Spelling",
    "Accuracy/Source language fragment",
    "Non-translation!",
    "Locale convention/Date format",
    "Accuracy/Mistranslation (number or date)",
];

fn mentions_number_or_date(text: &str) -> bool {
    use mtcheck::checks::numbers::words;
    text.chars().any(|c| c.is_ascii_digit())
        || text
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .any(|w| {
                // "May" alone is too often the verb to count.
                (w != "may" && words::month(&w).is_some())
                    || words::weekday(&w).is_some()
                    || words::scale(&w).is_some()
                    || w == "percent"
            })
}

fn target_category(span: &RatedSpan) -> Option<&'static str> {
    match span.category.as_str() {
        "Accuracy/Mistranslation" if mentions_number_or_date(&span.text) => {
            Some("Accuracy/Mistranslation (number or date)")
        }
        c => TARGET_CATEGORIES.iter().copied().find(|t| *t == c),
    }
}

/// The precision row of `quote-mismatch` findings on one changed word
/// (those with a suggestion: the reference's word).
const QUOTE_ONE_WORD: &str = "quote-mismatch, one word";

/// The precision table rows a finding counts in: its kind's, and for a
/// one-word quote drift also [`QUOTE_ONE_WORD`].
fn precision_rows(f: &Finding) -> [Option<&'static str>; 2] {
    let one_word = f.kind == Kind::QuoteMismatch && f.suggestion.is_some();
    [Some(f.kind.as_str()), one_word.then_some(QUOTE_ONE_WORD)]
}

/// Span precision per finding kind and span recall per targeted category.
pub fn span_figures(
    data: &Dataset,
    results: &[&ArticleResult],
) -> (Vec<KindPrecision>, Vec<CategoryRecall>) {
    let mut prec: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut chance: BTreeMap<&str, f64> = BTreeMap::new();
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rec: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let empty = Vec::new();
    for r in results {
        let spans_of = |line: usize| -> &Vec<RatedSpan> {
            r.seg_of_line
                .get(&line)
                .and_then(|seg| data.spans.get(&(r.system.clone(), r.doc.clone(), *seg)))
                .unwrap_or(&empty)
        };
        for f in &r.findings {
            let rows = precision_rows(f);
            for row in rows.iter().flatten() {
                *all.entry(row).or_default() += 1;
            }
            if !r.seg_of_line.contains_key(&f.line) {
                continue;
            }
            let Some(range) = finding_chars(f, r) else {
                // A point (a figure the candidate omits, placed at the
                // sentence that drops it): on a rated span when its line has
                // one; at random, the share of this article's rated lines
                // that have one.
                if f.start == f.end {
                    let hit = !spans_of(f.line).is_empty();
                    let lines = r.seg_of_line.len().max(1) as f64;
                    let with_spans = r
                        .seg_of_line
                        .keys()
                        .filter(|&&l| !spans_of(l).is_empty())
                        .count();
                    for row in rows.iter().flatten() {
                        let e = prec.entry(row).or_default();
                        e.0 += 1;
                        e.1 += usize::from(hit);
                        *chance.entry(row).or_default() += with_spans as f64 / lines;
                    }
                }
                continue;
            };
            let rated: Vec<(usize, usize)> = spans_of(f.line)
                .iter()
                .map(|s| (s.start, s.end.max(s.start + 1)))
                .collect();
            let hit = rated.iter().any(|&s| overlaps(range, s));
            let line_len = f
                .line
                .checked_sub(1)
                .and_then(|i| r.lines.get(i))
                .map_or(0, |l| l.chars().count());
            let at_random = random_hit_share(line_len, range.1 - range.0, &rated);
            for row in rows.iter().flatten() {
                let e = prec.entry(row).or_default();
                e.0 += 1;
                e.1 += usize::from(hit);
                *chance.entry(row).or_default() += at_random;
            }
        }
        for (&line, &seg) in &r.seg_of_line {
            let Some(list) = data.spans.get(&(r.system.clone(), r.doc.clone(), seg)) else {
                continue;
            };
            let mut seen = HashSet::new();
            for s in list {
                let Some(cat) = target_category(s) else {
                    continue;
                };
                if !seen.insert((cat, s.start, s.end)) {
                    continue;
                }
                let e = rec.entry(cat).or_default();
                e.0 += 1;
                let hit = r.findings.iter().any(|f| {
                    f.line == line
                        && finding_chars(f, r)
                            .is_some_and(|fr| overlaps(fr, (s.start, s.end.max(s.start + 1))))
                });
                if hit {
                    e.1 += 1;
                }
            }
        }
    }
    let precision = Kind::ALL
        .iter()
        .flat_map(|k| {
            let one_word = (*k == Kind::QuoteMismatch).then_some(QUOTE_ONE_WORD);
            std::iter::once(k.as_str()).chain(one_word)
        })
        .map(|k| {
            let (n, hit) = prec.get(k).copied().unwrap_or((0, 0));
            KindPrecision {
                kind: k.to_string(),
                findings: all.get(k).copied().unwrap_or(0),
                scored: n,
                on_rated_span: hit,
                precision: (n > 0).then(|| hit as f64 / n as f64),
                random_baseline: (n > 0).then(|| chance.get(k).copied().unwrap_or(0.0) / n as f64),
            }
        })
        .collect();
    let recall = TARGET_CATEGORIES
        .iter()
        .map(|c| {
            let (n, hit) = rec.get(c).copied().unwrap_or((0, 0));
            CategoryRecall {
                category: c.to_string(),
                rated_spans: n,
                flagged: hit,
                recall: (n > 0).then(|| hit as f64 / n as f64),
            }
        })
        .collect();
    (precision, recall)
}

/// Re-scores every article with other score settings (findings stay the same).
pub fn rescore(data: &mut Dataset, score: &ScoreConfig) {
    let rules = data.verdict_rules.clone();
    for r in &mut data.results {
        let chrf = r
            .parallel
            .then(|| score.adequacy_chrf(r.chrf, r.sentence_chrf));
        r.score = score.article_score(&r.findings, r.words, chrf);
        let mode = if r.parallel {
            mtcheck::align::Mode::Parallel
        } else {
            mtcheck::align::Mode::Comparable
        };
        r.verdict = mtcheck::verdict::decide(&r.findings, r.words, r.score, mode, &rules).verdict;
    }
}

/// All figures for a loaded dataset.
pub fn evaluate(data: &Dataset) -> Evaluation {
    let (calib, held) = split_docs(&data.results);
    let all: Vec<&ArticleResult> = data.results.iter().collect();
    let part = |set: &HashSet<String>| -> Vec<&ArticleResult> {
        data.results
            .iter()
            .filter(|r| set.contains(&r.doc))
            .collect()
    };
    let splits = [
        ("all", all.clone()),
        ("calibration", part(&calib)),
        ("held-out", part(&held)),
    ]
    .into_iter()
    .map(|(name, rs)| Split {
        name: name.to_string(),
        score: agreement(&rs, |r| r.score),
        chrf: agreement(&rs, |r| r.chrf),
        bleu: agreement(&rs, |r| r.bleu),
    })
    .collect();
    let (precision, recall) = span_figures(data, &all);
    Evaluation {
        articles: data.results.len(),
        calibration_docs: calib.len(),
        held_out_docs: held.len(),
        splits,
        precision,
        recall,
        disagreements: disagreements(&all, 10),
        verdicts: verdict_counts(&data.results, &held),
        seconds: data.seconds,
    }
}

/// One line per finding of `kind`: article, line, the flagged text, whether it
/// lands on a rated span, the message, and the raters' spans on that segment
/// (for studying hits and misses: `--list KIND` in the example).
pub fn list_findings(data: &Dataset, kind: Kind) -> String {
    let mut out = String::new();
    let empty = Vec::new();
    for r in &data.results {
        for f in r.findings.iter().filter(|f| f.kind == kind) {
            let spans = r
                .seg_of_line
                .get(&f.line)
                .and_then(|seg| data.spans.get(&(r.system.clone(), r.doc.clone(), *seg)))
                .unwrap_or(&empty);
            let hit = finding_chars(f, r).is_some_and(|range| {
                spans
                    .iter()
                    .any(|s| overlaps(range, (s.start, s.end.max(s.start + 1))))
            });
            let rated = spans
                .iter()
                .map(|s| format!("{} \"{}\"", s.category, s.text))
                .collect::<Vec<_>>()
                .join("; ");
            let _ = writeln!(
                out,
                "{}\t{}:{}\t{}\t{}\t{}\trated: {}",
                if hit { "HIT" } else { "MISS" },
                r.id,
                f.line,
                f.text,
                f.message,
                r.lines
                    .get(f.line.wrapping_sub(1))
                    .map_or("", |l| l.as_str()),
                rated
            );
        }
    }
    out
}

fn ranks(values: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    let mut rank = vec![0; values.len()];
    for (r, i) in idx.into_iter().enumerate() {
        rank[i] = r + 1;
    }
    rank
}

fn disagreements(results: &[&ArticleResult], n: usize) -> Vec<Disagreement> {
    let score_rank = ranks(&results.iter().map(|r| r.score).collect::<Vec<_>>());
    let mqm_rank = ranks(
        &results
            .iter()
            .map(|r| -r.mqm_per_100_words)
            .collect::<Vec<_>>(),
    );
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(score_rank[i].abs_diff(mqm_rank[i])));
    order
        .into_iter()
        .take(n)
        .map(|i| {
            let r = results[i];
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &r.findings {
                *kinds.entry(f.kind.as_str()).or_default() += 1;
            }
            let top_kinds = kinds
                .iter()
                .map(|(k, n)| format!("{k}×{n}"))
                .collect::<Vec<_>>()
                .join(", ");
            Disagreement {
                id: r.id.clone(),
                score: r.score,
                mqm_per_100_words: r.mqm_per_100_words,
                score_rank: score_rank[i],
                mqm_rank: mqm_rank[i],
                top_kinds,
            }
        })
        .collect()
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "–".into())
}

/// The evaluation as Markdown tables.
pub fn render_markdown(e: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} articles; documents: {} calibration (first two thirds by name), {} held out; checked in {:.1} s\n",
        e.articles, e.calibration_docs, e.held_out_docs, e.seconds
    );
    out.push_str("### Agreement with the human MQM penalty\n\n");
    out.push_str("| split | metric | Kendall τ | Pearson r | within-doc τ | articles |\n|---|---|---|---|---|---|\n");
    for s in &e.splits {
        for (name, a) in [
            ("mtcheck score", s.score),
            ("chrF", s.chrf),
            ("BLEU", s.bleu),
        ] {
            let _ = writeln!(
                out,
                "| {} | {} | {:.3} | {:.3} | {:.3} | {} |",
                s.name, name, a.kendall, a.pearson, a.within_doc_kendall, a.articles
            );
        }
    }
    out.push_str("\n### Verdicts\n\n| verdict | articles | of them held out | median MQM/100w | mean MQM/100w |\n|---|---|---|---|---|\n");
    for v in &e.verdicts {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            v.verdict,
            v.articles,
            v.held_out,
            v.median_mqm.map_or("–".into(), |m| format!("{m:.2}")),
            v.mean_mqm.map_or("–".into(), |m| format!("{m:.2}"))
        );
    }
    out.push_str("\n### Span precision by finding kind\n\n| kind | findings | with a span on a rated segment | on a rated span | precision | random baseline |\n|---|---|---|---|---|---|\n");
    for p in &e.precision {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            p.kind,
            p.findings,
            p.scored,
            p.on_rated_span,
            fmt_opt(p.precision),
            fmt_opt(p.random_baseline)
        );
    }
    out.push_str("\n### Span recall by rater category\n\n| category | rated spans | flagged | recall |\n|---|---|---|---|\n");
    for r in &e.recall {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            r.category,
            r.rated_spans,
            r.flagged,
            fmt_opt(r.recall)
        );
    }
    out.push_str("\n### Largest disagreements (rank by score vs rank by MQM)\n\n| article | score | MQM/100w | score rank | MQM rank | findings |\n|---|---|---|---|---|---|\n");
    for d in &e.disagreements {
        let _ = writeln!(
            out,
            "| {} | {:.1} | {:.2} | {} | {} | {} |",
            d.id, d.score, d.mqm_per_100_words, d.score_rank, d.mqm_rank, d.top_kinds
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kendall_known_values() {
        assert!((kendall_tau_b(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]) - 1.0).abs() < 1e-12);
        assert!((kendall_tau_b(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        // scipy.stats.kendalltau([1,2,3,4],[1,3,2,4]) = 0.6667
        assert!(
            (kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]) - 2.0 / 3.0).abs() < 1e-9
        );
        // with ties: scipy.stats.kendalltau([1,1,2,3],[1,2,2,3]) = 0.8
        assert!((kendall_tau_b(&[1.0, 1.0, 2.0, 3.0], &[1.0, 2.0, 2.0, 3.0]) - 0.8).abs() < 1e-9);
        assert_eq!(kendall_tau_b(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn pearson_known_values() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]) - 0.5).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn number_or_date_spans() {
        assert!(mentions_number_or_date("12,000 containers"));
        assert!(mentions_number_or_date("on Tuesday"));
        assert!(!mentions_number_or_date("hegemony"));
    }
}

/// The best score settings found on the calibration documents.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    pub score: ScoreConfig,
    pub objective: f64,
    pub default_objective: f64,
    pub tried: usize,
}

fn objective(a: Agreement) -> f64 {
    (a.kendall + a.pearson + a.within_doc_kendall) / 3.0
}

/// (points per chrF point, floor) pairs tried for the adequacy term.
const ADEQUACY_GRID: [(f64, f64); 18] = [
    (1.5, 80.0),
    (1.0, 85.0),
    (0.0, 50.0),
    (0.5, 60.0),
    (1.0, 60.0),
    (2.0, 60.0),
    (1.0, 70.0),
    (2.0, 70.0),
    (3.0, 70.0),
    (1.0, 80.0),
    (2.0, 80.0),
    (3.0, 80.0),
    (1.0, 90.0),
    (2.0, 90.0),
    (1.0, 100.0),
    (1.5, 100.0),
    (2.0, 100.0),
    (3.0, 100.0),
];

/// Weights tried for one kind in the per-kind pass.
const KIND_WEIGHTS: [f64; 9] = [0.0, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0];

/// The settings `--calibrate` and the cross-validation's nested tuning
/// search: severity weights, `parallel_k`, the adequacy term and
/// `sentence_weight` (34,560 settings); everything else is `base`'s.
pub fn score_grid(base: &ScoreConfig) -> Vec<ScoreConfig> {
    let mut grid = Vec::new();
    for minor in [0.5, 1.0, 2.0] {
        for major in [2.0, 3.0, 5.0, 8.0] {
            for critical in [5.0, 10.0, 15.0, 25.0] {
                for parallel_k in [0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0] {
                    for (adequacy, adequacy_floor) in ADEQUACY_GRID {
                        for sentence_weight in [0.0, 0.25, 0.5, 0.75, 1.0] {
                            grid.push(ScoreConfig {
                                minor,
                                major,
                                critical,
                                parallel_k,
                                adequacy,
                                adequacy_floor,
                                sentence_weight,
                                ..base.clone()
                            });
                        }
                    }
                }
            }
        }
    }
    grid
}

/// Grid-searches severity weights and `k` on the calibration documents,
/// maximising the mean of Kendall τ, Pearson r and within-document τ of the
/// score against −MQM. Thresholds are kept. Leaves `data` scored with `base`.
pub fn calibrate(data: &mut Dataset, base: &ScoreConfig, per_kind: bool) -> Calibration {
    let (calib, _) = split_docs(&data.results);
    let eval_with = |data: &mut Dataset, cfg: &ScoreConfig| {
        rescore(data, cfg);
        let rs: Vec<&ArticleResult> = data
            .results
            .iter()
            .filter(|r| calib.contains(&r.doc))
            .collect();
        objective(agreement(&rs, |r| r.score))
    };
    let default_objective = eval_with(data, base);
    let mut best = (default_objective, base.clone());
    let mut tried = 0;
    for cfg in score_grid(base) {
        tried += 1;
        let o = eval_with(data, &cfg);
        if o > best.0 + 1e-9 {
            best = (o, cfg);
        }
    }
    // Then per-kind weights, by coordinate ascent from the best severity
    // weights (two passes; a kind keeps its severity weight unless a
    // different one helps).
    let mut cfg = best.1.clone();
    for _ in 0..if per_kind { 2 } else { 0 } {
        for kind in Kind::ALL {
            for w in KIND_WEIGHTS {
                let mut trial = cfg.clone();
                trial.kinds.insert(kind, w);
                tried += 1;
                let o = eval_with(data, &trial);
                if o > best.0 + 1e-9 {
                    best = (o, trial.clone());
                    cfg = trial;
                }
            }
        }
    }
    rescore(data, base);
    Calibration {
        score: best.1,
        objective: best.0,
        default_objective,
        tried,
    }
}

/// The calibration result as Markdown.
pub fn render_calibration(c: &Calibration) -> String {
    let kinds = c
        .score
        .kinds
        .iter()
        .map(|(k, w)| format!("{k} = {w}"))
        .collect::<Vec<_>>()
        .join(", ");
    let kinds = if kinds.is_empty() {
        "none".to_string()
    } else {
        kinds
    };
    format!("per-kind weights: {kinds}\n\n") + &format!(
        "### Calibration (calibration documents only)\n\n{} settings tried; objective = mean of Kendall τ, Pearson r, within-doc τ.\n\n| setting | minor | major | critical | parallel_k | adequacy | adequacy_floor | sentence_weight | objective |\n|---|---|---|---|---|---|---|---|---|\n| best | {} | {} | {} | {} | {} | {} | {} | {:.3} |\n| given config | – | – | – | – | – | – | – | {:.3} |\n",
        c.tried, c.score.minor, c.score.major, c.score.critical, c.score.parallel_k, c.score.adequacy, c.score.adequacy_floor, c.score.sentence_weight, c.objective, c.default_objective
    )
}
