//! Group 3: moving data between two composed components through `stream<u8>`,
//! `stream<record>` and `future<u32>`, against an in-process memcpy of the same bytes.
//!
//! The components are built and composed with the test harness's pieces (`tests/support`) and
//! checked once with its `run_composed` (the runner's `run`). The measured calls run in an
//! engine of their own: the harness compiles with cranelift's `OptLevel::None` (tests want fast
//! compiles) and times nothing, while a throughput figure needs optimized code and one call
//! timed on its own, without instantiation.

use std::path::Path;
use std::time::{Duration, Instant};

use witbind::{Generator, Lang};

use crate::codegen::Tools;
use crate::host::{self, Wasmtime};
use crate::table::{self, Table};
use crate::{guests, heading, mbt, median, skipped, support, wit, Settings};

const CHUNK: u32 = 64 * 1024;
const SAMPLES: u32 = 1_000_000;
const SAMPLE_CHUNK: u32 = 4096;
/// Canonical ABI size of `record sample { id: u32, value: f64, ok: bool }`.
const SAMPLE_SIZE: u64 = 24;
const ROUND_TRIPS: u32 = 10_000;

/// Median times of one pair of components.
struct Figures {
    bytes: Duration,
    samples: Duration,
    futures: Duration,
}

pub fn async_transfer(settings: &Settings, tools: &Tools) {
    heading("3. Async transfer between two composed components (wasmtime 48; higher is better)");
    println!(
        "  runner writes, test reads; release guests, cranelift OptLevel::Speed; a fresh \
         instance per call, the call alone timed"
    );
    let measured = host::measure_both(
        tools,
        ("transfer.wit", wit::TRANSFER),
        witbind_pair,
        wit_bindgen_pair,
        |host, pair| run_pair(settings, host, pair),
    );
    let host::Measured {
        host,
        scratch,
        input,
        ours,
        theirs,
    } = match measured {
        Ok(measured) => measured,
        Err(why) => return skipped("async transfer", &why),
    };

    // The same runner writing to a reader written in MoonBit, and a writer in MoonBit feeding
    // the same Rust reader.
    let moonbit_pair = |side, what| {
        run_pair(settings, &host, moonbit_pair(&input, scratch.path(), side))
            .inspect_err(|why| skipped(what, why))
            .ok()
    };
    let moonbit = moonbit_pair(MoonBitSide::Reader, "MoonBit reader column");
    let moonbit_writer = moonbit_pair(MoonBitSide::Writer, "MoonBit writer column");

    let total = settings.mib << 20;
    // The ceiling copies the same bytes the way the stream moves them: 64 KiB at a time through
    // buffers that stay in cache (the writer's chunk and the reader's buffer are reused
    // allocations). The DRAM figure, 256 MiB from one buffer into another, is printed below it.
    let memcpy_hot = median_memcpy(settings.runs, total, u64::from(CHUNK), true);
    let memcpy_cold = median_memcpy(settings.runs, total, u64::from(CHUNK), false);
    let mib_per_s = |d: Duration| total as f64 / (1024.0 * 1024.0) / d.as_secs_f64();
    let items_per_s = |d: Duration| f64::from(SAMPLES) / d.as_secs_f64();
    let ceiling = mib_per_s(memcpy_hot);
    // The same records as bytes, at the memcpy rate.
    let ceiling_items = ceiling * 1024.0 * 1024.0 / SAMPLE_SIZE as f64;
    let theirs_cell =
        |f: &dyn Fn(&Figures) -> String| theirs.as_ref().map_or_else(table::missing, f);
    let moonbit_cell =
        |f: &dyn Fn(&Figures) -> String| moonbit.as_ref().map_or_else(table::missing, f);
    let writer_cell =
        |f: &dyn Fn(&Figures) -> String| moonbit_writer.as_ref().map_or_else(table::missing, f);

    let mut t = Table::new(&[
        "transfer",
        "witbind",
        "wit-bindgen",
        "memcpy ceiling",
        "witbind % of memcpy",
        "wit-bindgen % of memcpy",
        "witbind, MoonBit reader",
        "witbind, MoonBit writer",
    ]);
    t.row(vec![
        format!("stream<u8>: {} MiB in 64 KiB chunks", settings.mib),
        format!("{:.0} MiB/s", mib_per_s(ours.bytes)),
        theirs_cell(&|f| format!("{:.0} MiB/s", mib_per_s(f.bytes))),
        format!("{ceiling:.0} MiB/s"),
        table::percent(100.0 * mib_per_s(ours.bytes) / ceiling),
        theirs_cell(&|f| table::percent(100.0 * mib_per_s(f.bytes) / ceiling)),
        moonbit_cell(&|f| format!("{:.0} MiB/s", mib_per_s(f.bytes))),
        writer_cell(&|f| format!("{:.0} MiB/s", mib_per_s(f.bytes))),
    ]);
    t.row(vec![
        format!(
            "stream<record>: {} records of {SAMPLE_SIZE} B, chunks of {SAMPLE_CHUNK}",
            table::count(u64::from(SAMPLES))
        ),
        format!("{:.2} M items/s", items_per_s(ours.samples) / 1e6),
        theirs_cell(&|f| format!("{:.2} M items/s", items_per_s(f.samples) / 1e6)),
        format!("{:.1} M items/s", ceiling_items / 1e6),
        table::percent(100.0 * items_per_s(ours.samples) / ceiling_items),
        theirs_cell(&|f| table::percent(100.0 * items_per_s(f.samples) / ceiling_items)),
        moonbit_cell(&|f| format!("{:.2} M items/s", items_per_s(f.samples) / 1e6)),
        writer_cell(&|f| format!("{:.2} M items/s", items_per_s(f.samples) / 1e6)),
    ]);
    t.row(vec![
        format!(
            "future<u32>: {} round trips (an async call, 2 futures)",
            table::count(u64::from(ROUND_TRIPS))
        ),
        format!("{} each", table::duration(ours.futures / ROUND_TRIPS)),
        theirs_cell(&|f| format!("{} each", table::duration(f.futures / ROUND_TRIPS))),
        table::missing(),
        table::missing(),
        table::missing(),
        moonbit_cell(&|f| format!("{} each", table::duration(f.futures / ROUND_TRIPS))),
        writer_cell(&|f| format!("{} each", table::duration(f.futures / ROUND_TRIPS))),
    ]);
    t.print();
    println!(
        "  memcpy ceiling: {} MiB copied in this process in 64 KiB chunks between two \
         cache-resident 64 KiB buffers; from one {} MiB buffer into another it is {:.0} MiB/s",
        settings.mib,
        settings.mib,
        mib_per_s(memcpy_cold)
    );
    let mut summary = format!(
        "summary: witbind: stream<u8> at {} of memcpy, stream<record> at {} of memcpy, future \
         round trip {}",
        table::percent(100.0 * mib_per_s(ours.bytes) / ceiling),
        table::percent(100.0 * items_per_s(ours.samples) / ceiling_items),
        table::duration(ours.futures / ROUND_TRIPS)
    );
    if let Some(theirs) = &theirs {
        summary.push_str(&format!(
            "; witbind / wit-bindgen throughput: stream<u8> {}, stream<record> {}, futures {}",
            table::ratio(theirs.bytes.as_secs_f64() / ours.bytes.as_secs_f64()),
            table::ratio(theirs.samples.as_secs_f64() / ours.samples.as_secs_f64()),
            table::ratio(theirs.futures.as_secs_f64() / ours.futures.as_secs_f64()),
        ));
    }
    // The MoonBit sides against the Rust side they replace, in this run.
    for (figures, side) in [(&moonbit, "reader"), (&moonbit_writer, "writer")] {
        if let Some(f) = figures {
            summary.push_str(&format!(
                "; MoonBit {side}: stream<u8> at {} of memcpy, {} of the Rust {side}",
                table::percent(100.0 * mib_per_s(f.bytes) / ceiling),
                table::ratio(ours.bytes.as_secs_f64() / f.bytes.as_secs_f64()),
            ));
        }
    }
    println!("{summary}");
}

