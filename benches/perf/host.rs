//! What the groups measuring composed components share: a wasmtime host that times one export
//! call in a fresh instance, and building and composing a runner/test pair of Rust guests.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use wasmtime::component::{Component, ComponentNamedList, Lift, Linker, Lower, ResourceTable};
use wasmtime::{Config, Engine, OptLevel, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};
use witbind::{Generator, Lang};

use crate::codegen::Tools;
use crate::{guests, median, skipped, support};

/// A composed runner/test pair: its label and bytes.
pub type Pair = Result<(String, Vec<u8>), String>;

/// What a group measuring a pair from each generator has after its setup.
pub struct Measured<F> {
    pub host: Wasmtime,
    pub scratch: tempfile::TempDir,
    /// The group's WIT, written into `scratch`.
    pub input: PathBuf,
    pub ours: F,
    /// wit-bindgen's figures, when it is installed and its pair builds and runs (otherwise
    /// the reason was printed).
    pub theirs: Option<F>,
}

/// Writes `wit` as `file`, then measures witbind's pair and wit-bindgen's with `measure`.
pub fn measure_both<F>(
    tools: &Tools,
    (file, wit): (&str, &str),
    witbind_pair: fn(&Path) -> Pair,
    wit_bindgen_pair: fn(&Tools, &str, &Path, &Path) -> Pair,
    measure: impl Fn(&Wasmtime, Pair) -> Result<F, String>,
) -> Result<Measured<F>, String> {
    let host = Wasmtime::new()?;
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let input = scratch.path().join(file);
    std::fs::write(&input, wit).map_err(|e| e.to_string())?;
    let ours = measure(&host, witbind_pair(&input))?;
    let theirs = match &tools.wit_bindgen {
        Ok((_, version)) => {
            let pair = wit_bindgen_pair(tools, version, &input, scratch.path());
            measure(&host, pair)
                .inspect_err(|why| skipped("wit-bindgen column", why))
                .ok()
        }
        Err(why) => {
            skipped("wit-bindgen column", why);
            None
        }
    };
    Ok(Measured {
        host,
        scratch,
        input,
        ours,
        theirs,
    })
}

/// witbind's Rust bindings for `world` of `input`, as one file's text.
pub fn rust_bindings(input: &Path, world: &str) -> Result<String, String> {
    let output = Generator::new(Lang::Rust)
        .input(input)
        .world(world)
        .generate()
        .map_err(|e| format!("generating world `{world}`: {e}"))?;
    Ok(output.files().iter().map(|f| f.contents.as_str()).collect())
}

/// Where a pair's bindings come from.
pub enum Bindings<'a> {
    /// witbind's library; guests against `witbind-rt`.
    Witbind,
    /// wit-bindgen's CLI (writing into `scratch`); guests against the `wit-bindgen` crate.
    WitBindgen {
        tools: &'a Tools,
        version: &'a str,
        scratch: &'a Path,
    },
}

/// Builds crates `<name>-test` and `<name>-runner` from `input`'s worlds `test` and `runner`
/// (each crate's generated `bindings.rs` and its `files`) and composes them, runner on top.
pub fn build_pair(
    name: &str,
    input: &Path,
    bindings: Bindings,
    test_files: &[(&str, &str)],
    runner_files: &[(&str, &str)],
) -> Pair {
    let (runtime, generator) = match &bindings {
        Bindings::Witbind => (guests::Runtime::Witbind, "witbind"),
        Bindings::WitBindgen { version, .. } => (
            guests::Runtime::WitBindgen(version.to_string()),
            "wit-bindgen",
        ),
    };
    let make = |world: &str, files: &[(&str, &str)]| -> Result<guests::Crate, String> {
        let text = match &bindings {
            Bindings::Witbind => rust_bindings(input, world)?,
            Bindings::WitBindgen { tools, scratch, .. } => {
                tools.wit_bindgen_text(input, world, scratch)?
            }
        };
        let krate = guests::Crate::new(&format!("{name}-{world}"), runtime.clone());
        let krate = krate.file("bindings.rs", text);
        Ok(files
            .iter()
            .fold(krate, |k, (path, text)| k.file(path, *text)))
    };
    let (test, runner) = (make("test", test_files)?, make("runner", runner_files)?);
    let mut built = guests::build(&[test, runner]);
    let test = built.remove(&format!("{name}-test")).expect("built")?;
    let runner = built.remove(&format!("{name}-runner")).expect("built")?;
    Ok((
        format!("bench-{name}-{generator}"),
        support::compose(&runner, &test)?,
    ))
}

