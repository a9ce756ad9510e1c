//! The examples: every `examples/<name>/` with a `runner/` is a component crate (package
//! `<name>`) and its test driver (package `<name>-runner`, exporting `run: func()`). Both are
//! built for `wasm32-wasip2` in place, as a user would build them (`examples/` is a cargo
//! workspace of its own), composed (runner on top) and `run` is called under wasmtime; the
//! runners assert the values they get back, so a wrong answer traps and fails the example.
//!
//! All examples share one cargo build and run in one `#[test]`; the test fails at the end
//! listing each failed example.
//!
//! A MoonBit example (`examples/<name>/` with `wit/` and `impl/`, the user's package) is built
//! the way its README section describes: `witbind generate --lang moonbit`, its `impl/` added to
//! the generated module, the MoonBit toolchain step (`tools/moonbit/`), then componentized with
//! `string-encoding=utf16`; its Rust runner (`<name>-runner`) drives it.

mod support;

#[path = "moonbit/mod.rs"]
mod mbt;

use std::io::Write;

use support::{build_existing, compose, run_composed, Build};

const EXAMPLES_DIR: &str = "examples";
const RUNNER_DIR: &str = "runner";

#[test]
fn examples_build_and_run() {
    let examples: Vec<String> = support::subdirectories(&support::repo_path(EXAMPLES_DIR))
        .iter()
        .filter(|dir| dir.join(RUNNER_DIR).is_dir() && dir.join("Cargo.toml").is_file())
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

#[test]
fn moonbit_example_builds_and_runs() {
    let name = "moonbit-greeter";
    let example = support::repo_path(EXAMPLES_DIR).join(name);
    let wit = example.join("wit");
    let module = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-moonbit-greeter");
    let _ = std::fs::remove_dir_all(&module);

    // What a user does: generate the module, put their package in it, build.
    witbind::Generator::new(witbind::Lang::MoonBit)
        .input(&wit)
        .world("component")
        .generate()
        .and_then(|output| output.write(&module))
        .unwrap_or_else(|e| panic!("generating {name}: {e}"));
    let user = module.join("impl");
    std::fs::create_dir_all(&user).unwrap();
    for file in ["moon.pkg.json", "greeter.mbt"] {
        std::fs::copy(example.join("impl").join(file), user.join(file)).unwrap();
    }
    let core = module.join("component.core.wasm");
    mbt::build(&module, &core).unwrap_or_else(|e| panic!("MoonBit build of {name}:\n{e}"));
    let component = mbt::componentize(&core, &wit, "component").unwrap();
    let component_path = module.join("component.wasm");
    std::fs::write(&component_path, component).unwrap();

    let runner = runner_package(name);
    let build = build_existing(&support::repo_path(EXAMPLES_DIR), &[runner.as_str()]);
    let runner_wasm = build.wasm(&runner).unwrap_or_else(|e| panic!("{e}"));
    let composed = compose(runner_wasm, &component_path).unwrap_or_else(|e| panic!("{e}"));
    run_composed(&composed, name).unwrap_or_else(|e| panic!("{e}"));
}
