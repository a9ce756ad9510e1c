//! Compile errors of `generate!`, checked against `tests/ui/*.stderr` with trybuild (which
//! builds for the host, in `$CARGO_TARGET_DIR/tests/trybuild`). Re-bless the expected output
//! with `TRYBUILD=overwrite cargo test -p witbind-macro --test compile_fail`.

#[test]
fn compile_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
