//! Real-world WIT: the WASI 0.2 and 0.3 packages under `tests/wasi-wit/` (copied unchanged from a
//! crates.io release, see its README). Every world of every package in them (`wasi:cli/command`,
//! `wasi:http/proxy`, `wasi:http/service`, each package's `imports`...) generates Rust, with the
//! default features and with `--all-features`, and all of it compiles for `wasm32-wasip2` under
//! `#![deny(warnings)]` (one crate, one `cargo check`). Worlds the generator refuses for a WIT
//! feature it does not support yet are listed in [`UNSUPPORTED`]; for them the clear error is
//! asserted instead.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use support::{check_crate, GuestCrate};
use witbind::{Generator, Lang};

const WIT_DIR: &str = "tests/wasi-wit";

/// The WASI versions (directories of `tests/wasi-wit/`).
const VERSIONS: &[&str] = &["0.2", "0.3"];

/// Worlds that must be among the ones found: what the test is for.
const MUST_HAVE: &[&str] = &[
    "wasi:cli/command@0.2.12",
    "wasi:http/proxy@0.2.12",
    "wasi:cli/command@0.3.0",
    "wasi:http/service@0.3.0",
    "wasi:http/middleware@0.3.0",
];

/// Worlds the generator refuses with its "does not support yet" error: (world id, the WIT feature
/// the error names).
const UNSUPPORTED: &[(&str, &str)] = &[];

/// WASI versions some of whose worlds are known not to compile, with the generator bug
/// (reported); the compile test names it when they fail. Remove an entry once its bug is fixed.
const KNOWN_BUGS: &[(&str, &str)] = &[(
    "0.3",
    "every WASI 0.3 world that imports two of wasi:cli/stdin, stdout, stderr: each `use`s \
     `types.{error-code}` and returns `future<result<_, error-code>>`; the future payload table \
     does not dealias inside `result`, so two `FuturePayload` impls are emitted for the same Rust \
     type `Result<(), types::ErrorCode>` (E0119)",
)];

/// One generation: a world of one WASI version, with or without every `@unstable` feature.
struct Generated {
    version: &'static str,
    world: String,
    all_features: bool,
    result: Result<String, String>,
}

impl Generated {
    fn label(&self) -> String {
        let features = if self.all_features {
            ", --all-features"
        } else {
            ""
        };
        format!("{} ({}{features})", self.world, self.version)
    }
}

fn wit_dir(version: &str) -> PathBuf {
    support::repo_path(WIT_DIR).join(version)
}

/// The ids of every world in every package of `dir` (its own package and `deps/`), parsed here
/// with wit-parser independently of the generator.
fn world_ids(dir: &PathBuf) -> Vec<String> {
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

fn generated() -> &'static [Generated] {
    static GENERATED: OnceLock<Vec<Generated>> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let mut all = Vec::new();
        for version in VERSIONS {
            let dir = wit_dir(version);
            for world in world_ids(&dir) {
                for all_features in [false, true] {
                    let result = Generator::new(Lang::Rust)
                        .input(&dir)
                        .world(&world)
                        .all_features(all_features)
                        .generate()
                        .map_err(|e| e.to_string())
                        .map(|output| {
                            assert_eq!(output.files().len(), 1, "one file per world");
                            output.files()[0].contents.clone()
                        });
                    all.push(Generated {
                        version,
                        world: world.clone(),
                        all_features,
                        result,
                    });
                }
            }
        }
        all
    })
}

#[test]
fn every_wasi_world_generates_or_names_what_it_does_not_support() {
    let generated = generated();
    let worlds: Vec<&str> = generated.iter().map(|g| g.world.as_str()).collect();
    for must in MUST_HAVE {
        assert!(
            worlds.contains(must),
            "`{must}` is not in {WIT_DIR}: {worlds:?}"
        );
    }
    let mut problems = Vec::new();
    for g in generated {
        let unsupported = UNSUPPORTED.iter().find(|(w, _)| *w == g.world);
        match (&g.result, unsupported) {
            (Ok(_), None) => {}
            (Err(e), None) => problems.push(format!("{}: generation failed:\n{e}", g.label())),
            (Ok(_), Some(_)) => problems.push(format!(
                "{}: generates now; remove it from UNSUPPORTED",
                g.label()
            )),
            (Err(e), Some((_, feature))) => {
                if !(e.contains("does not support yet") && e.contains(feature)) {
                    problems.push(format!(
                        "{}: expected the \"does not support yet\" error naming `{feature}`, got:\n{e}",
                        g.label()
                    ));
                }
            }
        }
    }
    let ok = generated.iter().filter(|g| g.result.is_ok()).count();
    println!(
        "{ok} of {} WASI generations succeeded ({} worlds, default and all features)",
        generated.len(),
        generated.len() / 2
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn wasi_command_exports_run_and_proxy_exports_the_handler() {
    let find = |world: &str| {
        generated()
            .iter()
            .find(|g| g.world == world && !g.all_features)
            .and_then(|g| g.result.as_ref().ok())
            .unwrap_or_else(|| panic!("`{world}` did not generate"))
    };
    let command = find("wasi:cli/command@0.2.12");
    assert!(command.contains("pub mod run"), "no `run` module");
    assert!(command.contains("fn run() -> Result<(), ()>"), "no `run`");
    let proxy = find("wasi:http/proxy@0.2.12");
    assert!(proxy.contains("pub mod incoming_handler"), "no handler");
    let service = find("wasi:http/service@0.3.0");
    assert!(service.contains("pub mod handler"), "no 0.3 handler");
    assert!(service.contains("async fn handle"), "0.3 handler is async");
}

#[test]
fn wasi_bindings_compile_for_wasm32_wasip2() {
    let mut lib_rs = String::from("#![deny(warnings)]\n");
    let mut krate = GuestCrate::lib("wasi-check");
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for g in generated() {
        let Ok(contents) = &g.result else { continue };
        let module = module_name(g);
        lib_rs.push_str(&format!(
            "// {}\n#[path = \"{module}.rs\"]\nmod {module};\n",
            g.label()
        ));
        krate = krate.file(&format!("{module}.rs"), contents.as_str());
        modules.insert(module, g.label());
    }
    assert!(!modules.is_empty(), "no WASI world generated");
    krate = krate.file("lib.rs", lib_rs);
    if let Err(e) = check_crate(&krate) {
        let failing: Vec<&String> = modules
            .iter()
            .filter(|(module, _)| e.contains(&format!("/{module}.rs")))
            .map(|(_, label)| label)
            .collect();
        let known: Vec<String> = KNOWN_BUGS
            .iter()
            .filter(|(version, _)| {
                let version = format!("({version}");
                failing.iter().any(|label| label.contains(&version))
            })
            .map(|(version, bug)| format!("  known generator bug in WASI {version}: {bug}"))
            .collect();
        panic!(
            "WASI bindings do not compile: {failing:#?}\n{}\n\n{e}",
            known.join("\n")
        );
    }
}

/// `wasi_0_2_cli_command`, `wasi_0_3_http_service_all`: a snake_case module name per generation.
fn module_name(g: &Generated) -> String {
    let raw = format!(
        "wasi_{}_{}{}",
        g.version,
        g.world.split('@').next().unwrap_or(&g.world),
        if g.all_features { "_all" } else { "" }
    );
    let mut name = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        };
        if !(c == '_' && name.ends_with('_')) {
            name.push(c);
        }
    }
    name
}
