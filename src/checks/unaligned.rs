//! `unaligned-sentence`: in parallel mode, a candidate sentence the aligner
//! found no counterpart for (an addition, a hallucination, or a sentence so
//! garbled it matches nothing). Comparable articles leave many sentences
//! unmatched by nature, so the check stays silent there.

use super::{Check, Context};
use crate::align::Mode;
use crate::finding::{Finding, Kind};

pub struct Unaligned;

impl Check for Unaligned {
    fn name(&self) -> &'static str {
        "unaligned"
    }

    fn group(&self) -> &'static str {
        "alignment"
    }

    fn description(&self) -> &'static str {
        "candidate sentences with no counterpart in the reference (parallel mode only)"
    }
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::UnalignedSentence]
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let alignment = cx.alignment;
        if alignment.mode != Mode::Parallel || cx.reference.sentences.is_empty() {
            return Vec::new();
        }
        let min_words = cx.config.align.unaligned_min_words;
        let mut aligned = vec![false; cx.candidate.sentences.len()];
        for pair in &alignment.pairs {
            for &i in &pair.candidate {
                if let Some(slot) = aligned.get_mut(i) {
                    *slot = true;
                }
            }
        }
        let mut findings = Vec::new();
        for (i, sentence) in cx.candidate.sentences.iter().enumerate() {
            if aligned.get(i).copied().unwrap_or(true) {
                continue;
            }
            let words = cx
                .candidate
                .sentence_tokens(i)
                .iter()
                .filter(|t| t.is_wordlike())
                .count();
            if words < min_words {
                continue;
            }
            findings.push(Finding::new(
                Kind::UnalignedSentence,
                cx.candidate,
                sentence.start,
                sentence.end,
                "this sentence has no counterpart in the reference: check for an addition or a garbled passage",
            ));
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignedPair, Alignment};
    use crate::config::Config;

    fn run(cand: &str, refr: &str, alignment: Option<Alignment>) -> Vec<Finding> {
        let config = Config::default();
        crate::checks::with_context(cand, refr, &config, alignment, |cx| Unaligned.run(cx))
    }

    const REFERENCE: &str =
        "The summit opened in Brussels on Thursday with a debate on refugees.\n\
        Leaders argued for hours over who should pay for the border fence.\n\
        Officials admitted that every stage of the admission process had bottlenecks.\n\
        The Commission estimates that arrivals doubled in the past year.\n";

    #[test]
    fn flags_an_inserted_sentence_in_parallel_mode() {
        let cand = "The summit opened in Brussels on Thursday with a debate on refugees.\n\
            Leaders argued for hours over who should pay for the border fence.\n\
            My cat enjoys sleeping in warm cardboard boxes every afternoon.\n\
            Officials admitted that every stage of the admission process had bottlenecks.\n\
            The Commission estimates that arrivals doubled in the past year.\n";
        let found = run(cand, REFERENCE, None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].text.starts_with("My cat enjoys"));
        assert_eq!(found[0].kind, Kind::UnalignedSentence);
        assert!(found[0].message.contains("no counterpart"));
    }

    #[test]
    fn faithful_copy_has_no_findings() {
        assert!(run(REFERENCE, REFERENCE, None).is_empty());
    }

    #[test]
    fn silent_in_comparable_mode_and_on_short_sentences() {
        let c = "Short one here. A much longer sentence that nothing matches at all.";
        let comparable = Alignment {
            mode: Mode::Comparable,
            pairs: Vec::new(),
        };
        assert!(run(c, REFERENCE, Some(comparable)).is_empty());
        let parallel = Alignment {
            mode: Mode::Parallel,
            pairs: vec![AlignedPair {
                candidate: vec![1],
                reference: vec![0],
                similarity: 0.5,
            }],
        };
        // Sentence 0 has three words: below the default minimum of four.
        assert!(run(c, REFERENCE, Some(parallel)).is_empty());
    }
}
