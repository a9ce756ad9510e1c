//! Random async scenarios checked against a model, in real components.
//!
//! A scenario moves a stream between the runner and the test component of
//! `tests/async-scenarios/` (witbind's bindings in both languages: every scenario runs with each
//! of the four pairs of a runner, `runner.rs` or `runner.mbt`, and a test component, `test.rs` or
//! `test.mbt`; the MoonBit runner prints through a small Rust recorder component, and skips the
//! scenarios where it would drop a future writer unwritten): one side writes it with a random
//! list of `write` (the host may take part) and `write_all` operations and then drops its end,
//! the other reads it with random `read(max)` operations and then either drops its end early or
//! reads to the end. Either the runner writes and the test component reads (the reader passed
//! as an argument), or the test component writes after returning the reader (background work
//! after `task.return`). Some writes (plain `write`s) and reads are raced against a few yields
//! and cancelled if the yields win: in Rust by dropping the future running them (polled on
//! every wake for an odd count of yields, once per yield for an even one), in MoonBit
//! with `cancel_write` / `cancel_read` from another coroutine. The payload is `u8`, `u32`,
//! `string`, a record holding a list, a resource (`token`, implemented by the test component,
//! which logs every token it makes and destroys) or a record holding a future and a stream
//! (`parcel`: whoever makes one writes its ends at once, whoever gets one reads them), the values
//! derived from the scenario's seed and their position (`values.rs`). A third of the
//! scenarios move a `future` of the payload instead, passed as an argument (the runner writes)
//! or returned (the test component writes after `task.return`): each end yields a few times,
//! then writes (reads) or drops its end; only the runner (Rust) drops a writer unwritten, which
//! writes the default: a MoonBit writer dropped unwritten traps, as the component model says.
//! A ninth of the scenarios (a sixth of those that are not future scenarios) are calls
//! scenarios (`calls.rs`): a few calls of the test component's async `work` started at once,
//! some dropped unpolled or when a few yields win a race, with backpressure on for a while or
//! off; the test component logs each call's start, return and cancellation and backpressure
//! turned on and off, and the model checks what the runner saw and that log.
//! Scenarios come from seeds; a few hundred run in one build of the pair (the runner interprets
//! a script), under wasmtime with component-model async.
//!
//! The model checks what both sides saw against what the component model allows: every value
//! arrives once, in order and exactly as written, no read returns more than it asked for or
//! nothing at all, no value follows the end of the stream, the values the reader got are exactly those the writer
//! had taken, a write takes nothing (or `write_all` less than all) only once the reader is gone,
//! and then every later write takes nothing. Cancellation loosens this only as far as the
//! component model and the bindings allow: a cancelled read may have got nothing (Rust: what
//! had arrived comes with the next read) or, in MoonBit, what had arrived; a cancelled MoonBit
//! write says how many values were taken, a cancelled Rust write cannot, so its writer goes on
//! after all of them and the model allows any number taken; a cancelled write taking nothing
//! says nothing about the reader; and a Rust reader dropped after a cancelled read drops what
//! that read had taken, so only a prefix of the values taken must arrive (all of them
//! otherwise). For a future, the outcome is the only one allowed:
//! the value (or the default, when the writer was dropped) is delivered when the reader reads,
//! and the write reports the reader gone exactly when the reader was dropped.
//!
//! Every token made must be destroyed exactly once (by the reader that got it, or by the writer
//! when no reader took it), none destroyed that was not made, and only for positions a write
//! offered; a scenario of another payload makes none.
//!
//! After every scenario both components must be back to the heap allocations (counted by the
//! runtime suite's `alloc_probe.rs` in Rust, by the MoonBit runtime's `malloc`/`free`) and the
//! handles in their tables (`handles.rs`) they held before it; the runner waits for background
//! work to end, a few hundred turns at most, then reports how many more each holds, and a
//! scenario that leaves anything behind fails with those numbers.
//!
//! `WITBIND_SCENARIO_START=<seed>` and `WITBIND_SCENARIOS=<count>` pick the seeds (default
//! 0 and 300); the seeds in `tests/async-scenarios/regressions.txt` always run. A failing
//! scenario is shrunk to a minimal one (the first few of them: each step builds a runner), printed as
//! an operation list with its seed, and its seed is added to `regressions.txt`. The run ends
//! with the line `async scenarios: N run, F failed (W writes and R reads cancelled, K tokens
//! made, C calls dropped)`.
//!
//! In `tests/async-scenarios/`: `scenario.rs` draws the scenarios and writes the runners'
//! script, `model.rs` checks what was reported, `lines.rs` reads the report lines, `calls.rs`
//! has the calls scenarios whole; this file builds, runs, bisects and shrinks.

mod support;

#[path = "async-scenarios/calls.rs"]
mod calls;
#[path = "async-scenarios/lines.rs"]
mod lines;
#[path = "async-scenarios/model.rs"]
mod model;
#[path = "async-scenarios/scenario.rs"]
mod scenario;
#[path = "async-scenarios/show.rs"]
mod show;
#[path = "async-scenarios/values.rs"]
mod values;

#[path = "moonbit/mod.rs"]
mod mbt;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use calls::{CallLog, CallOutcome, CallPlan};
use lines::{parse_held, parse_line, parse_token_log};
use model::{check, check_calls, check_held, check_tokens, Observed, Read, Take, TokenLog};
use scenario::{FuturePlan, Kind, Pair, Payload, ReadEnd, ReadOp, Scenario, Sides, WriteOp};
use support::{build_guests, compose, GuestCrate};
use witbind::{Generator, Lang};

