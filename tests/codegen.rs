//! Codegen corpus: every `tests/codegen/<case>.wit` file and `tests/codegen/<case>/` directory
//! (several `.wit` files, optionally `deps/`), generated for every world of the case's main
//! package by every backend of [`BACKENDS`], with the skeleton the backend writes beside its
//! bindings. For each backend the output must
//! - match its snapshot `tests/codegen/snapshots/<case>/<world>.<ext>`: the file itself when the
//!   backend writes one, else every file under a `//// <path>` line, without the fixed runtime
//!   sources the backend copies verbatim (`WITBIND_BLESS=1` rewrites snapshots and removes stale
//!   ones);
//! - be byte-identical when generated twice;
//! - pass the backend's check with the language's real toolchain: Rust compiles for
//!   `wasm32-wasip2` under `#![deny(warnings)]` in a `#![no_std]` crate without `extern crate
//!   alloc` (every world a module of one crate, one `cargo check`); MoonBit type-checks with the
//!   compiler `tools/moonbit` installs from npm (Node.js >= 18 and npm needed).
//!
//! `WITBIND_CASES=a,b` limits the run to the named cases.

mod support;

#[path = "moonbit/mod.rs"]
mod mbt;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use support::snapshots::{compare_or_bless, display, files_under, first_difference};
use support::{check_crate, GuestCrate};
use witbind::{Generator, Lang};

const CORPUS_DIR: &str = "tests/codegen";
const SNAPSHOTS: &str = "snapshots";

/// A backend under test.
struct Backend {
    lang: Lang,
    /// The extension of its snapshots.
    ext: &'static str,
    /// Files it writes verbatim into every output, left out of snapshots.
    verbatim: &'static [&'static str],
    /// Checks the generated worlds with the language's toolchain; the problems found.
    check: fn(&[&Generated]) -> Vec<String>,
}

const BACKENDS: [Backend; 2] = [
    Backend {
        lang: Lang::Rust,
        ext: "rs",
        verbatim: &[],
        check: compile_rust,
    },
    Backend {
        lang: Lang::MoonBit,
        ext: "moonbit",
        verbatim: &["ffi/ffi.mbt", "rt/rt.mbt"],
        check: type_check_moonbit,
    },
];

/// One input of the corpus: a `.wit` file or a directory.
struct Case {
    name: String,
    input: PathBuf,
}

/// What one backend produced for one world of one case.
struct Generated {
    backend: &'static Backend,
    case: String,
    /// The fully qualified world id (`ns:pkg/name`), as passed to `Generator::world`.
    world: String,
    /// `(path, contents)` of every generated file, or the generator's error.
    files: Result<Vec<(String, String)>, String>,
    /// The same generation run a second time, for the determinism check.
    again: Result<Vec<(String, String)>, String>,
}

impl Generated {
    fn what(&self) -> String {
        format!("{} ({}, {:?})", self.case, self.world, self.backend.lang)
    }
}

/// The corpus generated once per process; every test reads it.
struct Corpus {
    /// Whether `WITBIND_CASES` left cases out (stale snapshots are then not looked for).
    filtered: bool,
    generated: Vec<Generated>,
    /// Cases whose worlds could not even be listed (the WIT does not parse), with the error.
    unreadable: Vec<(String, String)>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let filter: Option<Vec<String>> = std::env::var("WITBIND_CASES")
            .ok()
            .filter(|f| !f.trim().is_empty())
            .map(|f| f.split(',').map(|s| s.trim().to_string()).collect());
        let cases: Vec<Case> = corpus_cases()
            .into_iter()
            .filter(|c| filter.as_ref().is_none_or(|f| f.contains(&c.name)))
            .collect();
        assert!(
            !cases.is_empty(),
            "no codegen cases: expected `.wit` files or directories in {CORPUS_DIR}/ (and the \
             names in WITBIND_CASES among them)"
        );
        let mut generated = Vec::new();
        let mut unreadable = Vec::new();
        for case in &cases {
            match world_ids(&case.input) {
                Ok(worlds) => {
                    for backend in &BACKENDS {
                        for world in &worlds {
                            generated.push(generate_world(backend, case, world.clone()));
                        }
                    }
                }
                Err(e) => unreadable.push((case.name.clone(), e)),
            }
        }
        Corpus {
            filtered: filter.is_some(),
            generated,
            unreadable,
        }
    })
}

