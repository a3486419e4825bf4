//! Parallel mode: a monotonic alignment by dynamic programming, in the spirit
//! of Gale–Church and Bleualign but over the sentence similarity.
//!
//! Beads are 1:1, k:1 (the candidate split a reference sentence into k), 1:k
//! (the candidate merged k), for k ≤ min(`max_merge`, 3), and gaps. A bead of
//! similarity `s` covering `c` sentences gains `(s − parallel_min_similarity) ×
//! c`; a sentence left in a gap costs `gap_penalty`; beads below
//! `parallel_floor` are never drawn; the path with the largest total gain wins.
//! A k-bead is only tried where its better (k−1)-part reaches
//! `parallel_min_similarity`, and only offered when its merged text is at least
//! `merge_min_gain` more similar than that part, so a merge never swallows an
//! inserted sentence just to avoid a gap. The programme only visits a band of
//! `±band` sentences around a backbone (the longest monotonic chain of strong
//! best matches, interpolated linearly between its points and the two corners,
//! widened where needed so a path always exists), so its cost grows with (n +
//! m) × band rather than n × m.
//!
//! **Offers first, then the path.** The gates read only similarities, never the
//! programme's path, so every bead's offer is decided first (`bead_offers`,
//! cell by cell in the programme's order) and the programme then only adds.
//! A test holds the offers equal to the exhaustive rule on the alignment
//! fixtures and the seeds.
//!
//! **Merges settled by bounds.** Most merges fail the gain test by far, so a
//! merge is first bounded from its parts without comparing n-grams: each 1:1
//! similarity keeps its clipped matches per order (`GramSpace::counted`), and a
//! merge matches at most its parts' sum (and what either side has) and at least
//! its larger part's (`GramSpace::merge_bounds`; the similarity is monotone in
//! the matches, so the bounds hold in floating point). Only a merge whose
//! bounds cannot decide is computed. A 2-merge that must be computed is counted
//! from its parts (`GramSpace::counted_merge`): it matches what its two parts
//! matched apart, less what both took of an n-gram its two sentences share (for
//! such an n-gram the parts took min(c, a) + min(c, b) of the other side's c,
//! the merge min(c, a + b)), so only the shared n-grams are read. A reference's
//! neighbour lists are made once per reference and kept with it; a candidate's
//! in the space. Debug builds check every such merge against the full
//! comparison. A 3-merge first settles its gate on its two (now cheap) 2-merges
//! and bounds itself again with the counted one before three sentences are
//! compared.

use super::features::{Counts, GramSpace, Scored, ORDERS};
use super::{monotonic_chain, shortlisted, AlignConfig, AlignedPair, Match, Prepared};

/// Longest merge the programme considers, whatever the config says.
const MAX_K: usize = 3;

/// One boundary `(i, j)` of the programme: the best path to it.
#[derive(Clone, Copy)]
struct Cell {
    gain: f64,
    /// Similarity of the bead that reached this cell (0 for gaps).
    sim: f64,
    /// Sentences the last step consumed: (candidate, reference); (0, 0) at the start.
    from: (usize, usize),
}

const UNREACHED: Cell = Cell {
    gain: f64::NEG_INFINITY,
    sim: 0.0,
    from: (0, 0),
};

