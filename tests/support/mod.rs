//! The harness shared by every test driver (`mod support;` in each `tests/*.rs`).
//!
//! - [`toolchain`]: the toolchain pinned in `rust-toolchain.toml` and its `wasm32-wasip2` target.
//! - [`guests`]: a scratch cargo workspace under `CARGO_TARGET_TMPDIR` where guest crates are
//!   written and built for `wasm32-wasip2` in one cargo invocation; existing crates (the
//!   examples) are built in place with the same target directory and profile.
//! - [`wasm`]: composing a runner component with a test component, and running the result in
//!   wasmtime with component-model-async enabled.
//!
//! Failures that belong to one case (a crate that does not compile, a trap) are returned as
//! `Err(String)` so that a driver can run every case and report them all at the end; failures of
//! the environment (no rustup, cargo cannot start) panic.

// Each driver uses a different part of the harness; what one driver leaves unused is not dead.
#![allow(dead_code)]

pub mod guests;
pub mod snapshots;
pub mod toolchain;
pub mod wasm;

use std::path::{Path, PathBuf};

// The short names drivers use; like the items themselves, not every driver uses every one.
#[allow(unused_imports)]
pub use guests::{build_existing, build_guests, check_crate, Build, GuestCrate};
#[allow(unused_imports)]
pub use toolchain::{ensure_wasm_target, toolchain_channel, WASM_TARGET};
#[allow(unused_imports)]
pub use wasm::{compose, run_composed};

/// The root of this repository (where `Cargo.toml` and `rust-toolchain.toml` are).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path relative to the repository root.
pub fn repo_path(relative: &str) -> PathBuf {
    repo_root().join(relative)
}

/// The `.rs` files of `dir` (runtime cases' `common/`), by file name and contents, sorted: each
/// is copied into every guest crate of a case, which uses it with `mod <name>;`.
#[allow(dead_code)]
pub fn common_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let contents = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()));
            (file_name(&path).to_string(), contents)
        })
        .collect();
    files.sort();
    files
}

/// The entries of `dir` that are directories, sorted by name.
pub fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The file or directory name of `path` as UTF-8.
pub fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_else(|| panic!("`{}` has no UTF-8 file name", path.display()))
}
