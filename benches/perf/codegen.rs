//! Groups 1 and 2: generation speed and generated code size, witbind against `wit-bindgen`.

use std::path::{Path, PathBuf};
use std::process::Command;

use witbind::{Generator, Lang};

use crate::table::{self, Table};
use crate::{
    geometric_mean, guests, heading, median_time, median_times_interleaved, skipped, wit, Settings,
};

/// The generators the bench compares.
pub struct Tools {
    /// witbind's own CLI, built by cargo for this bench (absent when its `cli` feature is off).
    witbind_cli: Result<PathBuf, String>,
    /// The `wit-bindgen` CLI and its version, or why there is none.
    pub wit_bindgen: Result<(PathBuf, String), String>,
    /// A `wit-bindgen` CLI with its MoonBit generator (`wit-bindgen moonbit`) and its version:
    /// `$WIT_BINDGEN_MOONBIT`, else the one above when it was built with it.
    wit_bindgen_moonbit: Result<(PathBuf, String), String>,
}

/// One way of generating bindings.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    /// `witbind::Generator`, in process; nothing is written to disk.
    WitbindLib,
    /// `witbind generate … --lang rust`.
    WitbindCli,
    /// `wit-bindgen rust …`.
    WitBindgen,
}

impl Tools {
    pub fn find() -> Tools {
        let wit_bindgen = find_wit_bindgen();
        let wit_bindgen_moonbit = find_wit_bindgen_moonbit(&wit_bindgen);
        Tools {
            witbind_cli: option_env!("CARGO_BIN_EXE_witbind")
                .map(PathBuf::from)
                .ok_or_else(|| "the `witbind` binary was not built (feature `cli`)".to_string()),
            wit_bindgen,
            wit_bindgen_moonbit,
        }
    }

    pub fn describe(&self) {
        match &self.wit_bindgen {
            Ok((path, version)) => println!("wit-bindgen: {} ({version})", path.display()),
            Err(why) => println!(
                "wit-bindgen: not found ({why}); its columns are skipped. \
                 Install it with scripts/install-wit-bindgen.sh"
            ),
        }
        match &self.wit_bindgen_moonbit {
            Ok((path, version)) => {
                println!("wit-bindgen (MoonBit): {} ({version})", path.display())
            }
            Err(why) => println!("wit-bindgen (MoonBit): {why}; its MoonBit cells are skipped"),
        }
    }

    /// The `wit-bindgen` that generates `lang`, or why there is none.
    fn wit_bindgen_for(&self, lang: Lang) -> Result<&Path, String> {
        let found = match lang {
            Lang::Rust => &self.wit_bindgen,
            _ => &self.wit_bindgen_moonbit,
        };
        found
            .as_ref()
            .map(|(path, _)| path.as_path())
            .map_err(Clone::clone)
    }

    fn has_wit_bindgen(&self) -> bool {
        self.wit_bindgen.is_ok()
    }

    /// Generates Rust for `world` of `input` into `out` (emptied first) and returns the text of
    /// every `.rs` file produced, or (for the library) the text of the files in memory.
    fn generate(
        &self,
        tool: Tool,
        input: &Path,
        world: &str,
        out: &Path,
    ) -> Result<String, String> {
        if tool == Tool::WitbindLib {
            let output = generate_lib(Lang::Rust, input, world)?;
            return Ok(output.files().iter().map(|f| f.contents.as_str()).collect());
        }
        empty_dir(out)?;
        self.run_cli(tool, Lang::Rust, input, world, out)?;
        read_rust_files(out)
    }

