//! Runtime cases on disk: discovery, the `//@` directives, and the trials a case makes.
//!
//! A directory holding `test.wit` is a case. Its source files are matched to the case's worlds
//! by file-name prefix (`runner.rs`, `runner-bulk.mbt` → world `runner`; `leaf.rs` → `leaf`), the
//! extension picking the language. This is the layout of upstream wit-bindgen's
//! `tests/runtime/`, so such a directory is discovered as it is.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// The name of a directory beside the cases whose files every component of that language gets.
pub const COMMON_DIR: &str = "common";

/// A language a component of a case can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// `*.rs`: a `cdylib` crate built with cargo for `wasm32-wasip2`.
    Rust,
    /// `*.mbt`: the `impl` package of a generated MoonBit module.
    MoonBit,
}

impl Language {
    /// Every language, in the order trials are listed.
    pub const ALL: [Language; 2] = [Language::Rust, Language::MoonBit];

    /// The file extension of sources in this language.
    pub fn extension(self) -> &'static str {
        match self {
            Language::Rust => "rs",
            Language::MoonBit => "mbt",
        }
    }

    /// The name `--languages` takes.
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::MoonBit => "moonbit",
        }
    }

    /// The language `--languages` names `name`, if any.
    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    fn from_extension(ext: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.extension() == ext)
    }

    /// The line-comment marker that starts a `//@` directive line in this language.
    fn directive_prefix(self) -> &'static str {
        "//@"
    }
}

/// A runtime case: `test.wit` and the sources beside it.
#[derive(Clone, Debug)]
pub struct Case {
    /// The name trials are reported under: the directory's path below the searched root.
    pub name: String,
    /// The case directory.
    pub dir: PathBuf,
    /// The world whose component is the root of every composition (default `runner`).
    pub runner_world: String,
    /// The worlds whose components the runner is composed with, in order (default `["test"]`).
    pub dependencies: Vec<String>,
    /// A WAC script composing them instead (`wac = "compose.wac"`, relative to the case).
    pub wac: Option<PathBuf>,
    /// Every source file, sorted by file name.
    pub sources: Vec<Source>,
    /// The nearest `common/` beside the case or beside a directory holding it (within the
    /// searched root): files given to every component of their language.
    pub common_dir: Option<PathBuf>,
}

/// One source file: the component of one world in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The world it implements.
    pub world: String,
    /// Its language.
    pub language: Language,
    /// The file.
    pub path: PathBuf,
    /// Its `//@` directives.
    pub directives: SourceDirectives,
}

impl Case {
    /// The WIT to load: `test.wit`, or the case directory when it has a `deps/` folder (the WIT
    /// packages `test.wit` uses, such as WASI's).
    pub fn wit_input(&self) -> PathBuf {
        if self.dir.join("deps").is_dir() {
            self.dir.clone()
        } else {
            self.dir.join("test.wit")
        }
    }
}

impl Source {
    /// The file name (`runner.rs`), which names the source in trial names.
    pub fn file_name(&self) -> &str {
        self.path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
    }
}

/// The directives of `test.wit` (TOML in `//@` lines at the top of the file).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WitDirectives {
    runner: Option<String>,
    dependencies: Option<StringList>,
    wac: Option<String>,
    /// Upstream marks cases that use component-model async or error-context, for generators
    /// without them; witbind generates both, so these are read and need nothing.
    #[serde(rename = "async", default)]
    _async: bool,
    #[serde(rename = "error-context", default)]
    _error_context: Option<bool>,
    /// Upstream's switch for its Rust generator's default arguments; witbind has none.
    #[serde(rename = "default-bindgen-args", default)]
    _default_bindgen_args: Option<bool>,
}

