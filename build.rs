//! Links the `witbind` command as a position-dependent executable on Linux with glibc. It embeds
//! wasmtime (for `witbind test`), and as a position-independent one its ~60k relative
//! relocations cost every start about a millisecond of page faults: as much as generating the
//! bindings of a small world. Only the command is affected, not the library.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
