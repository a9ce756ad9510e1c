//! MoonBit test support: `witbind::testing::moonbit` (the toolchain step behind `witbind test`),
//! with environment failures (no Node.js) turned into panics that say what to install.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use witbind::testing::moonbit;

/// Installs the compiler and compiles core (once per machine: cached). Panics when Node.js is
/// missing, saying what to install.
pub fn setup() {
    moonbit::setup().unwrap_or_else(|e| panic!("{e}"));
}

/// Type-checks every package of the MoonBit module in `dir`; warnings fail it too.
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

/// Type-checks every module of `to_check` (`(label, dir)`), two at a time (each check is a chain
/// of compiler calls); the results in the order of `to_check`.
pub fn check_all(to_check: &[(String, PathBuf)]) -> Vec<Result<(), String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((_, dir)) = to_check.get(i) else {
                    break;
                };
                let result = check(dir);
                results.lock().unwrap().push((i, result));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