/// The directives of a source file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceDirectives {
    /// Options for the bindings generator: `--features a,b`, `--all-features`.
    #[serde(default)]
    pub args: StringList,
    /// Flags the external runner gets before the component (`-W …`, `-S …`).
    #[serde(default)]
    pub wasmtime_flags: StringList,
    /// What the composed component must write to stdout, exactly (only on the runner's source).
    pub expected_stdout: Option<String>,
    /// Rust: bindings of further worlds of the case's WIT in the same crate, as modules
    /// (`{ other = "dummy" }` adds `mod other;` with world `dummy`'s bindings; `"dummy
    /// --type-section-suffix x"` gives them generator flags of their own), generated with the
    /// source's feature gates: bindings elsewhere for `--with`, or a world's bindings twice.
    #[serde(default)]
    pub more_bindings: std::collections::BTreeMap<String, String>,
    /// Rust: files of the case (`["helper_lib.rs"]`) each made a library crate this source's
    /// crate depends on, under the file's stem as crate name. A library crate has no bindings
    /// of its own: its `more-bindings` directives give it `pub mod`s of bindings.
    #[serde(default)]
    pub externs: StringList,
    /// Rust: `false` leaves out the source's own `mod bindings` (and, without `more-bindings`,
    /// the crate's `witbind-rt` dependency): the component is made of what its crate links,
    /// such as an extern's bindings exported through their `pub` export macro.
    pub bindings: Option<bool>,
    /// Upstream's per-language table (`[lang]`, e.g. `rustflags`): read, not applied yet.
    #[serde(default)]
    pub lang: Option<toml::Table>,
}

impl SourceDirectives {
    /// Whether the source's crate has its own `mod bindings` (`bindings`, default `true`).
    pub fn own_bindings(&self) -> bool {
        self.bindings.unwrap_or(true)
    }
}

/// A list written either as a TOML array or as one whitespace-separated string.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum StringList {
    /// `"-W a -S b"`.
    Words(String),
    /// `["-W", "a"]`.
    List(Vec<String>),
}

impl Default for StringList {
    fn default() -> StringList {
        StringList::List(Vec::new())
    }
}

impl StringList {
    /// The items.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            StringList::Words(s) => s.split_whitespace().map(str::to_string).collect(),
            StringList::List(items) => items.clone(),
        }
    }
}

/// The TOML of the `//@` lines that open `text` (blank lines before them are allowed).
fn directive_toml(text: &str, prefix: &str) -> String {
    text.lines()
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| line.starts_with(prefix))
        .map(|line| &line[prefix.len()..])
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn parse_directives<T: for<'de> Deserialize<'de>>(
    path: &Path,
    prefix: &str,
) -> Result<T, Error> {
    let text = fs::read_to_string(path)
        .map_err(|e| Error::input(format!("cannot read `{}`: {e}", path.display())))?;
    toml::from_str(&directive_toml(&text, prefix)).map_err(|e| {
        Error::input(format!(
            "{}: bad `{prefix}` directives: {}",
            path.display(),
            e.message()
        ))
    })
}

/// Every case under `paths`: a path holding `test.wit` is a case; any other directory is
/// searched (recursively) for cases. Cases are sorted by name.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Case>, Error> {
    let mut cases = Vec::new();
    for path in paths {
        if !path.is_dir() {
            return Err(Error::input(format!(
                "`{}` is not a directory (give a case directory or a directory of cases)",
                path.display()
            )));
        }
        let root_name = path
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| path.display().to_string());
        if path.join("test.wit").is_file() {
            let limit = path.parent().unwrap_or(path);
            cases.push(load_case(path, root_name, limit)?);
        } else {
            search(path, path, "", &mut cases)?;
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    let mut seen = BTreeSet::new();
    for case in &cases {
        if !seen.insert(case.name.as_str()) {
            return Err(Error::input(format!(
                "two cases are named `{}`: give each root once",
                case.name
            )));
        }
    }
    Ok(cases)
}

fn search(root: &Path, dir: &Path, prefix: &str, cases: &mut Vec<Case>) -> Result<(), Error> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Error::input(format!("cannot read `{}`: {e}", dir.display())))?;
    let mut subdirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for sub in subdirs {
        let Some(name) = sub.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if name == COMMON_DIR || name.starts_with('.') {
            continue;
        }
        let full = format!("{prefix}{name}");
        if sub.join("test.wit").is_file() {
            cases.push(load_case(&sub, full, root)?);
        } else {
            search(root, &sub, &format!("{full}/"), cases)?;
        }
    }
    Ok(())
}