/// The band: boundary row `i` (0..=n) may use boundary columns `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    fn around(backbone: &[(usize, usize)], n: usize, m: usize, width: usize) -> Band {
        // Backbone points in boundary coordinates, with both corners.
        let mut pts: Vec<(f64, f64)> = Vec::with_capacity(backbone.len() + 2);
        pts.push((0.0, 0.0));
        for &(i, j) in backbone {
            pts.push((i as f64 + 0.5, j as f64 + 0.5));
        }
        pts.push((n as f64, m as f64));
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        let mut seg = 0usize;
        for i in 0..=n {
            let x = i as f64;
            while seg + 2 < pts.len() && pts.get(seg + 1).is_some_and(|p| p.0 < x) {
                seg += 1;
            }
            let (a, b) = match (pts.get(seg), pts.get(seg + 1)) {
                (Some(&a), Some(&b)) => (a, b),
                _ => ((0.0, 0.0), (n as f64, m as f64)),
            };
            let centre = if b.0 > a.0 {
                a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
            } else {
                a.1
            };
            let c = centre.round().clamp(0.0, m as f64) as usize;
            lo.push(c.saturating_sub(width));
            hi.push((c + width).min(m));
        }
        // Make the band passable: both edges non-decreasing, row i+1 starting
        // no later than row i ends, the corners included.
        if let Some(first) = lo.first_mut() {
            *first = 0;
        }
        if let Some(last) = hi.last_mut() {
            *last = m;
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]).min(hi[i - 1]);
        }
        Band { lo, hi }
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        matches!((self.lo.get(i), self.hi.get(i)), (Some(&lo), Some(&hi)) if lo <= j && j <= hi)
    }
}

/// The beads ending at one boundary that the programme may take: `split[0]`
/// (= `merge[0]`) is the 1:1 bead's similarity; `split[k-1]` the k:1 bead's
/// and `merge[k-1]` the 1:k bead's when its gate lets it through and it is
/// clearly better than its better part (see [`align`]), else NaN. They
/// depend only on the sentences, never on the programme's path, so they are
/// decided before it; the programme then only adds.
#[derive(Clone, Copy)]
struct Offers {
    split: [f64; MAX_K],
    merge: [f64; MAX_K],
}

const NO_OFFERS: Offers = Offers {
    split: [f64::NAN; MAX_K],
    merge: [f64::NAN; MAX_K],
};

/// `offers[i][j - lo[i]]` for every boundary `(i, j)` of the band; row 0 has none.
fn bead_offers(p: &Prepared, band: &Band, config: &AlignConfig) -> Vec<Vec<Offers>> {
    let mut offers: Vec<Vec<Offers>> = vec![Vec::new()];
    offers.extend(bead_rows(&p.matches, band, config, &p.space));
    offers
}

/// Candidate sentences `cand` against reference sentences `refr`, each a
/// run of at most [`MAX_K`]: the sentences of one bead.
#[derive(Clone, Copy)]
struct Block {
    cand: [usize; MAX_K],
    cand_len: usize,
    refr: [usize; MAX_K],
    refr_len: usize,
}

impl Block {
    /// `k` candidate sentences from `first` against reference sentence `j`
    /// (a k:1 bead).
    fn split(first: usize, k: usize, j: usize) -> Block {
        Block::runs(first, k, j, 1)
    }

    /// Candidate sentence `i` against `k` reference sentences from `first`
    /// (a 1:k bead).
    fn merge(i: usize, first: usize, k: usize) -> Block {
        Block::runs(i, 1, first, k)
    }

    fn runs(ci: usize, ck: usize, rj: usize, rk: usize) -> Block {
        let run = |start: usize| std::array::from_fn(|n| start + n);
        Block {
            cand: run(ci),
            cand_len: ck.min(MAX_K),
            refr: run(rj),
            refr_len: rk.min(MAX_K),
        }
    }

    fn cand(&self) -> &[usize] {
        self.cand.get(..self.cand_len).unwrap_or(&[])
    }

    fn refr(&self) -> &[usize] {
        self.refr.get(..self.refr_len).unwrap_or(&[])
    }
}

/// A 2-merge (k:1 or 1:k, k = 2) at one boundary, as far as it is known:
/// its similarity is only computed when a decision needs it; until then it
/// is known by bounds from its two parts ([`GramSpace::merge_bounds`]).
#[derive(Clone, Copy)]
struct Pair {
    /// Its gate let it through (what the programme's rule computes; a
    /// 3-merge is gated on two of these).
    gated: bool,
    /// The similarity, NaN until computed.
    exact: f64,
    lower: f64,
    upper: f64,
    /// Clipped matches per order: summed over the parts (exact once computed) …
    sum: Counts,
    /// … and the larger part's, order by order (exact once computed).
    max: Counts,
}

