//! Arbitrary bytes → the batch manifest parser (`Manifest::from_bytes`, the
//! code `Manifest::open` runs on a file): never panics; a manifest it accepts
//! yields exactly the rows it counted, in order, each with one value per
//! extra column, and the extra columns' names are unique (case ignored).
//!
//! The body of the `manifest` fuzz target, shared with
//! `tests/fuzz_bodies.rs`, which runs it on every seed input and the batch
//! fixtures' manifests.

pub fn run(data: &[u8]) {
    let Ok(manifest) = mtcheck::batch::Manifest::from_bytes(data, std::path::Path::new(".")) else {
        return;
    };
    let names = manifest.extra_names();
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), names.len(), "{names:?}");
    assert!([b',', b';', b'\t'].contains(&manifest.delimiter()));
    if let Ok(rows) = manifest.all_rows() {
        assert_eq!(rows.len(), manifest.len());
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row.index, i);
            assert_eq!(row.extras.len(), names.len());
            if row.problem.is_none() {
                assert!(!row.candidate.is_empty() && !row.reference.is_empty());
            }
        }
    }
}