const DIR: &str = "tests/async-scenarios";
/// The runtime suite's counting allocator, in both Rust components.
const ALLOC_PROBE: &str = "tests/runtime-async/common/alloc_probe.rs";
const DEFAULT_COUNT: u64 = 300;
/// The longest one run of a batch of scenarios may take (a few hundred take a few seconds).
const BATCH_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);
/// Steps spent shrinking one failing scenario, at most.
const SHRINK_STEPS: usize = 12;
/// Failing scenarios shrunk, at most (each step builds a runner); the others are listed as found.
const SHRINK_AT_MOST: usize = 3;

/// The test component in `lang`, built once per process.
fn test_component(lang: Lang) -> &'static Result<PathBuf, String> {
    static RUST: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    static MOONBIT: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    match lang {
        Lang::Rust => RUST.get_or_init(|| {
            let krate = GuestCrate::cdylib("async-scenarios-test")
                .deny_warnings()
                .file("lib.rs", read(&format!("{DIR}/test.rs")))
                .file("plan.rs", read(&format!("{DIR}/plan.rs")))
                .file("values.rs", read(&format!("{DIR}/values.rs")))
                .file("poll.rs", read("tests/runtime-async/common/poll.rs"))
                .file("alloc_probe.rs", read(ALLOC_PROBE))
                .file("handles.rs", read(&format!("{DIR}/handles.rs")))
                .file("bindings.rs", bindings("test"));
            let build = build_guests(&[krate]);
            build.wasm("async-scenarios-test").map(Path::to_path_buf)
        }),
        Lang::MoonBit => MOONBIT.get_or_init(moonbit_test_component),
    }
}

/// The MoonBit test component: the generated module, `test.mbt` and `plan.mbt` as its `impl`
/// package.
fn moonbit_test_component() -> Result<PathBuf, String> {
    let files = [
        (
            "impl/test.mbt".to_string(),
            read(&format!("{DIR}/test.mbt")),
        ),
        (
            "impl/plan.mbt".to_string(),
            read(&format!("{DIR}/plan.mbt")),
        ),
    ];
    moonbit_component("test", &files)
}

/// The MoonBit component of world `world`: the generated module with `sources` as its `impl`
/// package (and the skeleton's `moon.pkg.json`), built with the MoonBit toolchain step and
/// cached by content.
fn moonbit_component(world: &str, sources: &[(String, String)]) -> Result<PathBuf, String> {
    use witbind::testing::moonbit;
    mbt::setup();
    let wit = support::repo_path(&format!("{DIR}/scenarios.wit"));
    let (output, skeleton) = Generator::new(Lang::MoonBit)
        .input(&wit)
        .world(world)
        .generate_with_skeleton()
        .map_err(|e| format!("generating MoonBit for world `{world}`: {e}"))?;
    let mut files: Vec<(String, String)> = (output.files().iter().chain(skeleton.files()))
        .filter(|f| f.path != "impl/impl.mbt")
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    files.extend_from_slice(sources);
    let cached = moonbit::cached_component(&files, &read(&format!("{DIR}/scenarios.wit")))
        .ok_or("no cache directory for MoonBit components")?;
    if cached.is_file() {
        return Ok(cached);
    }
    // The build directory is shared by every run of this test in the checkout.
    let _builder = lock_shared_builds();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("async-scenarios-{world}"));
    let component = moonbit::build_component(&dir, &files, &wit, world, &Default::default())?;
    moonbit::store_cached(&cached, &component);
    // Built in this run, it is read from the cache (or from `dir` if that could not be written).
    match cached.is_file() {
        true => Ok(cached),
        false => {
            let path = dir.join(format!("{world}.wasm"));
            std::fs::write(&path, component).map_err(|e| e.to_string())?;
            Ok(path)
        }
    }
}

