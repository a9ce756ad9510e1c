//! Random WIT packages from `wit-smith`, and the property every one of them must have: for each
//! world of the package, `witbind::Generator` (Rust) neither panics nor fails, except with the
//! documented "does not support yet" error for a WIT feature the generator leaves out.
//!
//! Shared by `tests/property.rs` (fixed seeds) and `fuzz/fuzz_targets/generate.rs` (cargo fuzz),
//! which include this file with `#[path]`; it depends only on `witbind`, `wit-smith`,
//! `wit-component`, `wit-parser` and `arbitrary`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use arbitrary::{Arbitrary, Unstructured};
use wit_component::{DecodedWasm, WitPrinter};
use wit_smith::Config;
use witbind::{Generator, Lang};

/// The marker of the generator's error for a WIT feature it does not handle yet (documented; not
/// a failure of the property).
pub const UNSUPPORTED: &str = "does not support yet";

/// The wit-smith configuration: sizes drawn from the input like wit-smith's own fuzzers do
/// (capped so that one package stays small enough to compile quickly), and every optional WIT
/// feature switched on: `async` functions, `future`, `stream`, `error-context`, fixed-length
/// lists (resources are always generated; `implements`, `import name: iface`, is drawn).
/// `world_include` stays off, as in wit-smith's own `Arbitrary` configuration: with it, wit-smith
/// 0.263 panics on some of its own packages and wit-component prints `@since` gates that do not
/// parse again.
pub fn config(u: &mut Unstructured<'_>) -> arbitrary::Result<Config> {
    let mut config = Config::arbitrary(u)?;
    config.max_packages = config.max_packages.min(4);
    config.max_files_per_package = config.max_files_per_package.min(3);
    config.max_type_size = config.max_type_size.min(200);
    config.async_ = true;
    config.futures = true;
    config.streams = true;
    config.error_context = true;
    config.fixed_length_lists = true;
    Ok(config)
}

/// One random package: its WIT text (the main package first, its dependencies as nested
/// `package … { … }` blocks), the same package wasm-encoded, and the ids of its worlds.
pub struct RandomPackage {
    pub text: String,
    pub wasm: Vec<u8>,
    /// `ns:pkg/world[@version]` of every world in the package (wit-smith encodes the worlds of
    /// its main package only), sorted.
    pub worlds: Vec<String>,
}

/// Why some bytes give no package. None of these is a failure of witbind.
#[derive(Debug)]
pub enum NoPackage {
    /// wit-smith ran out of bytes or rejected what it generated (`arbitrary::Error`).
    Rejected,
    /// wit-smith, wit-component's printer or wit-parser failed on the package (their bug, not
    /// ours): the message.
    Tooling(String),
}

/// Builds the package wit-smith makes from `bytes`.
pub fn package_from_bytes(bytes: &[u8]) -> Result<RandomPackage, NoPackage> {
    let smith = catch_unwind(|| {
        let mut u = Unstructured::new(bytes);
        let config = config(&mut u)?;
        wit_smith::smith(&config, &mut u)
    });
    let wasm = match smith {
        Ok(Ok(wasm)) => wasm,
        Ok(Err(_)) => return Err(NoPackage::Rejected),
        Err(panic) => {
            return Err(NoPackage::Tooling(format!(
                "wit-smith panicked: {}",
                panic_message(&panic)
            )))
        }
    };
    let tooling = |what: &str, e: anyhow::Error| NoPackage::Tooling(format!("{what}: {e:#}"));
    let (resolve, main) = match wit_component::decode(&wasm) {
        Ok(DecodedWasm::WitPackage(resolve, main)) => (resolve, main),
        Ok(DecodedWasm::Component(..)) => {
            return Err(NoPackage::Tooling(
                "wit-smith made a component, not a WIT package".to_string(),
            ))
        }
        Err(e) => return Err(tooling("decoding wit-smith's package", e)),
    };
    let nested: Vec<_> = resolve
        .packages
        .iter()
        .map(|(id, _)| id)
        .filter(|id| *id != main)
        .collect();
    let mut printer = WitPrinter::default();
    printer
        .print(&resolve, main, &nested)
        .map_err(|e| tooling("printing wit-smith's package", e))?;
    let text = printer.output.to_string();
    // The printer's output must parse again (with `world_include`, wit-component 0.263 prints
    // `@since` gates that wit-parser then rejects); otherwise the package is not a valid input.
    let mut reparsed = wit_parser::Resolve::new();
    reparsed.all_features = true;
    if let Err(e) = reparsed.push_str("random.wit", &text) {
        return Err(NoPackage::Tooling(format!(
            "wit-component's printed WIT does not parse again: {e:#}"
        )));
    }
    let mut worlds: Vec<String> = resolve
        .worlds
        .iter()
        .map(|(_, w)| resolve.id_of_name(w.package.expect("world in a package"), &w.name))
        .collect();
    worlds.sort();
    Ok(RandomPackage { text, wasm, worlds })
}