/// Loads the case in `dir`; its `common/` is the nearest one in the directories from its parent
/// up to `limit`.
fn load_case(dir: &Path, name: String, limit: &Path) -> Result<Case, Error> {
    let wit: WitDirectives = parse_directives(&dir.join("test.wit"), "//@")?;
    let runner_world = wit.runner.unwrap_or_else(|| "runner".to_string());
    let dependencies = wit
        .dependencies
        .map(|d| d.to_vec())
        .unwrap_or_else(|| vec!["test".to_string()]);
    if dependencies.is_empty() {
        return Err(Error::input(format!(
            "{}: `dependencies` is empty: a runner needs at least one world to be composed with",
            dir.join("test.wit").display()
        )));
    }
    let mut worlds: Vec<&str> = dependencies.iter().map(String::as_str).collect();
    worlds.push(&runner_world);

    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::input(format!("cannot read `{}`: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut sources = Vec::new();
    for path in files {
        let Some(language) = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Language::from_extension)
        else {
            continue;
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // The longest world name the stem starts with, followed by the end or a separator.
        let world = worlds
            .iter()
            .filter(|w| {
                stem.strip_prefix(**w)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_', '.']))
            })
            .max_by_key(|w| w.len());
        let Some(world) = world else {
            continue;
        };
        let directives = parse_directives(&path, language.directive_prefix())?;
        sources.push(Source {
            world: world.to_string(),
            language,
            path,
            directives,
        });
    }
    let common_dir = dir
        .ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(limit))
        .map(|a| a.join(COMMON_DIR))
        .find(|p| p.is_dir());
    Ok(Case {
        name,
        dir: dir.to_path_buf(),
        runner_world,
        dependencies,
        wac: wit.wac.map(|script| dir.join(script)),
        sources,
        common_dir,
    })
}

/// One composition to run: a runner source and one source per dependency world.
#[derive(Clone, Debug)]
pub struct Trial {
    /// `case | runner.rs | test.mbt | leaf.rs`.
    pub name: String,
    /// Index of the case in the list trials were made from.
    pub case: usize,
    /// The runner's source.
    pub runner: Source,
    /// One source per dependency world, in the case's order.
    pub dependencies: Vec<Source>,
}

impl Trial {
    /// Every source of the trial, the runner first.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        std::iter::once(&self.runner).chain(&self.dependencies)
    }
}

/// The trials of `cases` in `languages`: every runner source × every combination of the
/// dependency worlds' sources. A case with no runner source, or a dependency world without a
/// source, in those languages makes none (see [`missing_sources`]).
pub fn trials(cases: &[Case], languages: &[Language]) -> Vec<Trial> {
    let mut trials = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let of_world = |world: &str| -> Vec<&Source> {
            case.sources
                .iter()
                .filter(|s| s.world == world && languages.contains(&s.language))
                .collect()
        };
        let mut combos: Vec<Vec<&Source>> = vec![Vec::new()];
        for world in &case.dependencies {
            let choices = of_world(world);
            combos = combos
                .into_iter()
                .flat_map(|combo| {
                    choices.iter().map(move |s| {
                        let mut next = combo.clone();
                        next.push(*s);
                        next
                    })
                })
                .collect();
        }
        for runner in of_world(&case.runner_world) {
            for combo in &combos {
                let mut name = format!("{} | {}", case.name, runner.file_name());
                for dep in combo {
                    name.push_str(" | ");
                    name.push_str(dep.file_name());
                }
                trials.push(Trial {
                    name,
                    case: index,
                    runner: runner.clone(),
                    dependencies: combo.iter().map(|s| (*s).clone()).collect(),
                });
            }
        }
    }
    trials
}