    /// Runs one CLI generating `lang`, writing into `out` (the files of an earlier run are
    /// replaced, as in everyday use); only this is timed for the CLI columns.
    fn run_cli(
        &self,
        tool: Tool,
        lang: Lang,
        input: &Path,
        world: &str,
        out: &Path,
    ) -> Result<(), String> {
        let mut command = match (tool, lang) {
            (Tool::WitbindCli, _) => {
                let mut c = Command::new(self.witbind_cli.as_ref().map_err(Clone::clone)?);
                let lang = if lang == Lang::Rust {
                    "rust"
                } else {
                    "moonbit"
                };
                c.arg("generate").arg(input).args(["--lang", lang]);
                c
            }
            (Tool::WitBindgen, Lang::Rust) => {
                let mut c = Command::new(self.wit_bindgen_for(lang)?);
                // `--generate-all`: bindings for every interface the world uses, as witbind
                // writes them (without it, worlds using other packages, like WASI's, fail).
                c.arg("rust").arg(input).arg("--generate-all");
                c
            }
            (Tool::WitBindgen, _) => {
                // The MoonBit generator always covers every interface the world uses.
                let mut c = Command::new(self.wit_bindgen_for(lang)?);
                c.arg("moonbit").arg(input);
                c
            }
            (Tool::WitbindLib, _) => unreachable!("the library runs in process"),
        };
        command.args(["--world", world]).arg("--out-dir").arg(out);
        let output = command
            .output()
            .map_err(|e| format!("cannot run {command:?}: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "{command:?} failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(())
    }

    /// `wit-bindgen rust` output for `world` (or why there is none).
    pub fn wit_bindgen_text(
        &self,
        input: &Path,
        world: &str,
        scratch: &Path,
    ) -> Result<String, String> {
        self.text(Tool::WitBindgen, input, world, scratch)
    }

    /// The generated text for `world`, generated once (not timed).
    fn text(
        &self,
        tool: Tool,
        input: &Path,
        world: &str,
        scratch: &Path,
    ) -> Result<String, String> {
        self.generate(tool, input, world, &scratch.join("out"))
    }
}

/// `witbind::Generator` for `lang`, in process.
fn generate_lib(lang: Lang, input: &Path, world: &str) -> Result<witbind::Output, String> {
    Generator::new(lang)
        .input(input)
        .world(world)
        .generate()
        .map_err(|e| format!("witbind: {e}"))
}

/// `wit-bindgen` with its MoonBit generator: `$WIT_BINDGEN_MOONBIT`, else `rust` (the one used
/// for Rust) when `wit-bindgen moonbit --help` works. The default install
/// (scripts/install-wit-bindgen.sh) builds the Rust generator only.
fn find_wit_bindgen_moonbit(
    rust: &Result<(PathBuf, String), String>,
) -> Result<(PathBuf, String), String> {
    let has_moonbit = |path: &Path| {
        Command::new(path)
            .args(["moonbit", "--help"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if let Some(path) = std::env::var_os("WIT_BINDGEN_MOONBIT") {
        let path = PathBuf::from(path);
        if !has_moonbit(&path) {
            return Err(format!(
                "WIT_BINDGEN_MOONBIT=`{}` has no `moonbit` subcommand",
                path.display()
            ));
        }
        let version = tool_version(&path)?;
        return Ok((path, version));
    }
    match rust {
        Ok((path, version)) if has_moonbit(path) => Ok((path.clone(), version.clone())),
        Ok((path, _)) => Err(format!(
            "`{}` was built without its MoonBit generator; set WIT_BINDGEN_MOONBIT to one \
             built with it (`cargo install wit-bindgen-cli --version 0.63.0 --locked \
             --no-default-features --features rust,async,moonbit --root DIR`)",
            path.display()
        )),
        Err(why) => Err(why.clone()),
    }
}

/// The version `path --version` prints (`wit-bindgen-cli 0.63.0` gives `0.63.0`).
fn tool_version(path: &Path) -> Result<String, String> {
    let output = Command::new(path)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap_or("unknown version")
        .to_string())
}

/// `$WIT_BINDGEN`, else `wit-bindgen` on `PATH`, else in cargo's bin directory (where
/// `scripts/install-wit-bindgen.sh` puts it).
fn find_wit_bindgen() -> Result<(PathBuf, String), String> {
    let candidates: Vec<PathBuf> = match std::env::var_os("WIT_BINDGEN") {
        Some(path) => vec![PathBuf::from(path)],
        None => {
            let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
                .map(|p| std::env::split_paths(&p).collect())
                .unwrap_or_default();
            let cargo_home = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
            dirs.extend(cargo_home.map(|h| h.join("bin")));
            dirs.into_iter().map(|d| d.join("wit-bindgen")).collect()
        }
    };
    let path = candidates
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| match std::env::var("WIT_BINDGEN") {
            Ok(path) => format!("WIT_BINDGEN=`{path}` is not a file"),
            Err(_) => "no `wit-bindgen` on PATH or in ~/.cargo/bin".to_string(),
        })?;
    let version = tool_version(&path)?;
    Ok((path, version))
}

fn empty_dir(dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Every `.rs` file under `dir`, in name order, concatenated.
fn read_rust_files(dir: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    collect_rust_files(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!("no .rs file was written to `{}`", dir.display()));
    }
    let mut text = String::new();
    for file in files {
        text.push_str(
            &std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?,
        );
    }
    Ok(text)
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_rust_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    Ok(())
}

/// A WIT input of the bench and the world to generate.
struct World {
    label: String,
    input: PathBuf,
    world: String,
}

/// The synthetic world, written to `scratch/synth/synth.wit`.
fn synthetic_world(settings: &Settings, scratch: &Path) -> World {
    let dir = scratch.join("synth");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let input = dir.join("synth.wit");
    std::fs::write(
        &input,
        wit::synthetic(settings.interfaces, settings.functions),
    )
    .expect("write synth.wit");
    World {
        label: format!(
            "synthetic {}×{} ({} functions)",
            settings.interfaces,
            settings.functions,
            table::count((settings.interfaces * settings.functions) as u64)
        ),
        input,
        world: "synth".to_string(),
    }
}

/// The WASI worlds: 0.2's `wasi:cli/command` (from `$WITBIND_BENCH_WASI_WIT`, else
/// wasmtime-wasi's sources in the cargo registry, a dev-dependency of this crate, else this
/// repository's `tests/wasi-wit/0.2`), and 0.3's `wasi:cli/command` and `wasi:http/service`
/// (this repository's `tests/wasi-wit/0.3`, copied from wasmtime-wasi-http 48.0.8). Each entry is
/// the world or why it is missing.
fn wasi_worlds() -> Vec<Result<World, (String, String)>> {
    [
        ("0.2", "cli", "command"),
        ("0.3", "cli", "command"),
        ("0.3", "http", "service"),
    ]
    .into_iter()
    .map(|(version, package, world)| {
        wasi_dir(version)
            .and_then(|dir| wasi_world_in(&dir, package, world))
            .map_err(|why| (format!("wasi:{package}/{world}@{version}"), why))
    })
    .collect()
}

/// The WIT directory of WASI `version` ("0.2" or "0.3"), as [`wasi_worlds`] finds it.
fn wasi_dir(version: &str) -> Result<PathBuf, String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wasi-wit");
    if version != "0.2" {
        return Ok(repo.join(version));
    }
    match std::env::var_os("WITBIND_BENCH_WASI_WIT") {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => find_registry_wasi_wit().or_else(|why| {
            let dir = repo.join("0.2");
            if dir.join("deps").is_dir() {
                Ok(dir)
            } else {
                Err(why)
            }
        }),
    }
}

/// The WIT input and full name of world `wasi:<package>/<world>` of WASI `version` ("0.2" or
/// "0.3"), from where the `gen` group reads it.
pub fn wasi_world(version: &str, package: &str, world: &str) -> Result<(PathBuf, String), String> {
    let world = wasi_world_in(&wasi_dir(version)?, package, world)?;
    Ok((world.input, world.world))
}

/// The world `wasi:<package>/<world>` of the WIT directory `dir`, at the version its
/// `deps/<package>.wit` (or `deps/<package>/`) declares.
fn wasi_world_in(dir: &Path, package: &str, world: &str) -> Result<World, String> {
    let text = std::fs::read_to_string(dir.join(format!("deps/{package}.wit")))
        .or_else(|_| std::fs::read_to_string(dir.join(format!("deps/{package}/{world}.wit"))))
        .map_err(|e| format!("no deps/{package}.wit in `{}`: {e}", dir.display()))?;
    let prefix = format!("package wasi:{package}");
    let version = text
        .lines()
        .find_map(|l| l.trim().strip_prefix(prefix.as_str()))
        .map(|rest| rest.trim_end_matches(';').trim().to_string())
        .ok_or_else(|| format!("no `{prefix}…` in `{}`", dir.display()))?;
    let name = format!("wasi:{package}/{world}{version}");
    Ok(World {
        label: name.clone(),
        input: dir.to_path_buf(),
        world: name,
    })
}

fn find_registry_wasi_wit() -> Result<PathBuf, String> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let registry = cargo_home.join("registry/src");
    let mut found = Vec::new();
    for index in std::fs::read_dir(&registry)
        .map_err(|e| format!("{}: {e}", registry.display()))?
        .flatten()
    {
        for krate in std::fs::read_dir(index.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = krate.file_name().to_string_lossy().into_owned();
            let wit = krate.path().join("src/p2/wit");
            if name.starts_with("wasmtime-wasi-4") && wit.join("deps").is_dir() {
                found.push((name, wit));
            }
        }
    }
    // The exact version this crate's dev-dependency uses, else any.
    found.sort();
    found
        .iter()
        .find(|(name, _)| name == "wasmtime-wasi-48.0.8")
        .or(found.last())
        .map(|(_, wit)| wit.clone())
        .ok_or_else(|| {
            format!(
                "no wasmtime-wasi-*/src/p2/wit under `{}`; set WITBIND_BENCH_WASI_WIT",
                registry.display()
            )
        })
}

fn lang_name(lang: Lang) -> &'static str {
    if lang == Lang::Rust {
        "Rust"
    } else {
        "MoonBit"
    }
}

