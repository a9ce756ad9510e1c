//! Composing components and running them in wasmtime with WASI p2 and component-model-async.

use std::io::Write;
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

/// How long one `run` may take before wasmtime interrupts it: a guest that loops forever fails its
/// case instead of hanging the test suite. Measured in epochs, which a background thread advances
/// every `EPOCH_TICK`.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const EPOCH_TICK: Duration = Duration::from_millis(100);

/// Composes `runner` (the root: its exports are the result's) with `test`, whose exports satisfy
/// the runner's imports. Imports neither satisfies (WASI) remain imports of the result.
pub fn compose(runner: &Path, test: &Path) -> Result<Vec<u8>, String> {
    let context = || {
        format!(
            "cannot compose `{}` with `{}`",
            runner.display(),
            test.display()
        )
    };
    // wasm-compose names a definition after its file stem, which must be kebab-case; cargo's
    // artifacts are snake_case, so the test component goes in as `test.wasm`. The directory is
    // also where wasm-compose would look for components named after unresolved imports: an
    // empty one keeps that from picking up stray files.
    let scratch = tempfile::tempdir().map_err(|e| format!("{}: {e}", context()))?;
    let definition = scratch.path().join("test.wasm");
    std::fs::copy(test, &definition).map_err(|e| format!("{}: {e}", context()))?;
    let config = wasm_compose::config::Config {
        dir: scratch.path().to_path_buf(),
        definitions: vec![definition],
        ..Default::default()
    };
    wasm_compose::composer::ComponentComposer::new(runner, &config)
        .compose()
        .map_err(|e| format!("{}: {}", context(), describe(e.chain())))
}

/// Instantiates a composed component and calls its world-level export `run: func()`.
///
/// The guest's stdout and stderr go straight to the test process's (so prints and panics show
/// as they happen); a copy is kept, and a failure's message carries it along with `case`,
/// wasmtime's error and the wasm backtrace, so a guest panic message is part of the report.
pub fn run_composed(component: &[u8], case: &str) -> Result<(), String> {
    let component = load_component(component, case).map_err(|e| {
        format!(
            "case `{case}`: wasmtime rejects the composed component: {}",
            describe(e.chain())
        )
    })?;
    let output = GuestOutput::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime
        .block_on(call_run(&component, Host::new(case, &output)))
        .map_err(|e| {
            let mut message = format!("case `{case}`: `run` failed: {}", describe(e.chain()));
            if e.downcast_ref::<Trap>() == Some(&Trap::Interrupt) {
                message.push_str(&format!("\n(interrupted: ran longer than {RUN_TIMEOUT:?})"));
            }
            let printed = output.text();
            if !printed.is_empty() {
                message.push_str(&format!("\nguest output:\n{printed}"));
            }
            message
        })
}

async fn call_run(component: &Component, host: Host) -> wasmtime::Result<()> {
    let mut store = Store::new(engine(), host);
    store.set_epoch_deadline((RUN_TIMEOUT.as_millis() / EPOCH_TICK.as_millis()) as u64);
    let instance = linker().instantiate_async(&mut store, component).await?;
    let run = instance.get_typed_func::<(), ()>(&mut store, "run")?;
    // With concurrency support in the engine, `call_async` runs the call on the store's event
    // loop, so async-lifted exports and async imports inside the composition work too.
    run.call_async(&mut store, ()).await
}

/// Compiles `bytes`, or loads what an earlier run compiled from the same bytes: warm runs skip
/// cranelift for guests that did not change. The cache keeps one file per case, named after the
/// key, so its size stays bounded and a file's name always says what it holds.
fn load_component(bytes: &[u8], case: &str) -> wasmtime::Result<Component> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("witbind-cwasm");
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
    let _ = store_in_cache(&component, &dir, &prefix, &file);
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
    let partial = file.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&partial, component.serialize()?)?;
    std::fs::rename(&partial, file)?;
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

/// An error's root cause first, then the context around it (for a trap: the wasm backtrace).
/// Unlike `{:?}`, this leaves out the host backtrace `RUST_BACKTRACE` adds, which only shows the
/// harness.
fn describe<'a>(chain: impl Iterator<Item = &'a (dyn std::error::Error + 'static)>) -> String {
    let mut messages: Vec<String> = chain.map(|e| e.to_string()).collect();
    let root = messages.pop().unwrap_or_default();
    messages.insert(0, root);
    messages.join("\n")
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

/// WASI p2 (async host implementations), shared by every store.
fn linker() -> &'static Linker<Host> {
    static LINKER: OnceLock<Linker<Host>> = OnceLock::new();
    LINKER.get_or_init(|| {
        let mut linker = Linker::new(engine());
        wasmtime_wasi::p2::add_to_linker_async(&mut linker).expect("add WASI p2 to the linker");
        linker
    })
}

/// Per-store state: the WASI context and its resource table.
struct Host {
    wasi: WasiCtx,
    table: ResourceTable,
}

impl Host {
    fn new(case: &str, output: &GuestOutput) -> Host {
        Host {
            wasi: WasiCtxBuilder::new()
                .arg(case)
                .stdout(output.to(Stream::Stdout))
                .stderr(output.to(Stream::Stderr))
                .build(),
            table: ResourceTable::new(),
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

/// Everything a guest printed, stdout and stderr interleaved in the order written.
#[derive(Clone, Default)]
struct GuestOutput {
    captured: Arc<Mutex<Vec<u8>>>,
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
}

/// A guest stream written both to the test process's stream and to [`GuestOutput`].
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
        let written = match self.stream {
            Stream::Stdout => std::io::stdout().write_all(buf),
            Stream::Stderr => std::io::stderr().write_all(buf),
        };
        Poll::Ready(written.map(|()| buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(match self.stream {
            Stream::Stdout => std::io::stdout().flush(),
            Stream::Stderr => std::io::stderr().flush(),
        })
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}