fn read(relative: &str) -> String {
    let path = support::repo_path(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bindings(world: &str) -> String {
    let output = Generator::new(Lang::Rust)
        .input(support::repo_path(&format!("{DIR}/scenarios.wit")))
        .world(world)
        .generate()
        .unwrap_or_else(|e| panic!("generating world `{world}`: {e}"));
    output.files()[0].contents.clone()
}

/// The Rust runner of `scenarios`, composed with `test`.
fn rust_runner_with(scenarios: &[Scenario], test: &Path) -> Result<Vec<u8>, String> {
    let script: String = scenarios.iter().map(|s| s.script_line() + "\n").collect();
    let runner = GuestCrate::cdylib("async-scenarios-runner")
        .deny_warnings()
        .file("lib.rs", read(&format!("{DIR}/runner.rs")))
        .file("plan.rs", read(&format!("{DIR}/plan.rs")))
        .file("values.rs", read(&format!("{DIR}/values.rs")))
        .file("show.rs", read(&format!("{DIR}/show.rs")))
        .file("join.rs", read("tests/runtime-async/common/join.rs"))
        .file("poll.rs", read("tests/runtime-async/common/poll.rs"))
        .file("alloc_probe.rs", read(ALLOC_PROBE))
        .file("handles.rs", read(&format!("{DIR}/handles.rs")))
        .file("bindings.rs", bindings("runner"))
        .file("script.txt", script);
    // The runner crate's files and its build are shared by every run of this test in the
    // checkout: held by one at a time, from writing its script to reading its build.
    let _builder = lock_shared_builds();
    let build = build_guests(&[runner]);
    compose(build.wasm("async-scenarios-runner")?, test)
}

/// The MoonBit runner of `scenarios` (`runner.mbt`, with `plan.mbt` and the scenarios as
/// numbers), composed with `test` and the recorder that prints its lines. Cached by content, so
/// the same seeds build once.
fn moonbit_runner_with(scenarios: &[Scenario], test: &Path) -> Result<Vec<u8>, String> {
    // One string literal: the compiler's stack does not hold an array literal of thousands of
    // scenarios.
    let mut script = String::from(
        "///| The scenarios, a line of numbers each (see `runner.mbt`).\nlet script_text : String = \"",
    );
    for s in scenarios {
        write!(script, "{}\\n", s.script_line()).unwrap();
    }
    script.push_str("\"\n");
    let sources = [
        (
            "impl/runner.mbt".to_string(),
            read(&format!("{DIR}/runner.mbt")),
        ),
        (
            "impl/plan.mbt".to_string(),
            read(&format!("{DIR}/plan.mbt")),
        ),
        ("impl/script.mbt".to_string(), script),
    ];
    let runner = moonbit_component("reporting-runner", &sources)?;
    let recorder = recorder().as_ref().map_err(Clone::clone)?;
    witbind::testing::compose::compose(
        &runner,
        &[
            ("test".to_string(), test.to_path_buf()),
            ("recorder".to_string(), recorder.clone()),
        ],
    )
}

/// The recorder component (`recorder.rs`), built once per process.
fn recorder() -> &'static Result<PathBuf, String> {
    static RECORDER: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    RECORDER.get_or_init(|| {
        let krate = GuestCrate::cdylib("async-scenarios-recorder")
            .deny_warnings()
            .file("lib.rs", read(&format!("{DIR}/recorder.rs")))
            .file("bindings.rs", bindings("recorder"));
        let build = build_guests(&[krate]);
        build
            .wasm("async-scenarios-recorder")
            .map(Path::to_path_buf)
    })
}

/// Why a batch has no result per scenario.
enum BatchError {
    /// The runner, the test component or their composition could not be made: every scenario
    /// fails alike.
    Build(String),
    /// The run failed as a whole (a trap, a timeout, lines that cannot be read).
    Run(String),
}

/// Builds the runner of `pair` for `scenarios`, runs it against the test component of `pair`
/// and checks each scenario: one result per scenario, or why there are none.
fn run_batch(pair: Pair, scenarios: &[Scenario]) -> Result<Vec<Result<(), String>>, BatchError> {
    let composed = (|| {
        let test = test_component(pair.test).as_ref().map_err(Clone::clone)?;
        match pair.runner {
            Lang::Rust => rust_runner_with(scenarios, test),
            Lang::MoonBit => moonbit_runner_with(scenarios, test),
        }
    })()
    .map_err(BatchError::Build)?;
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("witbind-cwasm");
    // A batch runs in a few seconds: a scenario that hangs fails its batch long before the
    // suite's limit for a run. The label keeps each pair's compiled component in the cache.
    let output = witbind::testing::host::run_within(
        &composed,
        witbind::testing::Entry::RunFunction,
        &format!("async-scenarios-{:?}-{:?}", pair.runner, pair.test),
        &cache,
        BATCH_LIMIT,
    )
    .map_err(BatchError::Run)?;
    check_output(pair, scenarios, &String::from_utf8_lossy(&output.stdout)).map_err(BatchError::Run)
}

/// Checks each scenario against what the runner printed: one result per scenario, or why the
/// lines cannot be read.
fn check_output(
    pair: Pair,
    scenarios: &[Scenario],
    stdout: &str,
) -> Result<Vec<Result<(), String>>, String> {
    let mut observed: Vec<Option<Observed>> = scenarios.iter().map(|_| None).collect();
    let mut held: Vec<Option<[i64; 4]>> = scenarios.iter().map(|_| None).collect();
    let mut logs: Vec<Option<TokenLog>> = scenarios.iter().map(|_| None).collect();
    let mut call_logs: Vec<Option<CallLog>> = scenarios.iter().map(|_| None).collect();
    for line in stdout.lines().filter(|line| !line.is_empty()) {
        let no_such = |i| format!("line for scenario {i}: no such scenario");
        if let Some((i, more)) = parse_held(line) {
            *held.get_mut(i).ok_or_else(|| no_such(i))? = Some(more);
            continue;
        }
        if let Some((i, log)) = parse_token_log(line) {
            *logs.get_mut(i).ok_or_else(|| no_such(i))? = Some(log);
            continue;
        }
        if let Some((i, log)) = calls::parse_log(line) {
            *call_logs.get_mut(i).ok_or_else(|| no_such(i))? = Some(log);
            continue;
        }
        let (i, o) = parse_line(line).ok_or_else(|| format!("unreadable line `{line}`"))?;
        *observed.get_mut(i).ok_or_else(|| no_such(i))? = Some(o);
    }
    for o in observed.iter().flatten() {
        let writes = o.takes.iter().filter(|t| matches!(t, Take::Cancelled(_)));
        let reads = o.reads.iter().filter(|r| r.cancelled);
        CANCELLED_WRITES.fetch_add(writes.count(), Ordering::Relaxed);
        CANCELLED_READS.fetch_add(reads.count(), Ordering::Relaxed);
    }
    for log in logs.iter().flatten() {
        TOKENS_MADE.fetch_add(log.iter().filter(|e| e.1).count(), Ordering::Relaxed);
    }
    for o in observed.iter().flatten() {
        let dropped = (o.calls.iter()).filter(|c| !matches!(c, CallOutcome::Returned(_)));
        CALLS_DROPPED.fetch_add(dropped.count(), Ordering::Relaxed);
    }
    let after = held.into_iter().zip(logs).zip(call_logs);
    Ok((scenarios.iter().zip(observed).zip(after))
        .map(|((s, o), after)| match (o, after) {
            (Some(o), ((Some(held), Some(tokens)), Some(calls))) => check(s, &o, pair)
                .and_then(|()| check_held(held))
                .and_then(|()| check_tokens(s, &o, &tokens))
                .and_then(|()| check_calls(s, &o, &calls))
                .map_err(|why| {
                    format!("{why}; observed {o:?}, tokens {tokens:?}, calls {calls:?}")
                }),
            _ => Err("no result printed".to_string()),
        })
        .collect())
}

/// Serializes, among this checkout's test processes, the build directories they share (the Rust
/// runner's crate, the MoonBit components' `async-scenarios-<world>`) until dropped.
fn lock_shared_builds() -> std::fs::File {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("async-scenarios-runner.lock");
    let file = std::fs::File::create(&path).expect("create the shared builds' lock file");
    file.lock().expect("lock the shared builds");
    file
}

/// Writes and reads the runs saw cancelled (the yields won the race), for the summary line.
static CANCELLED_WRITES: AtomicUsize = AtomicUsize::new(0);
static CANCELLED_READS: AtomicUsize = AtomicUsize::new(0);
/// Calls the runner dropped, for the summary line.
static CALLS_DROPPED: AtomicUsize = AtomicUsize::new(0);
/// Tokens the test components made, for the summary line.
static TOKENS_MADE: AtomicUsize = AtomicUsize::new(0);

/// Runs `scenarios` with `pair`; for a run that fails as a whole, each half again, down to the
/// scenarios that fail alone. The failures, with why; or why the components could not be made.
fn failures(pair: Pair, scenarios: &[Scenario]) -> Result<Vec<(Scenario, String)>, String> {
    match run_batch(pair, scenarios) {
        Ok(results) => Ok((scenarios.iter().zip(results))
            .filter_map(|(s, r)| r.err().map(|why| (s.clone(), why)))
            .collect()),
        Err(BatchError::Build(why)) => Err(why),
        Err(BatchError::Run(why)) if scenarios.len() == 1 => Ok(vec![(scenarios[0].clone(), why)]),
        Err(BatchError::Run(_)) => {
            let (a, b) = scenarios.split_at(scenarios.len() / 2);
            let mut out = failures(pair, a)?;
            out.extend(failures(pair, b)?);
            Ok(out)
        }
    }
}

/// A smaller scenario that still fails, found by trying every one-step reduction in one batch
/// and keeping the first that fails, for at most [`SHRINK_STEPS`] steps (a step whose batch fails
/// as a whole builds more, to find the failing reductions).
fn shrink(pair: Pair, mut failing: Scenario, mut why: String) -> (Scenario, String) {
    for _ in 0..SHRINK_STEPS {
        let candidates = failing.shrink_candidates();
        if candidates.is_empty() {
            break;
        }
        let candidates: Vec<Scenario> = candidates.into_iter().filter(|s| pair.runs(s)).collect();
        let found = failures(pair, &candidates).unwrap_or_default();
        let Some((smaller, reason)) = found.into_iter().next() else {
            break;
        };
        failing = smaller;
        why = reason;
    }
    (failing, why)
}

fn seeds() -> Vec<u64> {
    let number = |name: &str, default: u64| {
        std::env::var(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}={v}: not a number"))
        })
    };
    let start = number("WITBIND_SCENARIO_START", 0);
    let count = number("WITBIND_SCENARIOS", DEFAULT_COUNT);
    let mut seeds: Vec<u64> = (start..start + count).collect();
    for seed in regression_seeds() {
        if !seeds.contains(&seed) {
            seeds.push(seed);
        }
    }
    seeds
}