/// Worlds of `case` that have no source in any of `languages`: the case makes no trial.
pub fn missing_sources(case: &Case, languages: &[Language]) -> Vec<String> {
    std::iter::once(&case.runner_world)
        .chain(&case.dependencies)
        .filter(|world| {
            !case
                .sources
                .iter()
                .any(|s| &s.world == *world && languages.contains(&s.language))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_the_leading_comment_lines() {
        let text = "\n//@ dependencies = [\"test\", \"leaf\"]\n//@ runner = \"r\"\npackage a:b;\n//@ not = 1\n";
        let d: WitDirectives = toml::from_str(&directive_toml(text, "//@")).unwrap();
        assert_eq!(d.runner.as_deref(), Some("r"));
        assert_eq!(d.dependencies.unwrap().to_vec(), ["test", "leaf"]);
    }

    #[test]
    fn string_lists_split_on_whitespace() {
        let d: SourceDirectives =
            toml::from_str("wasmtime-flags = '-W component-model-async  -S p3'").unwrap();
        assert_eq!(
            d.wasmtime_flags.to_vec(),
            ["-W", "component-model-async", "-S", "p3"]
        );
    }

    #[test]
    fn nested_cases_use_the_nearest_common_directory() {
        let root = tempfile::tempdir().unwrap();
        let top = root.path().join(COMMON_DIR);
        let inner = root.path().join("group/inner").join(COMMON_DIR);
        for dir in [&top, &inner] {
            std::fs::create_dir_all(dir).unwrap();
        }
        for case in ["group/a", "group/inner/b", "c"] {
            let dir = root.path().join(case);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("test.wit"), "package a:b;\n").unwrap();
        }
        let cases = discover(&[root.path().to_path_buf()]).unwrap();
        let common: Vec<(&str, PathBuf)> = cases
            .iter()
            .map(|c| (c.name.as_str(), c.common_dir.clone().unwrap()))
            .collect();
        assert_eq!(
            common,
            [
                ("c", top.clone()),
                ("group/a", top.clone()),
                ("group/inner/b", inner.clone()),
            ]
        );
        // A case given as the root looks beside itself, not above.
        let cases = discover(&[root.path().join("group/a")]).unwrap();
        assert_eq!(cases[0].common_dir, None);
    }

    #[test]
    fn sources_match_worlds_by_prefix_and_make_every_combination() {
        let root = tempfile::tempdir().unwrap();
        let case = root.path().join("kv");
        std::fs::create_dir_all(&case).unwrap();
        std::fs::create_dir_all(root.path().join(COMMON_DIR)).unwrap();
        std::fs::write(
            case.join("test.wit"),
            "//@ dependencies = [\"test\", \"leaf\"]\npackage a:b;\n",
        )
        .unwrap();
        for file in [
            "runner.rs",
            "runner-bulk.mbt",
            "test.rs",
            "test.mbt",
            "leaf.rs",
            "leafy.rs",  // no world `leafy`: not a source
            "helper.rs", // no world: not a source
            "notes.md",
        ] {
            std::fs::write(case.join(file), "//@ args = '--all-features'\n").unwrap();
        }
        let cases = discover(&[root.path().to_path_buf()]).unwrap();
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].name, "kv");
        assert_eq!(cases[0].dependencies, ["test", "leaf"]);
        assert!(cases[0].common_dir.is_some());
        assert_eq!(cases[0].sources.len(), 5);

        let names = |languages: &[Language]| -> Vec<String> {
            trials(&cases, languages)
                .into_iter()
                .map(|t| t.name)
                .collect()
        };
        assert_eq!(
            names(&Language::ALL),
            [
                "kv | runner-bulk.mbt | test.mbt | leaf.rs",
                "kv | runner-bulk.mbt | test.rs | leaf.rs",
                "kv | runner.rs | test.mbt | leaf.rs",
                "kv | runner.rs | test.rs | leaf.rs",
            ]
        );
        assert_eq!(
            names(&[Language::Rust]),
            ["kv | runner.rs | test.rs | leaf.rs"]
        );
        assert!(names(&[Language::MoonBit]).is_empty());
        assert_eq!(missing_sources(&cases[0], &[Language::MoonBit]), ["leaf"]);
    }

    #[test]
    fn upstream_directives_are_read() {
        let text =
            "//@ async = true\n//@ error-context = true\n//@ dependencies = ['test', 'leaf']\n";
        let d: WitDirectives = toml::from_str(&directive_toml(text, "//@")).unwrap();
        assert_eq!(d.dependencies.unwrap().to_vec(), ["test", "leaf"]);
        let d: SourceDirectives =
            toml::from_str("args = ['--features', 'a']\n[lang]\nrustflags = '-O'").unwrap();
        assert_eq!(d.args.to_vec(), ["--features", "a"]);
        assert!(d.lang.is_some());
    }

    #[test]
    fn externs_and_bindings_are_read() {
        let d: SourceDirectives =
            toml::from_str("bindings = false\nexterns = ['lib_a.rs', 'lib_b.rs']").unwrap();
        assert!(!d.own_bindings());
        assert_eq!(d.externs.to_vec(), ["lib_a.rs", "lib_b.rs"]);
        let d: SourceDirectives = toml::from_str("").unwrap();
        assert!(d.own_bindings());
        assert!(d.externs.to_vec().is_empty());
    }

    #[test]
    fn unknown_directives_are_errors() {
        assert!(toml::from_str::<SourceDirectives>("argz = 'x'").is_err());
    }
}
