//! Parallel mode: a monotonic alignment by dynamic programming, in the spirit
//! of Gale–Church and Bleualign but over the sentence similarity.
//!
//! Beads are 1:1, k:1 (the candidate split a reference sentence into k),
//! 1:k (the candidate merged k), for k up to `max_merge`, and gaps. A bead of
//! similarity `s` covering `c` sentences gains `(s − min) × c`; a sentence
//! left in a gap costs `gap_penalty`; the path with the largest total gain
//! wins. A k-merge is only offered when the merged text is clearly more
//! similar than its (k−1)-parts, so weak merges never swallow an extra
//! sentence. The programme only visits a band of `±band` sentences around a
//! backbone (the longest monotonic chain of strong best matches, interpolated
//! between its points), so its cost grows with n × band rather than n × m.

use super::features::GramSpace;
use super::{monotonic_chain, shortlisted, AlignConfig, AlignedPair, Prepared};

/// Longest merge the programme considers, whatever the config says.
const MAX_K: usize = 3;

/// One boundary `(i, j)` of the programme: the best path to it, and the
/// similarities of the beads ending here, kept so longer merges can be
/// gated on them without recomputing.
#[derive(Clone, Copy)]
struct Cell {
    gain: f64,
    /// Similarity of the bead that reached this cell (0 for gaps).
    sim: f64,
    /// Sentences the last step consumed: (candidate, reference); (0, 0) at the start.
    from: (usize, usize),
    /// `split[k-1]`: candidate `i-k..i` against reference `j-1`; NaN when not computed.
    split: [f64; MAX_K],
    /// `merge[k-1]`: candidate `i-1` against reference `j-k..j`; `merge[0] == split[0]`.
    merge: [f64; MAX_K],
}

