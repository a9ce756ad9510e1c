//! MoonBit test support: `witbind::testing::moonbit` (the toolchain step behind `witbind test`),
//! with environment failures (no Node.js) turned into panics that say what to install.

#![allow(dead_code)]

use std::path::Path;

use witbind::testing::moonbit;

/// Installs the compiler and compiles core (once per machine: cached). Panics when Node.js is
/// missing, saying what to install.
pub fn setup() {
    moonbit::setup().unwrap_or_else(|e| panic!("{e}"));
}

/// Type-checks every package of the MoonBit module in `dir`.
pub fn check(dir: &Path) -> Result<(), String> {
    moonbit::check(dir)
}

/// Builds the MoonBit module in `dir` to a core wasm module at `out`.
pub fn build(dir: &Path, out: &Path) -> Result<(), String> {
    moonbit::build(dir, out)
}

/// A component from a MoonBit core module of `world` in `wit`.
pub fn componentize(core: &Path, wit: &Path, world: &str) -> Result<Vec<u8>, String> {
    moonbit::componentize(core, wit, world, &Default::default())
}
