//! `witbind test`: runtime tests of components built from witbind's bindings.
//!
//! For every case (a directory holding `test.wit`, see [`case`]) and every combination of
//! languages its sources allow, a trial generates bindings, builds each component (Rust with
//! cargo, MoonBit with the toolchain step), composes the runner with its dependency worlds'
//! components and runs the result: in an embedded wasmtime with component-model async and
//! WASI 0.2 and 0.3 ([`host`]), or under an external command such as the wasmtime CLI
//! ([`external`]). A trial passes when the runner's entry point returns normally (and, where
//! the runner's source asks, printed exactly what it expects).
//!
//! The phases are reported as they go; every artifact (bindings, components, composed wasm)
//! stays under the artifacts directory so a failure can be rerun by hand.

pub mod cargo;
pub mod case;
pub mod compose;
pub mod external;
pub mod host;
pub mod moonbit;
pub mod toolchain;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use regex::Regex;

use crate::gen::load::Features;
use crate::{Error, Generator, Lang};
use cargo::{GuestCrate, Workspace};
pub use case::{Case, Language, Source, Trial};

/// What `witbind test` runs, and how.
#[derive(Clone, Debug)]
pub struct TestOptions {
    /// Case directories, or directories searched for cases.
    pub paths: Vec<PathBuf>,
    /// The languages components may be written in.
    pub languages: Vec<Language>,
    /// An external runner (`wasmtime -W component-model-async -S p3`) instead of the embedded
    /// one: each composed component runs as `RUNNER <case flags> [--invoke 'run()'] <wasm>`.
    pub runner: Option<Vec<String>>,
    /// Where bindings, builds and components are kept.
    pub artifacts: PathBuf,
    /// Only trials whose name matches every one of these.
    pub filters: Vec<Regex>,
    /// How many components are built, and trials run, at once.
    pub jobs: usize,
}

/// The step of a trial that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Generating bindings.
    Generate,
    /// Building a component.
    Build,
    /// Composing the runner with its dependencies.
    Compose,
    /// Running the composed component.
    Run,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Generate => "generate",
            Step::Build => "build",
            Step::Compose => "compose",
            Step::Run => "run",
        })
    }
}

/// Why a trial failed: the step and everything said about it (the command, the exit status and
/// the captured output, where there are).
#[derive(Clone, Debug)]
pub struct Failure {
    /// The trial's name.
    pub trial: String,
    /// The step that failed.
    pub step: Step,
    /// The report.
    pub message: String,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Trials that passed, by name.
    pub passed: Vec<String>,
    /// Trials that failed.
    pub failures: Vec<Failure>,
    /// Cases that make no trial in the languages asked for, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Trials left out by the filter.
    pub filtered_out: usize,
}

impl Summary {
    /// Whether nothing failed and something ran.
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && !self.passed.is_empty()
    }

    /// `test result: ok. N passed; M failed; K skipped; F filtered out`.
    pub fn result_line(&self) -> String {
        format!(
            "test result: {}. {} passed; {} failed; {} skipped; {} filtered out",
            if self.ok() { "ok" } else { "FAILED" },
            self.passed.len(),
            self.failures.len(),
            self.skipped.len(),
            self.filtered_out
        )
    }
}

/// A built component: where it is, or the step that failed and why.
type Built = Result<PathBuf, (Step, String)>;

