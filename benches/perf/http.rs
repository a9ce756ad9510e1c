//! Group 6: HTTP requests per second of the same echo handler (`wasi:http/service@0.3.0`, the
//! request body streamed back as the response body; `guests/http_echo.rs`) built with each
//! generator (release), served by the wasmtime CLI's `serve` and driven by a load generator in
//! this process: plain HTTP/1.1 over `std::net::TcpStream`, one thread and one keep-alive
//! connection per concurrent client, every response checked to be `200` with the request's body.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use crate::codegen::{self, Tools};
use crate::guests::{self, Runtime};
use crate::table::{self, Table};
use crate::{env_number, geometric_mean, heading, host, skipped, Settings};

/// How long the server may take to start, and a response to arrive.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One measured load: body size and concurrent clients.
#[derive(Clone, Copy)]
struct Load {
    body: usize,
    clients: usize,
}

const LOADS: [Load; 4] = [
    Load {
        body: 64,
        clients: 1,
    },
    Load {
        body: 64,
        clients: 16,
    },
    Load {
        body: 1 << 20,
        clients: 1,
    },
    Load {
        body: 1 << 20,
        clients: 16,
    },
];

impl Load {
    fn label(self) -> String {
        format!(
            "{} body, {} client{}",
            table::bytes(self.body as u64),
            self.clients,
            if self.clients == 1 { "" } else { "s" }
        )
    }
}

pub fn http_requests(settings: &Settings, tools: &Tools) {
    heading("6. HTTP requests per second, wasmtime serve (higher is better)");
    let wasmtime = match find_wasmtime_cli() {
        Ok(path) => path,
        Err(why) => return skipped("http group", &why),
    };
    let seconds = env_number("WITBIND_BENCH_HTTP_SECONDS", 2).max(1);
    println!(
        "  `{} serve -S p3,cli -W component-model-async` of a release echo handler per \
         generator, both servers up at once; per load, {} rounds of {seconds} s each, the \
         generators taking turns; a client sends `POST` with a body and checks the echoed body; \
         keep-alive connections, a thread per client",
        wasmtime.display(),
        settings.runs
    );
    let servers = match start_servers(tools, &wasmtime) {
        Ok(servers) => servers,
        Err(why) => return skipped("http group", &why),
    };
    let duration = Duration::from_secs(seconds);

    // Per load and server, the rates of the rounds, or why the load failed.
    let mut rates: Vec<Vec<Result<Vec<f64>, String>>> = LOADS
        .iter()
        .map(|_| servers.iter().map(|_| Ok(Vec::new())).collect())
        .collect();
    let mut reconnects = vec![0u64; servers.len()];
    for round in 0..=settings.runs {
        for (l, &load) in LOADS.iter().enumerate() {
            for (s, server) in servers.iter().enumerate() {
                let Ok(list) = &mut rates[l][s] else { continue };
                // Round 0 warms up (wasmtime compiles lazily, connections open).
                let length = if round == 0 { duration / 4 } else { duration };
                match drive(server.addr, load, length) {
                    Ok(run) if round > 0 => {
                        list.push(run.requests as f64 / run.elapsed.as_secs_f64());
                        reconnects[s] += run.reconnects;
                    }
                    Ok(_) => {}
                    Err(why) => rates[l][s] = Err(format!("{why}\nserver log:\n{}", server.log())),
                }
            }
        }
    }

    let mut t = Table::new(&["load", "witbind", "wit-bindgen", "witbind / wit-bindgen"]);
    let mut ratios = Vec::new();
    for (l, load) in LOADS.iter().enumerate() {
        let mut medians = rates[l].iter().zip(&servers).map(|(r, server)| match r {
            Ok(list) => Some(median_of(list)),
            Err(why) => {
                skipped(&format!("{} on {}", server.generator, load.label()), why);
                None
            }
        });
        let ours = medians.next().flatten();
        let theirs = medians.next().flatten();
        let ratio = ours.zip(theirs).map(|(o, t)| o / t);
        ratios.extend(ratio);
        let rate = |r: Option<f64>| r.map_or_else(table::missing, |r| format!("{r:.0} req/s"));
        t.row(vec![
            load.label(),
            rate(ours),
            rate(theirs),
            ratio.map_or_else(table::missing, table::ratio),
        ]);
    }
    t.print();
    for (server, n) in servers.iter().zip(&reconnects) {
        if *n > 0 {
            println!(
                "  ({}: the server closed the connection {n} times; clients reconnected)",
                server.generator
            );
        }
    }
    match geometric_mean(&ratios) {
        Some(z) => println!(
            "summary: http requests: witbind / wit-bindgen = {} (requests per second, \
             geometric mean over {} loads; target ≥ 1.00×)",
            table::ratio(z),
            ratios.len()
        ),
        None => println!("summary: http requests: witbind only (no wit-bindgen to compare with)"),
    }
}

