//! A scratch cargo workspace where Rust guest crates are written and built for `wasm32-wasip2`.
//!
//! The workspace lives in a directory the caller chooses (`witbind test --artifacts`, or a test
//! driver's temporary directory) and survives between runs: every guest crate is a member, all
//! share one target directory, so `witbind-rt` is built once and cargo's incremental state stays
//! warm. Files are only rewritten when their contents change, for the same reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::toolchain::{ensure_wasm_target, toolchain_channel, WASM_TARGET};
use crate::Error;

/// The directory cargo names after the profile guests are built with (`dev`).
const PROFILE_DIR: &str = "debug";

/// The workspace manifest. Members are found by glob so that drivers running in different
/// processes never have to agree on (or race to rewrite) a members list; a build selects its
/// crates with `-p`. The profile is [`PROFILE`], given to cargo through the environment.
const WORKSPACE_MANIFEST: &str = r#"# Scratch workspace of witbind's Rust guests (src/testing/cargo.rs). Generated; do not edit.
[workspace]
members = ["crates/*"]
resolver = "2"
"#;

/// The `dev` profile of every guest build, as `CARGO_PROFILE_DEV_*` variables: they apply to
/// the scratch workspace and to existing crates ([`build_existing`]) alike, so what those share
/// (`witbind-rt`, the `generate!` macro) is built once in the shared target directory.
///
/// Measured on the probe guests: `opt-level = 1` builds as fast as 0 and gives smaller code,
/// which is what wasmtime's compile time follows; debug assertions (overflow checks,
/// `debug_assert!` in `witbind-rt`) stay on, as tests want. Line tables make the `.wasm` larger
/// but cost wasmtime nothing unless `WASMTIME_BACKTRACE_DETAILS=1` asks for file:line in trap
/// backtraces, which is what they are for.
const PROFILE: &[(&str, &str)] = &[
    ("CARGO_PROFILE_DEV_OPT_LEVEL", "1"),
    ("CARGO_PROFILE_DEV_DEBUG", "line-tables-only"),
    ("CARGO_PROFILE_DEV_INCREMENTAL", "true"),
];

/// Variables of an outer build (coverage instrumentation, a pinned rustc, a default target)
/// that must not leak into a wasm build cargo is run for.
pub const HOST_BUILD_VARS: [&str; 6] = [
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_TARGET",
    "RUSTC",
    "RUSTC_WORKSPACE_WRAPPER",
];

/// A guest crate: a name and the files of its `src/` directory.
#[derive(Clone, Debug)]
pub struct GuestCrate {
    /// The package name (also the key of [`Build::wasm`]).
    pub name: String,
    /// Contents by path relative to `src/`; `lib.rs` is the crate root.
    pub files: BTreeMap<String, String>,
    /// `cdylib` (a component) or a plain library that is only type-checked.
    pub cdylib: bool,
    /// Whether the manifest denies warnings (`[lints.rust] warnings = "deny"`).
    pub deny_warnings: bool,
    /// Whether the crate depends on `witbind-rt` (it does unless it has no bindings of its own).
    pub runtime: bool,
    /// Library crates this one depends on by path, each under the crate name it is used by.
    pub externs: Vec<(String, GuestCrate)>,
}

impl GuestCrate {
    /// A `cdylib` crate: built, it is a component.
    pub fn cdylib(name: &str) -> GuestCrate {
        GuestCrate {
            name: package_name(name),
            files: BTreeMap::new(),
            cdylib: true,
            deny_warnings: false,
            runtime: true,
            externs: Vec::new(),
        }
    }

    /// A library crate, for `cargo check` only.
    pub fn lib(name: &str) -> GuestCrate {
        GuestCrate {
            cdylib: false,
            ..GuestCrate::cdylib(name)
        }
    }

    /// Denies warnings in the manifest, for a crate whose root cannot carry `#![deny(warnings)]`.
    pub fn deny_warnings(mut self) -> GuestCrate {
        self.deny_warnings = true;
        self
    }

