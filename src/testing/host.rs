//! The embedded runner: a composed component in wasmtime 48 with component-model async (and
//! fixed-length lists, maps and error-context) on, linked with WASI 0.2, WASI 0.3 and
//! `wasi:http@0.3.0`.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::AsyncWrite;
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Config, Engine, OptLevel, Store, Trap};
use wasmtime_wasi::cli::{IsTerminal, StdoutStream};
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};
use wasmtime_wasi_http::{
    RequestOptions, WasiBody, WasiHttpCtx, WasiHttpCtxView, WasiHttpHooks, WasiHttpView,
};

use super::{describe, Entry, RunOutput, RUN_TIMEOUT};

/// How often a background thread advances the engine's epoch: a run is interrupted after its
/// time limit's worth of ticks, so a guest that loops forever fails its trial instead of
/// hanging the suite.
const EPOCH_TICK: Duration = Duration::from_millis(100);

/// Instantiates a composed component and calls its entry point: the world-level export
/// `run: func()`, or `wasi:cli/run`'s `run` (0.2 or 0.3) for a command.
///
/// The guest's stdout and stderr are captured: the output has stdout, and a failure's message
/// carries both (interleaved as written) along with `label`, wasmtime's error and the wasm
/// backtrace, so a guest panic message is part of the report. Compiled components are cached
/// in `cache_dir`. A run longer than [`RUN_TIMEOUT`] fails.
pub fn run(
    component: &[u8],
    entry: Entry,
    label: &str,
    cache_dir: &Path,
) -> Result<RunOutput, String> {
    run_within(component, entry, label, cache_dir, RUN_TIMEOUT)
}

/// [`run`] with another time limit: a run longer than `limit` (running wasm, or waiting on the
/// host) fails.
pub fn run_within(
    component: &[u8],
    entry: Entry,
    label: &str,
    cache_dir: &Path,
    limit: Duration,
) -> Result<RunOutput, String> {
    let component = load_component(component, label, cache_dir).map_err(|e| {
        format!(
            "wasmtime rejects the composed component: {}",
            describe(e.chain())
        )
    })?;
    let output = GuestOutput::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start a tokio runtime: {e}"))?;
    // The epoch deadline interrupts wasm that runs too long; this also ends a run stuck waiting
    // on the host (a clock, a stream nobody writes).
    runtime
        .block_on(async {
            tokio::time::timeout(
                limit + EPOCH_TICK * 10,
                call_entry(&component, entry, Host::new(label, &output), limit),
            )
            .await
            .unwrap_or_else(|_| {
                Err(wasmtime::format_err!(
                    "timed out: waited longer than {limit:?}"
                ))
            })
        })
        .map_err(|e| {
            let mut message = format!("`run` failed: {}", describe(e.chain()));
            if e.downcast_ref::<Trap>() == Some(&Trap::Interrupt) {
                message.push_str(&format!("\n(interrupted: ran longer than {limit:?})"));
            }
            let printed = output.text();
            if !printed.is_empty() {
                message.push_str(&format!("\nguest output:\n{printed}"));
            }
            message
        })?;
    Ok(RunOutput {
        stdout: output.stdout(),
    })
}

async fn call_entry(
    component: &Component,
    entry: Entry,
    host: Host,
    limit: Duration,
) -> wasmtime::Result<()> {
    let mut store = Store::new(engine(), host);
    store.set_epoch_deadline((limit.as_millis() / EPOCH_TICK.as_millis()) as u64);
    let instance = linker().instantiate_async(&mut store, component).await?;
    // With concurrency support in the engine, `call_async` runs the call on the store's event
    // loop, so async-lifted exports and async imports inside the composition work too.
    match entry {
        Entry::RunFunction => {
            let run = instance.get_typed_func::<(), ()>(&mut store, "run")?;
            run.call_async(&mut store, ()).await
        }
        Entry::Command => {
            let interface = component
                .component_type()
                .exports(engine())
                .map(|(name, _)| name.to_string())
                .find(|name| name.starts_with("wasi:cli/run@"))
                .ok_or_else(|| wasmtime::format_err!("the component exports no `wasi:cli/run`"))?;
            let index = instance
                .get_export_index(&mut store, None, &interface)
                .ok_or_else(|| wasmtime::format_err!("no export `{interface}`"))?;
            let func = instance
                .get_export_index(&mut store, Some(&index), "run")
                .ok_or_else(|| wasmtime::format_err!("`{interface}` has no `run`"))?;
            let run = instance.get_typed_func::<(), (Result<(), ()>,)>(&mut store, &func)?;
            match run.call_async(&mut store, ()).await? {
                (Ok(()),) => Ok(()),
                (Err(()),) => Err(wasmtime::format_err!("`{interface}#run` returned an error")),
            }
        }
    }
}

/// Compiles `bytes`, or loads what an earlier run compiled from the same bytes: warm runs skip
/// cranelift for guests that did not change. The cache keeps one file per case, named after the
/// key, so its size stays bounded and a file's name always says what it holds.
fn load_component(bytes: &[u8], case: &str, dir: &Path) -> wasmtime::Result<Component> {
    let prefix = format!(
        "{}-",
        case.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    );
    let file = dir.join(format!("{prefix}{:016x}.cwasm", cache_key(bytes)));
    if file.is_file() {
        // SAFETY: deserializing runs native code from the file. Files here are only written
        // below, from `Component::serialize` with this engine, under a name whose key covers
        // the engine's settings and the input bytes.
        if let Ok(component) = unsafe { Component::deserialize_file(engine(), &file) } {
            return Ok(component);
        }
    }
    let component = Component::new(engine(), bytes)?;
    // Best effort: a cache that cannot be written only costs time.
    let _ = store_in_cache(&component, dir, &prefix, &file);
    Ok(component)
}

