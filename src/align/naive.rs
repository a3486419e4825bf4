//! The aligner's similarity computed the obvious way, the specification
//! the fast [`GramSpace`] is held to (tests only).
//!
//! Each side's n-gram keys go into a count map; an n-gram matches
//! min(count on one side, count on the other) times; per order, F1 =
//! 2 · matched / (n-grams of one side + of the other), averaged over the
//! orders either side has; blended with the Dice overlap of the two sides'
//! anchor sets when either has any. No numbering, lanes, postings, shared
//! lists or bounds: [`GramSpace`] must give the same figures however it is
//! asked (one pair, a group, every reference sentence at once, a merge from
//! its parts), which the property test below checks on random sentences.

use std::collections::{BTreeSet, HashMap};

#[cfg(doc)]
use super::features::GramSpace;
use super::features::{Counts, Features, Scored, ORDERS, ORDER_SHIFT};

/// The similarity of candidate sentences `cand` taken together against
/// reference sentences `refr` taken together, with the clipped matches
/// per order.
pub(crate) fn counted(cand: &[&Features], refr: &[&Features], anchor_weight: f64) -> Scored {
    let (a, ta) = grams(cand);
    let (b, tb) = grams(refr);
    let mut matched: Counts = [0; ORDERS];
    for (key, &ca) in &a {
        let cb = b.get(key).copied().unwrap_or(0);
        matched[(key >> ORDER_SHIFT) as usize] += ca.min(cb);
    }
    let mut sum = 0.0;
    let mut orders = 0usize;
    for o in 0..ORDERS {
        if ta[o] + tb[o] == 0 {
            continue;
        }
        orders += 1;
        sum += 2.0 * f64::from(matched[o]) / f64::from(ta[o] + tb[o]);
    }
    let chars = if orders == 0 {
        0.0
    } else {
        sum / orders as f64
    };
    let (x, y) = (anchor_set(cand), anchor_set(refr));
    let similarity = if x.is_empty() && y.is_empty() {
        chars
    } else {
        let shared = x.intersection(&y).count();
        let dice = 2.0 * shared as f64 / (x.len() + y.len()) as f64;
        let w = anchor_weight.clamp(0.0, 1.0);
        (1.0 - w) * chars + w * dice
    };
    Scored {
        similarity,
        matched,
    }
}

/// Every n-gram key of `side` with its count, and the n-grams per order.
fn grams(side: &[&Features]) -> (HashMap<u64, u32>, Counts) {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut totals: Counts = [0; ORDERS];
    for f in side {
        for &key in &f.keys {
            *counts.entry(key).or_default() += 1;
            totals[(key >> ORDER_SHIFT) as usize] += 1;
        }
    }
    (counts, totals)
}

fn anchor_set(side: &[&Features]) -> BTreeSet<u64> {
    side.iter()
        .flat_map(|f| f.anchors.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::features::GramSpace;
    use crate::text::Article;
    use proptest::prelude::*;

    fn feats(s: &str) -> Features {
        let a = Article::from_text("t", s);
        Features::of_tokens(&a.text, &a.tokens)
    }

    /// Sentences over a few letters, digits and names, so n-grams repeat
    /// within and across sentences and anchors overlap.
    fn sentence() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            "[ab]{1,4}",
            "[abc]{2,7}",
            Just("Brussels".to_string()),
            Just("Putin".to_string()),
            Just("1,200".to_string()),
            Just("12".to_string()),
            Just("\"said\"".to_string()),
            Just("the".to_string()),
        ];
        proptest::collection::vec(word, 0..12).prop_map(|w| w.join(" "))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    proptest! {
        /// `GramSpace` gives the naive figures for single pairs, groups on
        /// either side, every reference sentence at once, and 2-merges
        /// counted from their parts; merge bounds bracket the naive
        /// similarity. Asked in one random order, so loaded lanes and
        /// kept lists cannot leak from one question into the next.
        #[test]
        fn gram_space_equals_the_naive_similarity(
            cand in proptest::collection::vec(sentence(), 1..6),
            refr in proptest::collection::vec(sentence(), 1..6),
            asks in proptest::collection::vec((0usize..6, 0usize..6, 1usize..4, any::<bool>()), 1..30),
            w in 0.0f64..1.0,
        ) {
            let cf: Vec<Features> = cand.iter().map(|s| feats(s)).collect();
            let rf: Vec<Features> = refr.iter().map(|s| feats(s)).collect();
            let space = GramSpace::new(&cf, &rf);
            let (n, m) = (cf.len(), rf.len());
            for (i, j, k, group_is_candidate) in asks {
                let (i, j) = (i % n, j % m);
                // One side sentence `i` or `j`, the other a run of up to k.
                let (c, r): (Vec<usize>, Vec<usize>) = if group_is_candidate {
                    ((i..(i + k).min(n)).collect(), vec![j])
                } else {
                    (vec![i], (j..(j + k).min(m)).collect())
                };
                let cs: Vec<&Features> = c.iter().map(|&x| &cf[x]).collect();
                let rs: Vec<&Features> = r.iter().map(|&x| &rf[x]).collect();
                let want = counted(&cs, &rs, w);
                let got = space.counted(&c, &r, w);
                prop_assert_eq!(got.matched, want.matched, "{:?} vs {:?}", c, r);
                prop_assert!(close(got.similarity, want.similarity), "{:?} vs {:?}", c, r);
                prop_assert!(close(space.similarity(&c, &r, w), want.similarity));
                // With no weight on anchors, the similarity is the char F.
                prop_assert!(close(space.char_f(&c, &r), counted(&cs, &rs, 0.0).similarity));
                if c.len() + r.len() > 2 {
                    // Bounds from the single parts, and the merge counted from them.
                    let parts: Vec<Counts> = c
                        .iter()
                        .flat_map(|&x| r.iter().map(move |&y| (x, y)))
                        .map(|(x, y)| counted(&[&cf[x]], &[&rf[y]], w).matched)
                        .collect();
                    let sum: Counts = std::array::from_fn(|o| parts.iter().map(|p| p[o]).sum());
                    let max: Counts =
                        std::array::from_fn(|o| parts.iter().map(|p| p[o]).max().unwrap_or(0));
                    let b = space.merge_bounds(&c, &r, sum, max, w);
                    prop_assert!(b.lower <= want.similarity && want.similarity <= b.upper);
                    if parts.len() == 2 {
                        let merged = space.counted_merge(&c, &r, sum, w);
                        prop_assert_eq!(merged.matched, want.matched);
                        prop_assert!(close(merged.similarity, want.similarity));
                    }
                }
                let all = space.counted_all(i, w);
                let each = space.all_counts(i);
                prop_assert_eq!(all.len(), m);
                for (y, one) in all.iter().enumerate() {
                    let want = counted(&[&cf[i]], &[&rf[y]], w);
                    prop_assert_eq!(one.matched, want.matched);
                    prop_assert_eq!(each[y], want.matched);
                    prop_assert!(close(one.similarity, want.similarity));
                    prop_assert!(close(space.counted_from(i, y, each[y], w), want.similarity));
                }
            }
        }
    }
}