const UNGATED: Pair = Pair {
    gated: false,
    exact: f64::NAN,
    lower: f64::NAN,
    upper: f64::NAN,
    sum: [0; ORDERS],
    max: [0; ORDERS],
};

/// One boundary while the offers are worked out.
#[derive(Clone, Copy)]
struct Work {
    /// The 1:1 bead's matches (its similarity is `offers.split[0]`).
    m11: Counts,
    /// Candidate `i-2..i` against reference `j-1`.
    split: Pair,
    /// Candidate `i-1` against reference `j-2..j`.
    merge: Pair,
    offers: Offers,
}

const NO_WORK: Work = Work {
    m11: [0; ORDERS],
    split: UNGATED,
    merge: UNGATED,
    offers: NO_OFFERS,
};

impl Pair {
    /// A gated 2-merge of candidate `ci..ci+ck` and reference `rj..rj+rk`
    /// whose single parts matched `a` and `b`.
    fn bounded(space: &GramSpace, at: Block, a: Counts, b: Counts, w: f64) -> Pair {
        let sum = std::array::from_fn(|o| a[o] + b[o]);
        let max = std::array::from_fn(|o| a[o].max(b[o]));
        let bounds = space.merge_bounds(at.cand(), at.refr(), sum, max, w);
        Pair {
            gated: true,
            exact: f64::NAN,
            lower: bounds.lower,
            upper: bounds.upper,
            sum,
            max,
        }
    }

    /// The similarity, computed now if it was only bounded.
    fn exact(&mut self, space: &GramSpace, at: Block, w: f64) -> f64 {
        if self.exact.is_nan() {
            // Unset, `sum` is still the two parts' matches added up.
            let Scored {
                similarity: s,
                matched,
            } = space.counted_merge(at.cand(), at.refr(), self.sum, w);
            *self = Pair {
                gated: true,
                exact: s,
                lower: s,
                upper: s,
                sum: matched,
                max: matched,
            };
        }
        self.exact
    }
}

/// Offers of rows 1..=n, in order, each cell as the programme would visit
/// it (so a loaded sentence serves the next look-up).
///
/// The rule is the programme's: a k-merge is computed when both its
/// (k−1)-parts were and the better reaches the floor, and offered when at
/// least `merge_min_gain` more similar than that better part. Most merges
/// fail that test by far; bounds from their parts' matches settle those
/// without comparing n-grams, and a merge is only computed when its bounds
/// cannot decide.
fn bead_rows(
    shortlist: &[Vec<Match>],
    band: &Band,
    config: &AlignConfig,
    space: &GramSpace,
) -> Vec<Vec<Offers>> {
    let max_k = config.max_merge.clamp(1, MAX_K);
    let w = config.anchor_weight;
    let n = band.lo.len().saturating_sub(1);
    let mut out: Vec<Vec<Offers>> = Vec::with_capacity(n);
    let mut prev: Vec<Work> = Vec::new();
    let mut row: Vec<Work> = Vec::new();
    for i in 1..=n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let up_lo = band.lo[i - 1];
        row.clear();
        for j in lo..=hi {
            let mut cell = NO_WORK;
            if j >= 1 {
                let one = shortlisted(shortlist, i - 1, j - 1)
                    .unwrap_or_else(|| space.counted(&[i - 1], &[j - 1], w));
                let (s11, m11) = (one.similarity, one.matched);
                cell.m11 = m11;
                cell.offers.split[0] = s11;
                cell.offers.merge[0] = s11;
                let up = band.contains(i - 1, j).then(|| j - up_lo);
                let left = (j > lo).then(|| j - 1 - lo);
                if max_k >= 2 {
                    // k:1 — its parts end here and one row up.
                    (cell.split, cell.offers.split[1]) = two(
                        space,
                        one,
                        up.and_then(|u| prev.get(u)).filter(|_| i >= 2),
                        Block::split(i.saturating_sub(2), 2, j - 1),
                        config,
                    );
                    // 1:k — its parts end here and one column left.
                    (cell.merge, cell.offers.merge[1]) = two(
                        space,
                        one,
                        left.and_then(|l| row.get(l)).filter(|_| j >= 2),
                        Block::merge(i - 1, j.saturating_sub(2), 2),
                        config,
                    );
                }
                if max_k >= 3 {
                    // k:1 over three rows: the 2-merges here and one row up.
                    if let Some(p) = up.and_then(|u| prev.get_mut(u)) {
                        if i >= 3 {
                            cell.offers.split[2] = three(
                                space,
                                (&mut cell.split, Block::split(i - 2, 2, j - 1)),
                                (&mut p.split, Block::split(i - 3, 2, j - 1)),
                                Block::split(i - 3, 3, j - 1),
                                m11,
                                config,
                            );
                        }
                    }
                    if let Some(p) = left.and_then(|l| row.get_mut(l)) {
                        if j >= 3 {
                            cell.offers.merge[2] = three(
                                space,
                                (&mut cell.merge, Block::merge(i - 1, j - 2, 2)),
                                (&mut p.merge, Block::merge(i - 1, j - 3, 2)),
                                Block::merge(i - 1, j - 3, 3),
                                m11,
                                config,
                            );
                        }
                    }
                }
            }
            row.push(cell);
        }
        out.push(row.iter().map(|c| c.offers).collect());
        std::mem::swap(&mut prev, &mut row);
    }
    out
}