/// Group 1.
pub fn generation_speed(settings: &Settings, tools: &Tools, scratch: &Path) {
    heading("1. Generation speed (wall time per world; lower is better)");
    println!(
        "  witbind (lib): `Generator::generate` in process, nothing written; CLI columns: the \
         process, reading WIT and writing the files (`wit-bindgen rust --generate-all`, \
         `wit-bindgen moonbit`), the two taking turns run by run, each writing over its previous \
         output; ratio: witbind's CLI time / wit-bindgen's (target ≤ 0.50×)"
    );
    let mut worlds = vec![synthetic_world(settings, scratch)];
    for world in wasi_worlds() {
        match world {
            Ok(world) => worlds.push(world),
            Err((name, why)) => skipped(&name, &why),
        }
    }
    if !tools.has_wit_bindgen() {
        skipped("wit-bindgen column", "`wit-bindgen` not found");
    }

    let mut table = Table::new(&[
        "world",
        "language",
        "witbind (lib)",
        "witbind (CLI)",
        "wit-bindgen (CLI)",
        "witbind / wit-bindgen (CLI)",
    ]);
    // Ratios per language, for the summary.
    let mut ratios: Vec<(Lang, f64)> = Vec::new();
    for lang in [Lang::Rust, Lang::MoonBit] {
        for world in &worlds {
            let out = scratch.join("gen-out");
            let theirs_out = scratch.join("gen-out-theirs");
            // Write out what earlier figures left dirty (the synthetic world writes hundreds of
            // MB), so that background writeback does not slow down this one's file operations.
            let prepare = |out: &Path| {
                empty_dir(out)?;
                let _ = Command::new("sync").status();
                Ok::<(), String>(())
            };
            let lib = prepare(&out).and_then(|()| {
                median_time(settings.runs, || {
                    generate_lib(lang, &world.input, &world.world).map(drop)
                })
                .map(|(d, ())| d)
            });
            // The two CLIs take turns, each writing into its own directory.
            let has_theirs = tools.wit_bindgen_for(lang).is_ok();
            let (cli, theirs) = match prepare(&out).and_then(|()| prepare(&theirs_out)) {
                Err(e) => (Err(e.clone()), has_theirs.then_some(Err(e))),
                Ok(()) => {
                    let mut ours =
                        || tools.run_cli(Tool::WitbindCli, lang, &world.input, &world.world, &out);
                    let mut other = || {
                        tools.run_cli(
                            Tool::WitBindgen,
                            lang,
                            &world.input,
                            &world.world,
                            &theirs_out,
                        )
                    };
                    let mut competitors: Vec<&mut dyn FnMut() -> Result<(), String>> =
                        vec![&mut ours];
                    if has_theirs {
                        competitors.push(&mut other);
                    }
                    let mut times =
                        median_times_interleaved(settings.runs, &mut competitors).into_iter();
                    let cli = times.next().expect("one result per competitor");
                    (cli, times.next())
                }
            };
            let what = |tool: &str| format!("{tool} {} on {}", lang_name(lang), world.label);
            let cell = |r: &Result<std::time::Duration, String>, tool: &str| match r {
                Ok(d) => table::duration(*d),
                Err(e) => {
                    skipped(&what(tool), first_lines(e));
                    table::missing()
                }
            };
            let row_ratio = match (&cli, &theirs) {
                (Ok(ours), Some(Ok(theirs))) => {
                    let r = ours.as_secs_f64() / theirs.as_secs_f64();
                    ratios.push((lang, r));
                    table::ratio(r)
                }
                _ => table::missing(),
            };
            table.row(vec![
                world.label.clone(),
                lang_name(lang).to_string(),
                cell(&lib, "witbind (lib)"),
                cell(&cli, "witbind (CLI)"),
                theirs
                    .as_ref()
                    .map_or_else(table::missing, |t| cell(t, "wit-bindgen")),
                row_ratio,
            ]);
        }
    }
    table.print();
    if let Err(why) = &tools.wit_bindgen_moonbit {
        skipped("wit-bindgen MoonBit column", why);
    }
    let mut parts = Vec::new();
    for lang in [Lang::Rust, Lang::MoonBit] {
        let of_lang: Vec<f64> = ratios
            .iter()
            .filter(|(l, _)| *l == lang)
            .map(|(_, r)| *r)
            .collect();
        if let Some(r) = geometric_mean(&of_lang) {
            parts.push(format!(
                "{} {} over {} world(s)",
                lang_name(lang),
                table::ratio(r),
                of_lang.len()
            ));
        }
    }
    if parts.is_empty() {
        println!("summary: no generation-speed ratio (wit-bindgen not available)");
    } else {
        println!(
            "summary: witbind's CLI takes this share of wit-bindgen's time (geometric mean; \
             target ≤ 0.50×): {}",
            parts.join(", ")
        );
    }
}