/// The seeds of `regressions.txt`: one per line, `#` starting a comment.
fn regression_seeds() -> Vec<u64> {
    read(&format!("{DIR}/regressions.txt"))
        .lines()
        .filter_map(|line| line.split('#').next())
        .filter_map(|seed| seed.trim().parse().ok())
        .collect()
}

#[test]
fn random_async_scenarios_match_the_model() {
    support::ensure_wasm_target();
    let scenarios: Vec<Scenario> = seeds().into_iter().map(Scenario::from_seed).collect();
    let mut report = Vec::new();
    let mut failed_seeds = Vec::new();
    let mut runs = 0;
    for pair in Pair::ALL {
        let scenarios: Vec<Scenario> = (scenarios.iter())
            .filter(|s| pair.runs(s))
            .cloned()
            .collect();
        runs += scenarios.len();
        // A build failure fails every scenario alike: it is reported once, not shrunk, and no
        // seed is kept for it.
        let failed = match failures(pair, &scenarios) {
            Ok(failed) => failed,
            Err(why) => {
                report.push(format!(
                    "the runner (in {:?}) or the test component (in {:?}) does not build: {why}",
                    pair.runner, pair.test
                ));
                continue;
            }
        };
        for (n, (scenario, why)) in failed.iter().enumerate() {
            let what = format!(
                "{} (runner in {:?}, test component in {:?})",
                scenario.describe(),
                pair.runner,
                pair.test
            );
            if n < SHRINK_AT_MOST {
                let (small, small_why) = shrink(pair, scenario.clone(), why.clone());
                report.push(format!(
                    "{what}\n  fails: {why}\n  shrunk: {}\n  fails: {small_why}",
                    small.describe()
                ));
            } else {
                report.push(format!("{what}\n  fails: {why}"));
            }
            failed_seeds.push(scenario.seed);
        }
    }
    let regressions = support::repo_path(&format!("{DIR}/regressions.txt"));
    let known = regression_seeds();
    let mut text = read(&format!("{DIR}/regressions.txt"));
    let mut new = failed_seeds
        .iter()
        .filter(|s| !known.contains(s))
        .peekable();
    if new.peek().is_some() {
        for seed in new {
            writeln!(text, "{seed}").unwrap();
        }
        std::fs::write(&regressions, text).expect("add the seeds to regressions.txt");
    }
    println!(
        "async scenarios: {} run, {} failed ({} writes and {} reads cancelled, {} tokens made, \
         {} calls dropped)",
        runs,
        report.len(),
        CANCELLED_WRITES.load(Ordering::Relaxed),
        CANCELLED_READS.load(Ordering::Relaxed),
        TOKENS_MADE.load(Ordering::Relaxed),
        CALLS_DROPPED.load(Ordering::Relaxed),
    );
    assert!(
        report.is_empty(),
        "{} scenario runs failed (their seeds are in {}):\n\n{}",
        report.len(),
        regressions.display(),
        report.join("\n\n")
    );
}