/// The 2-merge `at` of the 1:1 bead here (`one`) and the
/// neighbouring one `part` (`None` when outside the band or the article):
/// the merge as far as it is known, and its offer (NaN unless its gate lets
/// it through and it beats its better part by `merge_min_gain`).
fn two(
    space: &GramSpace,
    one: Scored,
    part: Option<&Work>,
    at: Block,
    config: &AlignConfig,
) -> (Pair, f64) {
    let (s11, m11) = (one.similarity, one.matched);
    let (floor, gain, w) = (
        config.parallel_min_similarity,
        config.merge_min_gain,
        config.anchor_weight,
    );
    let Some((best, p)) = part.and_then(|p| Some((gate([s11, p.offers.split[0]], floor)?, p)))
    else {
        return (UNGATED, f64::NAN);
    };
    let mut pair = Pair::bounded(space, at, p.m11, m11, w);
    let mut offer = f64::NAN;
    if pair.upper >= best + gain {
        let s = pair.exact(space, at, w);
        if s >= best + gain {
            offer = s;
        }
    }
    (pair, offer)
}

/// The offer of a 3-merge `at` whose 2-parts are `here` (which shares its
/// last sentence, matched `last` alone) and `other`: NaN unless both parts
/// were gated, the better reaches the floor and the merge beats it by
/// `merge_min_gain`. Bounds from the parts decide first; then the two
/// 2-merges are counted (cheap, from their own parts) and bound the merge
/// again; three sentences are compared only when that cannot decide.
fn three(
    space: &GramSpace,
    here: (&mut Pair, Block),
    other: (&mut Pair, Block),
    at: Block,
    last: Counts,
    config: &AlignConfig,
) -> f64 {
    let (floor, gain, w) = (
        config.parallel_min_similarity,
        config.merge_min_gain,
        config.anchor_weight,
    );
    let ((a, a_at), (b, b_at)) = (here, other);
    if !(a.gated && b.gated) || a.upper.max(b.upper) < floor {
        return f64::NAN;
    }
    // The 3-merge is `other`'s two sentences and `last`.
    let sum = std::array::from_fn(|o| b.sum[o] + last[o]);
    let max = std::array::from_fn(|o| b.max[o].max(last[o]));
    let upper = space.merge_bounds(at.cand(), at.refr(), sum, max, w).upper;
    // What the better part is at least, should the gate let the merge through.
    let least = a.lower.max(b.lower).max(floor);
    if upper < least + gain {
        return f64::NAN;
    }
    // The two 2-merges are cheap to count (from their parts): settle the
    // gate first, then bound again with `other` counted (its matches and
    // the last sentence's are a tighter sum), and only then compare three
    // sentences.
    let Some(best) = gate([a.exact(space, a_at, w), b.exact(space, b_at, w)], floor) else {
        return f64::NAN;
    };
    let sum = std::array::from_fn(|o| b.sum[o] + last[o]);
    let max = std::array::from_fn(|o| b.max[o].max(last[o]));
    let upper = space.merge_bounds(at.cand(), at.refr(), sum, max, w).upper;
    if upper < best + gain {
        return f64::NAN;
    }
    let s = space.similarity(at.cand(), at.refr(), w);
    if s >= best + gain {
        s
    } else {
        f64::NAN
    }
}

