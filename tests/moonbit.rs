//! The MoonBit backend, checked with the real MoonBit compiler (installed from npm by
//! `tools/moonbit/moonbit.js` on first use; needs Node.js >= 18 and npm).
//!
//! (The codegen corpus is generated, snapshot-compared and type-checked for MoonBit by
//! `tests/codegen.rs`, beside Rust.)
//! - `generated_module_with_its_skeleton_builds`: the CLI's output for an async world, with the
//!   `impl/` skeleton it writes, builds and becomes a component.
//! - `maps_type_check`: `map<K, V>` (no corpus case has one) in every position, type-checked.
//! - `wasi_0_2_worlds_type_check`: every world of `tests/wasi-wit/0.2` (no and all `@unstable`
//!   features) generates and type-checks; `wasi_0_3_worlds_type_check`: the same for the async
//!   worlds of `tests/wasi-wit/0.3`.
//! - `random_worlds_type_check`: the wit-smith packages of `tests/property.rs` (seeds `0..200`)
//!   never make the backend panic or fail; 40 generated worlds spread over the seeds
//!   type-check (`WITBIND_MOONBIT_RANDOM_CHECK=N` checks N).
//! - `runtime_cases_with_moonbit`: every trial of `tests/runtime-async` with a MoonBit component
//!   (generated module + the case's `.mbt` file as the `impl` package), through
//!   `witbind::testing` as `witbind test` runs it; the runner asserts every value.
//!   `WITBIND_CASES=a,b` runs only the named cases.

mod support;

#[path = "moonbit/mod.rs"]
mod mbt;

// Only the package construction and `panic_message` are used here (its `generate` is Rust's).
#[allow(dead_code)]
#[path = "property/random_wit.rs"]
mod random_wit;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use random_wit::package_for_seed;
use witbind::gen::load::Input;
use witbind::testing::Language;
use witbind::{Generator, Lang};

/// A scratch directory for this driver under cargo's per-target temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("witbind-moonbit")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}

fn write_files(dir: &Path, files: &[(String, String)]) {
    for (path, contents) in files {
        let file = dir.join(path);
        fs::create_dir_all(file.parent().expect("a parent")).expect("create directory");
        fs::write(&file, contents).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
    }
}

/// The generated module for `world` of `input`, with the `impl` package of export signatures.
fn generate(input: &Path, world: &str) -> Result<Vec<(String, String)>, String> {
    generate_from(Input::Path(input.to_path_buf()), world, false).map_err(|e| e.to_string())
}

/// [`generate`] for any input, with every `@unstable` feature enabled or none; the error is the
/// generator's own (its kind and message).
fn generate_from(
    input: Input,
    world: &str,
    all_features: bool,
) -> Result<Vec<(String, String)>, witbind::Error> {
    let generator = match &input {
        Input::Path(path) => Generator::new(Lang::MoonBit).input(path),
        Input::Inline { name, source } => {
            Generator::new(Lang::MoonBit).inline(name.as_str(), source.as_str())
        }
    };
    let generator = generator.world(world).all_features(all_features);
    let (output, skeleton) = generator.generate_with_skeleton()?;
    let files = output.files().iter().chain(skeleton.files());
    Ok(files
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect())
}

/// The shapes of upstream wit-bindgen issue #1517: a 32-member flags, a flags `f` next to a
/// record `f-flag`, a resource with a method named `drop`, imported and exported; a world-level
/// `export foo: async func()` and an async import taking a 5-tuple (more than 4 flat
/// parameters, so spilled). Each generated module with the export signatures type-checks.
#[test]
fn upstream_issue_1517_shapes() {
    mbt::setup();
    let members: Vec<String> = (0..32).map(|i| format!("m{i}")).collect();
    let wit = format!(
        "package t:issue;\n\
         interface shapes {{\n\
           flags thirty-two {{ {} }}\n\
           flags f {{ a, b }}\n\
           record f-flag {{ f: f, g: thirty-two }}\n\
           resource r {{\n\
             constructor();\n\
             drop: func() -> u32;\n\
           }}\n\
           roundtrip: func(x: f-flag) -> f-flag;\n\
           all: func(x: thirty-two) -> thirty-two;\n\
         }}\n\
         interface tuples {{\n\
           five: async func(x: tuple<u32, u64, string, f32, list<u8>>) -> u32;\n\
         }}\n\
         world imports {{ import shapes; }}\n\
         world exports {{ export shapes; }}\n\
         world async-shapes {{\n\
           import tuples;\n\
           export foo: async func();\n\
         }}\n\
         world async-exports {{ export tuples; }}\n",
        members.join(", ")
    );
    let root = scratch("issue-1517");
    let input = root.join("issue.wit");
    fs::write(&input, wit).expect("write the WIT");
    for world in ["imports", "exports", "async-shapes", "async-exports"] {
        let files = generate(&input, world).unwrap_or_else(|e| panic!("{world}: {e}"));
        let dir = root.join(world);
        write_files(&dir, &files);
        if let Err(e) = mbt::check(&dir) {
            panic!("world `{world}` does not type-check:\n{e}");
        }
    }
}

