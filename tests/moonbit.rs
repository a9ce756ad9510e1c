//! The MoonBit backend, checked with the real MoonBit compiler (installed from npm by
//! `tools/moonbit/moonbit.js` on first use; needs Node.js >= 18 and npm).
//!
//! - `codegen_type_checks`: for every world of every case of the codegen corpus
//!   (`tests/codegen/`), the generated module plus the `impl` package of expected export
//!   signatures (`witbind::gen::moonbit::export_signatures`, bodies `...`) type-checks. Cases the
//!   backend does not support yet are listed in [`UNSUPPORTED`] (or by name prefix in
//!   [`UNSUPPORTED_PREFIXES`]) with the reason; the test fails if one of them starts to generate
//!   (so the list stays honest).
//! - `maps_type_check`: `map<K, V>` (no corpus case has one) in every position, type-checked.
//! - `runtime_cases_with_moonbit`: every `tests/runtime-async/<case>/` with a `test.mbt` and/or
//!   `runner.mbt` gets MoonBit components (generated module + that file as the `impl` package);
//!   each language pair with a MoonBit side (Rust runner + MoonBit test, MoonBit runner + Rust
//!   test, MoonBit runner + MoonBit test) is composed and run under wasmtime; the runner asserts
//!   every value. `WITBIND_CASES=a,b` runs only the named cases.

mod support;

#[path = "moonbit/mod.rs"]
mod mbt;

use std::fs;
use std::path::{Path, PathBuf};

use support::{build_guests, compose, run_composed, GuestCrate};
use witbind::gen::load::{load, Features, Input};
use witbind::gen::plan::WorldPlan;
use witbind::{Generator, Lang};

const CORPUS_DIR: &str = "tests/codegen";
const RUNTIME_DIR: &str = "tests/runtime-async";

/// Codegen cases the MoonBit backend does not generate yet, and why. Every other case must
/// generate and type-check.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("futures-shared-payload", "futures are not supported yet"),
    (
        "futures-streams",
        "futures and streams are not supported yet",
    ),
];

/// Codegen cases, by name prefix, the MoonBit backend does not generate yet, and why (the
/// `async-*` cases of the corpus exercise component-model async throughout).
const UNSUPPORTED_PREFIXES: &[(&str, &str)] =
    &[("async-", "async functions are not supported yet")];

/// Why the MoonBit backend does not generate `case` yet, if it is listed as unsupported.
fn unsupported(case: &str) -> Option<&'static str> {
    UNSUPPORTED
        .iter()
        .find(|(c, _)| *c == case)
        .or_else(|| {
            UNSUPPORTED_PREFIXES
                .iter()
                .find(|(p, _)| case.starts_with(p))
        })
        .map(|(_, why)| *why)
}

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
    let output = Generator::new(Lang::MoonBit)
        .input(input)
        .world(world)
        .generate()
        .map_err(|e| e.to_string())?;
    let mut files: Vec<(String, String)> = output
        .files()
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    let loaded = load(
        &[Input::Path(input.to_path_buf())],
        Some(world),
        &Features::default(),
    )
    .map_err(|e| e.to_string())?;
    let plan = WorldPlan::new(&loaded.resolve, loaded.world);
    let skeleton = witbind::gen::moonbit::export_signatures(&plan).map_err(|e| e.to_string())?;
    files.extend(skeleton.into_iter().map(|f| (f.path, f.contents)));
    Ok(files)
}

fn corpus_worlds() -> Vec<(String, PathBuf, String)> {
    let root = support::repo_path(CORPUS_DIR);
    let mut inputs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("read the corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            (p.is_dir() && support::file_name(p) != "snapshots")
                || p.extension().is_some_and(|e| e == "wit")
        })
        .collect();
    inputs.sort();
    let mut worlds = Vec::new();
    for input in inputs {
        let case = input
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 name")
            .to_string();
        let mut resolve = wit_parser::Resolve::new();
        let (pkg, _) = resolve
            .push_path(&input)
            .unwrap_or_else(|e| panic!("{}: {e:#}", input.display()));
        let mut ids: Vec<String> = resolve.packages[pkg]
            .worlds
            .keys()
            .map(|name| resolve.id_of_name(pkg, name))
            .collect();
        ids.sort();
        for id in ids {
            worlds.push((case.clone(), input.clone(), id));
        }
    }
    worlds
}