fn median_of(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The wasmtime CLI `scripts/install-wasmtime.sh` installed (it is not installed from here):
/// `$WITBIND_WASMTIME`, else the binary in the script's venv.
fn find_wasmtime_cli() -> Result<PathBuf, String> {
    let not_installed = "the wasmtime CLI is not installed (scripts/install-wasmtime.sh \
                         installs wasmtime 49.0.3, or set WITBIND_WASMTIME=/path/to/wasmtime)";
    let path = match std::env::var_os("WITBIND_WASMTIME").filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => {
            let home = std::env::var_os("WITBIND_WASMTIME_HOME")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME")
                        .map(|h| Path::new(&h).join(".cache/witbind/wasmtime-49.0.3"))
                })
                .ok_or(not_installed)?;
            let lib = home.join("venv/lib");
            std::fs::read_dir(&lib)
                .map_err(|_| not_installed.to_string())?
                .flatten()
                .map(|python| python.path().join("site-packages/wasmtime_cli/wasmtime"))
                .find(|binary| binary.is_file())
                .ok_or(not_installed)?
        }
    };
    let output = Command::new(&path)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", path.display()))?;
    let version = String::from_utf8_lossy(&output.stdout);
    println!("wasmtime CLI: {} ({})", path.display(), version.trim());
    Ok(path)
}