    /// Leaves out the `witbind-rt` dependency: the crate reaches the runtime only through
    /// bindings in its externs, if at all.
    pub fn without_runtime(mut self) -> GuestCrate {
        self.runtime = false;
        self
    }

    /// Makes `krate` (a library) a dependency, used as crate `name`.
    pub fn with_extern(mut self, name: &str, krate: GuestCrate) -> GuestCrate {
        self.externs.push((name.to_string(), krate));
        self
    }

    /// Adds (or replaces) `src/<path>`.
    pub fn file(mut self, path: &str, contents: impl Into<String>) -> GuestCrate {
        self.files.insert(path.to_string(), contents.into());
        self
    }

    /// The name of the `.wasm` file cargo writes for this crate.
    fn artifact_name(&self) -> String {
        format!("{}.wasm", self.name.replace('-', "_"))
    }

    /// The crate's `Cargo.toml`. Generated bindings are files of the crate, so `witbind-rt`'s
    /// `generate!` macro (default feature `macros`) is left out: it would build the generator
    /// for the host and rebuild every guest whenever the generator changes.
    fn manifest(&self) -> String {
        let crate_type = if self.cdylib { "cdylib" } else { "lib" };
        let mut dependencies = String::new();
        if self.runtime {
            dependencies += &format!(
                "witbind-rt = {{ path = {}, default-features = false }}\n",
                toml_string(&runtime_crate_dir().to_string_lossy())
            );
        }
        for (name, krate) in &self.externs {
            // A sibling in `crates/`, renamed to the name the source uses.
            dependencies += &format!(
                "{name} = {{ package = {}, path = {} }}\n",
                toml_string(&krate.name),
                toml_string(&format!("../{}", krate.name))
            );
        }
        format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [lib]\npath = \"src/lib.rs\"\ncrate-type = [\"{crate_type}\"]\n\n\
             [dependencies]\n{dependencies}",
            self.name,
        ) + if self.deny_warnings {
            "\n[lints.rust]\nwarnings = \"deny\"\n"
        } else {
            ""
        }
    }
}

/// Turns any case name into a valid cargo package name: lowercase ASCII letters, digits and `-`,
/// starting with a letter (a leading digit would make an invalid library name).
fn package_name(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '-' | '_') => c,
            _ => '-',
        })
        .collect();
    match name.chars().next() {
        Some('a'..='z') => name,
        _ => format!("c-{name}"),
    }
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `crates/guest-rust` of the checkout witbind was built from: the `witbind-rt` crate generated
/// code depends on (it is not published, so guests depend on it by path).
pub fn runtime_crate_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/guest-rust")
}

/// The result of one cargo build over several guest crates.
#[derive(Debug)]
pub struct Build {
    artifacts: BTreeMap<String, PathBuf>,
    failures: BTreeMap<String, String>,
    command: String,
}

impl Build {
    /// The component built from crate `name`, or why there is none (with the compiler output).
    pub fn wasm(&self, name: &str) -> Result<&Path, String> {
        if let Some(failure) = self.failures.get(name) {
            return Err(failure.clone());
        }
        match self.artifacts.get(name) {
            Some(path) if path.is_file() => Ok(path),
            Some(path) => Err(format!(
                "crate `{name}` built, but `{}` is missing",
                path.display()
            )),
            None => Err(format!("crate `{name}` was not part of this build")),
        }
    }

    /// The cargo command line that made this build (to rerun it by hand).
    pub fn command(&self) -> &str {
        &self.command
    }

    /// Names of the crates that did not compile.
    pub fn failed(&self) -> impl Iterator<Item = &str> {
        self.failures.keys().map(String::as_str)
    }
}