/// Per-store state: WASI (the guests' std needs it) and its resource table.
struct Host {
    wasi: WasiCtx,
    table: ResourceTable,
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

pub(crate) struct Wasmtime {
    engine: Engine,
    linker: Linker<Host>,
    runtime: tokio::runtime::Runtime,
}

impl Wasmtime {
    pub(crate) fn new() -> Result<Wasmtime, String> {
        let mut config = Config::new();
        config
            .wasm_component_model(true)
            .wasm_component_model_async(true)
            .cranelift_opt_level(OptLevel::Speed);
        // `WITBIND_BENCH_PERFMAP=1` writes `/tmp/perf-<pid>.map`, so `perf record` names the
        // guests' functions.
        if std::env::var_os("WITBIND_BENCH_PERFMAP").is_some() {
            config.profiler(wasmtime::ProfilingStrategy::PerfMap);
        }
        let engine = Engine::new(&config).map_err(|e| format!("wasmtime engine: {e}"))?;
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)
            .map_err(|e| format!("WASI p2 linker: {e}"))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("tokio runtime: {e}"))?;
        Ok(Wasmtime {
            engine,
            linker,
            runtime,
        })
    }

    pub(crate) fn compile(&self, bytes: &[u8]) -> Result<Component, String> {
        Component::new(&self.engine, bytes).map_err(|e| format!("compiling the composition: {e:?}"))
    }

    /// Calls export `name` in a fresh instance `runs` times after one warm-up call; every call
    /// must return `expected`. Returns the median time of the call alone.
    pub(crate) fn median_call<P>(
        &self,
        component: &Component,
        runs: usize,
        name: &str,
        params: P,
        expected: u64,
    ) -> Result<Duration, String>
    where
        P: ComponentNamedList + Lower + Send + Sync + Copy + 'static,
    {
        let mut times = Vec::with_capacity(runs);
        for run in 0..=runs {
            let time = self.timed_call(component, name, params, expected)?;
            if run > 0 {
                times.push(time);
            }
        }
        Ok(median(&mut times))
    }

    /// Calls export `name` once in a fresh instance; it must return `expected`. The time of the
    /// call alone.
    pub(crate) fn timed_call<P>(
        &self,
        component: &Component,
        name: &str,
        params: P,
        expected: u64,
    ) -> Result<Duration, String>
    where
        P: ComponentNamedList + Lower + Send + Sync + 'static,
    {
        let (time, (answer,)) = self.call::<P, (u64,)>(component, name, params)?;
        if answer != expected {
            return Err(format!("`{name}` returned {answer}, expected {expected}"));
        }
        Ok(time)
    }

    fn call<P, R>(
        &self,
        component: &Component,
        name: &str,
        params: P,
    ) -> Result<(Duration, R), String>
    where
        P: ComponentNamedList + Lower + Send + Sync + 'static,
        R: ComponentNamedList + Lift + Send + Sync + 'static,
    {
        let host = Host {
            wasi: WasiCtxBuilder::new().inherit_stdio().build(),
            table: ResourceTable::new(),
        };
        self.runtime
            .block_on(async {
                let mut store = Store::new(&self.engine, host);
                let instance = self.linker.instantiate_async(&mut store, component).await?;
                let func = instance.get_typed_func::<P, R>(&mut store, name)?;
                let start = Instant::now();
                let result = func.call_async(&mut store, params).await?;
                Ok::<_, wasmtime::Error>((start.elapsed(), result))
            })
            .map_err(|e| format!("`{name}` failed: {e:?}"))
    }
}