/// The first lines of an error (wit-bindgen's can run long).
fn first_lines(text: &str) -> &str {
    let end = text
        .match_indices('\n')
        .nth(3)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Lines and bytes of a generated text.
#[derive(Clone, Copy)]
struct Size {
    lines: u64,
    bytes: u64,
}

impl Size {
    fn of(text: &str) -> Size {
        Size {
            lines: text.lines().count() as u64,
            bytes: text.len() as u64,
        }
    }
}

/// Group 2.
pub fn code_size(settings: &Settings, tools: &Tools, scratch: &Path) {
    heading("2. Generated code size (lower is better)");
    if !tools.has_wit_bindgen() {
        skipped("wit-bindgen columns", "`wit-bindgen` not found");
    }
    let mut summary = Vec::new();

    // The synthetic world.
    let world = synthetic_world(settings, scratch);
    let ours = tools.text(Tool::WitbindLib, &world.input, &world.world, scratch);
    let theirs = tools
        .has_wit_bindgen()
        .then(|| tools.text(Tool::WitBindgen, &world.input, &world.world, scratch));
    let mut table = Table::new(&[
        "world",
        "witbind lines",
        "wit-bindgen lines",
        "ratio",
        "witbind bytes",
        "wit-bindgen bytes",
        "ratio",
    ]);
    match (&ours, &theirs) {
        (Err(e), _) => skipped(&world.label, e),
        (Ok(_), Some(Err(e))) => skipped(&format!("wit-bindgen on {}", world.label), e),
        _ => {}
    }
    if let Ok(ours) = &ours {
        let ours = Size::of(ours);
        let theirs = theirs.and_then(Result::ok).map(|t| Size::of(&t));
        table.row(size_row(&world.label, ours, theirs));
        if let Some(theirs) = theirs {
            summary.push(format!(
                "synthetic world {} the lines",
                table::ratio(theirs.lines as f64 / ours.lines as f64)
            ));
        }
    }
    table.print();

    // Nesting growth.
    println!(
        "\n  nesting: `roundtrip: func(x: level<d>) -> level<d>`, imported and exported; each \
         level wraps the one below in tuple<T, T>, list<T>, result<T, T>, option<T> in turn \
         (depth 4 = option<result<list<tuple<string, string>>, …>>)"
    );
    let mut table = Table::new(&[
        "depth",
        "witbind lines",
        "Δ lines",
        "wit-bindgen lines",
        "ratio",
        "witbind bytes",
        "wit-bindgen bytes",
        "ratio",
    ]);
    // Lines per depth, to judge growth (`None` where a generator failed).
    let mut lines: Vec<(usize, Option<u64>, Option<u64>)> = Vec::new();
    let mut deepest = None;
    for depth in 1..=settings.depth {
        let input = scratch.join(format!("nest-{depth}.wit"));
        std::fs::write(&input, wit::nesting(depth)).expect("write nesting WIT");
        let ours = match tools.text(Tool::WitbindLib, &input, "nest", scratch) {
            Ok(text) => Size::of(&text),
            Err(e) => {
                skipped(&format!("depth {depth}"), &e);
                lines.push((depth, None, None));
                continue;
            }
        };
        let theirs = if tools.has_wit_bindgen() {
            match tools.text(Tool::WitBindgen, &input, "nest", scratch) {
                Ok(text) => Some(Size::of(&text)),
                Err(e) => {
                    skipped(&format!("wit-bindgen at depth {depth}"), &e);
                    None
                }
            }
        } else {
            None
        };
        let delta = lines
            .last()
            .and_then(|(_, previous, _)| *previous)
            .map(|p| ours.lines as i64 - p as i64);
        lines.push((depth, Some(ours.lines), theirs.map(|t| t.lines)));
        let mut row = size_row(&depth.to_string(), ours, theirs);
        row.insert(2, delta.map_or_else(table::missing, |d| format!("{d:+}")));
        table.row(row);
        if let Some(theirs) = theirs {
            deepest = Some((depth, ours, theirs));
        }
    }
    table.print();
    print_growth(&lines);
    if let Some((depth, ours, theirs)) = deepest {
        summary.push(format!(
            "nesting depth {depth} {} the lines",
            table::ratio(theirs.lines as f64 / ours.lines as f64)
        ));
    }

    // Component size.
    println!("\n  component: the small world (benches/perf/wit.rs) implemented with each generator's bindings");
    match component_sizes(tools, scratch) {
        Ok((ours, theirs)) => {
            let mut table = Table::new(&["release wasm32-wasip2 component, strip = true", "bytes"]);
            table.row(vec!["witbind".into(), table::bytes(ours)]);
            match theirs {
                Ok(theirs) => {
                    table.row(vec!["wit-bindgen".into(), table::bytes(theirs)]);
                    table.row(vec![
                        "ratio wit-bindgen / witbind".into(),
                        table::ratio(theirs as f64 / ours as f64),
                    ]);
                    summary.push(format!(
                        "component {}",
                        table::ratio(theirs as f64 / ours as f64)
                    ));
                }
                Err(why) => skipped("wit-bindgen component", &why),
            }
            table.print();
        }
        Err(why) => skipped("component size", &why),
    }

    if summary.is_empty() {
        println!("summary: no size ratio (wit-bindgen not available)");
    } else {
        println!(
            "summary: wit-bindgen output / witbind output: {}",
            summary.join(", ")
        );
    }
}

/// Growth over one full cycle of wrappers (4 levels: the depths differ in which wrapper they
/// add, so consecutive steps differ in size even when growth is linear). Linear output adds the
/// same number of lines per cycle; output that inlines per use multiplies instead.
fn print_growth(lines: &[(usize, Option<u64>, Option<u64>)]) {
    const CYCLE: usize = 4;
    let at = |depth: usize| lines.iter().find(|(d, ..)| *d == depth);
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for &(depth, now_ours, now_theirs) in lines {
        let Some(&(_, then_ours, then_theirs)) = depth.checked_sub(CYCLE).and_then(at) else {
            continue;
        };
        if let (Some(now), Some(then)) = (now_ours, then_ours) {
            ours.push(now as i64 - then as i64);
        }
        if let (Some(now), Some(then)) = (now_theirs, then_theirs) {
            theirs.push(now as f64 / then as f64);
        }
    }
    let (Some(min), Some(max)) = (ours.iter().min(), ours.iter().max()) else {
        println!(
            "  (growth: needs a depth of at least {} to judge)",
            CYCLE + 1
        );
        return;
    };
    let linear = *min > 0 && (*max as f64) <= 1.25 * (*min as f64);
    println!(
        "  witbind adds {min:+}..{max:+} lines per {CYCLE} levels: {}",
        if linear {
            "constant, so size is linear in depth"
        } else {
            "NOT constant: some type is expanded per use"
        }
    );
    if let (Some(first), Some(last)) = (theirs.first(), theirs.last()) {
        println!(
            "  wit-bindgen multiplies its lines by {}..{} per {CYCLE} levels",
            table::ratio(*first),
            table::ratio(*last)
        );
    }
}

fn size_row(label: &str, ours: Size, theirs: Option<Size>) -> Vec<String> {
    let ratio = |a: u64, b: u64| table::ratio(a as f64 / b as f64);
    vec![
        label.to_string(),
        table::count(ours.lines),
        theirs.map_or_else(table::missing, |t| table::count(t.lines)),
        theirs.map_or_else(table::missing, |t| ratio(t.lines, ours.lines)),
        table::count(ours.bytes),
        theirs.map_or_else(table::missing, |t| table::count(t.bytes)),
        theirs.map_or_else(table::missing, |t| ratio(t.bytes, ours.bytes)),
    ]
}

/// Builds the small world's component with each generator's bindings (release, stripped) and
/// returns their sizes; the wit-bindgen side may be missing.
fn component_sizes(tools: &Tools, scratch: &Path) -> Result<(u64, Result<u64, String>), String> {
    let dir = scratch.join("small");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let input = dir.join("small.wit");
    std::fs::write(&input, wit::SMALL).map_err(|e| e.to_string())?;

    let bindings = tools.text(Tool::WitbindLib, &input, "small", scratch)?;
    let krate = guests::Crate::new("small-witbind", guests::Runtime::Witbind)
        .file("bindings.rs", bindings)
        .file("lib.rs", include_str!("guests/small_witbind.rs"));
    let ours = guests::build(&[krate])
        .remove("small-witbind")
        .expect("built")?;
    let ours = file_size(&ours)?;

    let theirs = match &tools.wit_bindgen {
        Ok((_, version)) => tools
            .text(Tool::WitBindgen, &input, "small", scratch)
            .and_then(|bindings| {
                let krate = guests::Crate::new(
                    "small-wit-bindgen",
                    guests::Runtime::WitBindgen(version.clone()),
                )
                .file("bindings.rs", bindings)
                .file("lib.rs", include_str!("guests/small_wit_bindgen.rs"));
                guests::build(&[krate])
                    .remove("small-wit-bindgen")
                    .expect("built")
            })
            .and_then(|path| file_size(&path)),
        Err(why) => Err(why.clone()),
    };
    Ok((ours, theirs))
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}
