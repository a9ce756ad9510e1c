//! The examples: every `examples/<name>/` with a `runner/` is a component crate (package
//! `<name>`) and its test driver (package `<name>-runner`, exporting `run: func()`). Both are
//! built for `wasm32-wasip2` in place, as a user would build them (`examples/` is a cargo
//! workspace of its own), composed (runner on top) and `run` is called under wasmtime; the
//! runners assert the values they get back, so a wrong answer traps and fails the example.
//!
//! All examples share one cargo build and run in one `#[test]`; the test fails at the end
//! listing each failed example.

mod support;

use std::io::Write;

use support::{build_existing, compose, run_composed, Build};

const EXAMPLES_DIR: &str = "examples";
const RUNNER_DIR: &str = "runner";

#[test]
fn examples_build_and_run() {
    let examples: Vec<String> = support::subdirectories(&support::repo_path(EXAMPLES_DIR))
        .iter()
        .filter(|dir| dir.join(RUNNER_DIR).is_dir())
        .map(|dir| support::file_name(dir).to_string())
        .collect();
    assert!(
        examples.len() >= 2,
        "expected the examples in {EXAMPLES_DIR}/ (each with a {RUNNER_DIR}/), found {examples:?}"
    );
    let packages: Vec<String> = examples
        .iter()
        .flat_map(|name| [name.clone(), runner_package(name)])
        .collect();
    let packages: Vec<&str> = packages.iter().map(String::as_str).collect();
    let build = build_existing(&support::repo_path(EXAMPLES_DIR), &packages);

    let mut failures = Vec::new();
    for name in &examples {
        let result = run_example(&build, name);
        let status = if result.is_ok() { "ok" } else { "FAILED" };
        let _ = writeln!(std::io::stdout(), "example {name} ... {status}");
        if let Err(e) = result {
            failures.push(format!("---- {name} ----\n{e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

fn runner_package(example: &str) -> String {
    format!("{example}-{RUNNER_DIR}")
}

fn run_example(build: &Build, name: &str) -> Result<(), String> {
    let (component, runner) = match (build.wasm(name), build.wasm(&runner_package(name))) {
        (Ok(component), Ok(runner)) => (component, runner),
        (component, runner) => {
            let errors: Vec<String> = [component.err(), runner.err()]
                .into_iter()
                .flatten()
                .collect();
            return Err(errors.join("\n"));
        }
    };
    let composed = compose(runner, component)?;
    run_composed(&composed, name)
}