/// Reads given as the positions of their values (`None`: the end), a cancelled one's after a
/// `true`.
fn reads_at(s: &Scenario, reads: Vec<(bool, Option<Vec<u32>>)>) -> Vec<Read> {
    (reads.into_iter())
        .map(|(cancelled, positions)| Read {
            cancelled,
            values: positions.map(|positions| {
                (positions.into_iter())
                    .map(|pos| s.payload.shown_at(s.salt(), pos))
                    .collect()
            }),
        })
        .collect()
}

/// A read that ended by itself.
fn got(positions: Option<Vec<u32>>) -> (bool, Option<Vec<u32>>) {
    (false, positions)
}

#[test]
fn the_model_rejects_what_the_component_model_forbids() {
    let s = Scenario {
        seed: 1,
        payload: Payload::U32,
        sides: Sides::RunnerWrites,
        kind: Kind::Stream,
        writes: vec![WriteOp::Write(3), WriteOp::WriteAll(2)],
        reads: vec![ReadOp {
            max: 2,
            cancel_after: None,
        }],
        end: ReadEnd::ToEnd,
    };
    let ok = |takes: Vec<u32>, reads: Vec<Option<Vec<u32>>>| {
        let observed = Observed {
            takes: takes.into_iter().map(Take::Done).collect(),
            reads: reads_at(&s, reads.into_iter().map(got).collect()),
            future: None,
            calls: Vec::new(),
        };
        check(&s, &observed, Pair::new(Lang::Rust, Lang::MoonBit))
    };
    // Allowed: the first write only partly taken, its rest offered again by the second.
    assert_eq!(
        ok(vec![2, 2], vec![Some(vec![0, 1]), Some(vec![2, 3]), None]),
        Ok(())
    );
    // A value changed.
    let mut changed = Observed {
        takes: vec![Take::Done(2), Take::Done(2)],
        reads: reads_at(
            &s,
            vec![got(Some(vec![0, 1])), got(Some(vec![2, 3])), got(None)],
        ),
        future: None,
        calls: Vec::new(),
    };
    changed.reads[0].values.as_mut().unwrap()[0] += "1";
    assert!(check(&s, &changed, Pair::new(Lang::Rust, Lang::MoonBit)).is_err());
    // A value lost, a value twice, out of order, more than asked, an empty read, values after
    // the end, more taken than delivered, a write taking values after the reader was gone.
    for (takes, reads) in [
        (vec![2, 2], vec![Some(vec![0, 1]), Some(vec![3]), None]),
        (vec![2, 2], vec![Some(vec![0, 1]), Some(vec![1, 2]), None]),
        (vec![2, 2], vec![Some(vec![1, 0]), Some(vec![2, 3]), None]),
        (
            vec![3, 2],
            vec![Some(vec![0, 1, 2]), Some(vec![3, 4]), None],
        ),
        (vec![2, 2], vec![Some(vec![]), Some(vec![0, 1, 2, 3]), None]),
        (vec![2, 2], vec![Some(vec![0, 1]), None, Some(vec![2, 3])]),
        (vec![3, 2], vec![Some(vec![0, 1]), Some(vec![2, 3]), None]),
        (vec![0, 2], vec![Some(vec![0, 1]), None]),
    ] {
        assert!(
            ok(takes.clone(), reads.clone()).is_err(),
            "{takes:?} {reads:?}"
        );
    }
}