/// Checks a composed pair with the harness, then measures it.
fn run_pair(
    settings: &Settings,
    host: &Wasmtime,
    composed: Result<(String, Vec<u8>), String>,
) -> Result<Figures, String> {
    let (label, composed) = composed?;
    support::run_composed(&composed, &label)
        .map_err(|why| format!("the functional check (`run`) failed:\n{why}"))?;
    let component = host.compile(&composed)?;
    let runs = settings.runs;
    let total = settings.mib << 20;
    Ok(Figures {
        bytes: host.median_call(&component, runs, "bytes", (total, CHUNK), total)?,
        samples: host.median_call(
            &component,
            runs,
            "samples",
            (SAMPLES, SAMPLE_CHUNK),
            u64::from(SAMPLES),
        )?,
        futures: host.median_call(
            &component,
            runs,
            "futures",
            (ROUND_TRIPS,),
            u64::from(ROUND_TRIPS),
        )?,
    })
}

/// The witbind pair: bindings from the library, guests against `witbind-rt`.
fn witbind_pair(input: &Path) -> host::Pair {
    host::build_pair(
        "transfer",
        input,
        host::Bindings::Witbind,
        &[("lib.rs", include_str!("guests/transfer_test_witbind.rs"))],
        &[("lib.rs", include_str!("guests/transfer_runner_witbind.rs"))],
    )
}

/// Which side of the witbind pair is written in MoonBit.
#[derive(Clone, Copy)]
enum MoonBitSide {
    /// The reader (`guests/transfer_test.mbt`), fed by the Rust runner.
    Reader,
    /// The writer (`guests/transfer_runner.mbt`), feeding the Rust reader.
    Writer,
}