/// `map<K, V>` (an `Array[(K, V)]` in MoonBit) in every position the corpus has no case for:
/// record fields, variant payloads, options, results, tuples, lists of maps, maps of maps, an
/// alias, a resource constructor and method, and enough map parameters to spill; imported and
/// exported, the generated module with the export signatures type-checks.
/// `witbind generate --lang moonbit` into an empty directory writes a module that builds as it is:
/// the `impl/` skeleton stands in for the user's code, and the result is a component.
#[test]
fn generated_module_with_its_skeleton_builds() {
    mbt::setup();
    let dir = scratch("skeleton-build");
    let module = dir.join("module");
    let wit = support::repo_path("tests/cli/async-world.wit");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_witbind"))
        .arg("generate")
        .arg(&wit)
        .args(["--lang", "moonbit", "--out-dir"])
        .arg(&module)
        .output()
        .expect("run witbind");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        module.join("impl/impl.mbt").is_file(),
        "no skeleton written"
    );
    let core = dir.join("module.core.wasm");
    mbt::build(&module, &core).unwrap_or_else(|e| panic!("the skeleton does not build:\n{e}"));
    let component = mbt::componentize(&core, &wit, "streaming")
        .unwrap_or_else(|e| panic!("not a component of world `streaming`: {e}"));
    assert!(!component.is_empty());
}

#[test]
fn maps_type_check() {
    mbt::setup();
    let wit = "package t:maps;\n\
         interface shapes {\n\
           record rec { m: map<string, u32>, n: map<u8, map<char, string>> }\n\
           variant v { none, m(map<s64, f64>), l(list<map<bool, u16>>) }\n\
           type by-id = map<u32, rec>;\n\
           resource r {\n\
             constructor(m: map<string, s8>);\n\
             get: func() -> map<string, s8>;\n\
           }\n\
           pass-rec: func(x: rec) -> rec;\n\
           pass-v: func(x: v) -> v;\n\
           pass-opt: func(x: option<map<s16, f32>>) -> result<map<string, string>, map<u64, list<u8>>>;\n\
           pass-alias: func(x: by-id) -> by-id;\n\
           pass-tuple: func(x: tuple<map<u32, u32>, string>) -> list<map<string, u64>>;\n\
           spilled: func(a: map<u32, u32>, b: map<u32, u32>, c: map<u32, u32>, d: map<u32, u32>, \
             e: map<u32, u32>, f: map<u32, u32>, g: map<u32, u32>, h: map<u32, u32>, \
             i: map<u32, u32>) -> u32;\n\
         }\n\
         world imports { import shapes; }\n\
         world exports { export shapes; }\n";
    let root = scratch("maps");
    let input = root.join("maps.wit");
    fs::write(&input, wit).expect("write the WIT");
    for world in ["imports", "exports"] {
        let files = generate(&input, world).unwrap_or_else(|e| panic!("{world}: {e}"));
        let dir = root.join(world);
        write_files(&dir, &files);
        if let Err(e) = mbt::check(&dir) {
            panic!("world `{world}` does not type-check:\n{e}");
        }
    }
}

/// Every language pair of the runtime suite with a MoonBit side (Rust runner + MoonBit test,
/// MoonBit runner + Rust test, MoonBit runner + MoonBit test, and the mixed three-component
/// compositions), through `witbind::testing` like `witbind test --languages rust,moonbit`.
#[test]
fn runtime_cases_with_moonbit() {
    mbt::setup();
    support::run_suite(&[Language::Rust, Language::MoonBit], Some(r"\.mbt"), None);
}

/// Generated files: `(path, contents)`.
type Files = Vec<(String, String)>;

/// [`generate_from`], with a panic caught and turned into `Err(message)`.
type Caught = Result<Result<Files, witbind::Error>, String>;

fn generate_caught(input: Input, world: &str, all_features: bool) -> Caught {
    catch_unwind(AssertUnwindSafe(|| {
        generate_from(input, world, all_features)
    }))
    .map_err(|panic| random_wit::panic_message(&panic))
}

const WASI_DIR: &str = "tests/wasi-wit";

/// WASI 0.2 worlds that must be among the ones found (and type-checked).
const WASI_0_2_MUST_HAVE: &[&str] = &["wasi:cli/command@0.2.12", "wasi:http/proxy@0.2.12"];

