//! Group 5: compile time of the generated bindings. Wall time of `cargo build` (dev and release
//! profiles, `wasm32-wasip2`) of a `cdylib` crate implementing a world with each generator's
//! bindings: `wasi:http/service@0.3.0` (the echo handler of the `http` group),
//! `wasi:cli/command@0.2` (a command copying stdin to stdout) and the synthetic world (exports
//! implemented by stubs, see `wit::synthetic_stubs`). Dependencies are built first; before each
//! timed build the crate's `src/lib.rs` is touched, and the build must compile that crate and
//! nothing else. Incremental compilation is off, so each build compiles the crate whole, as the
//! first build after its bindings changed does. The two generators' builds take turns.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::codegen::{self, Tools};
use crate::guests::{self, Profile, Runtime};
use crate::table::{self, Table};
use crate::{env_number, geometric_mean, heading, host, median, skipped, wit, Settings};

/// A world to build, and its implementation for each generator's bindings.
struct World {
    /// Crate names start with it.
    key: &'static str,
    label: String,
    input: std::path::PathBuf,
    world: String,
    /// The `src/` files besides `bindings.rs`, for witbind's bindings and for wit-bindgen's.
    files: [Vec<(&'static str, String)>; 2],
    runs: usize,
}

pub fn compile_time(settings: &Settings, tools: &Tools, scratch: &Path) {
    heading("5. Compile time of the generated bindings (cargo build wall time; lower is better)");
    let runs = env_number("WITBIND_BENCH_COMPILE_RUNS", 3).max(1) as usize;
    let interfaces = env_number(
        "WITBIND_BENCH_COMPILE_INTERFACES",
        settings.interfaces as u64,
    ) as usize;
    println!(
        "  `cargo build --target wasm32-wasip2` of a cdylib crate, dev and release profiles, \
         dependencies built, the crate's lib.rs touched before each build, CARGO_INCREMENTAL=0; \
         the generators take turns; medians of {runs} builds (WASI worlds), 1 (synthetic world)"
    );
    let mut worlds = Vec::new();
    let handler = ("handler.rs", include_str!("guests/http_echo.rs"));
    for (key, package, name, files) in [
        (
            "http",
            "http",
            "service",
            [
                vec![
                    ("lib.rs", include_str!("guests/http_echo_witbind.rs")),
                    handler,
                ],
                vec![
                    ("lib.rs", include_str!("guests/http_echo_wit_bindgen.rs")),
                    handler,
                ],
            ],
        ),
        (
            "command",
            "cli",
            "command",
            [
                vec![("lib.rs", include_str!("guests/command.rs"))],
                vec![("lib.rs", include_str!("guests/command.rs"))],
            ],
        ),
    ] {
        let version = if key == "command" { "0.2" } else { "0.3" };
        match codegen::wasi_world(version, package, name) {
            Ok((input, world)) => worlds.push(World {
                key,
                label: world.clone(),
                input,
                world,
                files: files.map(|files| {
                    files
                        .into_iter()
                        .map(|(path, text)| (path, text.to_string()))
                        .collect()
                }),
                runs,
            }),
            Err(why) => skipped(&format!("wasi:{package}/{name}@{version}"), &why),
        }
    }
    if interfaces >= 2 {
        let dir = scratch.join("compile-synth");
        let input = dir.join("synth.wit");
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            std::fs::write(
                &input,
                wit::synthetic_compilable(interfaces, settings.functions),
            )
        });
        match written {
            Ok(()) => worlds.push(World {
                key: "synth",
                label: format!(
                    "synthetic {interfaces}×{} (stub exports)",
                    settings.functions
                ),
                input,
                world: "synth".to_string(),
                files: ["witbind_rt", "wit_bindgen"].map(|rt| {
                    vec![(
                        "lib.rs",
                        wit::synthetic_stubs(interfaces, settings.functions, rt),
                    )]
                }),
                runs: 1,
            }),
            Err(e) => skipped("synthetic world", &e.to_string()),
        }
    }