/// The scratch workspace: a directory holding a cargo workspace of guest crates.
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The workspace at `root`, created if needed. Checks that the Rust toolchain has the
    /// `wasm32-wasip2` target (adding it with rustup when missing).
    pub fn open(root: &Path) -> Result<Workspace, Error> {
        ensure_wasm_target()?;
        write_if_changed(&root.join("Cargo.toml"), WORKSPACE_MANIFEST)?;
        Ok(Workspace {
            root: root.to_path_buf(),
        })
    }

    /// Writes `crates` into the workspace and builds them all for `wasm32-wasip2` with one
    /// `cargo build --keep-going`, so one broken crate does not hide the others.
    ///
    /// Errs only when cargo cannot be run; compile errors are in [`Build::wasm`].
    pub fn build(&self, crates: &[GuestCrate]) -> Result<Build, Error> {
        let names: Vec<&str> = crates.iter().map(|k| k.name.as_str()).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        if unique.len() != names.len() {
            return Err(Error::io(format!("guest crate names clash: {names:?}")));
        }
        if crates.is_empty() {
            // Without `-p`, cargo would build every crate ever written into the workspace.
            return Ok(Build {
                artifacts: BTreeMap::new(),
                failures: BTreeMap::new(),
                command: String::new(),
            });
        }
        let _lock = self.lock()?;
        for krate in crates {
            self.write_crate(krate)?;
        }
        let run = self.cargo("build", &names)?;
        // Externs are named too, so that a broken one fails the crates using it, not all.
        let mut named = names.clone();
        for krate in crates {
            for (_, lib) in &krate.externs {
                if !named.contains(&lib.name.as_str()) {
                    named.push(&lib.name);
                }
            }
        }
        let mut failures = run.failures(&named);
        for krate in crates {
            let broken_extern = (krate.externs.iter()).find_map(|(_, lib)| failures.get(&lib.name));
            if let (false, Some(failure)) = (failures.contains_key(&krate.name), broken_extern) {
                failures.insert(krate.name.clone(), failure.clone());
            }
        }
        failures.retain(|name, _| names.contains(&name.as_str()));
        let artifacts = crates
            .iter()
            .map(|k| (k.name.clone(), self.artifact_dir().join(k.artifact_name())))
            .collect();
        Ok(Build {
            artifacts,
            failures,
            command: run.command,
        })
    }

    /// Writes `krate` into the workspace and type-checks it for `wasm32-wasip2` (`cargo
    /// check`); the inner error is the compiler output.
    pub fn check(&self, krate: &GuestCrate) -> Result<Result<(), String>, Error> {
        let _lock = self.lock()?;
        self.write_crate(krate)?;
        let run = self.cargo("check", &[&krate.name])?;
        Ok(match run.failures(&[&krate.name]).remove(&krate.name) {
            Some(failure) => Err(failure),
            None => Ok(()),
        })
    }

    /// Builds `packages` of an existing cargo workspace (or package) at `dir`, such as
    /// `examples/`, for `wasm32-wasip2`, the way a user would: in place, with its own manifest
    /// and lock file. The target directory and profile are this workspace's.
    ///
    /// [`Build::wasm`] finds a package's component under its default library name (the package
    /// name with `-` as `_`).
    pub fn build_existing(&self, dir: &Path, packages: &[&str]) -> Result<Build, Error> {
        if packages.is_empty() {
            return Err(Error::io("build_existing: name the packages to build"));
        }
        let _lock = self.lock()?;
        let run = self.cargo_in(dir, "build", packages)?;
        let failures = run.failures(packages);
        let artifacts = packages
            .iter()
            .map(|name| {
                let file = format!("{}.wasm", name.replace('-', "_"));
                (name.to_string(), self.artifact_dir().join(file))
            })
            .collect();
        Ok(Build {
            artifacts,
            failures,
            command: run.command,
        })
    }

    /// Holds an exclusive lock on the workspace until dropped: other threads and processes
    /// (test binaries, a second `witbind test`) must not write crates or run cargo here at the
    /// same time.
    fn lock(&self) -> Result<File, Error> {
        let path = self.root.join(".lock");
        let file = File::create(&path)
            .map_err(|e| Error::io(format!("cannot create `{}`: {e}", path.display())))?;
        file.lock()
            .map_err(|e| Error::io(format!("cannot lock `{}`: {e}", path.display())))?;
        Ok(file)
    }

    fn target_dir(&self) -> PathBuf {
        self.root.join("target")
    }

    fn artifact_dir(&self) -> PathBuf {
        self.target_dir().join(WASM_TARGET).join(PROFILE_DIR)
    }

    /// Writes the crate's manifest and sources, touching only files whose contents changed and
    /// removing sources that are no longer part of it.
    fn write_crate(&self, krate: &GuestCrate) -> Result<(), Error> {
        if !krate.files.contains_key("lib.rs") {
            return Err(Error::io(format!(
                "guest crate `{}` has no lib.rs",
                krate.name
            )));
        }
        for (_, lib) in &krate.externs {
            self.write_crate(lib)?;
        }
        let dir = self.root.join("crates").join(&krate.name);
        write_if_changed(&dir.join("Cargo.toml"), &krate.manifest())?;
        let src = dir.join("src");
        for (path, contents) in &krate.files {
            write_if_changed(&src.join(path), contents)?;
        }
        let keep: BTreeSet<PathBuf> = krate.files.keys().map(|p| src.join(p)).collect();
        remove_files_except(&src, &keep)
    }

    /// Runs `cargo <subcommand> --target wasm32-wasip2 --keep-going -p <crate>...` in the
    /// workspace with the pinned toolchain.
    fn cargo(&self, subcommand: &str, crates: &[&str]) -> Result<CargoRun, Error> {
        self.cargo_in(&self.root, subcommand, crates)
    }

    /// The same in the cargo workspace at `dir`, with this workspace's target directory.
    fn cargo_in(&self, dir: &Path, subcommand: &str, crates: &[&str]) -> Result<CargoRun, Error> {
        let mut command = Command::new("cargo");
        let mut args: Vec<String> = vec![subcommand.to_string()];
        args.extend(
            ["--target", WASM_TARGET, "--keep-going", "--color", "never"].map(String::from),
        );
        for krate in crates {
            args.push("-p".to_string());
            args.push(krate.to_string());
        }
        command
            .args(&args)
            .current_dir(dir)
            // The workspace may be outside any checkout, so no rust-toolchain.toml is seen.
            .env("RUSTUP_TOOLCHAIN", toolchain_channel())
            // Overrides the CARGO_TARGET_DIR an outer `cargo test` or `cargo run` may have set.
            .env("CARGO_TARGET_DIR", self.target_dir())
            .envs(PROFILE.iter().copied());
        for var in HOST_BUILD_VARS {
            command.env_remove(var);
        }
        let output = command.output().map_err(|e| {
            Error::io(format!(
                "cannot run cargo in `{}`: {e}; Rust guests need cargo (https://rustup.rs)",
                dir.display()
            ))
        })?;
        Ok(CargoRun {
            success: output.status.success(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            command: {
                let quote = |s: &str| super::shell_quote(s);
                let profile: Vec<String> =
                    PROFILE.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!(
                    "cd {} && RUSTUP_TOOLCHAIN={} CARGO_TARGET_DIR={} {} cargo {}",
                    quote(&dir.to_string_lossy()),
                    quote(toolchain_channel()),
                    quote(&self.target_dir().to_string_lossy()),
                    profile.join(" "),
                    args.join(" ")
                )
            },
        })
    }
}

