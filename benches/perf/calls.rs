//! Group 4: synchronous calls from a runner into a test component, each generator building
//! both sides: `echo(string)` of 16 B and 4 KiB, `sum(list<u32>)` of 1k numbers, a record with
//! a string and a list in and out, and a resource method call. Calls per second, and witbind's
//! rate over wit-bindgen's; the two pairs take turns, call by call, so that a change of load
//! while the group runs hits both columns alike.

use std::path::Path;
use std::time::Duration;

use wasmtime::component::Component;

use crate::codegen::Tools;
use crate::host::{self, Wasmtime};
use crate::table::{self, Table};
use crate::{geometric_mean, heading, median_samples_interleaved, skipped, support, wit, Settings};

/// Calls per timed export call: enough that one call's cost dominates instantiation noise.
const CALLS: u32 = 20_000;

/// One measured shape: its label, the runner's export, its arguments and expected answer.
struct Shape {
    label: &'static str,
    export: &'static str,
    args: Args,
    expected: u64,
}

#[derive(Clone, Copy)]
enum Args {
    CountLen(u32, u32),
    Count(u32),
}

fn shapes() -> Vec<Shape> {
    let sum_of = |len: u64| len * (len - 1) / 2;
    vec![
        Shape {
            label: "echo(string) of 16 B",
            export: "echoes",
            args: Args::CountLen(CALLS, 16),
            expected: u64::from(CALLS) * 16,
        },
        Shape {
            label: "echo(string) of 4 KiB",
            export: "echoes",
            args: Args::CountLen(CALLS, 4096),
            expected: u64::from(CALLS) * 4096,
        },
        Shape {
            label: "sum(list<u32>) of 1k",
            export: "sums",
            args: Args::CountLen(CALLS, 1000),
            expected: u64::from(CALLS) * sum_of(1000),
        },
        Shape {
            label: "swap(record { string, list<u32> })",
            export: "swaps",
            args: Args::Count(CALLS),
            expected: u64::from(CALLS) * (7 + 16),
        },
        Shape {
            label: "resource method counter.add",
            export: "adds",
            args: Args::Count(CALLS),
            expected: u64::from(CALLS),
        },
    ]
}

pub fn sync_calls(settings: &Settings, tools: &Tools) {
    heading("4. Synchronous calls between two composed components (wasmtime 48; higher is better)");
    println!(
        "  {CALLS} calls per timed export call of the runner; release guests, cranelift \
         OptLevel::Speed; a fresh instance per call"
    );
    let measured = host::measure_both(
        tools,
        ("calls.wit", wit::CALLS),
        witbind_pair,
        wit_bindgen_pair,
        prepare,
    );
    let host::Measured {
        host, ours, theirs, ..
    } = match measured {
        Ok(measured) => measured,
        Err(why) => return skipped("sync calls", &why),
    };
    let (ours, theirs) = match time_in_turns(settings, &host, &ours, theirs.as_ref()) {
        Ok(times) => times,
        Err(why) => return skipped("sync calls", &why),
    };

    let per_s = |d: &Duration| f64::from(CALLS) / d.as_secs_f64();
    let rate = |d: &Duration| format!("{:.2} M calls/s", per_s(d) / 1e6);
    let mut t = Table::new(&["call", "witbind", "wit-bindgen", "witbind / wit-bindgen"]);
    let mut ratios = Vec::new();
    for (i, shape) in shapes().iter().enumerate() {
        let theirs_time = theirs.as_ref().map(|t| t[i]);
        let ratio = theirs_time.map(|t| t.as_secs_f64() / ours[i].as_secs_f64());
        ratios.extend(ratio);
        t.row(vec![
            shape.label.to_string(),
            rate(&ours[i]),
            theirs_time.as_ref().map_or_else(table::missing, rate),
            ratio.map_or_else(table::missing, table::ratio),
        ]);
    }
    t.print();
    match geometric_mean(&ratios) {
        Some(y) => println!(
            "summary: sync calls: witbind / wit-bindgen = {} (calls per second, geometric mean \
             over the {} shapes)",
            table::ratio(y),
            ratios.len()
        ),
        None => println!("summary: sync calls: witbind only (no wit-bindgen to compare with)"),
    }
}

/// Checks a composed pair with the harness and compiles it.
fn prepare(
    host: &Wasmtime,
    composed: Result<(String, Vec<u8>), String>,
) -> Result<Component, String> {
    let (label, composed) = composed?;
    support::run_composed(&composed, &label)
        .map_err(|why| format!("the functional check (`run`) failed:\n{why}"))?;
    host.compile(&composed)
}

/// Each shape's median call time for witbind's pair, and for wit-bindgen's when there is one.
type Medians = (Vec<Duration>, Option<Vec<Duration>>);

/// The median time of each shape's call for witbind's pair and for wit-bindgen's, the two
/// timed in turns after a warm-up call each (see [`median_samples_interleaved`]).
fn time_in_turns(
    settings: &Settings,
    host: &Wasmtime,
    ours: &Component,
    theirs: Option<&Component>,
) -> Result<Medians, String> {
    let call = |component: &Component, s: &Shape| match s.args {
        Args::CountLen(count, len) => {
            host.timed_call(component, s.export, (count, len), s.expected)
        }
        Args::Count(count) => host.timed_call(component, s.export, (count,), s.expected),
    };
    let (mut our_medians, mut their_medians) = (Vec::new(), Ok(Vec::new()));
    for shape in shapes() {
        let mut ours_f = || call(ours, &shape);
        let mut theirs_f = || call(theirs.expect("a wit-bindgen pair"), &shape);
        let mut competitors: Vec<&mut dyn FnMut() -> Result<Duration, String>> = vec![&mut ours_f];
        if theirs.is_some() {
            competitors.push(&mut theirs_f);
        }
        let mut medians = median_samples_interleaved(settings.runs, &mut competitors).into_iter();
        our_medians.push(medians.next().expect("witbind's")?);
        if let (Ok(list), Some(theirs)) = (&mut their_medians, medians.next()) {
            match theirs {
                Ok(median) => list.push(median),
                Err(why) => their_medians = Err(why),
            }
        }
    }
    // A failing wit-bindgen pair loses its column, not the group.
    let theirs = theirs.and_then(|_| {
        their_medians
            .inspect_err(|why| skipped("wit-bindgen column", why))
            .ok()
    });
    Ok((our_medians, theirs))
}

fn witbind_pair(input: &Path) -> host::Pair {
    host::build_pair(
        "calls",
        input,
        host::Bindings::Witbind,
        &[("lib.rs", include_str!("guests/calls_test.rs"))],
        &[
            ("lib.rs", include_str!("guests/calls_runner_witbind.rs")),
            ("runner.rs", include_str!("guests/calls_runner.rs")),
        ],
    )
}

fn wit_bindgen_pair(tools: &Tools, version: &str, input: &Path, scratch: &Path) -> host::Pair {
    let bindings = host::Bindings::WitBindgen {
        tools,
        version,
        scratch,
    };
    host::build_pair(
        "calls",
        input,
        bindings,
        &[("lib.rs", include_str!("guests/calls_test.rs"))],
        &[
            ("lib.rs", include_str!("guests/calls_runner_wit_bindgen.rs")),
            ("runner.rs", include_str!("guests/calls_runner.rs")),
        ],
    )
}
