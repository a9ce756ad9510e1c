//! Generates the bindings of world `runner` into `OUT_DIR` (`src/lib.rs` `include!`s them).

use std::path::PathBuf;
use std::process::exit;

fn main() {
    // Build scripts run in the package's directory: `../wit` is the example's `wit/`.
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let generated = witbind::Generator::new(witbind::Lang::Rust)
        .input("../wit")
        .world("runner")
        .generate()
        .and_then(|output| output.write(&out_dir)); // writes `runner.rs`
    if let Err(e) = generated {
        // Shows as `error: <message with file:line:col>` in cargo's report of the failed script.
        eprintln!("error: {e}");
        exit(1);
    }
    // Regenerate when anything under ../wit/ changes (cargo scans the directory).
    println!("cargo::rerun-if-changed=../wit");
}