struct CargoRun {
    success: bool,
    stderr: String,
    /// The command line, for reports.
    command: String,
}

impl CargoRun {
    /// The crates among `crates` that failed, each with the part of cargo's output about it.
    fn failures(&self, crates: &[&str]) -> BTreeMap<String, String> {
        if self.success {
            return BTreeMap::new();
        }
        let failed: Vec<&str> = crates
            .iter()
            .copied()
            .filter(|name| self.stderr.contains(&format!("could not compile `{name}`")))
            .collect();
        // Nothing named: cargo failed before compiling (bad manifest, missing dependency...), which
        // every crate of the build shares.
        let failed = if failed.is_empty() {
            crates.to_vec()
        } else {
            failed
        };
        failed
            .into_iter()
            .map(|name| (name.to_string(), self.report(name)))
            .collect()
    }

    /// Cargo's output narrowed to the diagnostics about crate `name` (cargo prints them with
    /// paths relative to the workspace, `crates/<name>/src/...`), or all of it when that finds
    /// nothing (a linker error, say).
    fn report(&self, name: &str) -> String {
        let own_path = format!("crates/{name}/");
        let summary = format!("could not compile `{name}`");
        let diagnostics = diagnostics(&self.stderr);
        let own: Vec<&str> = diagnostics
            .iter()
            .map(String::as_str)
            .filter(|d| d.contains(&own_path) || d.contains(&summary))
            .collect();
        let output = if own.iter().any(|d| d.contains(&own_path)) {
            own.concat()
        } else {
            self.stderr.clone()
        };
        format!("crate `{name}` does not compile for {WASM_TARGET}:\n{output}")
    }
}

