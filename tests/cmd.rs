//! The command line as data: each `tests/cmd/<case>.toml` holds the
//! arguments, the expected exit code and output of one `mtcheck` run (its
//! input files in `tests/cmd/<case>.in/` or under `fixtures/`). Adding a case
//! is adding a file; `TRYCMD=overwrite cargo test --test cmd` rewrites the
//! expected output after a deliberate change (review the diff).

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