/// Runs every trial of `options`, printing a line per trial as it finishes, and returns the
/// summary (also printed, with a report for each failure). Errs only when nothing can run: no
/// case found, an unknown path.
pub fn run(options: &TestOptions) -> Result<Summary, Error> {
    let started = Instant::now();
    // Absolute: cargo runs in the scratch workspace and would read a relative target dir from
    // there.
    let artifacts = std::path::absolute(&options.artifacts).map_err(|e| {
        Error::io(format!(
            "bad artifacts directory `{}`: {e}",
            options.artifacts.display()
        ))
    })?;
    let options = &TestOptions {
        artifacts,
        ..options.clone()
    };
    let cases = case::discover(&options.paths)?;
    if cases.is_empty() {
        return Err(Error::input(format!(
            "no runtime cases (directories holding `test.wit`) under {}",
            options
                .paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut summary = Summary::default();
    for case in &cases {
        let missing = case::missing_sources(case, &options.languages);
        if !missing.is_empty() {
            let languages: Vec<&str> = options.languages.iter().map(|l| l.name()).collect();
            summary.skipped.push((
                case.name.clone(),
                format!(
                    "no source in {} for world(s) {}",
                    languages.join(", "),
                    missing.join(", ")
                ),
            ));
        }
    }
    let all = case::trials(&cases, &options.languages);
    let total = all.len();
    let trials: Vec<Trial> = all
        .into_iter()
        .filter(|t| options.filters.iter().all(|f| f.is_match(&t.name)))
        .collect();
    summary.filtered_out = total - trials.len();
    say(format_args!(
        "running {} trials of {} cases",
        trials.len(),
        cases.len()
    ));

    std::fs::create_dir_all(&options.artifacts).map_err(|e| {
        Error::io(format!(
            "cannot create `{}`: {e}",
            options.artifacts.display()
        ))
    })?;
    let components = build_components(options, &cases, &trials);

    // The entry point is a fact of the case's runner world: read once per case.
    let entries: Vec<Result<Entry, String>> = cases.iter().map(entry_point).collect();
    let results = in_parallel(options.jobs, &trials, |trial| {
        let trial_started = Instant::now();
        // A panic in a library a trial uses fails that trial, not the whole run.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_trial(
                options,
                &cases[trial.case],
                &entries[trial.case],
                trial,
                &components,
            )
        }))
        .unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(Failure {
                trial: trial.name.clone(),
                step: Step::Run,
                message: format!("the test runner panicked: {message}"),
            })
        });
        let status = if result.is_ok() { "ok" } else { "FAILED" };
        say(format_args!(
            "test {} ... {status} ({:.1}s)",
            trial.name,
            trial_started.elapsed().as_secs_f64()
        ));
        result
    });
    for (trial, result) in trials.iter().zip(results) {
        match result {
            Ok(()) => summary.passed.push(trial.name.clone()),
            Err(failure) => summary.failures.push(failure),
        }
    }

    let mut out = std::io::stdout().lock();
    for (case, why) in &summary.skipped {
        let _ = writeln!(out, "skipped {case}: {why}");
    }
    if !summary.failures.is_empty() {
        let _ = writeln!(out, "\nfailures:");
        for failure in &summary.failures {
            let _ = writeln!(
                out,
                "\n---- {} ({} failed) ----\n{}",
                failure.trial,
                failure.step,
                failure.message.trim_end()
            );
        }
        let _ = writeln!(out, "\nfailed trials:");
        for failure in &summary.failures {
            let _ = writeln!(out, "    {}", failure.trial);
        }
    }
    let _ = writeln!(
        out,
        "\n{} (in {:.1}s)",
        summary.result_line(),
        started.elapsed().as_secs_f64()
    );
    Ok(summary)
}

/// A progress line, written at once.
fn say(args: fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{args}");
    let _ = out.flush();
}

/// Runs `work`, reporting it when it starts, every [`HEARTBEAT`] while it runs, and with its
/// duration when it ends.
fn phase<T>(what: &str, work: impl FnOnce() -> T) -> T {
    say(format_args!("{what} ..."));
    let started = Instant::now();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                finished.recv_timeout(HEARTBEAT)
            {
                say(format_args!(
                    "{what}: still running ({:.0}s)",
                    started.elapsed().as_secs_f64()
                ));
            }
        });
        // Owned here, so that a panic in `work` drops it too, which ends the heartbeat.
        let done = done;
        let value = work();
        let _ = done.send(());
        say(format_args!(
            "{what}: done in {:.1}s",
            started.elapsed().as_secs_f64()
        ));
        value
    })
}

/// How often a long phase says it is still running.
const HEARTBEAT: Duration = Duration::from_secs(30);

