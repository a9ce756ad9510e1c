//! Composing a runner component with the components of its dependency worlds.

use std::path::{Path, PathBuf};

/// Composes `runner` (the root: its exports are the result's) with `dependencies`, given as
/// `(world, component)` in order: the runner with the first, the result with the second, and so
/// on. A component's exports satisfy the imports that name them, of the runner and of the
/// dependencies before it; an interface several components import is one import of the
/// composition, so all of them share the one instance that satisfies it (a resource made in
/// the last component can cross both boundaries above it). Imports nothing satisfies (WASI)
/// stay imports of the result.
pub fn compose(runner: &Path, dependencies: &[(String, PathBuf)]) -> Result<Vec<u8>, String> {
    let scratch = tempdir().map_err(|e| format!("cannot make a scratch directory: {e}"))?;
    let mut root = runner.to_path_buf();
    let mut composed = None;
    for (i, (world, component)) in dependencies.iter().enumerate() {
        let context = format!(
            "cannot compose `{}` with `{}` (world `{world}`)",
            root.display(),
            component.display()
        );
        let context = || context.clone();
        // wasm-compose names a definition after its file stem, which must be kebab-case (a
        // world name is); cargo's artifacts are snake_case, so each goes in as `<world>.wasm`,
        // alone in its directory: wasm-compose also looks there for components named after
        // unresolved imports, and must find none.
        let dir = scratch.path.join(format!("dependency-{i}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", context()))?;
        let definition = dir.join(format!("{world}.wasm"));
        std::fs::copy(component, &definition)
            .map_err(|e| format!("{}: copying `{}`: {e}", context(), component.display()))?;
        let config = wasm_compose::config::Config {
            dir: dir.clone(),
            definitions: vec![definition],
            ..Default::default()
        };
        let bytes = wasm_compose::composer::ComponentComposer::new(&root, &config)
            .compose()
            .map_err(|e| format!("{}: {}", context(), super::describe(e.chain())))?;
        if i + 1 < dependencies.len() {
            root = scratch.path.join(format!("composed-{i}.wasm"));
            std::fs::write(&root, &bytes).map_err(|e| format!("{}: {e}", context()))?;
        }
        composed = Some(bytes);
    }
    composed.ok_or_else(|| format!("`{}`: nothing to compose it with", runner.display()))
}

/// A directory removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn tempdir() -> std::io::Result<TempDir> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "witbind-compose-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path)?;
    Ok(TempDir { path })
}

/// Composes the components of a trial with a WAC script (the `wac` directive of `test.wit`):
/// the script names each component as package `test:<world>`, the runner included, e.g.
/// `let leaf = new test:leaf { ... }; let r = new test:runner { ...leaf, ... }; export r...;`.
pub fn compose_wac(
    script: &Path,
    runner: (&str, &Path),
    dependencies: &[(String, PathBuf)],
) -> Result<Vec<u8>, String> {
    let text = std::fs::read_to_string(script)
        .map_err(|e| format!("cannot read `{}`: {e}", script.display()))?;
    let mut named = vec![(format!("test:{}", runner.0), runner.1.to_path_buf())];
    named.extend(
        dependencies
            .iter()
            .map(|(world, path)| (format!("test:{world}"), path.clone())),
    );
    let mut packages = indexmap::IndexMap::new();
    for (name, path) in &named {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        packages.insert(
            wac_types::BorrowedPackageKey {
                name,
                version: None,
            },
            bytes,
        );
    }
    let context = |what: &str, e: &(dyn std::error::Error + 'static)| {
        let chain = std::iter::successors(Some(e), |e| e.source());
        format!("`{}`: {what}: {}", script.display(), super::describe(chain))
    };
    let document = wac_parser::Document::parse(&text).map_err(|e| context("parse error", &e))?;
    let resolution = document
        .resolve(packages)
        .map_err(|e| context("cannot resolve", &e))?;
    resolution
        .encode(wac_graph::EncodeOptions {
            define_components: true,
            validate: true,
            processor: None,
        })
        .map_err(|e| context("cannot encode", &e))
}
