//! The fuzz targets' bodies (`fuzz/bodies/`), compiled into every
//! `cargo test` and run on the regression fixtures, the seeds and a few
//! edge inputs. The libFuzzer entry points in `fuzz/fuzz_targets/` only call
//! these, so a target cannot stop compiling against the library unnoticed
//! (as `check_pair` once did), and every input the fuzzers are seeded with
//! passes the targets' own assertions.

#[path = "../fuzz/bodies/check_pair.rs"]
mod check_pair;
#[path = "../fuzz/bodies/decode.rs"]
mod decode;
#[path = "../fuzz/bodies/manifest.rs"]
mod manifest;
#[path = "../fuzz/bodies/numbers.rs"]
mod numbers;
#[path = "../fuzz/bodies/tokenize_segment.rs"]
mod tokenize_segment;

use std::path::Path;

/// The files the fuzzers are seeded with (docs/PERFORMANCE.md, "Fuzzing").
fn seed_inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for dir in ["fixtures/fuzz-regressions", "seeds"] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        entries.sort();
        for path in entries {
            inputs.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    assert!(inputs.len() >= 10, "{} inputs", inputs.len());
    inputs
}

/// Inputs at the edges of what the targets split and decode.
fn edge_inputs() -> Vec<Vec<u8>> {
    vec![
        Vec::new(),
        vec![0xFF],
        b"a\xFFb".to_vec(),
        b"\xFF\xFE\x00".to_vec(),
        "\u{feff}\u{200b}\r\n\r".as_bytes().to_vec(),
        "Nov. 8 \u{00a0}80th \"quoted (nested [deep]\" 4-day"
            .as_bytes()
            .to_vec(),
    ]
}

#[test]
fn fuzz_bodies_pass_on_their_seed_inputs() {
    let inputs = seed_inputs()
        .into_iter()
        .map(|(_, bytes)| bytes)
        .chain(edge_inputs());
    for bytes in inputs {
        decode::run(&bytes);
        check_pair::run(&bytes);
        numbers::run(&bytes);
        manifest::run(&bytes);
        tokenize_segment::run(&String::from_utf8_lossy(&bytes));
    }
}

/// The manifest body on the batch fixtures' manifest and on the shapes the
/// parser refuses or repairs (delimiters, quotes, encodings, duplicates).
#[test]
fn manifest_body_passes_on_manifests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = std::fs::read(root.join("fixtures/batch/manifest.csv")).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "id\tcandidate\treference\na\tc.txt\tr.txt\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cases: Vec<Vec<u8>> = vec![
        fixture,
        utf16,
        b"id;candidate;reference\na;c.txt;r.txt\n".to_vec(),
        b"candidate,reference,words,manifest_words,x,X\nc,r,1,2,3,4\n".to_vec(),
        b"candidate,reference\n\"c,r\nd,e\n".to_vec(),
        b"candidate,reference\nc,r\0\n".to_vec(),
        b"candidate,reference\n\"c\"\"x\"y,r\n,\n,,,\n".to_vec(),
        b"\xFF\xFE\0\0".to_vec(),
        b"\xFF\xFE".to_vec(),
    ];
    for bytes in cases {
        manifest::run(&bytes);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(512))]
    /// The manifest body on bytes from the characters the parser reacts to
    /// (separators, quotes, line ends, NUL, byte-order-mark bytes) and the
    /// column names it looks for, in any order.
    #[test]
    fn manifest_body_passes_on_csv_like_bytes(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            &b","[..], b";", b"\t", b"\"", b"\"\"", b"\n", b"\r\n", b"\r", b"\0",
            b"\xFF", b"\xFE", b"\xEF\xBB\xBF", b"candidate", b"reference", b"id",
            b"words", b"manifest_words", b"x", b" ", b"\xE9",
        ]),
        0..48,
    )) {
        manifest::run(&parts.concat());
    }
}