/// A key for a source: its path.
type SourceKey = PathBuf;

/// Builds the component of every source the trials use.
fn build_components(
    options: &TestOptions,
    cases: &[Case],
    trials: &[Trial],
) -> BTreeMap<SourceKey, Built> {
    let mut needed: BTreeMap<SourceKey, (&Case, &Source)> = BTreeMap::new();
    for trial in trials {
        for source in trial.sources() {
            needed
                .entry(source.path.clone())
                .or_insert((&cases[trial.case], source));
        }
    }
    let mut built: BTreeMap<SourceKey, Built> = BTreeMap::new();
    for language in Language::ALL {
        let sources: Vec<(&Case, &Source)> = needed
            .values()
            .filter(|(_, s)| s.language == language)
            .copied()
            .collect();
        if sources.is_empty() {
            continue;
        }
        built.extend(match language {
            Language::Rust => build_rust(options, &sources),
            Language::MoonBit => build_moonbit(options, &sources),
        });
    }
    built
}

/// The bindings generator's options a source asks for with `args`.
fn generator(lang: Lang, case: &Case, source: &Source) -> Result<Generator, (Step, String)> {
    let args = source_args(source)?;
    Ok(configured(
        lang,
        case,
        &source.world,
        args.features,
        args.rust,
    ))
}

/// A generator of `world` of the case's WIT with these feature gates and (for Rust) options.
fn configured(
    lang: Lang,
    case: &Case,
    world: &str,
    features: Features,
    rust: crate::RustFlags,
) -> Generator {
    let mut generator = Generator::new(lang)
        .input(case.wit_input())
        .world(world)
        .all_features(features.all);
    for feature in features.enabled {
        generator = generator.feature(feature);
    }
    if lang == Lang::Rust {
        generator = generator.rust_flags(rust);
    }
    generator
}

/// What a source's `args` ask of the generator: `witbind generate`'s flags.
#[derive(Default)]
struct SourceArgs {
    /// The feature gates opened (`--features LIST`, `--all-features`): for the source's
    /// bindings and for the component type embedded in its component alike.
    features: Features,
    /// The Rust generator's options.
    rust: crate::RustFlags,
}

/// Reads a source's `args` (flags of `witbind generate`; list values comma-separated).
fn source_args(source: &Source) -> Result<SourceArgs, (Step, String)> {
    parse_args(&source.path, "args", &source.directives.args.to_vec())
}

