//! chrF, chrF++ and BLEU exactly as sacrebleu 2.x defines them.
//!
//! Checked against sacrebleu 2.6.0 (tests/metrics.rs): the same scores to
//! floating-point precision, the same details and signatures.
//!
//! ```
//! use mtcheck::metrics::{Bleu, Chrf};
//! let hyp = "The cat sat on a mat.";
//! let chrf = Chrf::CHRF.sentence_score(hyp, &["The cat sat on the mat."]);
//! assert!((chrf.score - 65.8003).abs() < 1e-4);
//! let bleu = Bleu::SENTENCE.sentence_score(hyp, &["The cat sat on the mat."]);
//! assert_eq!(bleu.counts, [6, 4, 2, 1]);
//! // Corpus level: reference_streams[k][i] is the k-th reference of segment i.
//! let corpus = Bleu::CORPUS.corpus_score(&["a b c d", "e f"], &[vec!["a b c d", "e g"]]).unwrap();
//! assert_eq!(corpus.sys_len, 6);
//! ```

mod bleu;
mod chrf;
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
    #[error("no reference stream given")]
    NoReferences,
    #[error("{hypotheses} hypotheses but reference stream {stream} has {references} segments")]
    LengthMismatch {
        hypotheses: usize,
        stream: usize,
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
