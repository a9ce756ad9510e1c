//! Load: WIT inputs → a `Resolve` and the selected world.

use std::path::PathBuf;

use wit_parser::{PackageId, Resolve, WorldId};

use crate::Error;

/// Which `@unstable(feature = …)` gates are open.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub enabled: Vec<String>,
    pub all: bool,
}

/// One WIT input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A `.wit` file, a directory with an optional `deps/`, or a wasm-encoded package.
    Path(PathBuf),
    /// WIT source text; `name` stands for its file name in diagnostics.
    Inline { name: String, source: String },
}

pub struct Loaded {
    pub resolve: Resolve,
    pub world: WorldId,
}

/// Parses every input (a `.wit` file, a directory with `deps/`, or a wasm-encoded package) and
/// picks the world. Inputs are parsed in sorted order so the command-line order never matters.
pub fn load(inputs: &[Input], world: Option<&str>, features: &Features) -> Result<Loaded, Error> {
    if inputs.is_empty() {
        return Err(Error::usage("no WIT input given"));
    }
    let mut resolve = Resolve::new();
    resolve.all_features = features.all;
    for f in &features.enabled {
        resolve.features.insert(f.clone());
    }
    let mut inputs = inputs.to_vec();
    inputs.sort();
    inputs.dedup();
    let mut packages: Vec<PackageId> = Vec::new();
    for input in &inputs {
        let pushed = match input {
            Input::Path(path) => {
                if !path.exists() {
                    return Err(Error::input(format!(
                        "cannot read WIT input `{}`: no such file or directory",
                        path.display()
                    )));
                }
                resolve.push_path(path).map(|(pkg, _)| pkg)
            }
            Input::Inline { name, source } => resolve.push_str(name, source),
        };
        let pkg = pushed.map_err(|e| {
            let mut message = resolve.render_error(&e);
            // Errors from wasm inputs carry no location: say which input it was.
            if let Input::Path(path) = input {
                let shown = path.display().to_string();
                if !message.contains(&shown) {
                    message = format!("{message}\n  --> {shown}");
                }
            }
            Error::input(message)
        })?;
        if !packages.contains(&pkg) {
            packages.push(pkg);
        }
    }
    let world = select_world(&resolve, &packages, world)?;
    Ok(Loaded { resolve, world })
}

fn select_world(
    resolve: &Resolve,
    packages: &[PackageId],
    world: Option<&str>,
) -> Result<WorldId, Error> {
    let available = || {
        let mut names: Vec<String> = packages
            .iter()
            .flat_map(|p| resolve.packages[*p].worlds.values())
            .map(|w| {
                resolve.id_of_name(
                    resolve.worlds[*w].package.unwrap(),
                    &resolve.worlds[*w].name,
                )
            })
            .collect();
        names.sort();
        if names.is_empty() {
            "the input defines no world".to_string()
        } else {
            format!("available worlds: {}", names.join(", "))
        }
    };
    if world.is_none() {
        let count: usize = packages
            .iter()
            .map(|p| resolve.packages[*p].worlds.len())
            .sum();
        if count > 1 {
            return Err(Error::input(format!(
                "the input has several worlds; pick one with --world\n  {}",
                available()
            )));
        }
        if count == 0 {
            return Err(Error::input("the input defines no world"));
        }
    }
    if let Some(found) = world.and_then(|w| find_world(resolve, packages, w)) {
        return Ok(found);
    }
    resolve.select_world(packages, world).map_err(|e| {
        let what = world.unwrap_or("(default)");
        Error::input(format!("unknown world `{what}`: {e:#}\n  {}", available()))
    })
}

/// Finds a world by `name` or `ns:pkg/name[@version]` by comparing names, so that worlds named
/// like WIT keywords (`async`, `type`) can be selected without `%` escapes.
fn find_world(resolve: &Resolve, packages: &[PackageId], spec: &str) -> Option<WorldId> {
    let spec = spec.replace('%', "");
    let candidates = packages
        .iter()
        .flat_map(|p| resolve.packages[*p].worlds.values().map(move |w| (*p, *w)));
    let matches: Vec<WorldId> = match spec.split_once('/') {
        None => candidates
            .filter(|(_, w)| resolve.worlds[*w].name == spec)
            .map(|(_, w)| w)
            .collect(),
        Some((pkg, rest)) => {
            let (name, version) = match rest.split_once('@') {
                Some((name, version)) => (name, Some(version)),
                None => (rest, None),
            };
            candidates
                .filter(|(p, w)| {
                    let pkg_name = &resolve.packages[*p].name;
                    format!("{}:{}", pkg_name.namespace, pkg_name.name) == pkg
                        && resolve.worlds[*w].name == name
                        && version.is_none_or(|v| {
                            pkg_name.version.as_ref().map(|x| x.to_string()).as_deref() == Some(v)
                        })
                })
                .map(|(_, w)| w)
                .collect()
        }
    };
    match matches.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
