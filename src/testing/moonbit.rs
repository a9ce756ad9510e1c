//! MoonBit guests: the project's toolchain step (`tools/moonbit/moonbit.js`, run with Node.js)
//! and turning a MoonBit core module into a component.
//!
//! The step is compiled into witbind and written into the cache on first use, so an installed
//! `witbind` needs no checkout. Its first run installs the pinned compiler from npm into
//! `$HOME/.cache/witbind/moonbit` and compiles `moonbitlang/core` once (about a minute); later
//! runs find it cached.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use wit_component::{ComponentEncoder, StringEncoding};

use super::cargo::write_if_changed;
use crate::gen::load::Features;
use crate::Error;

const TOOL_FILES: &[(&str, &str)] = &[
    ("moonbit.js", include_str!("../../tools/moonbit/moonbit.js")),
    (
        "package.json",
        include_str!("../../tools/moonbit/package.json"),
    ),
    (
        "package-lock.json",
        include_str!("../../tools/moonbit/package-lock.json"),
    ),
];

/// The cache the toolchain step keeps its compiler in (it reads the same variable).
fn cache_dir() -> PathBuf {
    match std::env::var_os("WITBIND_MOONBIT_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => home_dir().join(".cache/witbind/moonbit"),
    }
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}

/// The toolchain step's program, written into the cache from the copy compiled into witbind.
fn tool() -> Result<PathBuf, Error> {
    let dir = cache_dir().join("tool");
    for (name, contents) in TOOL_FILES {
        write_if_changed(&dir.join(name), contents)?;
    }
    Ok(dir.join("moonbit.js"))
}