#[test]
fn the_model_allows_what_cancellation_may_leave() {
    let cancel = |max, k| ReadOp {
        max,
        cancel_after: Some(k),
    };
    let mut s = Scenario {
        seed: 3,
        payload: Payload::String,
        sides: Sides::RunnerWrites,
        kind: Kind::Stream,
        writes: vec![WriteOp::CancelWrite { n: 3, yields: 1 }, WriteOp::Write(2)],
        reads: vec![cancel(4, 0), cancel(4, 2)],
        end: ReadEnd::Drop,
    };
    // The values' payload and salt stay those of `s` as its plan changes.
    let values = s.clone();
    let observed = |takes: &[Take], reads: Vec<(bool, Option<Vec<u32>>)>| Observed {
        takes: takes.to_vec(),
        reads: reads_at(&values, reads),
        future: None,
        calls: Vec::new(),
    };
    let unknown = [Take::Cancelled(None), Take::Done(2)];
    // A Rust write cancelled after one value was taken: the next write starts after all three.
    let gap = observed(&unknown, vec![got(Some(vec![0, 3])), got(Some(vec![4]))]);
    assert_eq!(check(&s, &gap, Pair::new(Lang::Rust, Lang::Rust)), Ok(()));
    // Or none was taken; but never a value the cancelled write did not offer, or a later one
    // of it without the earlier ones.
    let none = observed(&unknown, vec![got(Some(vec![3, 4])), (true, Some(vec![]))]);
    assert_eq!(check(&s, &none, Pair::new(Lang::Rust, Lang::Rust)), Ok(()));
    for reads in [
        vec![got(Some(vec![0, 2])), got(Some(vec![3, 4]))],
        vec![got(Some(vec![1, 3])), got(Some(vec![4]))],
        vec![got(Some(vec![0, 1, 2, 3])), got(Some(vec![4, 5]))],
    ] {
        assert!(
            check(
                &s,
                &observed(&unknown, reads.clone()),
                Pair::new(Lang::Rust, Lang::Rust)
            )
            .is_err(),
            "{reads:?}"
        );
    }
    // A MoonBit writer (the runner) and reader.
    const MOONBIT_MOONBIT: Pair = Pair::new(Lang::MoonBit, Lang::MoonBit);
    let plain4 = || ReadOp {
        max: 4,
        cancel_after: None,
    };
    // A MoonBit write cancelled says how many were taken: the next write goes on from there.
    let counted = [Take::Cancelled(Some(1)), Take::Done(2)];
    let moonbit = observed(
        &counted,
        vec![got(Some(vec![0, 1, 2])), (true, Some(vec![]))],
    );
    assert_eq!(check(&s, &moonbit, MOONBIT_MOONBIT), Ok(()));
    assert!(check(
        &s,
        &observed(&counted, vec![got(Some(vec![0, 3, 4])), got(None)]),
        MOONBIT_MOONBIT
    )
    .is_err());
    // A cancelled write taking nothing does not mean the reader is gone.
    let nothing = [Take::Cancelled(Some(0)), Take::Done(2)];
    let later = observed(&nothing, vec![got(Some(vec![0, 1])), (true, Some(vec![]))]);
    assert_eq!(check(&s, &later, MOONBIT_MOONBIT), Ok(()));
    // A Rust reader dropped after a cancelled read drops what that read had taken: only a prefix
    // of the taken values arrives. A MoonBit reader's cancelled read returns them.
    let lost = observed(&counted, vec![got(Some(vec![0])), (true, Some(vec![]))]);
    assert_eq!(
        check(&s, &lost, Pair::new(Lang::MoonBit, Lang::Rust)),
        Ok(())
    );
    assert!(check(&s, &lost, MOONBIT_MOONBIT).is_err());
    // The reader is the runner when the test component writes.
    let mut other_way = s.clone();
    other_way.sides = Sides::TestWrites;
    assert_eq!(
        check(&other_way, &lost, Pair::new(Lang::Rust, Lang::MoonBit)),
        Ok(())
    );
    assert!(check(&other_way, &lost, MOONBIT_MOONBIT).is_err());
    // But no more than a cancelled read could hold.
    let mut small = s.clone();
    small.reads = vec![cancel(1, 0)];
    let three = [Take::Cancelled(Some(1)), Take::Done(2)];
    let one_lost = observed(&three, vec![got(Some(vec![0, 1])), (true, Some(vec![]))]);
    let all_lost = observed(&three, vec![(true, Some(vec![]))]);
    small.reads = vec![plain4(), cancel(1, 0)];
    assert_eq!(
        check(&small, &one_lost, Pair::new(Lang::MoonBit, Lang::Rust)),
        Ok(())
    );
    small.reads = vec![cancel(1, 0)];
    assert!(check(&small, &all_lost, Pair::new(Lang::MoonBit, Lang::Rust)).is_err());
    // A cancelled write's count comes from a MoonBit writer only, its absence from a Rust one.
    assert!(check(&s, &moonbit, Pair::new(Lang::Rust, Lang::MoonBit)).is_err());
    assert!(check(&s, &gap, MOONBIT_MOONBIT).is_err());
    // An empty read not cancelled.
    let empty = observed(
        &counted,
        vec![got(Some(vec![])), (true, Some(vec![0, 1, 2]))],
    );
    assert!(check(&s, &empty, MOONBIT_MOONBIT).is_err());
    // A read or a write cancelled where not planned.
    let plain = ReadOp {
        max: 4,
        cancel_after: None,
    };
    s.reads = vec![cancel(4, 0), plain];
    assert!(check(&s, &lost, Pair::new(Lang::MoonBit, Lang::Rust)).is_err());
    s.reads = vec![cancel(4, 0), cancel(4, 2)];
    assert_eq!(check(&s, &moonbit, MOONBIT_MOONBIT), Ok(()));
    s.writes[0] = WriteOp::Write(3);
    assert!(check(&s, &moonbit, MOONBIT_MOONBIT).is_err());
}