#[test]
fn codegen_type_checks() {
    mbt::setup();
    let filter: Option<Vec<String>> = std::env::var("WITBIND_CASES")
        .ok()
        .filter(|f| !f.trim().is_empty())
        .map(|f| f.split(',').map(|s| s.trim().to_string()).collect());
    let worlds: Vec<_> = corpus_worlds()
        .into_iter()
        .filter(|(case, _, _)| filter.as_ref().is_none_or(|f| f.contains(case)))
        .collect();
    let root = scratch("codegen");
    let mut failures = Vec::new();
    let mut to_check: Vec<(String, PathBuf)> = Vec::new();
    for (n, (case, input, world)) in worlds.iter().enumerate() {
        let files = match (generate(input, world), unsupported(case)) {
            (Ok(files), None) => {
                if generate(input, world).as_ref() != Ok(&files) {
                    failures.push(format!("{case} ({world}): generating twice differs"));
                }
                files
            }
            (Err(e), Some(_)) if e.contains("not supported yet") => continue,
            (Ok(_), Some(why)) => {
                failures.push(format!(
                    "{case} ({world}): listed as unsupported ({why}) but generates: check it and \
                     remove it from UNSUPPORTED"
                ));
                continue;
            }
            (Err(e), _) => {
                failures.push(format!("{case} ({world}): generation failed: {e}"));
                continue;
            }
        };
        let dir = root.join(format!("{n:03}-{case}"));
        write_files(&dir, &files);
        to_check.push((format!("{case} ({world})"), dir));
    }
    // Type-check two modules at a time (each check is a chain of compiler calls).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let errors = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((what, dir)) = to_check.get(i) else {
                    break;
                };
                if let Err(e) = mbt::check(dir) {
                    errors
                        .lock()
                        .unwrap()
                        .push((i, format!("{what}: does not type-check:\n{e}")));
                }
            });
        }
    });
    let mut errors = errors.into_inner().unwrap();
    errors.sort();
    failures.extend(errors.into_iter().map(|(_, e)| e));
    let checked = to_check.len();
    assert!(
        failures.is_empty(),
        "{} of {} MoonBit codegen worlds failed:\n\n{}",
        failures.len(),
        worlds.len(),
        failures.join("\n\n")
    );
    assert!(checked > 0, "no world was type-checked");
}

/// The sync shapes of upstream wit-bindgen issue #1517 (its async ones wait for async support):
/// a 32-member flags, a flags `f` next to a record `f-flag`, a resource with a method named
/// `drop`, imported and exported; the generated module with the export signatures type-checks.
#[test]
fn upstream_issue_1517_sync_shapes() {
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
         world imports {{ import shapes; }}\n\
         world exports {{ export shapes; }}\n",
        members.join(", ")
    );
    let root = scratch("issue-1517");
    let input = root.join("issue.wit");
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

/// `map<K, V>` (an `Array[(K, V)]` in MoonBit) in every position the corpus has no case for:
/// record fields, variant payloads, options, results, tuples, lists of maps, maps of maps, an
/// alias, a resource constructor and method, and enough map parameters to spill; imported and
/// exported, the generated module with the export signatures type-checks.
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

/// A runtime case with a MoonBit side: `test.mbt` (the test world) and/or `runner.mbt`.
struct Case {
    name: String,
    dir: PathBuf,
    test_mbt: bool,
    runner_mbt: bool,
}

fn runtime_cases() -> Vec<Case> {
    let filter: Option<Vec<String>> = std::env::var("WITBIND_CASES")
        .ok()
        .filter(|f| !f.trim().is_empty())
        .map(|f| f.split(',').map(|s| s.trim().to_string()).collect());
    support::subdirectories(&support::repo_path(RUNTIME_DIR))
        .into_iter()
        .map(|dir| Case {
            name: support::file_name(&dir).to_string(),
            test_mbt: dir.join("test.mbt").is_file(),
            runner_mbt: dir.join("runner.mbt").is_file(),
            dir,
        })
        .filter(|case| case.test_mbt || case.runner_mbt)
        .filter(|case| filter.as_ref().is_none_or(|f| f.contains(&case.name)))
        .collect()
}

/// The Rust guest crate of a case for `world` (`test` or `runner`): its bindings, `<world>.rs`
/// and the allocation probe, as `tests/runtime_async.rs` builds them.
fn rust_guest(case: &Case, world: &str) -> Result<GuestCrate, String> {
    let wit = case.dir.join("test.wit");
    let output = Generator::new(Lang::Rust)
        .input(&wit)
        .world(world)
        .generate()
        .map_err(|e| format!("generating the Rust {world} bindings: {e}"))?;
    let bindings = output.files()[0].contents.clone();
    let source =
        fs::read_to_string(case.dir.join(format!("{world}.rs"))).map_err(|e| e.to_string())?;
    let mut krate = GuestCrate::cdylib(&format!("moonbit-{}-{world}", case.name))
        .file("bindings.rs", bindings)
        .file(
            "lib.rs",
            format!("#![deny(warnings)]\nmod bindings;\n{source}"),
        );
    let probe = support::repo_path(RUNTIME_DIR).join("common/alloc_probe.rs");
    if let Ok(probe) = fs::read_to_string(probe) {
        krate = krate.file("alloc_probe.rs", probe);
    }
    Ok(krate)
}

