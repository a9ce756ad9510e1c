//! `cargo bench`: witbind's performance, each figure a ratio measured in the same run.
//!
//! 1. `gen`: generation speed of Rust and MoonBit, witbind against the `wit-bindgen` CLI, on a
//!    synthetic world and on WASI's `wasi:cli/command` (0.2 and 0.3) and `wasi:http/service`
//!    (0.3).
//! 2. `size`: generated code size (synthetic world, nesting depth 1..12) and the size of a
//!    release component built from each generator's bindings.
//! 3. `async`: moving data through `stream<u8>`, `stream<record>` and `future<u32>` between two
//!    composed components under wasmtime, against an in-process memcpy; also with the reading
//!    component in MoonBit (needs Node.js for the MoonBit toolchain step, else skipped).
//! 4. `calls`: synchronous calls of a few shapes (strings, lists, a record, a resource method)
//!    from a runner into a test component, each generator building both sides.
//! 5. `compile`: wall time of `cargo build` (dev and release) of a crate implementing
//!    `wasi:http/service@0.3.0`, `wasi:cli/command@0.2` and the synthetic world with each
//!    generator's bindings.
//! 6. `http`: requests per second of an echo handler of `wasi:http/service@0.3.0` built with
//!    each generator, served by the wasmtime CLI (`scripts/install-wasmtime.sh`; else skipped).
//!
//! `cargo bench --bench perf -- gen size` runs only the named groups. Settings (environment):
//! `WITBIND_BENCH_RUNS` (timed runs per figure, default 5, more for work that takes
//! milliseconds; the median is shown),
//! `WITBIND_BENCH_INTERFACES` (default 500), `WITBIND_BENCH_FUNCTIONS` (default 20),
//! `WITBIND_BENCH_DEPTH` (default 12), `WITBIND_BENCH_MIB` (default 256),
//! `WITBIND_BENCH_COMPILE_RUNS` (builds per figure of the WASI worlds in `compile`, default 3;
//! the synthetic world's are built once), `WITBIND_BENCH_COMPILE_INTERFACES` (the synthetic
//! world's interfaces in `compile`, default `WITBIND_BENCH_INTERFACES`; below 2 leaves it out),
//! `WITBIND_BENCH_HTTP_SECONDS` (length of one load run in `http`, default 2),
//! `WITBIND_WASMTIME` (the wasmtime CLI; default: where scripts/install-wasmtime.sh puts it),
//! `WIT_BINDGEN` (the `wit-bindgen` executable; default: found on `PATH`),
//! `WIT_BINDGEN_MOONBIT` (a `wit-bindgen` built with its MoonBit generator, for the MoonBit rows;
//! default: `WIT_BINDGEN` when it has one),
//! `WITBIND_BENCH_WASI_WIT` (a directory with WASI 0.2 WIT; default: wasmtime-wasi's copy in the
//! cargo registry, else `tests/wasi-wit/0.2`; WASI 0.3 comes from `tests/wasi-wit/0.3`). A comparison that cannot run (no `wit-bindgen`, no WASI WIT, no network for
//! the `wit-bindgen` crate) is skipped with a message; the rest still runs.

#[path = "../../tests/support/mod.rs"]
mod support;

// The MoonBit toolchain step of the tests (for the MoonBit reader of group 3).
#[path = "../../tests/moonbit/mod.rs"]
mod mbt;

mod calls;
mod codegen;
mod compile;
mod guests;
mod host;
mod http;
mod table;
mod transfer;
mod wit;

use std::time::{Duration, Instant};

/// The groups, in the order they run.
const GROUPS: [&str; 6] = ["gen", "size", "async", "calls", "compile", "http"];

fn main() {
    let selected: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let wanted = |group: &str| selected.is_empty() || selected.iter().any(|s| s == group);
    // Like libtest with a filter that matches nothing (`cargo bench <filter>` passes the filter
    // to every bench target): run nothing, successfully.
    if !GROUPS.iter().any(|g| wanted(g)) {
        println!("no group named {selected:?}; the groups are {GROUPS:?}");
        return;
    }

    let settings = Settings::from_env();
    print_machine(&settings);
    let scratch = tempfile::tempdir().expect("temporary directory");
    let tools = codegen::Tools::find();
    tools.describe();

    if wanted("gen") {
        codegen::generation_speed(&settings, &tools, scratch.path());
    }
    if wanted("size") {
        codegen::code_size(&settings, &tools, scratch.path());
    }
    if wanted("async") {
        transfer::async_transfer(&settings, &tools);
    }
    if wanted("calls") {
        calls::sync_calls(&settings, &tools);
    }
    if wanted("compile") {
        compile::compile_time(&settings, &tools, scratch.path());
    }
    if wanted("http") {
        http::http_requests(&settings, &tools);
    }
}