/// Splits cargo's stderr into diagnostics (each starts with an `error`/`warning` line at column
/// 0; its snippet, notes and help follow), dropping cargo's progress lines in between.
fn diagnostics(stderr: &str) -> Vec<String> {
    let mut diagnostics = Vec::new();
    let mut current = String::new();
    for line in stderr.lines().filter(|line| !is_cargo_chatter(line)) {
        let starts_new = line.starts_with("error") || line.starts_with("warning");
        if starts_new && !current.trim().is_empty() {
            diagnostics.push(std::mem::take(&mut current));
        }
        current.push_str(line);
        current.push('\n');
    }
    if !current.trim().is_empty() {
        diagnostics.push(current);
    }
    diagnostics
}

/// Cargo's status lines (`   Compiling x v0.0.0 (...)`, `    Finished ...`) and notes that
/// belong to no crate.
fn is_cargo_chatter(line: &str) -> bool {
    let status_word = line
        .strip_prefix(' ')
        .and_then(|rest| rest.trim_start().split(' ').next())
        .is_some_and(|word| {
            word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().all(|c| c.is_ascii_alphabetic())
        });
    status_word
        || line.starts_with("warning: build failed, waiting for other jobs")
        || line.starts_with("For more information about this error")
}

/// Writes `contents` to `path` unless it already holds exactly that, so file times (and cargo's
/// fingerprints) only change with the contents.
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> Result<(), Error> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create `{}`: {e}", parent.display())))?;
    }
    fs::write(path, contents)
        .map_err(|e| Error::io(format!("cannot write `{}`: {e}", path.display())))
}

/// Removes every file under `dir` that is not in `keep` (left over from an earlier version of
/// the crate, it could still be picked up by a `mod` declaration).
fn remove_files_except(dir: &Path, keep: &BTreeSet<PathBuf>) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_files_except(&path, keep)?;
        } else if !keep.contains(&path) {
            fs::remove_file(&path)
                .map_err(|e| Error::io(format!("cannot remove `{}`: {e}", path.display())))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn externs_are_path_dependencies_under_their_crate_name() {
        let lib = GuestCrate::lib("case-helper_lib");
        let manifest = GuestCrate::cdylib("case-user")
            .without_runtime()
            .with_extern("helper_lib", lib)
            .manifest();
        assert!(!manifest.contains("witbind-rt"), "{manifest}");
        assert!(
            manifest.contains(
                "helper_lib = { package = \"case-helper_lib\", path = \"../case-helper_lib\" }"
            ),
            "{manifest}"
        );
        let manifest = GuestCrate::lib("case-helper_lib").manifest();
        assert!(manifest.contains("crate-type = [\"lib\"]"), "{manifest}");
        assert!(manifest.contains("witbind-rt = "), "{manifest}");
    }
}
