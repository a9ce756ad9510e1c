//! Runtime cases: each `tests/runtime-async/<case>/` holds `test.wit` (world `test` exports what
//! world `runner` imports; `runner` exports `run: func()`), `test.rs` and `runner.rs`. For every
//! case the driver generates bindings for both worlds, builds a test and a runner component,
//! composes them (runner on top) and calls `run` under wasmtime.
//!
//! All cases share one cargo build, so they run in one `#[test]`; every case runs even when
//! another fails, and the test fails at the end listing each failed case. `WITBIND_CASES=a,b`
//! runs only the named cases.

mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use support::{build_guests, compose, run_composed, Build, GuestCrate};
use witbind::{Generator, Lang};

const CASES_DIR: &str = "tests/runtime-async";
/// Not a case: files shared by all cases.
const COMMON_DIR: &str = "common";

struct Case {
    name: String,
    dir: PathBuf,
}

/// A case whose two guest crates are ready to build.
struct PreparedCase {
    name: String,
    test: GuestCrate,
    runner: GuestCrate,
}

#[test]
fn runtime_cases() {
    let cases = selected_cases();
    let common = support::common_files(&support::repo_path(CASES_DIR).join(COMMON_DIR));
    let prepared: Vec<Result<PreparedCase, String>> =
        cases.iter().map(|case| prepare(case, &common)).collect();

    let crates: Vec<GuestCrate> = prepared
        .iter()
        .flatten()
        .flat_map(|p| [p.test.clone(), p.runner.clone()])
        .collect();
    let build = build_guests(&crates);

    let mut failures: Vec<(&str, String)> = Vec::new();
    for (case, prepared) in cases.iter().zip(&prepared) {
        let result = match prepared {
            Ok(prepared) => run_case(&build, prepared),
            Err(e) => Err(e.clone()),
        };
        report_progress(&case.name, result.is_ok());
        if let Err(e) = result {
            failures.push((&case.name, e));
        }
    }

    if !failures.is_empty() {
        let report: Vec<String> = failures
            .iter()
            .map(|(name, error)| format!("---- {name} ----\n{error}"))
            .collect();
        panic!(
            "{} of {} runtime cases failed:\n\n{}",
            failures.len(),
            cases.len(),
            report.join("\n\n")
        );
    }
}

/// One line per case, like libtest's own: written to the process's stdout directly, which the
/// test harness does not capture, so it shows in every run, as the case finishes.
fn report_progress(case: &str, ok: bool) {
    let status = if ok { "ok" } else { "FAILED" };
    let _ = writeln!(std::io::stdout(), "runtime case {case} ... {status}");
}

/// Every case directory, or those named in `WITBIND_CASES`; fails when that leaves none or names
/// a case that does not exist.
fn selected_cases() -> Vec<Case> {
    let root = support::repo_path(CASES_DIR);
    let all: Vec<Case> = support::subdirectories(&root)
        .into_iter()
        .map(|dir| Case {
            name: support::file_name(&dir).to_string(),
            dir,
        })
        .filter(|case| case.name != COMMON_DIR)
        .collect();
    let cases = match std::env::var("WITBIND_CASES") {
        Ok(filter) if !filter.trim().is_empty() => filter_cases(all, &filter),
        _ => all,
    };
    assert!(
        !cases.is_empty(),
        "no runtime cases: expected directories in `{}`",
        root.display()
    );
    cases
}

fn filter_cases(all: Vec<Case>, filter: &str) -> Vec<Case> {
    let wanted: Vec<&str> = filter
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for name in &wanted {
        assert!(
            all.iter().any(|case| case.name == *name),
            "WITBIND_CASES names `{name}`, which is not a directory in {CASES_DIR}/"
        );
    }
    all.into_iter()
        .filter(|case| wanted.contains(&case.name.as_str()))
        .collect()
}

/// Generates both worlds' bindings and assembles the `<case>-test` and `<case>-runner` crates.
fn prepare(case: &Case, common: &[(String, String)]) -> Result<PreparedCase, String> {
    let wit = case.dir.join("test.wit");
    let crate_for = |world: &str| -> Result<GuestCrate, String> {
        let bindings = generate(&wit, world)?;
        let source = read(&case.dir.join(format!("{world}.rs")))?;
        let mut krate = GuestCrate::cdylib(&format!("{}-{world}", case.name))
            .file("bindings.rs", bindings)
            .file(
                "lib.rs",
                format!("#![deny(warnings)]\nmod bindings;\n{source}"),
            );
        for (name, contents) in common {
            krate = krate.file(name, contents.as_str());
        }
        Ok(krate)
    };
    Ok(PreparedCase {
        name: case.name.clone(),
        test: crate_for("test")?,
        runner: crate_for("runner")?,
    })
}

/// The Rust bindings of `world`: the one file the generator writes for it.
fn generate(wit: &Path, world: &str) -> Result<String, String> {
    let output = Generator::new(Lang::Rust)
        .input(wit)
        .world(world)
        .generate()
        .map_err(|e| format!("generating world `{world}` failed:\n{e}"))?;
    match output.files() {
        [file] => Ok(file.contents.clone()),
        files => Err(format!(
            "world `{world}`: expected one generated file, got {:?}",
            files.iter().map(|f| &f.path).collect::<Vec<_>>()
        )),
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn run_case(build: &Build, case: &PreparedCase) -> Result<(), String> {
    let (test, runner) = match (build.wasm(&case.test.name), build.wasm(&case.runner.name)) {
        (Ok(test), Ok(runner)) => (test, runner),
        (test, runner) => {
            let errors: Vec<String> = [test.err(), runner.err()].into_iter().flatten().collect();
            return Err(errors.join("\n"));
        }
    };
    let composed = compose(runner, test)?;
    run_composed(&composed, &case.name)
}