/// What the environment asks for (see the module documentation).
pub struct Settings {
    pub runs: usize,
    pub interfaces: usize,
    pub functions: usize,
    pub depth: usize,
    pub mib: u64,
}

impl Settings {
    fn from_env() -> Settings {
        Settings {
            runs: env_number("WITBIND_BENCH_RUNS", 5).max(1) as usize,
            interfaces: env_number("WITBIND_BENCH_INTERFACES", 500).max(2) as usize,
            functions: env_number("WITBIND_BENCH_FUNCTIONS", 20).max(1) as usize,
            depth: env_number("WITBIND_BENCH_DEPTH", 12).max(1) as usize,
            mib: env_number("WITBIND_BENCH_MIB", 256).max(1),
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value.trim().parse().unwrap_or_else(|_| {
            eprintln!("{name}=`{value}` is not a number");
            std::process::exit(2);
        }),
        Err(_) => default,
    }
}

fn print_machine(settings: &Settings) {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    println!(
        "witbind benchmarks: {cpus} CPUs, {model}; medians of {}+ runs",
        settings.runs
    );
}

/// Runs `f` once to warm up, then `runs` times, or more for fast work (as many runs as fit in
/// about a second, at most 200: a median of 5 runs of a 15 ms process is mostly noise); returns
/// the median time and the last result.
pub fn median_time<T>(
    runs: usize,
    mut f: impl FnMut() -> Result<T, String>,
) -> Result<(Duration, T), String> {
    let start = Instant::now();
    f()?;
    let warm_up = start.elapsed().max(Duration::from_micros(1));
    let fit = (Duration::from_secs(1).as_secs_f64() / warm_up.as_secs_f64()) as usize;
    let runs = runs.max(fit.min(200));
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f()?;
        times.push(start.elapsed());
        last = Some(value);
    }
    Ok((median(&mut times), last.expect("at least one run")))
}

/// Like [`median_time`] for several competitors at once, run in turn (one run of each, then the
/// next round) so that a busy moment of a shared machine slows all of them instead of whichever
/// happened to be measured then. A competitor that fails is dropped from the rounds and reports
/// its error; the number of rounds follows the slowest warm-up.
pub fn median_times_interleaved(
    runs: usize,
    competitors: &mut [&mut dyn FnMut() -> Result<(), String>],
) -> Vec<Result<Duration, String>> {
    let mut timed: Vec<_> = (competitors.iter_mut())
        .map(|f| {
            move || {
                let start = Instant::now();
                f().map(|()| start.elapsed())
            }
        })
        .collect();
    let mut timed: Vec<&mut dyn FnMut() -> Result<Duration, String>> =
        (timed.iter_mut()).map(|f| f as _).collect();
    median_samples_interleaved(runs, &mut timed)
}

/// Like [`median_times_interleaved`] for competitors that time themselves (a call without the
/// instantiation around it): each run returns its own sample; the median of each.
pub fn median_samples_interleaved(
    runs: usize,
    competitors: &mut [&mut dyn FnMut() -> Result<Duration, String>],
) -> Vec<Result<Duration, String>> {
    let mut results: Vec<Result<Vec<Duration>, String>> = Vec::new();
    let mut slowest = Duration::from_micros(1);
    for f in competitors.iter_mut() {
        let start = Instant::now();
        let warm = f();
        slowest = slowest.max(start.elapsed());
        results.push(warm.map(|_| Vec::new()));
    }
    let fit = (Duration::from_secs(1).as_secs_f64() / slowest.as_secs_f64()) as usize;
    for _ in 0..runs.max(fit.min(200)) {
        for (f, samples) in competitors.iter_mut().zip(&mut results) {
            let Ok(list) = samples else { continue };
            match f() {
                Ok(sample) => list.push(sample),
                Err(e) => *samples = Err(e),
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.map(|mut samples| median(&mut samples)))
        .collect()
}

/// The median of `times` (the mean of the middle two for an even count).
pub fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2
    }
}

/// The geometric mean of ratios (the fair average of "× faster" figures).
pub fn geometric_mean(ratios: &[f64]) -> Option<f64> {
    if ratios.is_empty() {
        return None;
    }
    let log_sum: f64 = ratios.iter().map(|r| r.ln()).sum();
    Some((log_sum / ratios.len() as f64).exp())
}

/// Prints a group's title.
pub fn heading(title: &str) {
    println!("\n== {title} ==");
}

/// Prints why a column or a row is missing.
pub fn skipped(what: &str, why: &str) {
    println!("  (skipped: {what}: {why})");
}