#[test]
fn the_model_allows_one_outcome_per_future_plan() {
    let plan = FuturePlan {
        writer_yields: 1,
        writer_drops: false,
        reader_yields: 0,
        reader_drops: true,
    };
    let mut s = Scenario::from_seed(0);
    s.kind = Kind::Future(plan);
    // Values 0 and 1 differ (some payloads' may not, for some salts).
    s.payload = Payload::U32;
    let (payload, salt) = (s.payload, s.salt());
    let outcome = |write: &str, value: Option<u32>| Observed {
        takes: Vec::new(),
        reads: Vec::new(),
        future: Some((
            write.to_string(),
            value.map(|pos| payload.shown_at(salt, pos)),
        )),
        calls: Vec::new(),
    };
    let check = |s: &Scenario, o: &Observed| check(s, o, Pair::new(Lang::Rust, Lang::Rust));
    assert_eq!(check(&s, &outcome("gone", None)), Ok(()));
    assert!(check(&s, &outcome("ok", None)).is_err());
    assert!(check(&s, &outcome("gone", Some(0))).is_err());
    s.kind = Kind::Future(FuturePlan {
        writer_drops: true,
        reader_drops: false,
        ..plan
    });
    assert_eq!(check(&s, &outcome("dropped", Some(1))), Ok(()));
    assert!(check(&s, &outcome("dropped", Some(0))).is_err());
}

#[test]
fn the_model_has_every_token_destroyed_once() {
    let mut s = Scenario {
        seed: 5,
        payload: Payload::Token,
        sides: Sides::TestWrites,
        kind: Kind::Stream,
        writes: vec![WriteOp::Write(2), WriteOp::Write(1)],
        reads: vec![ReadOp {
            max: 1,
            cancel_after: None,
        }],
        end: ReadEnd::Drop,
    };
    let id = |pos| values::id_at(s.salt(), pos);
    // The writes offer positions 0 to 2.
    let (t0, t1, t3) = (id(0), id(1), id(3));
    let observed = Observed {
        takes: vec![Take::Done(1), Take::Done(0)],
        reads: reads_at(&s, vec![got(Some(vec![0]))]),
        future: None,
        calls: Vec::new(),
    };
    // The second token, not taken, destroyed by the writer and made again by the next write,
    // which finds the reader gone.
    let log = vec![
        (t0, true),
        (t1, true),
        (t1, false),
        (t1, true),
        (t0, false),
        (t1, false),
    ];
    assert_eq!(check_tokens(&s, &observed, &log), Ok(()));
    for bad in [
        // Never destroyed, destroyed twice, destroyed unmade, made twice while alive, a token
        // no write offered, the reader's token never made.
        vec![(t0, true), (t1, true), (t1, false)],
        vec![(t0, true), (t0, false), (t0, false)],
        vec![(t1, false)],
        vec![(t0, true), (t0, true), (t0, false), (t0, false)],
        vec![(t0, true), (t0, false), (t3, true), (t3, false)],
        vec![(t1, true), (t1, false)],
    ] {
        assert!(check_tokens(&s, &observed, &bad).is_err(), "{bad:?}");
    }
    assert_eq!(
        parse_token_log(&format!("3 T[+{t0},-{t0}]")),
        Some((3, vec![(t0, true), (t0, false)]))
    );
    assert_eq!(parse_token_log("3 T[]"), Some((3, vec![])));
    // Other payloads make no tokens.
    s.payload = Payload::U32;
    let observed = Observed {
        takes: vec![Take::Done(1), Take::Done(0)],
        reads: Vec::new(),
        future: None,
        calls: Vec::new(),
    };
    assert_eq!(check_tokens(&s, &observed, &Vec::new()), Ok(()));
    assert!(check_tokens(&s, &observed, &vec![(t0, true), (t0, false)]).is_err());
}