    let mut t = Table::new(&[
        "world",
        "profile",
        "witbind",
        "wit-bindgen",
        "witbind / wit-bindgen",
        "witbind CPU",
        "wit-bindgen CPU",
        "CPU ratio",
    ]);
    let (mut ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
    for world in &worlds {
        let competitors = match competitors(tools, world, scratch) {
            Ok(competitors) => competitors,
            Err(why) => {
                skipped(&world.label, &why);
                continue;
            }
        };
        for (profile, medians) in measure(world.runs, &competitors) {
            let mut medians = medians.into_iter();
            let ours = medians.next().expect("witbind's crate");
            let theirs = medians.next();
            let ratio_of = |of: fn(&Build) -> Duration| match (&ours, &theirs) {
                (Ok(ours), Some(Ok(theirs))) => {
                    Some(of(ours).as_secs_f64() / of(theirs).as_secs_f64())
                }
                _ => None,
            };
            let (ratio, cpu_ratio) = (ratio_of(|b| b.wall), ratio_of(|b| b.cpu));
            ratios.extend(ratio);
            cpu_ratios.extend(cpu_ratio);
            let cell = |r: &Result<Build, String>, who: &str| match r {
                Ok(b) => table::duration(b.wall),
                Err(why) => {
                    skipped(
                        &format!("{who} on {} ({})", world.label, profile.name()),
                        first_lines(why, 12),
                    );
                    table::missing()
                }
            };
            t.row(vec![
                world.label.clone(),
                profile.name().to_string(),
                cell(&ours, "witbind"),
                theirs
                    .as_ref()
                    .map_or_else(table::missing, |r| cell(r, "wit-bindgen")),
                ratio.map_or_else(table::missing, table::ratio),
                cpu(&ours),
                theirs.as_ref().map_or_else(table::missing, cpu),
                cpu_ratio.map_or_else(table::missing, table::ratio),
            ]);
        }
    }
    t.print();
    match geometric_mean(&ratios) {
        Some(x) => println!(
            "summary: compile time: witbind / wit-bindgen = {} (geometric mean over {} builds; \
             target ≤ 0.50×)",
            table::ratio(x),
            ratios.len()
        ),
        None => println!("summary: compile time: no ratio (wit-bindgen not available)"),
    }
    if let Some(x) = geometric_mean(&cpu_ratios) {
        println!(
            "  (CPU time of cargo and rustc, less disturbed by other work on the machine: \
             witbind / wit-bindgen = {})",
            table::ratio(x)
        );
    }
}

/// A crate to time, and a crate with the same dependencies and nothing else (built first, so
/// that the timed builds compile the crate alone).
struct Competitor {
    krate: guests::Written,
    deps: guests::Written,
}

impl Competitor {
    fn new(krate: guests::Crate, runtime: Runtime) -> Competitor {
        let deps = guests::Crate::new(&format!("compile-deps-{}", runtime_name(&runtime)), runtime)
            .file(
                "lib.rs",
                "//! The dependencies of the compile group's crates.\n",
            );
        Competitor {
            krate: guests::write(&krate),
            deps: guests::write(&deps),
        }
    }

    /// One timed build of the crate after touching it; an error if cargo compiled anything
    /// else (a dependency that was not built yet, or changed meanwhile).
    fn timed_build(&self, profile: Profile) -> Result<Build, String> {
        self.krate.touch()?;
        let (start, cpu_start) = (Instant::now(), children_cpu()?);
        let stderr = self.krate.build(profile)?;
        let build = Build {
            wall: start.elapsed(),
            cpu: children_cpu()?.saturating_sub(cpu_start),
        };
        let compiled: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|line| line.starts_with("Compiling "))
            .collect();
        match compiled[..] {
            [one] if one.starts_with(&format!("Compiling {} ", self.krate.name)) => Ok(build),
            _ => Err(format!(
                "the build of `{}` compiled {compiled:?}, not just the crate",
                self.krate.name
            )),
        }
    }
}

fn runtime_name(runtime: &Runtime) -> &'static str {
    match runtime {
        Runtime::Witbind => "witbind",
        Runtime::WitBindgen(_) => "wit-bindgen",
    }
}

