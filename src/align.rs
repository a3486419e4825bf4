//! Candidate → reference sentence alignment.
//!
//! PLACEHOLDER: returns no pairs until the alignment issue lands.

use serde::{Deserialize, Serialize};

use crate::text::Article;

/// How the two articles relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The candidate translates the same text: mostly monotonic 1:1.
    Parallel,
    /// Two write-ups of the same story: reordered, many sentences unmatched.
    Comparable,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Parallel => "parallel",
            Mode::Comparable => "comparable",
        }
    }
}

/// Candidate sentences `candidate` say the same as reference sentences `reference`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedPair {
    pub candidate: Vec<usize>,
    pub reference: Vec<usize>,
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub mode: Mode,
    pub pairs: Vec<AlignedPair>,
}

impl Alignment {
    /// Reference sentences aligned with candidate sentence `i` (empty if none).
    pub fn counterparts(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.pairs
            .iter()
            .filter(move |p| p.candidate.contains(&i))
            .flat_map(|p| p.reference.iter().copied())
    }

    /// Number of candidate sentences that have a counterpart.
    pub fn aligned_candidate_sentences(&self) -> usize {
        let mut seen: Vec<usize> = self
            .pairs
            .iter()
            .flat_map(|p| p.candidate.iter().copied())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

/// Alignment thresholds (`[align]` in the config file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlignConfig {}

/// Aligns the candidate's sentences with the reference's.
pub fn align(_candidate: &Article, _reference: &Article, _config: &AlignConfig) -> Alignment {
    Alignment {
        mode: Mode::Comparable,
        pairs: Vec::new(),
    }
}