/// Runs the toolchain with `args`; the error carries the command line and its output.
fn run_tool(args: &[&std::ffi::OsStr]) -> Result<(), String> {
    setup().map_err(|e| e.to_string())?;
    let tool = tool().map_err(|e| e.to_string())?;
    let output = Command::new("node")
        .arg(&tool)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        let line: Vec<String> = args
            .iter()
            .map(|a| super::shell_quote(&a.to_string_lossy()))
            .collect();
        Err(format!(
            "command: node {} {}\n{}{}",
            super::shell_quote(&tool.to_string_lossy()),
            line.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Installs the compiler and compiles core, once per process (and once per machine: cached).
/// Errs when Node.js is missing, saying what to install.
pub fn setup() -> Result<(), Error> {
    static READY: OnceLock<Result<(), Error>> = OnceLock::new();
    READY.get_or_init(setup_once).clone()
}

fn setup_once() -> Result<(), Error> {
    let version = Command::new("node").arg("--version").output();
    let major = version.ok().filter(|o| o.status.success()).and_then(|o| {
        let v = String::from_utf8_lossy(&o.stdout).trim().to_string();
        v.trim_start_matches('v')
            .split('.')
            .next()?
            .parse::<u32>()
            .ok()
    });
    match major {
        Some(m) if m >= 18 => {}
        Some(m) => {
            return Err(Error::io(format!(
                "MoonBit guests need Node.js >= 18 and npm (found Node.js {m}); install a newer \
                 Node.js"
            )))
        }
        None => {
            return Err(Error::io(
                "MoonBit guests need Node.js >= 18 and npm to install and run the MoonBit \
                 compiler: `node` was not found; install Node.js (with npm), e.g. \
                 `apt-get install nodejs npm`",
            ))
        }
    }
    let started = std::time::Instant::now();
    let tool = tool()?;
    let output = Command::new("node")
        .arg(&tool)
        .arg("setup")
        .output()
        .map_err(|e| Error::io(format!("cannot run node: {e}")))?;
    if !output.status.success() {
        return Err(Error::io(format!(
            "installing the MoonBit toolchain failed (`node {} setup`; it needs npm and access to \
             the npm registry):\n{}{}",
            tool.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let took = started.elapsed();
    if took.as_secs() > 5 {
        eprintln!("MoonBit toolchain installed in {took:.1?}");
    }
    Ok(())
}

/// Changes whenever [`componentize`] embeds a world differently, so that components cached
/// before are built again (2: labelled instances without `implements` names).
const COMPONENTIZE_VERSION: u32 = 2;

/// Where a component built from `files` (path and contents of the module) and `wit` (whose
/// world is embedded when componentizing) with this toolchain step is cached: a file named
/// after a hash of all three, under the toolchain's cache. `None` when there is no cache
/// directory to use.
pub fn cached_component(files: &[(String, String)], wit: &str) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    TOOL_FILES.hash(&mut hasher);
    COMPONENTIZE_VERSION.hash(&mut hasher);
    files.hash(&mut hasher);
    wit.hash(&mut hasher);
    let dir = cache_dir().join("components");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join(format!("{:016x}.wasm", hasher.finish())))
}

/// The component of `world` of `wit` built from the MoonBit module `files` (path and contents):
/// the files are written into `dir` (emptied first), built to `<world>.core.wasm` there and
/// componentized with the feature gates `features`.
pub fn build_component(
    dir: &Path,
    files: &[(String, String)],
    wit: &Path,
    world: &str,
    features: &Features,
) -> Result<Vec<u8>, String> {
    let _ = std::fs::remove_dir_all(dir);
    let io = |e: std::io::Error| format!("writing into `{}`: {e}", dir.display());
    for (file, contents) in files {
        let file = dir.join(file);
        std::fs::create_dir_all(file.parent().unwrap_or(dir)).map_err(io)?;
        std::fs::write(&file, contents).map_err(io)?;
    }
    let core = dir.join(format!("{world}.core.wasm"));
    build(dir, &core).map_err(|e| format!("MoonBit build failed:\n{e}"))?;
    componentize(&core, wit, world, features)
}

/// Stores `component` at `cached` (a [`cached_component`] path) so that no reader sees it half
/// written. Best effort: a cache that cannot be written only costs time.
pub fn store_cached(cached: &Path, component: &[u8]) {
    let _ = super::write_atomically(cached, component);
}

/// Type-checks every package of the MoonBit module in `dir`; a compiler warning fails it too
/// (the error lists every warning).
pub fn check(dir: &Path) -> Result<(), String> {
    run_tool(&[
        "check".as_ref(),
        "--deny-warnings".as_ref(),
        dir.as_os_str(),
    ])
}

/// Builds the MoonBit module in `dir` to a core wasm module (memory exported) at `out`.
pub fn build(dir: &Path, out: &Path) -> Result<(), String> {
    run_tool(&[
        "build".as_ref(),
        dir.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])
}

/// A component from a MoonBit core module: embeds the component type of `world` in `wit` (with
/// the feature gates the bindings were generated with) with `string-encoding=utf16` (MoonBit
/// strings are UTF-16) and runs wit-component's encoder.
pub fn componentize(
    core: &Path,
    wit: &Path,
    world: &str,
    features: &Features,
) -> Result<Vec<u8>, String> {
    let mut module = std::fs::read(core).map_err(|e| format!("{}: {e}", core.display()))?;
    let mut resolve = wit_parser::Resolve::new();
    resolve.all_features = features.all;
    resolve.features.extend(features.enabled.iter().cloned());
    let (pkg, _) = resolve
        .push_path(wit)
        .map_err(|e| format!("{}: {e:#}", wit.display()))?;
    let world = resolve
        .select_world(&[pkg], Some(world))
        .map_err(|e| format!("{e:#}"))?;
    // The world as the Rust bindings embed it (labelled instances without `implements` names).
    let embedded = crate::gen::plan::embedded_world(&resolve, world);
    wit_component::embed_component_metadata(
        &mut module,
        embedded.as_ref().unwrap_or(&resolve),
        world,
        StringEncoding::UTF16,
        false,
    )
    .map_err(|e| format!("embedding the component type: {e:#}"))?;
    ComponentEncoder::default()
        .validate(true)
        .module(&module)
        .and_then(|encoder| encoder.encode())
        .map_err(|e| format!("componentizing {}: {e:#}", core.display()))
}