/// Reads generator flags of a source's directive `directive`.
fn parse_args(path: &Path, directive: &str, args: &[String]) -> Result<SourceArgs, (Step, String)> {
    let mut parsed = SourceArgs::default();
    let mut args = args.iter();
    let error = |message: String| {
        (
            Step::Generate,
            format!("{}: `{directive}`: {message}", path.display()),
        )
    };
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || -> Result<Vec<String>, (Step, String)> {
            let list = match inline_value.clone() {
                Some(value) => value,
                None => args
                    .next()
                    .cloned()
                    .ok_or_else(|| error(format!("`{flag}` needs a value")))?,
            };
            Ok(list
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect())
        };
        match flag {
            "--all-features" => parsed.features.all = true,
            "--generate-all" => parsed.rust.generate_all = true,
            "--raw-strings" => parsed.rust.raw_strings = true,
            "--generate-unused-types" => parsed.rust.generate_unused_types = true,
            "--std-feature" => parsed.rust.std_feature = true,
            "--enable-method-chaining" => parsed.rust.enable_method_chaining = true,
            "--pub-export-macro" => parsed.rust.pub_export_macro = true,
            "--merge-structurally-equal-types" => parsed.rust.merge_structurally_equal_types = true,
            "--ownership" => {
                let mode = value()?.join(",");
                parsed.rust.ownership =
                    crate::Ownership::parse(&mode).map_err(|e| error(e.to_string()))?;
            }
            "--disable-custom-section-link-helpers" => {
                parsed.rust.disable_custom_section_link_helpers = true
            }
            "--type-section-suffix" => parsed.rust.type_section_suffix = Some(value()?.join(",")),
            "--export-macro-name" => parsed.rust.export_macro_name = Some(value()?.join(",")),
            "--default-bindings-module" => {
                parsed.rust.default_bindings_module = Some(value()?.join(","))
            }
            "--features" => parsed.features.enabled.extend(value()?),
            "--additional-derive-attribute" | "-d" => {
                parsed.rust.additional_derives.extend(value()?)
            }
            short if short.starts_with("-d") => parsed
                .rust
                .additional_derives
                .extend(short[2..].split(',').map(str::to_string)),
            "--additional-derive-ignore" => parsed.rust.additional_derives_ignore.extend(value()?),
            "--skip" => parsed.rust.skip.extend(value()?),
            "--with" => {
                for mapping in value()? {
                    let parsed_mapping =
                        crate::With::parse_mapping(&mapping).map_err(|e| error(e.to_string()))?;
                    parsed.rust.with.push(parsed_mapping);
                }
            }
            other => {
                return Err(error(format!(
                    "`{other}` is no generator option here (supported: --features LIST, \
                     --all-features, --additional-derive-attribute PATH, \
                     --additional-derive-ignore NAME, --skip NAME, --with NAME=PATH, \
                     --generate-all, --type-section-suffix S, --export-macro-name NAME, \
                     --default-bindings-module PATH, --disable-custom-section-link-helpers, \
                     --raw-strings, --generate-unused-types, --std-feature, --ownership MODE, \
                     --enable-method-chaining, --pub-export-macro, \
                     --merge-structurally-equal-types)"
                )))
            }
        }
    }
    Ok(parsed)
}

/// The feature gates a source's `args` open.
fn source_features(source: &Source) -> Result<Features, (Step, String)> {
    Ok(source_args(source)?.features)
}

fn generate(
    lang: Lang,
    case: &Case,
    source: &Source,
) -> Result<Vec<crate::OutputFile>, (Step, String)> {
    let generator = generator(lang, case, source)?;
    // The `impl` package's manifest comes with the export skeleton (MoonBit's; Rust has none);
    // the case's source takes the place of its `impl.mbt`.
    let files = generator
        .generate_with_skeleton()
        .map(|(output, skeleton)| {
            let manifest = skeleton
                .files()
                .iter()
                .filter(|f| f.path != "impl/impl.mbt");
            output
                .files()
                .iter()
                .chain(manifest)
                .cloned()
                .collect::<Vec<_>>()
        });
    files.map_err(|e| {
        (
            Step::Generate,
            format!(
                "generating the {} bindings of world `{}` from `{}`:\n{e}",
                source.language.name(),
                source.world,
                case.wit_input().display()
            ),
        )
    })
}

/// Files of `common/` with `extension`, by file name.
fn common_files(case: &Case, extension: &str) -> Result<Vec<(String, String)>, (Step, String)> {
    let Some(dir) = &case.common_dir else {
        return Ok(Vec::new());
    };
    let read_dir = std::fs::read_dir(dir)
        .map_err(|e| (Step::Build, format!("cannot read `{}`: {e}", dir.display())))?;
    let mut files = Vec::new();
    for entry in read_dir.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == extension) {
            let contents = std::fs::read_to_string(&path).map_err(|e| {
                (
                    Step::Build,
                    format!("cannot read `{}`: {e}", path.display()),
                )
            })?;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.push((name, contents));
        }
    }
    files.sort();
    Ok(files)
}

fn read_source(source: &Source) -> Result<String, (Step, String)> {
    std::fs::read_to_string(&source.path).map_err(|e| {
        (
            Step::Build,
            format!("cannot read `{}`: {e}", source.path.display()),
        )
    })
}

/// A file-system-safe name for a case (nested cases' names hold `/`).
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn stem(source: &Source) -> &str {
    source
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
}

