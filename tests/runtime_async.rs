//! Runtime cases, Rust on both sides: every `tests/runtime-async/<case>/` through
//! `witbind::testing` (the code behind `witbind test`), with the embedded wasmtime.
//!
//! A case holds `test.wit` (world `test` exports what world `runner` imports; `runner` exports
//! `run: func()`; `//@ dependencies = [...]` adds worlds), `runner.rs`, `test.rs` and a source
//! per further world. Each trial generates bindings, builds the components, composes them (runner
//! on top) and calls `run`; every trial runs even when another fails, and the test fails at the
//! end listing each failed one. `WITBIND_CASES=a,b` runs only the named cases.
//! The MoonBit pairs are in `tests/moonbit.rs`; `tests/wasmtime_cli.rs` runs cases under the
//! wasmtime CLI.

mod support;

use witbind::testing::Language;

#[test]
fn runtime_cases() {
    support::run_suite(&[Language::Rust], None, None);
}
