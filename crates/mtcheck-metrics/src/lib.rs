//! chrF, chrF++ and BLEU exactly as sacrebleu 2.x defines them.
//!
//! The metrics crate of the mtcheck workspace (the `mtcheck` library
//! re-exports it as `mtcheck::metrics`). Checked against sacrebleu 2.6.0
//! (mtcheck's tests/metrics.rs): the same scores to floating-point
//! precision, the same details and signatures. mtcheck's article report
//! uses two of them at document level: `metrics.chrf` is
//! `sacrebleu.sentence_chrf(cand, [ref])` ([`sentence_chrf`]) and
//! `metrics.bleu` is `sacrebleu.corpus_bleu([cand], [[ref]])`
//! ([`corpus_bleu_one`]), where `cand` and `ref` are the articles' non-blank
//! lines joined with single spaces (`Article::joined_lines`).
//!
//! ```
//! use mtcheck_metrics::{Bleu, Chrf};
//! let hyp = "The cat sat on a mat.";
//! let chrf = Chrf::CHRF.sentence_score(hyp, &["The cat sat on the mat."]);
//! assert!((chrf.score - 65.8003).abs() < 1e-4);
//! let bleu = Bleu::SENTENCE.sentence_score(hyp, &["The cat sat on the mat."]);
//! assert_eq!(bleu.counts, [6, 4, 2, 1]);
//! // Corpus level: reference_streams[k][i] is the k-th reference of segment i.
//! let corpus = Bleu::CORPUS.corpus_score(&["a b c d", "e f"], &[vec!["a b c d", "e g"]]).unwrap();
//! assert_eq!(corpus.sys_len, 6);
//! ```
//!
//! API: [`Chrf::CHRF`] (chrF2), [`Chrf::CHRF_PLUS_PLUS`] (chrF2++),
//! [`Bleu::CORPUS`] (`BLEU()`), [`Bleu::SENTENCE`]
//! (`BLEU(effective_order=True)`), each with `sentence_score(hyp, &[refs..])`,
//! `corpus_score(&hyps, &[ref_stream, ..])` (`reference_streams[k][i]` is the
//! k-th reference of hypothesis i, as in sacrebleu), `segment_stats`,
//! `score_from_stats` (sum stats yourself for bootstrap and the like) and
//! `signature(nrefs)`. `chrf.rs` and `bleu.rs` give the definitions;
//! `tokenize.rs` the BLEU tokenisers (`13a`, `char`, `none`); `ngram.rs` the
//! counting; `pystr.rs` Python's `str` semantics.
//!
//! **Counted references.** `Chrf::reference(ref)` / `Bleu::reference(ref)`
//! count a reference once; `.score(hyp)` then equals `sentence_score(hyp,
//! &[ref])` (tests/metrics.rs checks equal statistics on all 310 sacrebleu
//! vectors). `Chrf::document_reference` also keeps the id of every character
//! n-gram by position: `count_document(hyp_doc)` counts the candidate document
//! once, and `stretch_score` scores any stretch of the candidate's *symbols*
//! (non-whitespace characters) against any stretch of the reference's with one
//! pass over their n-gram ids. Consecutive sentences with only whitespace
//! between them are one stretch, so the report's `sentence_chrf` (mean chrF of
//! the aligned pairs) costs a pass per pair; pairs that are not one stretch
//! fall back to scoring the joined texts. A property test holds the two equal
//! bit for bit.
//!
//! **`mtcheck metrics`** gives the corpus scores of line-parallel files, the
//! same numbers as `sacrebleu REF -i HYP -m bleu chrf`, lines read as
//! sacrebleu's CLI reads them ([`split_segments`]) after mtcheck's decoding.
//! Text output is sacrebleu's line format; the signature's `version:2.6.0`
//! names the sacrebleu release whose definitions are reproduced. Not
//! implemented: TER, BLEU's `intl`, `zh`, `ja-mecab`, `ko-mecab` and
//! SentencePiece tokenisers, variable numbers of references per segment. A
//! segment with no references scores 0 (sacrebleu raises).
//!
//! **Agreement** (tests/metrics.rs):
//!
//! | check | cases | max abs difference |
//! |---|---|---|
//! | `../shared/data/sacrebleu_vectors.json`, sentence level (values rounded to 6 decimals) | 310 × chrF, chrF++, BLEU | 5.0e-7 (rounding of the file) |
//! | same, corpus level | 4 × chrF, chrF++, BLEU | 4.2e-7 |
//! | sacrebleu's own tests (`upstream/sacrebleu_upstream_tests.json`) | 69 of 89 run, at the upstream tolerances; skipped: 7 TER, 11 TER tokenizer, 2 BLEU `intl` | within tolerance |
//! | upstream generated default vectors (scores, BLEU counts/totals/BP/lengths, signatures) | 41 | 3.6e-15 |
//! | live sacrebleu (`scripts/compare-sacrebleu.py`, 1000 random WMT23 pairs, seed 2023, + corpus + joined document) | 3 × 1002 | 1.4e-14 |
//!
//! The live comparison runs under `cargo test` when `python3 -c "import
//! sacrebleu"` works and prints `SKIPPED: sacrebleu not installed` otherwise.
//! `sacrebleu_vectors.json` describes its chrF options as "eps smoothing", but
//! its values are `CHRF()` defaults, i.e. `eps_smoothing=False`.