/// The Rust guest crate of a source: its bindings as `mod bindings` (unless `bindings = false`),
/// the source as the rest of the crate root, `common/*.rs` as files the source can `mod`, and
/// its `externs` as library crates it depends on.
pub fn rust_guest(case: &Case, source: &Source) -> Result<GuestCrate, (Step, String)> {
    let text = read_source(source)?;
    // The source is the top of the crate root, so compiler messages give its own line numbers
    // (and it may open with `//!` or inner attributes); warnings are denied by the manifest.
    let mut root = format!("{text}\n");
    let mut krate =
        GuestCrate::cdylib(&format!("{}-{}", slug(&case.name), stem(source))).deny_warnings();
    if source.directives.own_bindings() {
        let files = generate(Lang::Rust, case, source)?;
        let [bindings] = files.as_slice() else {
            return Err((
                Step::Generate,
                format!("world `{}`: expected one generated Rust file", source.world),
            ));
        };
        krate = krate.file("bindings.rs", bindings.contents.clone());
        root.push_str("mod bindings;\n");
    } else if source.directives.more_bindings.is_empty() {
        krate = krate.without_runtime();
    }
    krate = more_bindings(case, &source.path, &source.directives, "", krate, &mut root)?;
    for file in source.directives.externs.to_vec() {
        let path = case.dir.join(&file);
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| {
            (
                Step::Build,
                format!(
                    "{}: `externs`: cannot read `{}`: {e}",
                    source.path.display(),
                    path.display()
                ),
            )
        })?;
        let directives: case::SourceDirectives =
            case::parse_directives(&path, "//@").map_err(|e| (Step::Build, e.to_string()))?;
        let mut lib_root = format!("{text}\n");
        let lib = GuestCrate::lib(&format!("{}-{name}", slug(&case.name))).deny_warnings();
        let lib = more_bindings(case, &path, &directives, "pub ", lib, &mut lib_root)?;
        krate = krate.with_extern(&name, lib.file("lib.rs", lib_root));
    }
    let mut krate = krate.file("lib.rs", root);
    for (name, contents) in common_files(case, "rs")? {
        krate = krate.file(&name, contents);
    }
    Ok(krate)
}

/// Adds the bindings `more-bindings` of `directives` (those of the file at `path`) asks for to
/// `krate`, each as a `{vis}mod` of the crate `root`.
fn more_bindings(
    case: &Case,
    path: &Path,
    directives: &case::SourceDirectives,
    vis: &str,
    mut krate: GuestCrate,
    root: &mut String,
) -> Result<GuestCrate, (Step, String)> {
    // The feature gates are the file's.
    let features = parse_args(path, "args", &directives.args.to_vec())?.features;
    for (module, spec) in &directives.more_bindings {
        // `"world --flag …"`: the world, then generator flags of its own.
        let mut words = spec.split_whitespace().map(str::to_string);
        let world = words.next().unwrap_or_default();
        let flags = parse_args(path, "more-bindings", &words.collect::<Vec<_>>())?;
        let generator = configured(Lang::Rust, case, &world, features.clone(), flags.rust);
        let output = generator.generate().map_err(|e| {
            (
                Step::Generate,
                format!(
                    "`more-bindings`: world `{world}` of `{}`:\n{e}",
                    case.wit_input().display()
                ),
            )
        })?;
        let [file] = output.files() else {
            return Err((
                Step::Generate,
                format!("world `{world}`: expected one generated Rust file"),
            ));
        };
        krate = krate.file(&format!("{module}.rs"), file.contents.clone());
        root.push_str(&format!("{vis}mod {module};\n"));
    }
    Ok(krate)
}

