//! Release builds of guest components for the bench.
//!
//! `tests/support/guests.rs` builds test guests with the dev profile and only against
//! `witbind-rt`; the bench needs release builds (sizes, throughput) and crates that depend on
//! the `wit-bindgen` crate from crates.io. So it keeps its own scratch workspaces under
//! `CARGO_TARGET_TMPDIR`, one per runtime (a `wit-bindgen` that cannot be fetched must not
//! break the witbind builds), with the same hygiene as the test harness: the pinned toolchain,
//! the host's RUSTFLAGS removed, files rewritten only when they change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{ensure_wasm_target, repo_path, toolchain_channel, WASM_TARGET};

/// What the generated bindings of a crate need at run time.
#[derive(Clone, PartialEq)]
pub enum Runtime {
    /// `witbind-rt` from this checkout.
    Witbind,
    /// The `wit-bindgen` crate of this version from crates.io.
    WitBindgen(String),
}

impl Runtime {
    fn workspace(&self) -> &'static str {
        match self {
            Runtime::Witbind => "witbind",
            Runtime::WitBindgen(_) => "wit-bindgen",
        }
    }

    fn dependency(&self) -> String {
        match self {
            Runtime::Witbind => format!(
                "witbind-rt = {{ path = \"{}\" }}",
                repo_path("crates/guest-rust")
                    .display()
                    .to_string()
                    .replace('\\', "/")
            ),
            // The generated bindings only need the runtime part of the crate (no macros).
            Runtime::WitBindgen(version) => format!(
                "wit-bindgen = {{ version = \"={version}\", default-features = false, \
                 features = [\"realloc\", \"async\", \"async-spawn\", \"bitflags\", \"std\"] }}"
            ),
        }
    }
}

/// A `cdylib` guest crate: its name and `src/` files.
pub struct Crate {
    name: String,
    runtime: Runtime,
    files: BTreeMap<String, String>,
}

impl Crate {
    pub fn new(name: &str, runtime: Runtime) -> Crate {
        Crate {
            name: name.to_string(),
            runtime,
            files: BTreeMap::new(),
        }
    }

    pub fn file(mut self, path: &str, contents: impl Into<String>) -> Crate {
        self.files.insert(path.to_string(), contents.into());
        self
    }

    fn manifest(&self) -> String {
        format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [lib]\npath = \"src/lib.rs\"\ncrate-type = [\"cdylib\"]\n\n[dependencies]\n{}\n",
            self.name,
            self.runtime.dependency()
        )
    }
}

/// Release profile of the bench's guests: cargo's defaults (opt-level 3), with symbols and debug
/// sections stripped so that sizes compare code, not debug info.
const WORKSPACE_MANIFEST: &str =
    "# Scratch workspace of witbind's bench (benches/perf/guests.rs). Generated; do not edit.
[workspace]
members = [\"crates/*\"]
resolver = \"2\"

[profile.release]
strip = true
";

/// The cargo profiles the bench builds guests with.
#[derive(Clone, Copy, PartialEq)]
pub enum Profile {
    Dev,
    Release,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Dev => "debug",
            Profile::Release => "release",
        }
    }
}

/// Builds `crates` (release, `wasm32-wasip2`); one cargo run per runtime. Every crate gets its
/// component's path or the build's error.
pub fn build(crates: &[Crate]) -> BTreeMap<String, Result<PathBuf, String>> {
    ensure_wasm_target();
    let mut results = BTreeMap::new();
    for runtime in ["witbind", "wit-bindgen"] {
        let group: Vec<&Crate> = crates
            .iter()
            .filter(|k| k.runtime.workspace() == runtime)
            .collect();
        if group.is_empty() {
            continue;
        }
        let root = write_workspace(runtime, &group);
        let names: Vec<&str> = group.iter().map(|k| k.name.as_str()).collect();
        let outcome = cargo_build(&root, &names, Profile::Release).map(drop);
        for krate in group {
            let artifact = artifact(&root, &krate.name, Profile::Release);
            let result = match &outcome {
                Ok(()) if artifact.is_file() => Ok(artifact),
                Ok(()) => Err(format!("`{}` was not built", artifact.display())),
                Err(e) => Err(e.clone()),
            };
            results.insert(krate.name.clone(), result);
        }
    }
    results
}