/// `tests/codegen/*.wit` and `tests/codegen/*/` except the snapshots, sorted by name.
fn corpus_cases() -> Vec<Case> {
    let root = support::repo_path(CORPUS_DIR);
    let entries =
        fs::read_dir(&root).unwrap_or_else(|e| panic!("cannot read `{}`: {e}", root.display()));
    let mut cases: Vec<Case> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter_map(|input| {
            Some(Case {
                name: case_name(&input)?,
                input,
            })
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(pair) = cases.windows(2).find(|pair| pair[0].name == pair[1].name) {
        panic!(
            "`{}` and `{}` would share snapshots: rename one",
            pair[0].input.display(),
            pair[1].input.display()
        );
    }
    cases
}

/// The case an entry of the corpus directory is: a directory's name or a `.wit` file's stem.
fn case_name(path: &Path) -> Option<String> {
    if path.is_dir() {
        let name = support::file_name(path);
        (name != SNAPSHOTS).then(|| name.to_string())
    } else if path.extension().is_some_and(|ext| ext == "wit") {
        Some(path.file_stem()?.to_str()?.to_string())
    } else {
        None
    }
}

/// The ids of every world in the main package of `input`, parsed here with wit-parser
/// independently of the generator.
fn world_ids(input: &Path) -> Result<Vec<String>, String> {
    let mut resolve = wit_parser::Resolve::new();
    let (package, _) = resolve
        .push_path(input)
        .map_err(|e| format!("the WIT does not parse:\n{}", resolve.render_error(&e)))?;
    let mut ids: Vec<String> = resolve.packages[package]
        .worlds
        .keys()
        .map(|name| resolve.id_of_name(package, name))
        .collect();
    ids.sort();
    Ok(ids)
}

fn generate_world(backend: &'static Backend, case: &Case, world: String) -> Generated {
    let run = || {
        Generator::new(backend.lang)
            .input(&case.input)
            .world(&world)
            .generate_with_skeleton()
            .map(|(output, skeleton)| {
                (output.files().iter().chain(skeleton.files()))
                    .map(|f| (f.path.clone(), f.contents.clone()))
                    .collect()
            })
            .map_err(|e| e.to_string())
    };
    Generated {
        backend,
        case: case.name.clone(),
        files: run(),
        again: run(),
        world,
    }
}

#[test]
fn snapshots_match_and_generation_is_deterministic() {
    let corpus = corpus();
    let bless = support::snapshots::blessing();
    let mut failures: Vec<String> = corpus
        .unreadable
        .iter()
        .map(|(case, e)| format!("{case}: {e}"))
        .collect();
    let mut expected_snapshots: BTreeSet<PathBuf> = BTreeSet::new();
    let mut cases_with_errors: BTreeSet<&str> = BTreeSet::new();

    for generated in &corpus.generated {
        let what = generated.what();
        let files = match &generated.files {
            Ok(files) => files,
            Err(e) => {
                failures.push(format!("{what}: generation failed:\n{e}"));
                cases_with_errors.insert(&generated.case);
                continue;
            }
        };
        if let Some(difference) = determinism_difference(files, &generated.again) {
            failures.push(format!("{what}: not deterministic: {difference}"));
        }
        let snapshot = snapshot_path(generated);
        let text = snapshot_text(generated.backend, files);
        if let Some(problem) = compare_or_bless(&snapshot, &text, bless) {
            failures.push(format!("{what}: {problem}"));
        }
        expected_snapshots.insert(snapshot);
    }
    for (case, _) in &corpus.unreadable {
        cases_with_errors.insert(case);
    }
    if !corpus.filtered {
        failures.extend(stale_snapshots(
            &expected_snapshots,
            &cases_with_errors,
            bless,
        ));
    }

    if !failures.is_empty() {
        panic!(
            "{} codegen problem(s):\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

/// `snapshots/<case>/<world>.<ext>`, the world named without its package and version.
fn snapshot_path(generated: &Generated) -> PathBuf {
    let world = &generated.world;
    let name = world.rsplit('/').next().unwrap_or(world);
    let name = name.split('@').next().unwrap_or(name);
    support::repo_path(CORPUS_DIR)
        .join(SNAPSHOTS)
        .join(&generated.case)
        .join(format!("{name}.{}", generated.backend.ext))
}

/// A lone file as it is; several, each under a `//// <path>` line, without the verbatim ones.
fn snapshot_text(backend: &Backend, files: &[(String, String)]) -> String {
    if let [(_, contents)] = files {
        return contents.clone();
    }
    let mut text = String::new();
    for (path, contents) in files {
        if backend.verbatim.contains(&path.as_str()) {
            continue;
        }
        text.push_str(&format!("//// {path}\n{contents}"));
        if !contents.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// `None` when the second run produced the same files byte for byte.
fn determinism_difference(
    first: &[(String, String)],
    again: &Result<Vec<(String, String)>, String>,
) -> Option<String> {
    let again = match again {
        Ok(again) => again,
        Err(e) => return Some(format!("the second run failed: {e}")),
    };
    let paths = |files: &[(String, String)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    if paths(first) != paths(again) {
        return Some(format!("files {:?}, then {:?}", paths(first), paths(again)));
    }
    first
        .iter()
        .zip(again)
        .find(|(a, b)| a.1 != b.1)
        .map(|((path, a), (_, b))| format!("{path}: {}", first_difference(a, b)))
}

/// Snapshot files of a backend's extension that no world produces any more: reported, or
/// removed when blessing. Cases with a generation error are skipped, since their missing output
/// is not evidence of staleness.
fn stale_snapshots(
    expected: &BTreeSet<PathBuf>,
    cases_with_errors: &BTreeSet<&str>,
    bless: bool,
) -> Vec<String> {
    let root = support::repo_path(CORPUS_DIR).join(SNAPSHOTS);
    if !root.is_dir() {
        return Vec::new();
    }
    let ours = |file: &Path| {
        let ext = file.extension().and_then(|e| e.to_str());
        BACKENDS.iter().any(|b| ext == Some(b.ext))
    };
    let mut problems = Vec::new();
    for case_dir in support::subdirectories(&root) {
        if cases_with_errors.contains(support::file_name(&case_dir)) {
            continue;
        }
        for file in files_under(&case_dir) {
            if expected.contains(&file) || !ours(&file) {
                continue;
            }
            if bless {
                fs::remove_file(&file).unwrap();
                println!("removed stale snapshot {}", display(&file));
            } else {
                problems.push(format!(
                    "stale snapshot `{}`: no case or world generates it (WITBIND_BLESS=1 removes it)",
                    display(&file)
                ));
            }
        }
        if bless && fs::read_dir(&case_dir).is_ok_and(|mut d| d.next().is_none()) {
            fs::remove_dir(&case_dir).unwrap();
        }
    }
    problems
}

/// Runs `lang`'s check on every world its backend generated.
fn check_backend(lang: Lang) {
    let corpus = corpus();
    let backend = BACKENDS.iter().find(|b| b.lang == lang).expect("a backend");
    // Generation failures are reported by the snapshot test.
    let generated: Vec<&Generated> = (corpus.generated.iter())
        .filter(|g| g.backend.lang == lang && g.files.is_ok())
        .collect();
    assert!(
        !generated.is_empty(),
        "nothing to check: no world generated for {lang:?}"
    );
    let failures = (backend.check)(&generated);
    assert!(
        failures.is_empty(),
        "{} of {} {lang:?} worlds failed their check:\n\n{}",
        failures.len(),
        generated.len(),
        failures.join("\n\n")
    );
}

#[test]
fn rust_output_compiles_for_wasm32_wasip2() {
    check_backend(Lang::Rust);
}

#[test]
fn moonbit_output_type_checks() {
    check_backend(Lang::MoonBit);
}

/// Every world as a module of one crate, checked with one `cargo check`. The crate is
/// `#![no_std]`: generated code must build without `std`, its `alloc` names coming from
/// `witbind-rt`.
fn compile_rust(generated: &[&Generated]) -> Vec<String> {
    let modules = check_modules(generated);
    let mut lib_rs = String::from("#![no_std]\n#![deny(warnings)]\n");
    let mut krate = GuestCrate::lib("codegen-check");
    for (module, (origin, contents)) in &modules {
        lib_rs.push_str(&format!(
            "// {origin}\n#[path = \"{module}.rs\"]\nmod {module};\n"
        ));
        krate = krate.file(&format!("{module}.rs"), contents.as_str());
    }
    krate = krate.file("lib.rs", lib_rs);
    match check_crate(&krate) {
        Ok(()) => Vec::new(),
        Err(e) => vec![format!(
            "the generated code does not compile (module names say `case_world`):\n{e}"
        )],
    }
}

/// Every world (its module and the `impl` skeleton) type-checked on its own.
fn type_check_moonbit(generated: &[&Generated]) -> Vec<String> {
    mbt::setup();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("witbind-codegen-moonbit");
    let _ = fs::remove_dir_all(&root);
    let mut to_check = Vec::new();
    for (n, g) in generated.iter().enumerate() {
        let dir = root.join(format!("{n:03}-{}", g.case));
        for (path, contents) in g.files.as_ref().expect("generated") {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().expect("a parent")).expect("create a directory");
            fs::write(&file, contents).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
        }
        to_check.push((g.what(), dir));
    }
    (mbt::check_all(&to_check).into_iter().zip(&to_check))
        .filter_map(|(result, (what, _))| {
            result
                .err()
                .map(|e| format!("{what}: does not type-check:\n{e}"))
        })
        .collect()
}

/// Every generated `.rs` file as a module of the check crate: a unique module name → (where it
/// came from, contents).
fn check_modules(generated: &[&Generated]) -> BTreeMap<String, (String, String)> {
    let mut modules = BTreeMap::new();
    for g in generated {
        let Ok(files) = &g.files else { continue };
        for (path, contents) in files.iter().filter(|(path, _)| path.ends_with(".rs")) {
            let stem = path.trim_end_matches(".rs");
            let base = module_name(&format!("{}_{stem}", g.case));
            let name = (0..)
                .map(|n| {
                    if n == 0 {
                        base.clone()
                    } else {
                        format!("{base}_{n}")
                    }
                })
                .find(|name| !modules.contains_key(name))
                .unwrap();
            let origin = format!("{}/{path} ({})", g.case, g.world);
            modules.insert(name, (origin, contents.clone()));
        }
    }
    modules
}

/// A snake_case module name (the `non_snake_case` lint is denied too): lowercase, single
/// underscores, not starting with a digit.
fn module_name(raw: &str) -> String {
    let mut name = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        };
        if !(c == '_' && (name.is_empty() || name.ends_with('_'))) {
            name.push(c);
        }
    }
    let name = name.trim_end_matches('_');
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("m_{name}")
    } else {
        name.to_string()
    }
}