fn build_rust(options: &TestOptions, sources: &[(&Case, &Source)]) -> Vec<(SourceKey, Built)> {
    let mut results = Vec::new();
    let mut crates = Vec::new();
    for (case, source) in sources {
        match rust_guest(case, source) {
            Ok(krate) => crates.push(((*source).clone(), krate)),
            Err(e) => results.push((source.path.clone(), Err(e))),
        }
    }
    let workspace = Workspace::open(&options.artifacts.join("cargo"));
    let build = workspace.and_then(|w| {
        let all: Vec<GuestCrate> = crates.iter().map(|(_, k)| k.clone()).collect();
        phase(
            &format!("building {} Rust components with cargo", all.len()),
            || w.build(&all),
        )
    });
    for (source, krate) in crates {
        let result = match &build {
            Err(e) => Err((Step::Build, e.to_string())),
            Ok(build) => build
                .wasm(&krate.name)
                .map(Path::to_path_buf)
                .map_err(|e| (Step::Build, format!("command: {}\n{e}", build.command()))),
        };
        results.push((source.path, result));
    }
    results
}

fn build_moonbit(options: &TestOptions, sources: &[(&Case, &Source)]) -> Vec<(SourceKey, Built)> {
    if let Err(e) = phase("setting up the MoonBit toolchain", moonbit::setup) {
        return sources
            .iter()
            .map(|(_, s)| (s.path.clone(), Err((Step::Build, e.to_string()))))
            .collect();
    }
    phase(
        &format!("building {} MoonBit components", sources.len()),
        || {
            let built = in_parallel(options.jobs, sources, |(case, source)| {
                moonbit_component(options, case, source)
            });
            sources
                .iter()
                .map(|(_, source)| source.path.clone())
                .zip(built)
                .collect()
        },
    )
}

/// Builds the MoonBit component of a source: the generated module with the source (and
/// `common/*.mbt`) as its `impl` package.
fn moonbit_component(options: &TestOptions, case: &Case, source: &Source) -> Built {
    let mut files: Vec<(String, String)> = generate(Lang::MoonBit, case, source)?
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect();
    files.push((format!("impl/{}.mbt", source.world), read_source(source)?));
    for (name, contents) in common_files(case, "mbt")? {
        files.push((format!("impl/{name}"), contents));
    }
    let dir = options
        .artifacts
        .join("moonbit")
        .join(slug(&case.name))
        .join(stem(source));
    let path = dir.join(format!("{}.wasm", source.world));
    // A component built from exactly these files (and this toolchain) is reused, from any
    // artifacts directory: MoonBit builds are the slow part of a warm run.
    let wit = std::fs::read_to_string(case.dir.join("test.wit")).unwrap_or_default();
    let cached = moonbit::cached_component(&files, &wit);
    if let Some(bytes) = cached.as_ref().and_then(|c| std::fs::read(c).ok()) {
        let write = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, bytes));
        if write.is_ok() {
            return Ok(path);
        }
    }
    let features = source_features(source)?;
    let component =
        moonbit::build_component(&dir, &files, &case.wit_input(), &source.world, &features)
            .map_err(|e| (Step::Build, format!("`{}`: {e}", source.path.display())))?;
    std::fs::write(&path, &component).map_err(|e| {
        (
            Step::Build,
            format!("writing into `{}`: {e}", dir.display()),
        )
    })?;
    if let Some(cached) = cached {
        moonbit::store_cached(&cached, &component);
    }
    Ok(path)
}

/// How a composed component is started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A world-level export `run: func()`.
    RunFunction,
    /// `wasi:cli/run`'s `run`, as a command.
    Command,
}

/// The entry point the runner world exports.
fn entry_point(case: &Case) -> Result<Entry, String> {
    let wit = case.wit_input();
    let mut resolve = wit_parser::Resolve::new();
    let (pkg, _) = resolve
        .push_path(&wit)
        .map_err(|e| format!("{}: {e:#}", wit.display()))?;
    let world = resolve
        .select_world(&[pkg], Some(&case.runner_world))
        .map_err(|e| format!("{e:#}"))?;
    for (key, item) in &resolve.worlds[world].exports {
        match item {
            wit_parser::WorldItem::Function(f) if f.name == "run" => return Ok(Entry::RunFunction),
            wit_parser::WorldItem::Interface { .. } => {
                let name = resolve.name_world_key(key);
                if name.starts_with("wasi:cli/run@") {
                    return Ok(Entry::Command);
                }
            }
            _ => {}
        }
    }
    Err(format!(
        "world `{}` exports neither `run: func()` nor `wasi:cli/run`: a runner needs one",
        case.runner_world
    ))
}