/// Monotonic alignment of the prepared articles.
pub(crate) fn align(p: &Prepared, config: &AlignConfig) -> Vec<AlignedPair> {
    let (n, m) = (p.candidate.len(), p.reference.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let backbone = monotonic_chain(&p.best_matches(config.mode_match_similarity));
    let band = Band::around(&backbone, n, m, config.band);
    let max_k = config.max_merge.clamp(1, MAX_K);
    let min = config.parallel_min_similarity;
    let sims = bead_offers(p, &band, config);

    // rows[i][j - lo[i]] is boundary (i, j).
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(n + 1);
    for i in 0..=n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row: Vec<Cell> = Vec::with_capacity(hi + 1 - lo);
        for j in lo..=hi {
            let at = |rows: &[Vec<Cell>], row: &[Cell], di: usize, dj: usize| -> Option<Cell> {
                let (pi, pj) = (i.checked_sub(di)?, j.checked_sub(dj)?);
                if !band.contains(pi, pj) {
                    return None;
                }
                let off = pj - band.lo[pi];
                if di == 0 {
                    row.get(off).copied()
                } else {
                    rows.get(pi)?.get(off).copied()
                }
            };
            let mut cell = UNREACHED;
            if i == 0 && j == 0 {
                cell.gain = 0.0;
            }
            let mut offer = |prev: Option<Cell>, gain: f64, s: f64, from: (usize, usize)| {
                if let Some(prev) = prev.filter(|c| c.gain.is_finite()) {
                    if prev.gain + gain > cell.gain {
                        cell.gain = prev.gain + gain;
                        cell.sim = s;
                        cell.from = from;
                    }
                }
            };
            offer(at(&rows, &row, 1, 0), -config.gap_penalty, 0.0, (1, 0));
            offer(at(&rows, &row, 0, 1), -config.gap_penalty, 0.0, (0, 1));
            let offers = sims
                .get(i)
                .and_then(|r| r.get(j - lo))
                .copied()
                .unwrap_or(NO_OFFERS);
            if i >= 1 && j >= 1 {
                let s11 = offers.split[0];
                if s11 >= config.parallel_floor {
                    offer(at(&rows, &row, 1, 1), (s11 - min) * 2.0, s11, (1, 1));
                }
                // k:1 and 1:k beads, where their gates let them through
                // and they clearly beat their better part (bead_offers).
                for k in 2..=max_k {
                    let s = offers.split[k - 1];
                    if !s.is_nan() {
                        offer(at(&rows, &row, k, 1), (s - min) * (k + 1) as f64, s, (k, 1));
                    }
                    let s = offers.merge[k - 1];
                    if !s.is_nan() {
                        offer(at(&rows, &row, 1, k), (s - min) * (k + 1) as f64, s, (1, k));
                    }
                }
            }
            row.push(cell);
        }
        rows.push(row);
    }

    // Trace back from (n, m).
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(cell) = band
            .contains(i, j)
            .then(|| rows.get(i).and_then(|r| r.get(j - band.lo[i])))
            .flatten()
        else {
            break;
        };
        let (di, dj) = cell.from;
        if (di, dj) == (0, 0) || di > i || dj > j {
            break;
        }
        if di > 0 && dj > 0 {
            pairs.push(AlignedPair {
                candidate: (i - di..i).collect(),
                reference: (j - dj..j).collect(),
                similarity: cell.sim,
            });
        }
        i -= di;
        j -= dj;
    }
    pairs.reverse();
    pairs
}