/// How the package is handed to the generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `Generator::inline` with the WIT text.
    Text,
    /// `Generator::input` with the wasm-encoded package written to this file.
    Wasm,
}

/// What the generator did with one world.
pub enum Outcome {
    /// The generated files, `(path, contents)`.
    Generated(Vec<(String, String)>),
    /// The documented error for a WIT feature the generator does not handle yet.
    Unsupported(String),
    /// A panic or any other error: a failure of the property.
    Failed(String),
}

/// Runs the Rust generator on one world of `package`, catching panics. `wasm_path` is where the
/// wasm-encoded package is written when `via` is [`Via::Wasm`].
pub fn generate(
    package: &RandomPackage,
    world: &str,
    via: Via,
    wasm_path: &std::path::Path,
) -> Outcome {
    let generator = match via {
        Via::Text => Generator::new(Lang::Rust).inline("random.wit", package.text.as_str()),
        Via::Wasm => {
            if let Err(e) = std::fs::write(wasm_path, &package.wasm) {
                panic!("cannot write `{}`: {e}", wasm_path.display());
            }
            Generator::new(Lang::Rust).input(wasm_path)
        }
    };
    // wit-smith builds its packages with every `@unstable` feature enabled.
    let generator = generator.world(world).all_features(true);
    match catch_unwind(AssertUnwindSafe(|| generator.generate())) {
        Ok(Ok(output)) => Outcome::Generated(
            output
                .files()
                .iter()
                .map(|f| (f.path.clone(), f.contents.clone()))
                .collect(),
        ),
        Ok(Err(e)) if e.to_string().contains(UNSUPPORTED) => Outcome::Unsupported(e.to_string()),
        Ok(Err(e)) => Outcome::Failed(format!("error: {e}")),
        Err(panic) => Outcome::Failed(format!("panic: {}", panic_message(&panic))),
    }
}

/// The message of a caught panic.
pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// Byte streams tried per seed until wit-smith accepts one.
pub const ATTEMPTS: u64 = 8;

/// SplitMix64: a small, well-mixed PRNG, so seeds give the same bytes on every platform and
/// with every version of every crate.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The random bytes of attempt `attempt` for `seed`: between 256 bytes and 8 KiB.
///
/// Uniform bytes make tiny packages: wit-smith goes on adding items to a list while the next byte
/// is odd, so a list ends after two items on average. Each seed therefore also sets the low bit
/// of a byte with a probability of its own (25 % to 90 %): seeds range from tiny packages to
/// ones with dozens of interfaces, resources and async functions.
pub fn seed_bytes(seed: u64, attempt: u64) -> Vec<u8> {
    let mut rng = SplitMix64(seed.wrapping_mul(ATTEMPTS).wrapping_add(attempt));
    let len = 256 + (rng.next() % (8192 - 256)) as usize;
    let bias = 64 + rng.next() % (232 - 64);
    let mut bytes = Vec::with_capacity(len + 8);
    while bytes.len() < len {
        let (values, coins) = (rng.next(), rng.next());
        for i in 0..8 {
            let byte = (values >> (8 * i)) as u8;
            let odd = (coins >> (8 * i)) & 0xff < bias;
            bytes.push(if odd { byte | 1 } else { byte });
        }
    }
    bytes.truncate(len);
    bytes
}

/// The package of `seed`: the first attempt wit-smith accepts.
pub fn package_for_seed(seed: u64) -> Result<RandomPackage, NoPackage> {
    let mut last = NoPackage::Rejected;
    for attempt in 0..ATTEMPTS {
        match package_from_bytes(&seed_bytes(seed, attempt)) {
            Ok(package) => return Ok(package),
            Err(e) => last = e,
        }
    }
    Err(last)
}
