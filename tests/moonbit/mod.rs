//! MoonBit test support: the project's toolchain step (`tools/moonbit/moonbit.js`, driven through
//! Node.js) and turning a MoonBit core module into a component.
//!
//! The first use installs the pinned compiler from npm into `$HOME/.cache/witbind/moonbit` and
//! compiles `moonbitlang/core` once (about a minute); later runs find it cached.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use wit_component::{ComponentEncoder, StringEncoding};

/// The Node program of the toolchain step.
fn tool() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/moonbit/moonbit.js")
}

/// Runs the toolchain with `args`; the error carries its output.
fn run_tool(args: &[&std::ffi::OsStr]) -> Result<(), String> {
    setup();
    let output = Command::new("node")
        .arg(tool())
        .args(args)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Installs the compiler and compiles core, once per process (and once per machine: cached).
/// Panics when Node.js is missing, saying what to install.
pub fn setup() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let version = Command::new("node").arg("--version").output();
        let major = version
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| {
                let v = String::from_utf8_lossy(&o.stdout).trim().to_string();
                v.trim_start_matches('v').split('.').next()?.parse::<u32>().ok()
            });
        match major {
            Some(m) if m >= 18 => {}
            Some(m) => panic!(
                "the MoonBit tests need Node.js >= 18 and npm (found Node.js {m}); install a newer Node.js"
            ),
            None => panic!(
                "the MoonBit tests need Node.js >= 18 and npm to install and run the MoonBit \
                 compiler: `node` was not found; install Node.js (with npm) and re-run"
            ),
        }
        let started = std::time::Instant::now();
        let status = Command::new("node")
            .arg(tool())
            .arg("setup")
            .status()
            .expect("run node");
        assert!(
            status.success(),
            "installing the MoonBit toolchain failed (see the output above); it needs npm and \
             access to the npm registry"
        );
        let took = started.elapsed();
        if took.as_secs() > 5 {
            eprintln!("MoonBit toolchain installed in {took:.1?}");
        }
    });
}

/// Type-checks every package of the MoonBit module in `dir`.
pub fn check(dir: &Path) -> Result<(), String> {
    run_tool(&["check".as_ref(), dir.as_os_str()])
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

/// A component from a MoonBit core module: embeds the component type of `world` in `wit` with
/// `string-encoding=utf16` (MoonBit strings are UTF-16) and runs wit-component's encoder.
pub fn componentize(core: &Path, wit: &Path, world: &str) -> Result<Vec<u8>, String> {
    let mut module = std::fs::read(core).map_err(|e| format!("{}: {e}", core.display()))?;
    let mut resolve = wit_parser::Resolve::new();
    let (pkg, _) = resolve
        .push_path(wit)
        .map_err(|e| format!("{}: {e:#}", wit.display()))?;
    let world = resolve
        .select_world(&[pkg], Some(world))
        .map_err(|e| format!("{e:#}"))?;
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
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