/// The larger of a merge's two (k−1)-parts when both were computed and at
/// least one reaches `floor`: only then is the k-merge worth computing.
fn gate(parts: [f64; 2], floor: f64) -> Option<f64> {
    let [a, b] = parts;
    if a.is_nan() || b.is_nan() {
        return None;
    }
    let best = a.max(b);
    (best >= floor).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_is_passable_and_covers_corners() {
        let band = Band::around(&[(3, 10), (5, 11)], 8, 20, 2);
        assert_eq!(band.lo[0], 0);
        assert_eq!(band.hi[8], 20);
        for i in 1..=8 {
            assert!(band.lo[i] >= band.lo[i - 1]);
            assert!(band.hi[i] >= band.hi[i - 1]);
            assert!(band.lo[i] <= band.hi[i - 1]);
        }
        assert!(band.contains(4, 11));
        assert!(!band.contains(1, 20));
    }

    /// The programme's rule applied the obvious way: every gated merge
    /// computed, then offered when it beats its better part.
    fn naive_offers(p: &Prepared, band: &Band, config: &AlignConfig) -> Vec<Vec<Offers>> {
        let max_k = config.max_merge.clamp(1, MAX_K);
        let (floor, gain) = (config.parallel_min_similarity, config.merge_min_gain);
        let n = p.candidate.len();
        // values[i][j - lo] = (split, merge) similarities, NaN when not computed.
        let mut values: Vec<Vec<([f64; MAX_K], [f64; MAX_K])>> = vec![Vec::new()];
        let mut offers: Vec<Vec<Offers>> = vec![Vec::new()];
        for i in 1..=n {
            let (lo, hi) = (band.lo[i], band.hi[i]);
            let mut vrow: Vec<([f64; MAX_K], [f64; MAX_K])> = Vec::new();
            let mut orow: Vec<Offers> = Vec::new();
            for j in lo..=hi {
                let mut v = ([f64::NAN; MAX_K], [f64::NAN; MAX_K]);
                let mut o = NO_OFFERS;
                if j >= 1 {
                    let s11 = p.sim(&[i - 1], &[j - 1], config);
                    v.0[0] = s11;
                    v.1[0] = s11;
                    o.split[0] = s11;
                    o.merge[0] = s11;
                    let up = band
                        .contains(i - 1, j)
                        .then(|| values[i - 1].get(j - band.lo[i - 1]).copied())
                        .flatten();
                    let left = (j > lo).then(|| vrow[j - 1 - lo]);
                    for k in 2..=max_k {
                        let parts = [v.0[k - 2], up.map_or(f64::NAN, |c| c.0[k - 2])];
                        if let Some(best) = gate(parts, floor).filter(|_| i >= k) {
                            let c: Vec<usize> = (i - k..i).collect();
                            v.0[k - 1] = p.sim(&c, &[j - 1], config);
                            if v.0[k - 1] >= best + gain {
                                o.split[k - 1] = v.0[k - 1];
                            }
                        }
                        let parts = [v.1[k - 2], left.map_or(f64::NAN, |c| c.1[k - 2])];
                        if let Some(best) = gate(parts, floor).filter(|_| j >= k) {
                            let r: Vec<usize> = (j - k..j).collect();
                            v.1[k - 1] = p.sim(&[i - 1], &r, config);
                            if v.1[k - 1] >= best + gain {
                                o.merge[k - 1] = v.1[k - 1];
                            }
                        }
                    }
                }
                vrow.push(v);
                orow.push(o);
            }
            values.push(vrow);
            offers.push(orow);
        }
        offers
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a == b
    }

    /// `naive_offers` and `bead_offers` agree cell by cell; returns the
    /// k:1 and 1:k offers made (k > 1).
    fn compare_offers(
        c: &crate::text::Article,
        r: &crate::text::Article,
        config: &AlignConfig,
    ) -> (usize, usize) {
        let (cf, rs) = super::super::sides(c, r);
        let p = Prepared::new(&cf, &rs, config);
        let (n, m) = (p.candidate.len(), p.reference.len());
        let backbone = monotonic_chain(&p.best_matches(config.mode_match_similarity));
        let band = Band::around(&backbone, n, m, config.band);
        let fast = bead_offers(&p, &band, config);
        let slow = naive_offers(&p, &band, config);
        assert_eq!(fast.len(), slow.len());
        let (mut splits, mut merges) = (0, 0);
        for (i, (f, s)) in fast.iter().zip(&slow).enumerate() {
            assert_eq!(f.len(), s.len());
            for (k, (a, b)) in f.iter().zip(s).enumerate() {
                for x in 0..MAX_K {
                    assert!(same(a.split[x], b.split[x]), "row {i} cell {k} split {x}");
                    assert!(same(a.merge[x], b.merge[x]), "row {i} cell {k} merge {x}");
                    splits += usize::from(x > 0 && !a.split[x].is_nan());
                    merges += usize::from(x > 0 && !a.merge[x].is_nan());
                }
            }
        }
        (splits, merges)
    }

    #[test]
    fn bounded_offers_equal_the_exhaustive_rule() {
        use crate::text::Article;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/align/parallel/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap_or_default();
        let reference = Article::from_text("r", read("reference.txt"));
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/");
        let seed = |f: &str| std::fs::read_to_string(format!("{seeds}{f}")).unwrap_or_default();
        let mut pairs: Vec<(Article, Article)> = [
            "candidate.txt",
            "split.txt",
            "merged.txt",
            "dropped.txt",
            "inserted.txt",
            "mixed.txt",
        ]
        .iter()
        .map(|f| (Article::from_text("c", read(f)), reference.clone()))
        .collect();
        pairs.push((
            Article::from_text("c", seed("xi-moscow-suspected-mt.txt")),
            Article::from_text("r", seed("xi-moscow-reference.txt")),
        ));
        let configs = [
            AlignConfig::default(),
            AlignConfig {
                band: 1,
                ..AlignConfig::default()
            },
            AlignConfig {
                max_merge: 2,
                ..AlignConfig::default()
            },
            AlignConfig {
                max_merge: 1,
                ..AlignConfig::default()
            },
            AlignConfig {
                parallel_min_similarity: 0.1,
                merge_min_gain: 0.0,
                ..AlignConfig::default()
            },
        ];
        let (mut splits, mut merges) = (0, 0);
        for (c, r) in &pairs {
            assert!(!c.sentences.is_empty() && !r.sentences.is_empty());
            for config in &configs {
                let (s, m) = compare_offers(c, r, config);
                splits += s;
                merges += m;
            }
        }
        // The fixtures split and merge sentences, so both kinds are offered.
        assert!(splits > 0 && merges > 0, "{splits} {merges}");
    }

    #[test]
    fn bounded_offers_equal_the_exhaustive_rule_with_merges_all_along() {
        use crate::text::Article;
        // A long article of repeated sections, each with split sentences.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/align/parallel/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap_or_default();
        let (split, reference) = (read("split.txt"), read("reference.txt"));
        let (mut c, mut r) = (String::new(), String::new());
        for section in 0..12 {
            let head = format!("Section {section} of the record opens here.\n");
            c.push_str(&head);
            c.push_str(&split);
            c.push('\n');
            r.push_str(&head);
            r.push_str(&reference);
            r.push('\n');
        }
        let (c, r) = (Article::from_text("c", c), Article::from_text("r", r));
        // Low thresholds, so that merges of three, which read the rows
        // before them, are offered all along.
        let config = AlignConfig {
            band: 2,
            parallel_min_similarity: 0.05,
            merge_min_gain: 0.0,
            ..AlignConfig::default()
        };
        let (splits, merges) = compare_offers(&c, &r, &config);
        assert!(splits > 0 && merges > 0);
    }

    #[test]
    fn band_without_backbone_follows_the_diagonal() {
        let band = Band::around(&[], 10, 10, 1);
        assert!(band.contains(5, 5));
        assert!(!band.contains(5, 9));
    }
}