/// The witbind pair with one side in MoonBit (witbind's MoonBit bindings, built with the tests'
/// MoonBit toolchain step) and the other in Rust.
fn moonbit_pair(
    input: &Path,
    scratch: &Path,
    side: MoonBitSide,
) -> Result<(String, Vec<u8>), String> {
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err(
            "no `node` on PATH (the MoonBit toolchain step needs Node.js >= 18 and npm)".into(),
        );
    }
    let (world, source, rust_world, rust_source) = match side {
        MoonBitSide::Reader => (
            "test",
            include_str!("guests/transfer_test.mbt"),
            "runner",
            include_str!("guests/transfer_runner_witbind.rs"),
        ),
        MoonBitSide::Writer => (
            "runner",
            include_str!("guests/transfer_runner.mbt"),
            "test",
            include_str!("guests/transfer_test_witbind.rs"),
        ),
    };
    let moonbit = moonbit_component(input, scratch, world, source)?;
    let rust_name = format!("transfer-{rust_world}");
    let rust = guests::Crate::new(&rust_name, guests::Runtime::Witbind)
        .file("bindings.rs", host::rust_bindings(input, rust_world)?)
        .file("lib.rs", rust_source);
    let rust = guests::build(&[rust]).remove(&rust_name).expect("built")?;
    let (runner, test) = match side {
        MoonBitSide::Reader => (rust, moonbit),
        MoonBitSide::Writer => (moonbit, rust),
    };
    let label = match side {
        MoonBitSide::Reader => "bench-transfer-moonbit-reader",
        MoonBitSide::Writer => "bench-transfer-moonbit-writer",
    };
    Ok((label.to_string(), support::compose(&runner, &test)?))
}

/// The component of `world` in MoonBit: the generated module, `source` as its `impl` package
/// (with the skeleton's `moon.pkg.json`), built and componentized; its path.
fn moonbit_component(
    input: &Path,
    scratch: &Path,
    world: &str,
    source: &str,
) -> Result<std::path::PathBuf, String> {
    let generator = Generator::new(Lang::MoonBit).input(input).world(world);
    let (output, skeleton) = generator
        .generate_with_skeleton()
        .map_err(|e| format!("generating MoonBit for world `{world}`: {e}"))?;
    let skeleton = skeleton.files();
    let files = output
        .files()
        .iter()
        .map(|f| (&f.path, &f.contents))
        .chain(skeleton.iter().map(|f| (&f.path, &f.contents)))
        .filter(|(path, _)| *path != "impl/impl.mbt");
    let dir = scratch.join(format!("moonbit-{world}"));
    for (path, contents) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a file in a directory"))
            .and_then(|()| std::fs::write(&path, contents))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let implementation = dir.join(format!("impl/{world}.mbt"));
    std::fs::write(&implementation, source)
        .map_err(|e| format!("{}: {e}", implementation.display()))?;
    let core = dir.join(format!("{world}.core.wasm"));
    // The toolchain step panics when it cannot install the compiler: a skipped column here.
    std::panic::catch_unwind(|| mbt::build(&dir, &core))
        .map_err(|_| "the MoonBit toolchain step failed (its message is above)".to_string())?
        .map_err(|e| format!("MoonBit build failed:\n{e}"))?;
    // wasm-compose names a definition after its file stem.
    let component = dir.join(format!("{world}.wasm"));
    std::fs::write(&component, mbt::componentize(&core, input, world)?)
        .map_err(|e| format!("{}: {e}", component.display()))?;
    Ok(component)
}

/// The wit-bindgen pair: bindings from its CLI, guests against the `wit-bindgen` crate.
fn wit_bindgen_pair(tools: &Tools, version: &str, input: &Path, scratch: &Path) -> host::Pair {
    let bindings = host::Bindings::WitBindgen {
        tools,
        version,
        scratch,
    };
    host::build_pair(
        "transfer",
        input,
        bindings,
        &[(
            "lib.rs",
            include_str!("guests/transfer_test_wit_bindgen.rs"),
        )],
        &[(
            "lib.rs",
            include_str!("guests/transfer_runner_wit_bindgen.rs"),
        )],
    )
}

/// Copies `total` bytes in `chunk`-byte pieces: from a `total`-byte buffer into another (each
/// byte moved once, as through the stream), or, `hot`, between two `chunk`-byte buffers that
/// stay in cache.
fn median_memcpy(runs: usize, total: u64, chunk: u64, hot: bool) -> Duration {
    let len = if hot { chunk } else { total } as usize;
    let chunk = chunk as usize;
    let source: Vec<u8> = (0..len).map(|i| (i / chunk % 251) as u8).collect();
    let mut target = vec![0u8; len];
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let start = Instant::now();
        for offset in (0..total as usize).step_by(chunk) {
            let at = offset % len;
            target[at..at + chunk].copy_from_slice(&source[at..at + chunk]);
            std::hint::black_box(&mut target);
        }
        if run > 0 {
            times.push(start.elapsed());
        }
    }
    median(&mut times)
}
