//! Comparable mode: two write-ups of one story, reordered, many sentences
//! without a counterpart. Each candidate sentence independently takes its
//! most similar shortlisted reference sentence when that is similar enough;
//! further reference sentences join it (1:n, the candidate merged them) while
//! each addition raises the character n-gram F-score of the merged text by a
//! clear margin. (The anchor part is left out of that test: a merge always
//! dilutes the anchor overlap, even when it explains more of the sentence.)

use super::{AlignConfig, AlignedPair, Prepared};

/// Next-best sentences tried as additions to a match.
const MERGE_TRIES: usize = 4;

pub(crate) fn align(p: &Prepared, config: &AlignConfig) -> Vec<AlignedPair> {
    let mut pairs = Vec::new();
    for (i, matches) in p.matches.iter().enumerate() {
        let Some(best) = matches.first() else {
            continue;
        };
        if best.similarity < config.comparable_min_similarity {
            continue;
        }
        let mut chosen = vec![best.reference];
        let mut chars = p.space.char_f(&[i], &chosen);
        // Try the next-best sentences, each once, in order of their own similarity.
        for m in matches.iter().skip(1).take(MERGE_TRIES) {
            if chosen.len() >= config.max_merge.max(1) || m.similarity < config.merge_min_similarity
            {
                break;
            }
            chosen.push(m.reference);
            let c = p.space.char_f(&[i], &chosen);
            if c >= chars + config.comparable_merge_min_gain {
                chars = c;
            } else {
                chosen.pop();
            }
        }
        let similarity = p.sim(&[i], &chosen, config);
        chosen.sort_unstable();
        pairs.push(AlignedPair {
            candidate: vec![i],
            reference: chosen,
            similarity,
        });
    }
    pairs
}
