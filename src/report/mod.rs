//! The report of one article, and its renderers. Renderers only read a
//! [`Report`]; nothing here computes a finding.

pub mod csv;

pub mod html;
pub mod json;
pub mod text;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::align::{AlignedPair, Alignment, Mode};
use crate::config::Config;
use crate::finding::{Finding, Kind, Severity};
use crate::input::InputFormat;
use crate::metrics::{Bleu, BleuReference, Chrf, ChrfReference, CountedDocument};
use crate::score::ScoreBreakdown;
use crate::text::Article;
use crate::verdict::Verdict;
use std::ops::Range;
use std::sync::Arc;

/// The JSON contract's schema id.
pub const SCHEMA: &str = "mtcheck/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Languages {
    pub candidate: Option<String>,
    pub reference: Option<String>,
}

/// What kind of file each article was read from ([`crate::input`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Formats {
    pub candidate: InputFormat,
    pub reference: InputFormat,
}

impl Formats {
    /// Both plain text: the JSON leaves `formats` out.
    pub fn is_plain(&self) -> bool {
        self.candidate.is_text() && self.reference.is_text()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub chrf: f64,
    pub bleu: f64,
    /// Mean chrF of the aligned sentence pairs (`null` without pairs); with
    /// `chrf` it makes the score's adequacy term (docs/FORMATS.md).
    #[serde(default)]
    pub sentence_chrf: Option<f64>,
    pub candidate_sentences: usize,
    pub reference_sentences: usize,
    pub aligned_sentences: usize,
}

impl Metrics {
    /// " (aligned sentences NN.NN)" when the aligned pairs' mean chrF is
    /// known, for the summaries beside the document chrF; else empty.
    pub fn sentence_chrf_note(&self) -> String {
        self.sentence_chrf
            .map(|c| format!(" (aligned sentences {c:.2})"))
            .unwrap_or_default()
    }
}

/// Everything mtcheck says about one candidate/reference pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub id: Option<String>,
    pub candidate: String,
    pub reference: String,
    pub language: Languages,
    pub mode: Mode,
    pub words: usize,
    pub score: f64,
    /// Points the score lost to the findings and to the adequacy term.
    #[serde(default)]
    pub score_breakdown: ScoreBreakdown,
    pub verdict: Verdict,
    /// Why the article got its verdict, in one short phrase
    /// ("1 critical: date-mismatch").
    #[serde(default)]
    pub verdict_reason: String,
    /// Why the reference itself looks wrong ("reference suspect: …"), when
    /// it does ([`crate::suspect`]); left out of the JSON when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_suspect: Option<String>,
    /// The articles' file formats, when either is a Word document or a web
    /// page (findings then point into the extracted text); left out of the
    /// JSON when both are plain text.
    #[serde(default, skip_serializing_if = "Formats::is_plain")]
    pub formats: Formats,
    /// Findings hidden because a baseline file lists them
    /// ([`crate::baseline`]); left out of the JSON when none were.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub baseline_hidden: usize,
    /// Findings left out over `[limits] max_findings` (the least severe,
    /// then the last); left out of the JSON when none were.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub findings_omitted: usize,
    pub metrics: Metrics,
    pub counts: BTreeMap<Kind, usize>,
    pub findings: Vec<Finding>,
    pub alignment: Vec<AlignedPair>,
}

/// Where an article goes in a worst-first list (report.csv, index.html, the
/// batch summary): rows that could not be checked first, then by verdict
/// (`likely-mt`, `review`, `clean`), more critical findings first, then more
/// major findings, then the lower score; ties keep manifest order (`row`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triage {
    /// `None` for a row that could not be checked.
    pub verdict: Option<Verdict>,
    pub critical: usize,
    pub major: usize,
    pub score: f64,
    /// The row's position in the manifest.
    pub row: usize,
}

impl Triage {
    /// The place of row `row`, checked into `report`.
    pub fn of(report: &Report, row: usize) -> Triage {
        Triage {
            verdict: Some(report.verdict),
            critical: report.severity_count(Severity::Critical),
            major: report.severity_count(Severity::Major),
            score: report.score,
            row,
        }
    }

    /// The place of row `row`, which could not be checked.
    pub fn failed(row: usize) -> Triage {
        Triage {
            verdict: None,
            critical: 0,
            major: 0,
            score: f64::NAN,
            row,
        }
    }

    /// Worst first: `Less` when `self` comes before `other`.
    pub fn worst_first(&self, other: &Triage) -> std::cmp::Ordering {
        use std::cmp::Reverse;
        // Failed rows 0, then likely-mt 1, review 2, clean 3.
        let rank = |t: &Triage| t.verdict.map_or(0, |v| 3 - v as u8);
        (rank(self), Reverse(self.critical), Reverse(self.major))
            .cmp(&(rank(other), Reverse(other.critical), Reverse(other.major)))
            .then_with(|| self.score.total_cmp(&other.score))
            .then_with(|| self.row.cmp(&other.row))
    }
}

