//! Deterministic synthetic article pairs for benchmarks, fuzzing and
//! robustness tests: real parallel sentences (candidate line, reference line)
//! drawn in a seeded order until the candidate reaches a requested size.
//!
//! Not part of the stable API; the benches read the WMT23 segments from
//! `../shared/data/wmt23-zhen/segments.tsv` and feed them here, so no large
//! file is committed.

/// One parallel segment: a machine translation and its human reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub target: String,
    pub reference: String,
}

/// A small seeded generator (SplitMix64): the same seed gives the same
/// articles on every machine and every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }
}

/// Reads the `target` and `reference` columns of a tab-separated file with a
/// header row (the layout of the shared `segments.tsv`). Rows without both
/// columns, or with an empty one, are skipped.
pub fn parse_segments_tsv(tsv: &str) -> Vec<Segment> {
    let mut lines = tsv.lines();
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let columns: Vec<&str> = header.trim_end_matches('\r').split('\t').collect();
    let find = |name: &str| columns.iter().position(|c| *c == name);
    let (Some(t), Some(r)) = (find("target"), find("reference")) else {
        return Vec::new();
    };
    lines
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
            let target = cells.get(t)?.trim();
            let reference = cells.get(r)?.trim();
            (!target.is_empty() && !reference.is_empty()).then(|| Segment {
                target: target.to_string(),
                reference: reference.to_string(),
            })
        })
        .collect()
}

/// Splits a line-parallel article pair (one segment per line, as in the
/// shared WMT articles and the seeds) into segments. Lines beyond the shorter
/// article are dropped.
pub fn segments_from_lines(candidate: &str, reference: &str) -> Vec<Segment> {
    candidate
        .lines()
        .zip(reference.lines())
        .filter(|(c, r)| !c.trim().is_empty() && !r.trim().is_empty())
        .map(|(c, r)| Segment {
            target: c.trim().to_string(),
            reference: r.trim().to_string(),
        })
        .collect()
}

/// A line-parallel article pair whose candidate has at least `bytes` bytes
/// (and at most one segment more): segments drawn with replacement in the
/// order `seed` gives, one per line, with a blank line between paragraphs of
/// three to eight segments. Empty strings when `segments` is empty.
pub fn article_pair(segments: &[Segment], bytes: usize, seed: u64) -> (String, String) {
    let mut candidate = String::with_capacity(bytes + 512);
    let mut reference = String::with_capacity(bytes + 512);
    if segments.is_empty() {
        return (candidate, reference);
    }
    let mut rng = Rng::new(seed);
    let mut left_in_paragraph = 3 + rng.below(6);
    while candidate.len() < bytes {
        let Some(s) = segments.get(rng.below(segments.len())) else {
            break;
        };
        if left_in_paragraph == 0 {
            candidate.push('\n');
            reference.push('\n');
            left_in_paragraph = 3 + rng.below(6);
        }
        candidate.push_str(&s.target);
        candidate.push('\n');
        reference.push_str(&s.reference);
        reference.push('\n');
        left_in_paragraph -= 1;
    }
    (candidate, reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs() -> Vec<Segment> {
        parse_segments_tsv(
            "doc\ttarget\treference\nd\tOne cat sat.\tA cat sat.\nd\tTwo dogs ran.\tTwo dogs ran off.\nbad row\n",
        )
    }

    #[test]
    fn parses_named_columns_and_skips_short_rows() {
        let s = segs();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].target, "Two dogs ran.");
        assert_eq!(s[1].reference, "Two dogs ran off.");
        assert!(parse_segments_tsv("a\tb\n1\t2\n").is_empty());
        assert!(parse_segments_tsv("").is_empty());
    }

    #[test]
    fn pair_reaches_the_size_is_line_parallel_and_deterministic() {
        let s = segs();
        let (c, r) = article_pair(&s, 1000, 7);
        assert!(c.len() >= 1000 && c.len() < 1000 + 20, "{}", c.len());
        assert_eq!(c.lines().count(), r.lines().count());
        for (cl, rl) in c.lines().zip(r.lines()) {
            assert_eq!(cl.is_empty(), rl.is_empty());
        }
        assert!(c.contains("\n\n"));
        assert_eq!(article_pair(&s, 1000, 7), (c.clone(), r));
        assert_ne!(article_pair(&s, 1000, 8).0, c);
        assert_eq!(article_pair(&[], 1000, 7), (String::new(), String::new()));
    }

    #[test]
    fn segments_from_parallel_lines() {
        let s = segments_from_lines("a\n\nb\nc", "x\ny\nz");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].target.as_str(), s[1].reference.as_str()), ("a", "z"));
    }
}
