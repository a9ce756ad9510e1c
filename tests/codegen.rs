//! Codegen corpus: every `tests/codegen/<case>.wit` file and `tests/codegen/<case>/` directory
//! (several `.wit` files, optionally `deps/`). For every world of a case's main package the
//! generated Rust must
//! - match its snapshot `tests/codegen/snapshots/<case>/<file>` (`WITBIND_BLESS=1` rewrites them),
//! - be byte-identical when generated twice,
//! - compile for `wasm32-wasip2` under `#![deny(warnings)]`; all files are checked together as
//!   modules of one crate, with one `cargo check`.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use support::snapshots::{compare_or_bless, display, files_under, first_difference};
use support::{check_crate, GuestCrate};
use witbind::{Generator, Lang};

const CORPUS_DIR: &str = "tests/codegen";
const SNAPSHOTS: &str = "snapshots";

/// One input of the corpus: a `.wit` file or a directory.
struct Case {
    name: String,
    input: PathBuf,
}

/// What the generator produced for one world of one case.
struct Generated {
    case: String,
    /// The fully qualified world id (`ns:pkg/name`), as passed to `Generator::world`.
    world: String,
    /// `(path, contents)` of every generated file, or the generator's error.
    files: Result<Vec<(String, String)>, String>,
    /// The same generation run a second time, for the determinism check.
    again: Result<Vec<(String, String)>, String>,
}

/// The corpus generated once per process; both tests read it.
struct Corpus {
    cases: Vec<Case>,
    generated: Vec<Generated>,
    /// Cases whose worlds could not even be listed (the WIT does not parse), with the error.
    unreadable: Vec<(String, String)>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let cases = corpus_cases();
        assert!(
            !cases.is_empty(),
            "no codegen cases: expected `.wit` files or directories in {CORPUS_DIR}/"
        );
        let mut generated = Vec::new();
        let mut unreadable = Vec::new();
        for case in &cases {
            match world_ids(&case.input) {
                Ok(worlds) => generated.extend(worlds.into_iter().map(|w| generate_world(case, w))),
                Err(e) => unreadable.push((case.name.clone(), e)),
            }
        }
        Corpus {
            cases,
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

fn generate_world(case: &Case, world: String) -> Generated {
    let run = || {
        Generator::new(Lang::Rust)
            .input(&case.input)
            .world(&world)
            .generate()
            .map(|output| {
                output
                    .files()
                    .iter()
                    .map(|f| (f.path.clone(), f.contents.clone()))
                    .collect()
            })
            .map_err(|e| e.to_string())
    };
    Generated {
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
        let what = format!("{} ({})", generated.case, generated.world);
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
        for (path, contents) in files {
            let snapshot = snapshot_path(&generated.case, path);
            expected_snapshots.insert(snapshot.clone());
            if let Some(problem) = compare_or_bless(&snapshot, contents, bless) {
                failures.push(format!("{what}: {problem}"));
            }
        }
    }
    for (case, _) in &corpus.unreadable {
        cases_with_errors.insert(case);
    }
    failures.extend(stale_snapshots(
        &expected_snapshots,
        &cases_with_errors,
        bless,
    ));

    if !failures.is_empty() {
        panic!(
            "{} codegen problem(s):\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

fn snapshot_path(case: &str, file: &str) -> PathBuf {
    support::repo_path(CORPUS_DIR)
        .join(SNAPSHOTS)
        .join(case)
        .join(file)
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

/// Rust snapshot files no world produces any more: reported, or removed when blessing. Cases
/// with a generation error are skipped, since their missing output is not evidence of staleness;
/// other files (another language's snapshots) are not this driver's business.
fn stale_snapshots(
    expected: &BTreeSet<PathBuf>,
    cases_with_errors: &BTreeSet<&str>,
    bless: bool,
) -> Vec<String> {
    let root = support::repo_path(CORPUS_DIR).join(SNAPSHOTS);
    if !root.is_dir() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    for case_dir in support::subdirectories(&root) {
        if cases_with_errors.contains(support::file_name(&case_dir)) {
            continue;
        }
        for file in files_under(&case_dir) {
            if expected.contains(&file) || file.extension().is_none_or(|ext| ext != "rs") {
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

#[test]
fn generated_code_compiles_for_wasm32_wasip2() {
    let corpus = corpus();
    let modules = check_modules(&corpus.generated);
    assert!(
        !modules.is_empty(),
        "nothing to compile: no world of the {} codegen cases generated successfully",
        corpus.cases.len()
    );
    let mut lib_rs = String::from("#![deny(warnings)]\n");
    let mut krate = GuestCrate::lib("codegen-check");
    for (module, (origin, contents)) in &modules {
        lib_rs.push_str(&format!(
            "// {origin}\n#[path = \"{module}.rs\"]\nmod {module};\n"
        ));
        krate = krate.file(&format!("{module}.rs"), contents.as_str());
    }
    krate = krate.file("lib.rs", lib_rs);
    if let Err(e) = check_crate(&krate) {
        panic!("generated code does not compile (module names say `case_world`):\n{e}");
    }
}

/// Every successfully generated file as a module of the check crate: a unique module name →
/// (where it came from, contents). Generation failures are reported by the snapshot test.
fn check_modules(generated: &[Generated]) -> BTreeMap<String, (String, String)> {
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