/// Document-level chrF and BLEU of a pair (each article one segment, its
/// lines joined with spaces, as sacrebleu sees a document), rounded to four
/// decimals. They need neither the alignment nor the findings, so
/// [`crate::check`] computes them beside the aligner; the candidate's
/// counts are kept for the chrF of its aligned sentences
/// ([`DocMetrics::mean_pair_chrf`]).
pub struct DocMetrics {
    pub chrf: f64,
    pub bleu: f64,
    counted: Option<(Arc<DocReference>, CountedDocument)>,
}

impl std::fmt::Debug for DocMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocMetrics")
            .field("chrf", &self.chrf)
            .field("bleu", &self.bleu)
            .finish_non_exhaustive()
    }
}

/// The reference's document counts for chrF and BLEU, and where its
/// sentences lie among its chrF symbols, kept with the article
/// (`crate::prepared`): made once per reference in a batch.
pub(crate) struct DocReference {
    chrf: ChrfReference,
    bleu: BleuReference,
    sentences: Option<Vec<Range<usize>>>,
}

impl DocMetrics {
    /// sacrebleu's `sentence_chrf` and `corpus_bleu` of the candidate's
    /// lines joined against the reference's.
    pub fn of(candidate: &Article, reference: &Article) -> DocMetrics {
        let refs = reference.prepared().metric_reference.get_or_compute(|| {
            let doc = reference.joined_lines();
            let chrf = Chrf::CHRF.document_reference(&doc);
            let sentences = sentence_symbols(reference, chrf.symbols());
            DocReference {
                chrf,
                bleu: Bleu::CORPUS.reference(&doc),
                sentences,
            }
        });
        let cand_doc = candidate.joined_lines();
        let bleu = round4(refs.bleu.score(&cand_doc).score);
        match refs.chrf.count_document(&cand_doc) {
            Some(counted) => DocMetrics {
                chrf: round4(Chrf::CHRF.score_from_stats(counted.stats())),
                bleu,
                counted: Some((refs, counted)),
            },
            None => DocMetrics {
                chrf: round4(refs.chrf.score(&cand_doc).score),
                bleu,
                counted: None,
            },
        }
    }

    /// Mean chrF of the aligned sentence pairs (see
    /// [`crate::score::mean_pair_chrf`], which gives the same from the
    /// texts): each pair's sentences are stretches of the documents already
    /// counted, so a pair costs a pass over its own n-gram ids.
    pub fn mean_pair_chrf(
        &mut self,
        candidate: &Article,
        reference: &Article,
        alignment: &Alignment,
    ) -> Option<f64> {
        let Some((refs, counted)) = self.counted.as_mut() else {
            return crate::score::mean_pair_chrf(candidate, reference, alignment);
        };
        let (Some(ref_sentences), Some(cand_sentences)) = (
            refs.sentences.as_ref(),
            sentence_symbols(candidate, Some(counted.symbols())),
        ) else {
            return crate::score::mean_pair_chrf(candidate, reference, alignment);
        };
        let scores: Vec<f64> = alignment
            .pairs
            .iter()
            .map(|p| {
                match (
                    stretch(&cand_sentences, &p.candidate),
                    stretch(ref_sentences, &p.reference),
                ) {
                    (Some(h), Some(r)) => refs.chrf.stretch_score(counted, h, r),
                    _ => crate::score::pair_chrf(candidate, reference, p),
                }
            })
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    }
}

/// Where each sentence of `article` lies among its chrF symbols (the
/// non-whitespace characters of the text, which are those of its joined
/// lines); `None` unless the article has `symbols` of them, as counted in
/// its joined lines.
fn sentence_symbols(article: &Article, symbols: Option<usize>) -> Option<Vec<Range<usize>>> {
    let offsets: Vec<usize> = article
        .sentences
        .iter()
        .flat_map(|s| [s.start, s.end])
        .chain([article.text.len()])
        .collect();
    if offsets.windows(2).any(|w| w[0] > w[1]) {
        return None;
    }
    let at = crate::metrics::symbol_offsets(&article.text, &offsets);
    if at.last().copied() != symbols {
        return None;
    }
    Some(at.chunks_exact(2).map(|c| c[0]..c[1]).collect())
}

/// The symbols of sentences `ids` taken together, when they are
/// consecutive and nothing but whitespace lies between them (then the
/// sentences joined with spaces are exactly that stretch).
fn stretch(sentences: &[Range<usize>], ids: &[usize]) -> Option<Range<usize>> {
    let first = sentences.get(*ids.first()?)?;
    let mut end = first.end;
    for w in ids.windows(2) {
        let next = sentences.get(w[1])?;
        if w[1] != w[0] + 1 || next.start != end {
            return None;
        }
        end = next.end;
    }
    Some(first.start..end)
}

impl Report {
    /// Assembles the report from the pipeline's pieces: counts, score,
    /// verdict and document-level metrics.
    pub fn build(
        candidate: &Article,
        reference: &Article,
        alignment: Alignment,
        findings: Vec<Finding>,
        config: &Config,
    ) -> Report {
        let doc = DocMetrics::of(candidate, reference);
        Report::build_with(candidate, reference, alignment, findings, doc, config)
    }