const UNREACHED: Cell = Cell {
    gain: f64::NEG_INFINITY,
    sim: 0.0,
    from: (0, 0),
    split: [f64::NAN; MAX_K],
    merge: [f64::NAN; MAX_K],
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

/// The similarities of the beads ending at each boundary of the band: the
/// 1:1 bead, and the k:1 and 1:k beads their gates let through, as
/// `(split, merge)` in the layout of [`Cell`]. They depend only on the
/// sentences, never on the programme's path, so they are computed before
/// it; the programme then only adds. `sims[i][j - lo[i]]` is boundary
/// `(i, j)`; row 0 has none.
type BeadSims = ([f64; MAX_K], [f64; MAX_K]);

/// Rows per rayon job when the similarities are computed: a news article
/// is one run on the aligner's own lanes; a long one is cut into runs
/// computed side by side, each with its own lanes.
const ROWS_PER_JOB: usize = 512;

fn bead_similarities(p: &Prepared, band: &Band, config: &AlignConfig) -> Vec<Vec<BeadSims>> {
    use rayon::prelude::*;
    let n = p.candidate.len();
    let mut sims: Vec<Vec<BeadSims>> = vec![Vec::new()];
    if n < ROWS_PER_JOB {
        sims.extend(bead_rows(
            p.matches.as_slice(),
            band,
            config,
            &p.space,
            1..n + 1,
        ));
    } else {
        let seed = p.space.seed();
        let matches = p.matches.as_slice();
        let starts: Vec<usize> = (1..n + 1).step_by(ROWS_PER_JOB).collect();
        let runs: Vec<Vec<Vec<BeadSims>>> = starts
            .par_iter()
            .map_init(
                || seed.space(),
                |space, &start| {
                    let end = (start + ROWS_PER_JOB).min(n + 1);
                    bead_rows(matches, band, config, space, start..end)
                },
            )
            .collect();
        sims.extend(runs.into_iter().flatten());
    }
    sims
}

/// Bead similarities of rows `rows`, in order, each cell as the programme
/// would visit it (so a loaded sentence serves the next look-up). A run
/// that starts past row 1 first recomputes the `MAX_K - 1` rows before it,
/// which is what its first row's gates read (k:1 gates look one row up,
/// for order k − 1 only).
fn bead_rows(
    matches: &[Vec<(usize, f64)>],
    band: &Band,
    config: &AlignConfig,
    space: &GramSpace,
    rows: std::ops::Range<usize>,
) -> Vec<Vec<BeadSims>> {
    let max_k = config.max_merge.clamp(1, MAX_K);
    let floor = config.parallel_min_similarity;
    // Candidate sentences `ci..ci + ck` against reference `rj..rj + rk`.
    let sim = |ci: usize, ck: usize, rj: usize, rk: usize| {
        let run = |start: usize, k: usize| {
            let mut idx = [0usize; MAX_K];
            for (n, slot) in idx.iter_mut().enumerate() {
                *slot = start + n;
            }
            (idx, k.min(MAX_K))
        };
        let ((c, ck), (r, rk)) = (run(ci, ck), run(rj, rk));
        space.similarity(&c[..ck], &r[..rk], config.anchor_weight)
    };
    let warm = rows.start.saturating_sub(MAX_K - 1).max(1);
    let mut out: Vec<Vec<BeadSims>> = Vec::with_capacity(rows.len());
    let mut prev: Option<Vec<BeadSims>> = None;
    for i in warm..rows.end {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row: Vec<BeadSims> = Vec::with_capacity(hi + 1 - lo);
        for j in lo..=hi {
            let mut cell: BeadSims = ([f64::NAN; MAX_K], [f64::NAN; MAX_K]);
            if j >= 1 {
                let s11 =
                    shortlisted(matches, i - 1, j - 1).unwrap_or_else(|| sim(i - 1, 1, j - 1, 1));
                cell.0[0] = s11;
                cell.1[0] = s11;
                let up = prev
                    .as_ref()
                    .filter(|_| band.contains(i - 1, j))
                    .and_then(|r| r.get(j - band.lo[i - 1]));
                let left = (j > lo).then(|| row.last()).flatten();
                for k in 2..=max_k {
                    // k:1 — its (k−1)-parts end here and one row up.
                    let parts = [cell.0[k - 2], up.map_or(f64::NAN, |c| c.0[k - 2])];
                    if gate(parts, floor).is_some() && i >= k {
                        cell.0[k - 1] = sim(i - k, k, j - 1, 1);
                    }
                    // 1:k — parts end here and one column left.
                    let parts = [cell.1[k - 2], left.map_or(f64::NAN, |c| c.1[k - 2])];
                    if gate(parts, floor).is_some() && j >= k {
                        cell.1[k - 1] = sim(i - 1, 1, j - k, k);
                    }
                }
            }
            row.push(cell);
        }
        if i >= rows.start {
            out.push(row.clone());
        }
        prev = Some(row);
    }
    out
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
    let sims = bead_similarities(p, &band, config);

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
            let up = at(&rows, &row, 1, 0);
            let left = at(&rows, &row, 0, 1);
            let (split, merge) = sims
                .get(i)
                .and_then(|r| r.get(j - lo))
                .copied()
                .unwrap_or(([f64::NAN; MAX_K], [f64::NAN; MAX_K]));
            if i >= 1 && j >= 1 {
                let s11 = split[0];
                if s11 >= config.parallel_floor {
                    offer(at(&rows, &row, 1, 1), (s11 - min) * 2.0, s11, (1, 1));
                }
                for k in 2..=max_k {
                    // k:1 — offered when clearly better than its better part.
                    let parts = [split[k - 2], up.map_or(f64::NAN, |c| c.split[k - 2])];
                    if let Some(best) = gate(parts, config.parallel_min_similarity) {
                        let s = split[k - 1];
                        if s >= best + config.merge_min_gain {
                            offer(at(&rows, &row, k, 1), (s - min) * (k + 1) as f64, s, (k, 1));
                        }
                    }
                    // 1:k — likewise.
                    let parts = [merge[k - 2], left.map_or(f64::NAN, |c| c.merge[k - 2])];
                    if let Some(best) = gate(parts, config.parallel_min_similarity) {
                        let s = merge[k - 1];
                        if s >= best + config.merge_min_gain {
                            offer(at(&rows, &row, 1, k), (s - min) * (k + 1) as f64, s, (1, k));
                        }
                    }
                }
            }
            cell.split = split;
            cell.merge = merge;
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

    #[test]
    fn band_without_backbone_follows_the_diagonal() {
        let band = Band::around(&[], 10, 10, 1);
        assert!(band.contains(5, 5));
        assert!(!band.contains(5, 9));
    }
}
