//! Cheap prefilter: an inverted index from word stems and numbers to the
//! reference sentences that contain them, so that only a short list of
//! reference sentences per candidate sentence gets a full similarity.
//!
//! Stems shared by more than `max(16, m / 8)` of the `m` reference sentences
//! carry little evidence and are skipped, which also bounds the work per
//! candidate sentence: cost grows with n·(stems per sentence)·cap, not n·m.

use foldhash::{HashMap, HashMapExt};

use super::features::Features;

pub(crate) struct StemIndex {
    postings: HashMap<u64, Vec<u32>>,
    sentences: usize,
    cap: usize,
}

impl StemIndex {
    pub(crate) fn new(reference: &[Features]) -> StemIndex {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (j, f) in reference.iter().enumerate() {
            for &s in &f.stems {
                postings.entry(s).or_default().push(j as u32);
            }
        }
        let sentences = reference.len();
        StemIndex {
            postings,
            sentences,
            cap: (sentences / 8).max(16),
        }
    }

    /// Up to `k` reference sentences sharing the most informative stems with
    /// `query`, best first (ties by index). Uses `scratch` (one slot per
    /// reference sentence, all zero on entry and on return) to avoid
    /// allocating per query.
    pub(crate) fn shortlist(&self, query: &Features, k: usize, scratch: &mut [f64]) -> Vec<usize> {
        let mut touched: Vec<usize> = Vec::new();
        for s in &query.stems {
            let Some(list) = self.postings.get(s) else {
                continue;
            };
            if list.len() > self.cap {
                continue;
            }
            let idf = ((self.sentences as f64 + 1.0) / list.len() as f64).ln();
            for &j in list {
                let j = j as usize;
                if let Some(slot) = scratch.get_mut(j) {
                    if *slot == 0.0 {
                        touched.push(j);
                    }
                    *slot += idf;
                }
            }
        }
        let mut scored: Vec<(f64, usize)> = touched
            .iter()
            .map(|&j| (scratch.get(j).copied().unwrap_or(0.0), j))
            .collect();
        for &j in &touched {
            if let Some(slot) = scratch.get_mut(j) {
                *slot = 0.0;
            }
        }
        let order = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        // Only the best k are kept: select them, then sort just those (the
        // order is total, so this is the full sort's prefix).
        if k < scored.len() {
            scored.select_nth_unstable_by(k, order);
            scored.truncate(k);
        }
        scored.sort_unstable_by(order);
        scored.into_iter().map(|(_, j)| j).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Article;

    #[test]
    fn shortlist_finds_the_sentence_sharing_rare_words() {
        let r = Article::from_text(
            "r",
            "The pipeline talks stalled. Tourism grew in Macau. Elections were held in Taiwan.",
        );
        let feats = super::super::features::article_features(&r);
        let index = StemIndex::new(&feats);
        let q = Article::from_text("q", "Macau saw tourism growth.");
        let qf = super::super::features::article_features(&q);
        let mut scratch = vec![0.0; feats.len()];
        let got = index.shortlist(&qf[0], 2, &mut scratch);
        assert_eq!(got.first(), Some(&1));
        assert!(scratch.iter().all(|&x| x == 0.0));
    }
}