    /// [`Report::build`] with the document metrics already computed.
    pub fn build_with(
        candidate: &Article,
        reference: &Article,
        alignment: Alignment,
        mut findings: Vec<Finding>,
        mut doc: DocMetrics,
        config: &Config,
    ) -> Report {
        let reference_suspect = crate::suspect::review(&mut findings, reference, config);
        // The review may have lowered severities: most severe first again.
        crate::finding::sort_findings(&mut findings);
        let findings_omitted = cap_findings(&mut findings, config.limits.max_findings);
        let words = candidate.word_count();
        let mut counts: BTreeMap<Kind, usize> = Kind::ALL.iter().map(|&k| (k, 0)).collect();
        for f in &findings {
            *counts.entry(f.kind).or_default() += 1;
        }
        let chrf = doc.chrf;
        let sentence_chrf = doc
            .mean_pair_chrf(candidate, reference, &alignment)
            .map(round4);
        let metrics = Metrics {
            chrf,
            bleu: doc.bleu,
            sentence_chrf,
            candidate_sentences: candidate.sentences.len(),
            reference_sentences: reference.sentences.len(),
            aligned_sentences: alignment.aligned_candidate_sentences(),
        };
        let mut report = Report {
            schema: SCHEMA.to_string(),
            id: None,
            candidate: candidate.name.clone(),
            reference: reference.name.clone(),
            language: Languages {
                candidate: article_language_code(candidate),
                reference: article_language_code(reference),
            },
            mode: alignment.mode,
            words,
            score: 0.0,
            score_breakdown: ScoreBreakdown::default(),
            verdict: Verdict::Clean,
            verdict_reason: String::new(),
            reference_suspect,
            formats: Formats {
                candidate: candidate.format,
                reference: reference.format,
            },
            baseline_hidden: 0,
            findings_omitted,
            metrics,
            counts,
            findings,
            alignment: alignment.pairs,
        };
        report.judge(config);
        report
    }

    /// The note a renderer shows when findings were left out, if any.
    pub fn omitted_note(&self) -> Option<String> {
        (self.findings_omitted > 0).then(|| {
            format!(
                "{} more findings left out: at most {} are kept per article, the most severe first ([limits] max_findings)",
                self.findings_omitted,
                self.findings.len() + self.baseline_hidden
            )
        })
    }

    /// Recomputes counts, score and verdict from the findings (after
    /// [`crate::consensus::review`] changed some), as [`Report::build`] does.
    pub fn rescore(&mut self, config: &Config) {
        let mut counts: BTreeMap<Kind, usize> = Kind::ALL.iter().map(|&k| (k, 0)).collect();
        for f in &self.findings {
            *counts.entry(f.kind).or_default() += 1;
        }
        self.counts = counts;
        self.judge(config);
    }

    /// Score, its breakdown, verdict and reason from the findings, words and
    /// metrics (docs/FORMATS.md, "Score and verdict").
    fn judge(&mut self, config: &Config) {
        let parallel_chrf = (self.mode == Mode::Parallel).then(|| {
            config
                .score
                .adequacy_chrf(self.metrics.chrf, self.metrics.sentence_chrf)
        });
        self.score = config
            .score
            .article_score(&self.findings, self.words, parallel_chrf);
        self.score_breakdown = config
            .score
            .breakdown(&self.findings, self.words, parallel_chrf)
            .rounded();
        let decision = crate::verdict::decide(
            &self.findings,
            self.words,
            self.score,
            self.mode,
            &config.verdict,
        );
        self.verdict = decision.verdict;
        self.verdict_reason = decision.reason;
    }

    /// Notes for the reader beside the verdict: an article read from a Word
    /// document or web page, findings hidden by a baseline. Empty for two
    /// plain-text articles without a baseline.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for (role, format) in [
            ("candidate", self.formats.candidate),
            ("reference", self.formats.reference),
        ] {
            let what = match format {
                InputFormat::Text => continue,
                InputFormat::Docx => "a Word document (.docx)",
                InputFormat::Html => "a web page (HTML)",
            };
            notes.push(format!(
                "{role} read from {what}: positions are in its extracted text"
            ));
        }
        if self.baseline_hidden > 0 {
            let n = self.baseline_hidden;
            notes.push(format!(
                "{n} finding{} hidden by the baseline",
                if n == 1 { "" } else { "s" }
            ));
        }
        notes.extend(self.omitted_note());
        notes
    }

    /// Number of findings of each severity.
    pub fn severity_count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// ISO 639-3 code of an article's language, decided as the wrong-language
/// check decides it (so a short English text is not reported as Afrikaans).
fn article_language_code(article: &Article) -> Option<String> {
    crate::lexicon::language::article_language(article).map(|l| l.code().to_string())
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Keeps at most `max` findings (0: all): the most severe first, within a
/// severity in report order (findings to fix before figures to verify, then
/// by position), and returns them in report order. Returns how many were
/// left out. O(n log n).
fn cap_findings(findings: &mut Vec<Finding>, max: usize) -> usize {
    if max == 0 || findings.len() <= max {
        return 0;
    }
    let omitted = findings.len() - max;
    // Stable: within a severity the findings keep their position order.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings.truncate(max);
    crate::finding::sort_findings(findings);
    omitted
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