/// A crate written into its runtime's workspace, to be built by the caller with [`Written::build`].
pub struct Written {
    pub name: String,
    root: PathBuf,
}

impl Written {
    /// Sets the modification time of the crate's `src/lib.rs` to now, so that cargo compiles
    /// the crate again (nothing else).
    pub fn touch(&self) -> Result<(), String> {
        let lib = self.root.join("crates").join(&self.name).join("src/lib.rs");
        std::fs::File::options()
            .write(true)
            .open(&lib)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()))
            .map_err(|e| format!("cannot touch `{}`: {e}", lib.display()))
    }

    /// `cargo build` of this crate alone with `profile`; what cargo printed on stderr.
    pub fn build(&self, profile: Profile) -> Result<String, String> {
        cargo_build(&self.root, &[&self.name], profile)
    }
}

/// Writes `krate` into its runtime's workspace (files rewritten only when they change).
pub fn write(krate: &Crate) -> Written {
    ensure_wasm_target();
    let runtime = krate.runtime.workspace();
    Written {
        name: krate.name.clone(),
        root: write_workspace(runtime, &[krate]),
    }
}

fn write_workspace(runtime: &str, group: &[&Crate]) -> PathBuf {
    let root = workspace_root(runtime);
    write_if_changed(&root.join("Cargo.toml"), WORKSPACE_MANIFEST);
    for krate in group {
        let dir = root.join("crates").join(&krate.name);
        write_if_changed(&dir.join("Cargo.toml"), &krate.manifest());
        for (path, contents) in &krate.files {
            write_if_changed(&dir.join("src").join(path), contents);
        }
    }
    root
}

fn artifact(root: &Path, name: &str, profile: Profile) -> PathBuf {
    root.join("target")
        .join(WASM_TARGET)
        .join(profile.name())
        .join(format!("{}.wasm", name.replace('-', "_")))
}

/// `<CARGO_TARGET_TMPDIR>/witbind-bench-<runtime>-<checkout>`: one per checkout, like the test
/// harness's, since the witbind crates depend on this checkout's `witbind-rt`.
fn workspace_root(runtime: &str) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    crate::support::repo_root().hash(&mut hasher);
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("witbind-bench-{runtime}-{:016x}", hasher.finish()))
}

/// `cargo build` of `crates` with `profile`, incremental compilation off (so that every build
/// of a crate compiles it whole, as the first build after a change of its bindings does);
/// returns cargo's stderr.
fn cargo_build(root: &Path, crates: &[&str], profile: Profile) -> Result<String, String> {
    let mut command = Command::new("cargo");
    command.args(["build", "--target", WASM_TARGET, "--color", "never"]);
    if profile == Profile::Release {
        command.arg("--release");
    }
    command
        .current_dir(root)
        .env("RUSTUP_TOOLCHAIN", toolchain_channel())
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("CARGO_INCREMENTAL", "0");
    for var in witbind::testing::cargo::HOST_BUILD_VARS {
        command.env_remove(var);
    }
    for krate in crates {
        command.args(["-p", krate]);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo in `{}`: {e}", root.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() {
        Ok(stderr)
    } else {
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        Err(format!(
            "cargo build ({}) of {crates:?} in `{}` failed:\n{}",
            profile.name(),
            root.display(),
            tail.join("\n")
        ))
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return;
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("cannot create `{}`: {e}", parent.display()));
    }
    std::fs::write(path, contents)
        .unwrap_or_else(|e| panic!("cannot write `{}`: {e}", path.display()));
}