#![deny(missing_docs)]

mod bleu;
mod chrf;
pub mod idmap;
mod ngram;
mod pystr;
pub mod tokenize;

pub use bleu::{Bleu, BleuReference, BleuScore, BleuStats, Smoothing};
pub use chrf::{
    symbol_offsets, Chrf, ChrfReference, ChrfScore, ChrfStats, CountedDocument, OrderStats,
};
pub use tokenize::{tokenize_13a, Tokenizer};

/// The sacrebleu release whose definitions these reproduce; it is the
/// `version:` field of the signatures.
pub const SACREBLEU_VERSION: &str = "2.6.0";

/// Why a corpus score could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetricsError {
    /// `corpus_score` was given no reference stream.
    #[error("no reference stream given")]
    NoReferences,
    /// A reference stream has a different number of segments than there
    /// are hypotheses.
    #[error("{hypotheses} hypotheses but reference stream {stream} has {references} segments")]
    LengthMismatch {
        /// Hypotheses given.
        hypotheses: usize,
        /// Which reference stream (counting from 1).
        stream: usize,
        /// Segments in that stream.
        references: usize,
    },
}

/// Document-level chrF2 of `hypothesis` against `reference`, each one
/// segment: sacrebleu `sentence_chrf(hypothesis, [reference]).score`.
pub fn sentence_chrf(hypothesis: &str, reference: &str) -> f64 {
    Chrf::CHRF.sentence_score(hypothesis, &[reference]).score
}

/// BLEU (13a, exp smoothing) of one segment as a corpus:
/// sacrebleu `corpus_bleu([hypothesis], [[reference]]).score`.
pub fn corpus_bleu_one(hypothesis: &str, reference: &str) -> f64 {
    Bleu::CORPUS.sentence_score(hypothesis, &[reference]).score
}

/// The segments of a line-parallel file as sacrebleu's command line reads
/// them: lines split at `\n` (a final newline ends the last line rather than
/// starting an empty one), trailing whitespace (including `\r`) stripped.
pub fn split_segments(text: &str) -> Vec<&str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    body.split('\n').map(pystr::rstrip).collect()
}

/// Turns reference streams (`streams[k][i]`) into per-segment reference
/// lists (`segments[i][k]`), checking that every stream fits.
fn reference_segments<'a, R, S>(
    hypotheses: usize,
    streams: &'a [R],
) -> Result<Vec<Vec<&'a str>>, MetricsError>
where
    R: AsRef<[S]>,
    S: AsRef<str> + 'a,
{
    if streams.is_empty() {
        return Err(MetricsError::NoReferences);
    }
    let mut segments: Vec<Vec<&str>> = (0..hypotheses)
        .map(|_| Vec::with_capacity(streams.len()))
        .collect();
    for (k, stream) in streams.iter().enumerate() {
        let stream = stream.as_ref();
        if stream.len() != hypotheses {
            return Err(MetricsError::LengthMismatch {
                hypotheses,
                stream: k + 1,
                references: stream.len(),
            });
        }
        for (segment, reference) in segments.iter_mut().zip(stream) {
            segment.push(reference.as_ref());
        }
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatched_reference_stream_is_an_error() {
        let err = Chrf::CHRF
            .corpus_score(&["a", "b"], &[vec!["a"]])
            .unwrap_err();
        assert_eq!(
            err,
            MetricsError::LengthMismatch {
                hypotheses: 2,
                stream: 1,
                references: 1
            }
        );
        let none: [Vec<&str>; 0] = [];
        assert_eq!(
            Bleu::CORPUS.corpus_score(&["a"], &none).unwrap_err(),
            MetricsError::NoReferences
        );
    }

    #[test]
    fn segments_are_lines_without_trailing_whitespace() {
        assert_eq!(split_segments("a \r\nb\n\nc\t\n"), ["a", "b", "", "c"]);
        assert_eq!(split_segments("a\nb"), ["a", "b"]);
        assert_eq!(split_segments("\n"), [""]);
        assert!(split_segments("").is_empty());
    }

    #[test]
    fn streams_are_transposed_into_segments() {
        let streams = [vec!["r1a", "r1b"], vec!["r2a", "r2b"]];
        let segs = reference_segments(2, &streams).unwrap();
        assert_eq!(segs, [vec!["r1a", "r2a"], vec!["r1b", "r2b"]]);
    }

    #[test]
    fn document_helpers_match_the_configurations() {
        let (h, r) = ("The dog bit the man.", "The dog had bit the man.");
        assert_eq!(
            sentence_chrf(h, r),
            Chrf::CHRF.sentence_score(h, &[r]).score
        );
        assert_eq!(
            corpus_bleu_one(h, r),
            Bleu::CORPUS.corpus_score(&[h], &[[r]]).unwrap().score
        );
    }
}
