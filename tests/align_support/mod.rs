//! Shared by `tests/align.rs` and `benches/align.rs`: the shared WMT data and
//! deterministic synthetic article pairs built from it.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

/// `/work/shared/data/wmt23-zhen`, found relative to the crate (`../shared/data`).
pub fn wmt_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wmt23-zhen");
    dir.is_dir().then_some(dir)
}

/// A synthetic line-parallel pair: WMT segments in document order, each line
/// taken from one system's output (rotating through the systems that were
/// rated on that line) against its reference; the documents are cycled, with
/// the next system each time round, until the reference has at least
/// `sentences` sentences. Deterministic for a given data set.
pub struct SyntheticPair {
    pub candidate: String,
    pub reference: String,
    pub lines: usize,
}

/// (system, target, reference) of one rated segment.
type Segment = (String, String, String);

pub fn synthetic_pair(sentences: usize) -> Option<SyntheticPair> {
    let tsv = std::fs::read_to_string(wmt_dir()?.join("segments.tsv")).ok()?;
    // (doc, line) -> [(system, target, reference)], systems sorted.
    let mut by_line: BTreeMap<(String, u32), Vec<Segment>> = BTreeMap::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        let line: u32 = f[2].parse().ok()?;
        by_line.entry((f[0].to_string(), line)).or_default().push((
            f[1].to_string(),
            f[5].to_string(),
            f[6].to_string(),
        ));
    }
    for v in by_line.values_mut() {
        v.sort();
    }
    let mut pair = SyntheticPair {
        candidate: String::new(),
        reference: String::new(),
        lines: 0,
    };
    let mut count = 0usize;
    let mut round = 0usize;
    while count < sentences {
        for systems in by_line.values() {
            if count >= sentences {
                break;
            }
            let (_, target, reference) = &systems[round % systems.len()];
            count += mtcheck::Article::from_text("line", reference.as_str())
                .sentences
                .len();
            pair.candidate.push_str(target);
            pair.candidate.push('\n');
            pair.reference.push_str(reference);
            pair.reference.push('\n');
            pair.lines += 1;
        }
        round += 1;
    }
    Some(pair)
}