/// A `wasmtime serve` process on a free port of 127.0.0.1, killed when dropped.
struct Server {
    generator: &'static str,
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(generator: &'static str, wasmtime: &Path, component: &Path) -> Result<Server, String> {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free port: {e}"))?;
        let mut command = Command::new(wasmtime);
        command
            .args([
                "serve",
                "-S",
                "p3,cli",
                "-W",
                "component-model-async",
                "--addr",
            ])
            .arg(addr.to_string())
            .arg(component)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot run {command:?}: {e}"))?;
        let log = Arc::new(Mutex::new(String::new()));
        let (ready, serving) = mpsc::channel();
        let stdout: Box<dyn Read + Send> = Box::new(child.stdout.take().expect("piped"));
        let stderr: Box<dyn Read + Send> = Box::new(child.stderr.take().expect("piped"));
        for pipe in [stdout, stderr] {
            let (kept, ready) = (log.clone(), ready.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if line.starts_with("Serving HTTP on") {
                        let _ = ready.send(());
                    }
                    let mut log = kept.lock().expect("log");
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        drop(ready);
        let server = Server {
            generator,
            child,
            addr,
            log,
        };
        serving
            .recv_timeout(TIMEOUT)
            .map_err(|_| format!("{command:?} did not start serving:\n{}", server.log()))?;
        Ok(server)
    }

    fn log(&self) -> String {
        let log = self.log.lock().expect("log");
        // The end of it: a failing server can print a line per request.
        let start = log.len().saturating_sub(2000);
        let start = (start..log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(0);
        log[start..].to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the echo handler with each generator's bindings (release) and starts a server for
/// each: witbind's first, then wit-bindgen's when it is installed and builds.
fn start_servers(tools: &Tools, wasmtime: &Path) -> Result<Vec<Server>, String> {
    let (input, world) = codegen::wasi_world("0.3", "http", "service")?;
    let ours = guests::Crate::new("http-echo-witbind", Runtime::Witbind)
        .file("bindings.rs", host::rust_bindings(&input, &world)?)
        .file("lib.rs", include_str!("guests/http_echo_witbind.rs"))
        .file("handler.rs", include_str!("guests/http_echo.rs"));
    let mut crates = vec![ours];
    match &tools.wit_bindgen {
        Ok((_, version)) => {
            let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
            match tools.wit_bindgen_text(&input, &world, scratch.path()) {
                Ok(bindings) => crates.push(
                    guests::Crate::new(
                        "http-echo-wit-bindgen",
                        Runtime::WitBindgen(version.clone()),
                    )
                    .file("bindings.rs", bindings)
                    .file("lib.rs", include_str!("guests/http_echo_wit_bindgen.rs"))
                    .file("handler.rs", include_str!("guests/http_echo.rs")),
                ),
                Err(why) => skipped("wit-bindgen column", &why),
            }
        }
        Err(why) => skipped("wit-bindgen column", why),
    }
    let mut built = guests::build(&crates);
    let mut servers = vec![Server::start(
        "witbind",
        wasmtime,
        &built.remove("http-echo-witbind").expect("built")?,
    )?];
    if let Some(theirs) = built.remove("http-echo-wit-bindgen") {
        match theirs.and_then(|wasm| Server::start("wit-bindgen", wasmtime, &wasm)) {
            Ok(server) => servers.push(server),
            Err(why) => skipped("wit-bindgen column", &why),
        }
    }
    Ok(servers)
}

/// What a load run did.
struct Run {
    requests: u64,
    elapsed: Duration,
    reconnects: u64,
}

/// `load.clients` threads sending requests to `addr` until `length` has passed; each checks
/// every response.
fn drive(addr: SocketAddr, load: Load, length: Duration) -> Result<Run, String> {
    let start = Instant::now();
    let deadline = start + length;
    let results: Vec<Result<(u64, u64), String>> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..load.clients)
            .map(|id| scope.spawn(move || client(addr, load.body, id, deadline)))
            .collect();
        clients
            .into_iter()
            .map(|c| c.join().unwrap_or_else(|_| Err("a client panicked".into())))
            .collect()
    });
    let elapsed = start.elapsed();
    let mut run = Run {
        requests: 0,
        elapsed,
        reconnects: 0,
    };
    for result in results {
        let (requests, reconnects) = result?;
        run.requests += requests;
        run.reconnects += reconnects;
    }
    Ok(run)
}

/// One client: requests on a keep-alive connection (opened again if the server closes it)
/// until `deadline`; returns the requests answered and the reconnections.
fn client(
    addr: SocketAddr,
    body_len: usize,
    id: usize,
    deadline: Instant,
) -> Result<(u64, u64), String> {
    // A body different per client and request: its first 16 bytes say which.
    let mut body: Vec<u8> = (0..body_len).map(|i| (i * 7 + id) as u8).collect();
    let mut connection: Option<Connection> = None;
    let (mut requests, mut reconnects) = (0u64, 0u64);
    while Instant::now() < deadline {
        let stamp = format!("{id:08x}{requests:08x}");
        let n = stamp.len().min(body.len());
        body[..n].copy_from_slice(&stamp.as_bytes()[..n]);
        let conn = match &mut connection {
            Some(conn) => conn,
            None => connection.insert(Connection::open(addr)?),
        };
        let keep_alive = conn
            .exchange(&body)
            .map_err(|e| format!("client {id}, request {requests} of {body_len} B: {e}"))?;
        requests += 1;
        if !keep_alive {
            connection = None;
            reconnects += 1;
        }
    }
    Ok((requests, reconnects))
}

/// A client connection: a writer thread sends requests (so that a large body is written while
/// its echo is read), this side reads responses.
struct Connection {
    reader: BufReader<TcpStream>,
    requests: mpsc::Sender<Arc<Vec<u8>>>,
    written: mpsc::Receiver<std::io::Result<()>>,
    host: String,
}

impl Connection {
    fn open(addr: SocketAddr) -> Result<Connection, String> {
        let stream = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(TIMEOUT))
            .map_err(|e| e.to_string())?;
        let mut sending = stream.try_clone().map_err(|e| e.to_string())?;
        let (requests, to_send) = mpsc::channel::<Arc<Vec<u8>>>();
        let (done, written) = mpsc::channel();
        std::thread::spawn(move || {
            for request in to_send {
                if done.send(sending.write_all(&request)).is_err() {
                    return;
                }
            }
        });
        Ok(Connection {
            reader: BufReader::with_capacity(256 * 1024, stream),
            requests,
            written,
            host: addr.to_string(),
        })
    }

    /// Sends `POST /echo` with `body` and reads the response; it must be `200` with `body` as
    /// its body. Returns whether the connection stays open.
    fn exchange(&mut self, body: &[u8]) -> Result<bool, String> {
        let mut request = format!(
            "POST /echo HTTP/1.1\r\nhost: {}\r\ncontent-type: application/octet-stream\r\n\
             content-length: {}\r\n\r\n",
            self.host,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        self.requests
            .send(Arc::new(request))
            .map_err(|_| "the writer thread ended".to_string())?;
        let response = read_response(&mut self.reader)?;
        self.written
            .recv()
            .map_err(|_| "the writer thread ended".to_string())?
            .map_err(|e| format!("writing the request: {e}"))?;
        if response.status != 200 {
            return Err(format!(
                "status {}: {}",
                response.status,
                String::from_utf8_lossy(&response.body[..response.body.len().min(500)])
            ));
        }
        if response.body != body {
            let at = response
                .body
                .iter()
                .zip(body)
                .take_while(|(a, b)| a == b)
                .count();
            return Err(format!(
                "the response body ({} B) is not the request body ({} B); first difference at \
                 byte {at}",
                response.body.len(),
                body.len()
            ));
        }
        Ok(!response.close)
    }
}

struct Response {
    status: u16,
    body: Vec<u8>,
    /// The server closes the connection after it.
    close: bool,
}

/// Reads one HTTP/1.1 response: its body by `content-length` or chunked.
fn read_response(reader: &mut BufReader<TcpStream>) -> Result<Response, String> {
    let mut line = String::new();
    next_line(reader, &mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not a status line: {line:?}"))?;
    let (mut length, mut chunked, mut close) = (None, false, false);
    loop {
        next_line(reader, &mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(format!("not a header: {header:?}"));
        };
        let value = value.trim().to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "connection" => close = value.contains("close"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            next_line(reader, &mut line)?;
            let size = line.trim_end().split(';').next().unwrap_or("");
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| format!("not a chunk size: {line:?}"))?;
            if size == 0 {
                // Trailers, up to an empty line.
                loop {
                    next_line(reader, &mut line)?;
                    if line.trim_end().is_empty() {
                        break;
                    }
                }
                break;
            }
            let at = body.len();
            body.resize(at + size, 0);
            reader
                .read_exact(&mut body[at..])
                .map_err(|e| format!("reading a chunk: {e}"))?;
            next_line(reader, &mut line)?;
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        reader
            .read_exact(&mut body)
            .map_err(|e| format!("reading the body: {e}"))?;
    } else {
        reader
            .read_to_end(&mut body)
            .map_err(|e| format!("reading the body: {e}"))?;
        close = true;
    }
    Ok(Response {
        status,
        body,
        close,
    })
}

/// Reads a line into `line` (emptied first); the end of the stream is an error.
fn next_line(reader: &mut BufReader<TcpStream>, line: &mut String) -> Result<(), String> {
    line.clear();
    match reader.read_line(line) {
        Ok(0) => Err("the server closed the connection".to_string()),
        Ok(_) => Ok(()),
        Err(e) => Err(format!("reading the response: {e}")),
    }
}