/// witbind's crate for `world`, then wit-bindgen's when it is installed (or why it is missing).
fn competitors(
    tools: &Tools,
    world: &World,
    scratch: &Path,
) -> Result<Vec<Result<Competitor, String>>, String> {
    let bindings = host::rust_bindings(&world.input, &world.world)?;
    let ours = guests::Crate::new(&format!("compile-{}-witbind", world.key), Runtime::Witbind)
        .file("bindings.rs", bindings);
    let ours = with_files(ours, &world.files[0]);
    let mut competitors = vec![Ok(Competitor::new(ours, Runtime::Witbind))];
    if let Ok((_, version)) = &tools.wit_bindgen {
        competitors.push(
            tools
                .wit_bindgen_text(&world.input, &world.world, scratch)
                .map(|bindings| {
                    let runtime = Runtime::WitBindgen(version.clone());
                    let krate = guests::Crate::new(
                        &format!("compile-{}-wit-bindgen", world.key),
                        runtime.clone(),
                    )
                    .file("bindings.rs", bindings);
                    Competitor::new(with_files(krate, &world.files[1]), runtime)
                }),
        );
    }
    Ok(competitors)
}

fn with_files(krate: guests::Crate, files: &[(&str, String)]) -> guests::Crate {
    files
        .iter()
        .fold(krate, |k, (path, text)| k.file(path, text.as_str()))
}

const PROFILES: [Profile; 2] = [Profile::Dev, Profile::Release];

/// A build's wall time and the CPU time of cargo and the processes it ran.
#[derive(Clone, Copy)]
struct Build {
    wall: Duration,
    cpu: Duration,
}

/// The user and system CPU time of this process's waited-for children so far (`cutime` and
/// `cstime` of `/proc/self/stat`, in clock ticks of 10 ms).
fn children_cpu() -> Result<Duration, String> {
    let stat =
        std::fs::read_to_string("/proc/self/stat").map_err(|e| format!("/proc/self/stat: {e}"))?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // `cutime` and `cstime` are fields 16 and 17 of the line: 13 and 14 counted from 0 after the
    // name (field 2).
    let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    match (tick(13), tick(14)) {
        (Some(user), Some(system)) => Ok(Duration::from_millis((user + system) * 10)),
        _ => Err(format!("cannot read the children's CPU time in {stat:?}")),
    }
}

fn cpu(build: &Result<Build, String>) -> String {
    build
        .as_ref()
        .map_or_else(|_| table::missing(), |b| table::duration(b.cpu))
}

/// Per profile, the median build (wall and CPU time, each the median of its own) of each
/// competitor: `runs` rounds, each building every competitor in turn with each profile.
fn measure(
    runs: usize,
    competitors: &[Result<Competitor, String>],
) -> Vec<(Profile, Vec<Result<Build, String>>)> {
    // Per profile and competitor, the builds so far or why there are none.
    let mut times: Vec<Vec<Result<Vec<Build>, String>>> = PROFILES
        .iter()
        .map(|&profile| {
            competitors
                .iter()
                .map(|c| {
                    let c = c.as_ref().map_err(Clone::clone)?;
                    c.deps.build(profile)?;
                    Ok(Vec::new())
                })
                .collect()
        })
        .collect();
    for _ in 0..runs {
        for (p, &profile) in PROFILES.iter().enumerate() {
            for (c, competitor) in competitors.iter().enumerate() {
                let (Ok(competitor), Ok(list)) = (competitor, &mut times[p][c]) else {
                    continue;
                };
                match competitor.timed_build(profile) {
                    Ok(d) => list.push(d),
                    Err(why) => times[p][c] = Err(why),
                }
            }
        }
    }
    PROFILES
        .iter()
        .zip(times)
        .map(|(&profile, of_profile)| {
            let medians = of_profile
                .into_iter()
                .map(|r| {
                    r.map(|list| {
                        let mut wall: Vec<Duration> = list.iter().map(|b| b.wall).collect();
                        let mut cpu: Vec<Duration> = list.iter().map(|b| b.cpu).collect();
                        Build {
                            wall: median(&mut wall),
                            cpu: median(&mut cpu),
                        }
                    })
                })
                .collect();
            (profile, medians)
        })
        .collect()
}

/// The first `n` lines of an error (cargo's can run long).
fn first_lines(text: &str, n: usize) -> &str {
    let end = text
        .match_indices('\n')
        .nth(n)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}