#[test]
fn the_model_allows_what_dropping_a_call_may_leave() {
    use calls::CallEvent::{Backpressure, Cancelled, Returned, Started};
    use calls::{CallEnd, CallOp};
    use CallOutcome::{Dropped, DroppedHeld, Unpolled};
    let call = |yields, end| CallOp { yields, end };
    let mut plan = CallPlan {
        release_after: Some(2),
        calls: vec![
            call(1, CallEnd::Awaited),
            call(2, CallEnd::Unpolled),
            call(3, CallEnd::Raced(1)),
        ],
    };
    let ids = [7, 8, 9];
    let returned = |id| vec![Started(id), Returned(id)];
    // Backpressure on, then off, around what it held.
    let held = |events: Vec<calls::CallEvent>| {
        [vec![Backpressure(true), Backpressure(false)], events].concat()
    };
    // Held by backpressure when dropped: never started.
    let outcomes = [CallOutcome::Returned(7), Unpolled, DroppedHeld];
    assert_eq!(plan.check(&ids, &outcomes, &held(returned(7))), Ok(()));
    // Dropped once released: not started, cancelled, or returned unseen.
    let outcomes = [CallOutcome::Returned(7), Unpolled, Dropped];
    for third in [vec![], vec![Started(9), Cancelled(9)], returned(9)] {
        let log = held([returned(7), third].concat());
        assert_eq!(plan.check(&ids, &outcomes, &log), Ok(()), "{log:?}");
    }
    for log in [
        // The awaited call not logged, or cancelled; a held call started; an unpolled call
        // made; a call logged twice; a call of another id; a call started while backpressure
        // was on; backpressure never turned off.
        held(vec![]),
        held(vec![Started(7), Cancelled(7)]),
        held([returned(7), vec![Started(9), Cancelled(9)]].concat()),
        held([returned(7), returned(8)].concat()),
        held([returned(7), returned(7)].concat()),
        held([returned(7), returned(10)].concat()),
        [
            vec![Backpressure(true)],
            returned(7),
            vec![Backpressure(false)],
        ]
        .concat(),
        [vec![Backpressure(true)], returned(7)].concat(),
    ] {
        let outcomes = match log.contains(&Started(9)) {
            true => [CallOutcome::Returned(7), Unpolled, DroppedHeld],
            false => [CallOutcome::Returned(7), Unpolled, Dropped],
        };
        assert!(plan.check(&ids, &outcomes, &log).is_err(), "{log:?}");
    }
    let wrong_result = [CallOutcome::Returned(8), Unpolled, Dropped];
    assert!(plan.check(&ids, &wrong_result, &held(returned(7))).is_err());
    // Without backpressure no call is held, none is withdrawn (a call made starts at once), and
    // backpressure is never turned on.
    plan.release_after = None;
    let outcomes = [CallOutcome::Returned(7), Unpolled, DroppedHeld];
    assert!(plan.check(&ids, &outcomes, &returned(7)).is_err());
    let outcomes = [CallOutcome::Returned(7), Unpolled, Dropped];
    assert!(plan.check(&ids, &outcomes, &returned(7)).is_err());
    let cancelled = [returned(7), vec![Started(9), Cancelled(9)]].concat();
    assert_eq!(plan.check(&ids, &outcomes, &cancelled), Ok(()));
    assert!(plan.check(&ids, &outcomes, &held(cancelled)).is_err());
}

#[test]
fn scenario_lines_round_trip() {
    let (i, o) = parse_line("7 W[3,0,c2,c?] R['a漢,'|()|2:'é'|x()|x3|-]").expect("parses");
    assert_eq!(i, 7);
    let takes = [
        Take::Done(3),
        Take::Done(0),
        Take::Cancelled(Some(2)),
        Take::Cancelled(None),
    ];
    assert_eq!(o.takes, takes);
    let read = |cancelled, items: Option<&[&str]>| Read {
        cancelled,
        values: items.map(|items| items.iter().map(|s| s.to_string()).collect()),
    };
    assert_eq!(
        o.reads,
        [
            read(false, Some(&["'a漢", "'"])),
            read(false, Some(&[])),
            read(false, Some(&["2:'é'"])),
            read(true, Some(&[])),
            read(true, Some(&["3"])),
            read(false, None),
        ]
    );
    assert!(parse_line("7 W[3,x] R[]").is_none());
    for seed in 40..60 {
        let s = Scenario::from_seed(seed);
        assert_eq!(s, Scenario::from_seed(seed), "a seed gives one scenario");
        let numbers = s.numbers();
        let line: Vec<i64> = (s.script_line().split(' '))
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(line, numbers);
        let side = match s.sides {
            Sides::RunnerWrites => 0,
            Sides::TestWrites => 1,
        };
        match &s.kind {
            Kind::Stream => {
                let n = s.writes.len();
                assert_eq!(numbers[..5], [0, numbers[1], side, seed as i64, n as i64]);
                // The reads, then how the reader ends.
                assert_eq!(numbers[5 + n], s.reads.len() as i64 + 1);
                assert_eq!(numbers.len(), 6 + n + s.reads.len() + 1);
            }
            Kind::Future(_) => assert_eq!(numbers[..4], [1, numbers[1], side, seed as i64]),
            Kind::Calls(calls) => {
                assert_eq!(numbers[..4], [2, 0, 0, seed as i64]);
                assert_eq!(numbers.len(), 6 + 2 * calls.calls.len());
            }
        }
    }
    // A salt of 2^31 or more is written as the `i32` it is to the runners.
    let mut big = Scenario::from_seed(1);
    big.seed = 3_000_000_000;
    assert_eq!(big.numbers()[3], i64::from(3_000_000_000u32 as i32));
    let (i, o) = parse_line("4 C[=1025|u|h|x]").expect("parses");
    assert_eq!(i, 4);
    use CallOutcome::{Dropped, DroppedHeld, Returned, Unpolled};
    assert_eq!(o.calls, [Returned(1025), Unpolled, DroppedHeld, Dropped]);
    use calls::CallEvent;
    let log = vec![
        CallEvent::Backpressure(true),
        CallEvent::Started(1025),
        CallEvent::Returned(1025),
        CallEvent::Backpressure(false),
        CallEvent::Cancelled(1026),
    ];
    let line = "4 L[+,1025s,1025r,-,1026c]";
    assert_eq!(calls::parse_log(line), Some((4, log)));
    // The values of `values.rs` never hold a separator of the runner's lines.
    for pos in 0..200 {
        for payload in [
            Payload::U8,
            Payload::U32,
            Payload::String,
            Payload::Entry,
            Payload::Token,
            Payload::Parcel,
        ] {
            let shown = payload.shown_at(7, pos);
            assert!(!shown.contains([',', '|', '[', ']', ' ']) && shown != "()" && shown != "-");
            assert!(!shown.starts_with(['x', 'c']));
        }
    }
}