/// What a run printed.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// Everything written to stdout.
    pub stdout: Vec<u8>,
}

fn run_trial(
    options: &TestOptions,
    case: &Case,
    entry: &Result<Entry, String>,
    trial: &Trial,
    components: &BTreeMap<SourceKey, Built>,
) -> Result<(), Failure> {
    let fail = |(step, message): (Step, String)| Failure {
        trial: trial.name.clone(),
        step,
        message,
    };
    let component = |source: &Source| -> Result<PathBuf, (Step, String)> {
        match components.get(&source.path) {
            Some(Ok(path)) => Ok(path.clone()),
            Some(Err((step, e))) => {
                Err((*step, format!("component `{}`:\n{e}", source.file_name())))
            }
            None => Err((
                Step::Build,
                format!("`{}` was not built", source.file_name()),
            )),
        }
    };
    let runner = component(&trial.runner).map_err(fail)?;
    let mut dependencies = Vec::new();
    for source in &trial.dependencies {
        dependencies.push((source.world.clone(), component(source).map_err(fail)?));
    }
    let composed = match &case.wac {
        None => compose::compose(&runner, &dependencies),
        Some(script) => compose::compose_wac(script, (&case.runner_world, &runner), &dependencies),
    }
    .map_err(|e| fail((Step::Compose, e)))?;
    // Named after every source (with its extension): each trial of a case has its own file.
    let file_name: Vec<&str> = trial.sources().map(Source::file_name).collect();
    let composed_path = options
        .artifacts
        .join("composed")
        .join(slug(&case.name))
        .join(format!("{}.wasm", file_name.join("+")));
    std::fs::create_dir_all(composed_path.parent().unwrap())
        .and_then(|()| std::fs::write(&composed_path, &composed))
        .map_err(|e| {
            fail((
                Step::Compose,
                format!("cannot write `{}`: {e}", composed_path.display()),
            ))
        })?;
    let entry = entry.clone().map_err(|e| fail((Step::Run, e)))?;
    let output = match &options.runner {
        None => host::run(
            &composed,
            entry,
            &trial.name,
            &options.artifacts.join("cwasm"),
        ),
        Some(command) => {
            let flags: Vec<String> = trial
                .sources()
                .flat_map(|s| s.directives.wasmtime_flags.to_vec())
                .collect();
            external::run(command, &flags, entry, &composed_path)
        }
    }
    .map_err(|e| {
        fail((
            Step::Run,
            format!("composed component: {}\n{e}", composed_path.display()),
        ))
    })?;
    if let Some(expected) = &trial.runner.directives.expected_stdout {
        if output.stdout != expected.as_bytes() {
            return Err(fail((
                Step::Run,
                format!(
                    "stdout differs from `expected-stdout` of {}:\nexpected: {:?}\n     got: {:?}",
                    trial.runner.file_name(),
                    expected,
                    String::from_utf8_lossy(&output.stdout)
                ),
            )));
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file renamed into place, so that a reader
/// (another trial, another process sharing a cache) never sees a partial file.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

/// `arg` as a POSIX shell reads it, for command lines printed to be copied.
pub(crate) fn shell_quote(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c))
    {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// An error's root cause first, then the context around it (for a trap: the wasm backtrace).
fn describe<'a>(chain: impl Iterator<Item = &'a (dyn std::error::Error + 'static)>) -> String {
    let mut messages: Vec<String> = chain.map(|e| e.to_string()).collect();
    let root = messages.pop().unwrap_or_default();
    messages.insert(0, root);
    messages.join("\n")
}

/// `work` applied to every item on up to `jobs` threads; the results in the items' order.
fn in_parallel<T: Sync, R: Send>(
    jobs: usize,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let result = work(item);
                results.lock().unwrap().push((i, result));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// How long one run may take before it is stopped.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(120);