/// Builds the MoonBit component of a case for `world`: the generated module, with
/// `<world>.mbt` as the `impl` package; returns the component's path.
fn moonbit_guest(case: &Case, world: &str) -> Result<PathBuf, String> {
    let wit = case.dir.join("test.wit");
    let files = generate(&wit, world)?;
    let dir = scratch(&format!("runtime-{}-{world}", case.name));
    // The generated `impl/impl.mbt` skeleton is replaced by the case's implementation; its
    // `moon.pkg.json` (imports of every generated package) is kept.
    let files: Vec<(String, String)> = files
        .into_iter()
        .filter(|(path, _)| path != "impl/impl.mbt")
        .collect();
    write_files(&dir, &files);
    fs::copy(
        case.dir.join(format!("{world}.mbt")),
        dir.join(format!("impl/{world}.mbt")),
    )
    .map_err(|e| e.to_string())?;
    let core = dir.join(format!("{world}.core.wasm"));
    mbt::build(&dir, &core).map_err(|e| format!("MoonBit build of `{world}` failed:\n{e}"))?;
    let component = mbt::componentize(&core, &wit, world)?;
    // wasm-compose names a definition after its file stem: `test.wasm` / `runner.wasm`.
    let path = dir.join(format!("{world}.wasm"));
    fs::write(&path, component).map_err(|e| e.to_string())?;
    Ok(path)
}

/// A built component (its path), or why it could not be built.
type Built = Result<PathBuf, String>;

/// Every language pair with a MoonBit side: (Rust runner, MoonBit test), (MoonBit runner, Rust
/// test), (MoonBit runner, MoonBit test), as the case's files allow.
#[test]
fn runtime_cases_with_moonbit() {
    mbt::setup();
    let cases = runtime_cases();
    assert!(
        !cases.is_empty(),
        "no runtime case has a test.mbt or runner.mbt"
    );
    // The Rust sides, built together.
    let mut rust: Vec<(usize, &str, Result<GuestCrate, String>)> = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if case.test_mbt {
            rust.push((i, "runner", rust_guest(case, "runner")));
        }
        if case.runner_mbt {
            rust.push((i, "test", rust_guest(case, "test")));
        }
    }
    let crates: Vec<GuestCrate> = rust.iter().filter_map(|(_, _, k)| k.clone().ok()).collect();
    let build = build_guests(&crates);
    let rust_wasm = |i: usize, world: &str| -> Result<PathBuf, String> {
        let (_, _, krate) = rust
            .iter()
            .find(|(j, w, _)| *j == i && *w == world)
            .expect("a Rust side for every MoonBit side");
        let krate = krate.as_ref().map_err(Clone::clone)?;
        build.wasm(&krate.name).map(Path::to_path_buf)
    };
    let mut failures = Vec::new();
    let mut runs = 0;
    for (i, case) in cases.iter().enumerate() {
        let mbt_test = case.test_mbt.then(|| moonbit_guest(case, "test"));
        let mbt_runner = case.runner_mbt.then(|| moonbit_guest(case, "runner"));
        let mut pairs: Vec<(&str, Built, Built)> = Vec::new();
        if let Some(test) = &mbt_test {
            pairs.push((
                "Rust runner, MoonBit test",
                rust_wasm(i, "runner"),
                test.clone(),
            ));
        }
        if let Some(runner) = &mbt_runner {
            pairs.push((
                "MoonBit runner, Rust test",
                runner.clone(),
                rust_wasm(i, "test"),
            ));
            if let Some(test) = &mbt_test {
                pairs.push(("MoonBit runner, MoonBit test", runner.clone(), test.clone()));
            }
        }
        for (pair, runner, test) in pairs {
            runs += 1;
            let result = runner.and_then(|runner| {
                let test = test?;
                let composed = compose(&runner, &test)?;
                run_composed(&composed, &case.name)
            });
            println!(
                "runtime case {} ({pair}) ... {}",
                case.name,
                if result.is_ok() { "ok" } else { "FAILED" }
            );
            if let Err(e) = result {
                failures.push(format!("---- {} ({pair}) ----\n{e}", case.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {runs} MoonBit runtime pairs failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
