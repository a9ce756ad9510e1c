//! Load: WIT inputs → a `Resolve` and the selected world.

use std::collections::BTreeMap;
use std::path::PathBuf;

use wit_parser::{PackageId, PackageName, Resolve, SourceMap, WorldId};

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

/// Parses every input (a `.wit` file, a directory with `deps/`, a wasm-encoded package, or WIT
/// text) and picks the world. Directories and wasm packages come first, each with what it
/// carries; `.wit` files and WIT text then form packages by the `package` they declare (one
/// package may span several files) and are added in dependency order, so the order of the
/// inputs never matters.
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
    let (sources, others): (Vec<Input>, Vec<Input>) = inputs.into_iter().partition(is_wit_source);
    let mut packages: Vec<PackageId> = Vec::new();
    for input in &others {
        let Input::Path(path) = input else {
            unreachable!("WIT text is a source")
        };
        if !path.exists() {
            return Err(Error::input(format!(
                "cannot read WIT input `{}`: no such file or directory",
                path.display()
            )));
        }
        let pkg = resolve.push_path(path).map(|(pkg, _)| pkg).map_err(|e| {
            let mut message = resolve.render_error(&e);
            // Errors from wasm inputs carry no location: say which input it was.
            let shown = path.display().to_string();
            if !message.contains(&shown) {
                message = format!("{message}\n  --> {shown}");
            }
            Error::input(message)
        })?;
        if !packages.contains(&pkg) {
            packages.push(pkg);
        }
    }
    for pkg in push_sources(&mut resolve, &sources)? {
        if !packages.contains(&pkg) {
            packages.push(pkg);
        }
    }
    let world = select_world(&resolve, &packages, world)?;
    crate::gen::plan::separate_resource_instances(&mut resolve, world);
    Ok(Loaded { resolve, world })
}

/// WIT text, or a `.wit` file.
fn is_wit_source(input: &Input) -> bool {
    match input {
        Input::Inline { .. } => true,
        Input::Path(path) => path.is_file() && path.extension().is_some_and(|e| e == "wit"),
    }
}

/// Adds the packages `sources` declare, in dependency order: the files of one package are
/// parsed together, and wit-parser orders the packages (and reports cycles).
fn push_sources(resolve: &mut Resolve, sources: &[Input]) -> Result<Vec<PackageId>, Error> {
    let mut by_package: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    for input in sources {
        let (path, text) = match input {
            Input::Path(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    Error::input(format!("cannot read WIT input `{}`: {e}", path.display()))
                })?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    Error::input(format!(
                        "input file is not valid utf-8 [{}]",
                        path.display()
                    ))
                })?;
                (path.clone(), text)
            }
            Input::Inline { name, source } => (PathBuf::from(name), source.clone()),
        };
        // A source without a `package` line stays on its own (wit-parser reports what is
        // missing).
        let package = declared_package(&text).unwrap_or_else(|| format!("{}", path.display()));
        by_package.entry(package).or_default().push((path, text));
    }
    let mut groups = Vec::new();
    for files in by_package.into_values() {
        let mut map = SourceMap::default();
        for (path, text) in files {
            map.push(&path, text);
        }
        groups.push(
            map.parse()
                .map_err(|(map, e)| Error::input(e.render(&map)))?,
        );
    }
    let names: Vec<PackageName> = groups.iter().map(|g| g.main.name.clone()).collect();
    let Some(main) = groups.pop() else {
        return Ok(Vec::new());
    };
    resolve
        .push_groups(main, groups)
        .map_err(|e| Error::input(resolve.render_error(&e.into())))?;
    Ok(names
        .iter()
        .map(|name| resolve.package_names[name])
        .collect())
}

/// The package a WIT source declares (`package ns:name@version;`, spaces removed), read from the
/// text: a file may use the items of the other files of its package, so it cannot be parsed
/// alone to find out. `None` when the first thing after comments is not such a line.
fn declared_package(text: &str) -> Option<String> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after_block_comment(after)?;
        } else {
            break;
        }
        rest = rest.trim_start();
    }
    let rest = rest.strip_prefix("package")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    // `package a:b { … }` is a nested package, not this file's.
    let (name, _) = rest
        .split_once(';')
        .filter(|(name, _)| !name.contains('{'))?;
    Some(name.split_whitespace().collect())
}

/// The text after a (possibly nested) block comment whose `/*` is already consumed.
fn after_block_comment(mut text: &str) -> Option<&str> {
    let mut depth = 1;
    while depth > 0 {
        let at = text.find(['*', '/'])?;
        let (open, close) = (text[at..].starts_with("/*"), text[at..].starts_with("*/"));
        depth += usize::from(open);
        depth -= usize::from(close);
        text = &text[at + if open || close { 2 } else { 1 }..];
    }
    Some(text)
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

#[cfg(test)]
mod tests {
    use super::declared_package;

    #[test]
    fn the_declared_package_is_read_past_comments() {
        let name = |text: &str| declared_package(text);
        assert_eq!(name("package a:b;\n"), Some("a:b".into()));
        assert_eq!(
            name("// c\n/// d\n/* e /* f */ g */ package a:b@1.0.0 ;"),
            Some("a:b@1.0.0".into())
        );
        assert_eq!(name("interface i {}\n"), None);
        assert_eq!(name("package a:b { interface i {} }\n"), None);
        assert_eq!(name("packages;"), None);
        assert_eq!(name("/* unterminated"), None);
    }
}
