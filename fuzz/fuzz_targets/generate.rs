//! The property of `tests/property.rs` under libFuzzer: wit-smith turns the input into a WIT
//! package; for every world of it, the Rust generator (from the text and from the wasm-encoded
//! package) must not panic and must not fail, except with the documented "does not support yet"
//! error. `cargo +nightly fuzz run generate` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

// Shared with tests/property.rs, which uses the parts this target does not.
#[allow(dead_code)]
#[path = "../../tests/property/random_wit.rs"]
mod random_wit;

use random_wit::{Outcome, Via};

fuzz_target!(|data: &[u8]| {
    let Ok(package) = random_wit::package_from_bytes(data) else {
        return;
    };
    let wasm_path = std::env::temp_dir().join(format!("witbind-fuzz-{}.wasm", std::process::id()));
    for world in &package.worlds {
        for via in [Via::Text, Via::Wasm] {
            if let Outcome::Failed(message) = random_wit::generate(&package, world, via, &wasm_path)
            {
                panic!(
                    "world `{world}` via {via:?}: {message}\n--- WIT ---\n{}",
                    package.text
                );
            }
        }
    }
});