/// The ids of every world of every package in `dir` (its own package and `deps/`), sorted, as
/// `tests/wasi.rs` lists them.
fn wasi_world_ids(dir: &Path) -> Vec<String> {
    let mut resolve = wit_parser::Resolve::new();
    if let Err(e) = resolve.push_path(dir) {
        panic!(
            "`{}` does not parse:\n{}",
            dir.display(),
            resolve.render_error(&e)
        );
    }
    let mut ids: Vec<String> = resolve
        .worlds
        .iter()
        .map(|(_, w)| resolve.id_of_name(w.package.expect("world in a package"), &w.name))
        .collect();
    ids.sort();
    ids
}

/// Every world of the WASI packages of `version` (`tests/wasi-wit/<version>`), with no
/// `@unstable` feature and with all of them, for MoonBit: every world must generate (no error,
/// no panic) and type-check with the export signatures. Returns the labels of the generations
/// that type-checked.
fn wasi_worlds_for_moonbit(version: &str, must_have: &[&str]) -> Vec<String> {
    mbt::setup();
    let dir = support::repo_path(WASI_DIR).join(version);
    let worlds = wasi_world_ids(&dir);
    for must in must_have {
        assert!(
            worlds.iter().any(|w| w == must),
            "`{must}` is not in {WASI_DIR}/{version}: {worlds:?}"
        );
    }
    let root = scratch(&format!("wasi-{version}"));
    let mut failures = Vec::new();
    let mut to_check: Vec<(String, PathBuf)> = Vec::new();
    for world in &worlds {
        for all_features in [false, true] {
            let label = format!(
                "{world}{}",
                if all_features { " (all features)" } else { "" }
            );
            match generate_caught(Input::Path(dir.clone()), world, all_features) {
                Err(panic) => failures.push(format!("{label}: generation panicked: {panic}")),
                Ok(Err(e)) => {
                    failures.push(format!("{label}: generation failed ({:?}): {e}", e.kind()))
                }
                Ok(Ok(files)) => {
                    let module = root.join(format!("{:02}", to_check.len()));
                    write_files(&module, &files);
                    to_check.push((label, module));
                }
            }
        }
    }
    let mut passed = Vec::new();
    for (result, (label, _)) in mbt::check_all(&to_check).into_iter().zip(&to_check) {
        match result {
            Ok(()) => passed.push(label.clone()),
            Err(e) => failures.push(format!("{label}: does not type-check:\n{e}")),
        }
    }
    println!(
        "WASI {version}: {} worlds, {} generations (no and all features): {} type-check",
        worlds.len(),
        worlds.len() * 2,
        passed.len()
    );
    assert!(
        failures.is_empty(),
        "{} WASI {version} generations failed for MoonBit:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    passed
}

/// Every world of the WASI 0.2 packages (`tests/wasi-wit/0.2`) generates for MoonBit, with no
/// `@unstable` feature and with all of them, and type-checks.
#[test]
fn wasi_0_2_worlds_type_check() {
    let passed = wasi_worlds_for_moonbit("0.2", WASI_0_2_MUST_HAVE);
    for must in WASI_0_2_MUST_HAVE {
        assert!(
            passed.iter().any(|w| w == must),
            "`{must}` was not type-checked"
        );
    }
}

/// WASI 0.3 worlds that must be among the ones found (and type-checked).
const WASI_0_3_MUST_HAVE: &[&str] = &["wasi:cli/command@0.3.0", "wasi:http/service@0.3.0"];

/// The WASI 0.3 packages (`tests/wasi-wit/0.3`: async functions, futures and streams
/// throughout): every world generates and type-checks.
#[test]
fn wasi_0_3_worlds_type_check() {
    let passed = wasi_worlds_for_moonbit("0.3", WASI_0_3_MUST_HAVE);
    for must in WASI_0_3_MUST_HAVE {
        assert!(
            passed.iter().any(|w| w == must),
            "`{must}` was not type-checked"
        );
    }
}

/// Seeds of [`random_worlds_type_check`].
const RANDOM_SEEDS: u64 = 200;
/// How many generated random worlds are type-checked (spread over the seeds);
/// `WITBIND_MOONBIT_RANDOM_CHECK=N` checks N instead (one world per seed, so at most one per
/// seed that generated a world).
const RANDOM_TYPE_CHECKED: usize = 40;
/// Random worlds whose MoonBit module does not type-check yet, because of generator bugs not
/// fixed yet: (seed, world id, the bug). They are type-checked on every run whether or not the
/// subset picks them, and the test fails if one of them starts to type-check (remove it then).
const OPEN_BUGS: &[(u64, &str, &str)] = &[];

/// The random WIT packages of `tests/property.rs` (wit-smith, seeds `0..200`, with async,
/// futures, streams, error-context and resources), for MoonBit, every world with every
/// `@unstable` feature:
/// - generation never panics nor fails;
/// - a deterministic subset of up to 40 generated worlds, one per seed, spread over the seeds,
///   type-checks with the export signatures (the [`OPEN_BUGS`] worlds apart: they must still
///   fail).
#[test]
fn random_worlds_type_check() {
    mbt::setup();
    let root = scratch("random");
    let mut failures = Vec::new();
    let (mut packages, mut worlds, mut no_package) = (0, 0, 0);
    // (seed, world, files) of every generated world.
    let mut generated: Vec<(u64, String, Files)> = Vec::new();
    for seed in 0..RANDOM_SEEDS {
        let Ok(package) = package_for_seed(seed) else {
            // wit-smith rejected every attempt or its tooling failed: not witbind's business
            // (`tests/property.rs` reports those).
            no_package += 1;
            continue;
        };
        packages += 1;
        let wit = root.join(format!("seed-{seed}.wit"));
        fs::write(&wit, &package.text).unwrap_or_else(|e| panic!("write {}: {e}", wit.display()));
        for world in &package.worlds {
            worlds += 1;
            let input = Input::Inline {
                name: "random.wit".to_string(),
                source: package.text.clone(),
            };
            match generate_caught(input, world, true) {
                Ok(Ok(files)) => generated.push((seed, world.clone(), files)),
                Ok(Err(e)) => failures.push(format!(
                    "seed {seed}, {world} ({}): generation failed ({:?}): {e}",
                    wit.display(),
                    e.kind()
                )),
                Err(panic) => failures.push(format!(
                    "seed {seed}, {world} ({}): generation panicked: {panic}",
                    wit.display()
                )),
            }
        }
    }
    // The subset: evenly spaced seeds among those with a generated world, one world each.
    let mut seeds: Vec<u64> = generated.iter().map(|(seed, _, _)| *seed).collect();
    seeds.dedup();
    let subset = std::env::var("WITBIND_MOONBIT_RANDOM_CHECK")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(RANDOM_TYPE_CHECKED);
    let picked: Vec<u64> = if seeds.len() <= subset {
        seeds.clone()
    } else {
        (0..subset)
            .map(|i| seeds[i * seeds.len() / subset])
            .collect()
    };
    let mut chosen: Vec<(u64, &str, &Files)> = Vec::new();
    for seed in &picked {
        let of_seed: Vec<_> = generated.iter().filter(|(s, _, _)| s == seed).collect();
        let (_, world, files) = of_seed[*seed as usize % of_seed.len()];
        chosen.push((*seed, world, files));
    }
    for (seed, world, why) in OPEN_BUGS {
        match generated.iter().find(|(s, w, _)| s == seed && w == world) {
            Some((_, _, files)) => {
                if !chosen.iter().any(|(s, w, _)| s == seed && w == world) {
                    chosen.push((*seed, world, files));
                }
            }
            None => failures.push(format!(
                "OPEN_BUGS seed {seed}, {world} ({why}): did not generate"
            )),
        }
    }
    let to_check: Vec<(String, PathBuf)> = chosen
        .iter()
        .map(|(seed, world, files)| {
            let dir = root.join(format!("seed-{seed}-{}", module_dir_name(world)));
            let _ = fs::remove_dir_all(&dir);
            write_files(&dir, files);
            (format!("seed {seed}, {world}"), dir)
        })
        .collect();
    let mut type_checked = 0;
    for (result, ((seed, world, _), (label, dir))) in mbt::check_all(&to_check)
        .into_iter()
        .zip(chosen.iter().zip(&to_check))
    {
        let open_bug = OPEN_BUGS.iter().find(|(s, w, _)| s == seed && w == world);
        match (result, open_bug) {
            (Ok(()), None) => type_checked += 1,
            (Err(_), Some(_)) => {}
            (Ok(()), Some((_, _, why))) => failures.push(format!(
                "{label}: listed in OPEN_BUGS ({why}) but type-checks now: remove it"
            )),
            (Err(e), None) => failures.push(format!(
                "{label} (module in {}, WIT in {}): does not type-check:\n{e}",
                dir.display(),
                root.join(format!("seed-{seed}.wit")).display()
            )),
        }
    }
    println!(
        "seeds 0..{RANDOM_SEEDS}: {packages} packages ({no_package} seeds without one), {worlds} \
         worlds, {} generated; {type_checked} of {} type-checked worlds pass (seeds {picked:?})",
        generated.len(),
        to_check.len()
    );
    assert!(
        failures.is_empty(),
        "{} random worlds failed for MoonBit:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(type_checked > 0, "no random world was type-checked");
}

/// A directory name for a world id: `ns:pkg/w@1.0.0` → `ns-pkg-w-1-0-0`.
fn module_dir_name(world: &str) -> String {
    world
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}