/// Writes the compiled `component` to `file` (atomically: a temporary file renamed into place)
/// and removes the case's older entries.
fn store_in_cache(
    component: &Component,
    dir: &Path,
    prefix: &str,
    file: &Path,
) -> wasmtime::Result<()> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let key = name
            .strip_prefix(prefix)
            .and_then(|n| n.strip_suffix(".cwasm"));
        if key.is_some_and(|k| k.len() == 16 && k.chars().all(|c| c.is_ascii_hexdigit())) {
            std::fs::remove_file(&path)?;
        }
    }
    super::write_atomically(file, &component.serialize()?)?;
    Ok(())
}

/// Identifies a compilation: the engine's settings and the component's bytes.
fn cache_key(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    engine().precompile_compatibility_hash().hash(&mut hasher);
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The engine every test shares (compiling is per component; the engine itself is reusable).
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = Config::new();
        config
            .wasm_component_model(true)
            .wasm_component_model_async(true)
            // `list<T, N>`, `map<K, V>` and `error-context` are still behind flags in wasmtime.
            .wasm_component_model_fixed_length_lists(true)
            .wasm_component_model_map(true)
            .wasm_component_model_error_context(true)
            .epoch_interruption(true)
            // Test guests are small and short-lived: compiling fast matters more than fast code.
            .cranelift_opt_level(OptLevel::None);
        let engine = Engine::new(&config).expect("wasmtime engine");
        start_epoch_ticker(engine.clone());
        engine
    })
}

/// Advances the engine's epoch in the background for the rest of the process.
fn start_epoch_ticker(engine: Engine) {
    std::thread::Builder::new()
        .name("wasmtime-epoch".into())
        .spawn(move || loop {
            std::thread::sleep(EPOCH_TICK);
            engine.increment_epoch();
        })
        .expect("spawn epoch thread");
}

/// WASI 0.2 and 0.3 (cli, clocks, random, filesystem, sockets) and `wasi:http@0.3.0`'s types
/// and client, shared by every store.
fn linker() -> &'static Linker<Host> {
    static LINKER: OnceLock<Linker<Host>> = OnceLock::new();
    LINKER.get_or_init(|| {
        let mut linker = Linker::new(engine());
        wasmtime_wasi::p2::add_to_linker_async(&mut linker).expect("add WASI 0.2 to the linker");
        wasmtime_wasi::p3::add_to_linker(&mut linker).expect("add WASI 0.3 to the linker");
        wasmtime_wasi_http::p3::add_to_linker(&mut linker)
            .expect("add wasi:http@0.3.0 to the linker");
        linker
    })
}

/// Per-store state: the WASI and HTTP contexts and their resource table.
struct Host {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    hooks: NoNetwork,
    table: ResourceTable,
}

/// `wasi:http/client`'s `send` answers `http-request-denied`: trials exercise HTTP between
/// their own components, never the network.
struct NoNetwork;

type IoFuture = Box<dyn Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>;

impl WasiHttpHooks for NoNetwork {
    fn send_request(
        &mut self,
        _request: http::Request<WasiBody>,
        _options: Option<RequestOptions>,
        _io: IoFuture,
    ) -> Box<
        dyn Future<Output = Result<(http::Response<WasiBody>, IoFuture), wasmtime_wasi_http::Error>>
            + Send,
    > {
        Box::new(async { Err(wasmtime_wasi_http::Error::HttpRequestDenied) })
    }
}

impl Host {
    fn new(label: &str, output: &GuestOutput) -> Host {
        Host {
            wasi: WasiCtxBuilder::new()
                .arg(label)
                .stdout(output.to(Stream::Stdout))
                .stderr(output.to(Stream::Stderr))
                .build(),
            http: WasiHttpCtx::new(),
            hooks: NoNetwork,
            table: ResourceTable::new(),
        }
    }
}

impl WasiHttpView for Host {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: &mut self.hooks,
        }
    }
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// Everything a guest printed: stdout and stderr interleaved in the order written, and stdout
/// alone.
#[derive(Clone, Default)]
struct GuestOutput {
    captured: Arc<Mutex<Vec<u8>>>,
    stdout: Arc<Mutex<Vec<u8>>>,
}

#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

impl GuestOutput {
    fn to(&self, stream: Stream) -> TeeStream {
        TeeStream {
            output: self.clone(),
            stream,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.captured.lock().unwrap()).into_owned()
    }

    fn stdout(&self) -> Vec<u8> {
        self.stdout.lock().unwrap().clone()
    }
}

/// A guest stream kept in [`GuestOutput`] (not echoed: trials run side by side, and their
/// output belongs in their own reports).
#[derive(Clone)]
struct TeeStream {
    output: GuestOutput,
    stream: Stream,
}

impl IsTerminal for TeeStream {
    fn is_terminal(&self) -> bool {
        false
    }
}

impl StdoutStream for TeeStream {
    fn async_stream(&self) -> Box<dyn AsyncWrite + Send + Sync> {
        Box::new(self.clone())
    }
}

impl AsyncWrite for TeeStream {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.output.captured.lock().unwrap().extend_from_slice(buf);
        if let Stream::Stdout = self.stream {
            self.output.stdout.lock().unwrap().extend_from_slice(buf);
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}
