//! The examples: every `examples/<name>/` with a `runner/` is a component crate (package
//! `<name>`) and its test driver (package `<name>-runner`, exporting `run: func()`). Both are
//! built for `wasm32-wasip2` in place, as a user would build them (`examples/` is a cargo
//! workspace of its own), composed (runner on top) and `run` is called under wasmtime; the
//! runners assert the values they get back, so a wrong answer traps and fails the example.
//!
//! The examples with a runner share one cargo build and run in one `#[test]`; the test fails at the end
//! listing each failed example.
//!
//! A MoonBit example (`examples/<name>/` with `wit/` and `impl/`, the user's package) is built
//! the way its README section describes: `witbind generate --lang moonbit`, its `impl/` added to
//! the generated module, the MoonBit toolchain step (`tools/moonbit/`), then componentized with
//! `string-encoding=utf16`; its Rust runner (`<name>-runner`) drives it.
//!
//! The WASI examples (`examples/wasi-cli/`, two commands, and `examples/wasi-http/`, an HTTP
//! service) have no runner: they are built the same way and run under the wasmtime CLI
//! (`scripts/install-wasmtime.sh`, or `WITBIND_WASMTIME`) with the `wasmtime run` and `wasmtime
//! serve` lines of their READMEs. The commands get stdin and must print exactly the expected
//! stdout; the service gets HTTP requests on a free port and must answer with the expected
//! status, headers and body.

mod support;

#[path = "moonbit/mod.rs"]
mod mbt;

use std::io::Write;

use support::{build_existing, compose, run_composed, Build};

const EXAMPLES_DIR: &str = "examples";
const RUNNER_DIR: &str = "runner";

#[test]
fn examples_build_and_run() {
    let examples: Vec<String> = support::subdirectories(&support::repo_path(EXAMPLES_DIR))
        .iter()
        .filter(|dir| dir.join(RUNNER_DIR).is_dir() && dir.join("Cargo.toml").is_file())
        .map(|dir| support::file_name(dir).to_string())
        .collect();
    assert!(
        examples.len() >= 2,
        "expected the examples in {EXAMPLES_DIR}/ (each with a {RUNNER_DIR}/), found {examples:?}"
    );
    let packages: Vec<String> = examples
        .iter()
        .flat_map(|name| [name.clone(), runner_package(name)])
        .collect();
    let packages: Vec<&str> = packages.iter().map(String::as_str).collect();
    let build = build_existing(&support::repo_path(EXAMPLES_DIR), &packages);

    let mut failures = Vec::new();
    for name in &examples {
        let result = run_example(&build, name);
        let status = if result.is_ok() { "ok" } else { "FAILED" };
        let _ = writeln!(std::io::stdout(), "example {name} ... {status}");
        if let Err(e) = result {
            failures.push(format!("---- {name} ----\n{e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

fn runner_package(example: &str) -> String {
    format!("{example}-{RUNNER_DIR}")
}

fn run_example(build: &Build, name: &str) -> Result<(), String> {
    let (component, runner) = match (build.wasm(name), build.wasm(&runner_package(name))) {
        (Ok(component), Ok(runner)) => (component, runner),
        (component, runner) => {
            let errors: Vec<String> = [component.err(), runner.err()]
                .into_iter()
                .flatten()
                .collect();
            return Err(errors.join("\n"));
        }
    };
    let composed = compose(runner, component)?;
    run_composed(&composed, name)
}

#[test]
fn moonbit_example_builds_and_runs() {
    let name = "moonbit-greeter";
    let example = support::repo_path(EXAMPLES_DIR).join(name);
    let wit = example.join("wit");
    let module = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-moonbit-greeter");
    let _ = std::fs::remove_dir_all(&module);

    // What a user does: generate the module, put their package in it, build.
    witbind::Generator::new(witbind::Lang::MoonBit)
        .input(&wit)
        .world("component")
        .generate()
        .and_then(|output| output.write(&module))
        .unwrap_or_else(|e| panic!("generating {name}: {e}"));
    let user = module.join("impl");
    std::fs::create_dir_all(&user).unwrap();
    for file in ["moon.pkg.json", "greeter.mbt"] {
        std::fs::copy(example.join("impl").join(file), user.join(file)).unwrap();
    }
    let core = module.join("component.core.wasm");
    mbt::build(&module, &core).unwrap_or_else(|e| panic!("MoonBit build of {name}:\n{e}"));
    let component = mbt::componentize(&core, &wit, "component").unwrap();
    let component_path = module.join("component.wasm");
    std::fs::write(&component_path, component).unwrap();

    let runner = runner_package(name);
    let build = build_existing(&support::repo_path(EXAMPLES_DIR), &[runner.as_str()]);
    let runner_wasm = build.wasm(&runner).unwrap_or_else(|e| panic!("{e}"));
    let composed = compose(runner_wasm, &component_path).unwrap_or_else(|e| panic!("{e}"));
    run_composed(&composed, name).unwrap_or_else(|e| panic!("{e}"));
}

// The WASI examples (`examples/wasi-cli/`, `examples/wasi-http/`) have no runner: they are run
// by the wasmtime CLI itself, with the command lines of their READMEs.

/// Where the READMEs' commands find the components: `target/` of the examples' workspace, the
/// dev profile.
const README_ARTIFACTS: &str = "target/wasm32-wasip2/debug/";

/// The input of the WASI commands' README and what they print for it.
const README_INPUT: &str = "hello\nwörld\n";
const README_OUTPUT: &str = "HELLO\nWöRLD\n2 lines, 13 bytes\n";

#[test]
fn wasi_cli_examples_run_under_the_wasmtime_cli() {
    let readme = example_readme("wasi-cli");
    let packages = ["wasi-cli-p2", "wasi-cli-p3"];
    assert_readme_has(&readme, &cargo_build_line(&packages));
    assert_readme_has(&readme, README_OUTPUT);
    assert_eq!(
        String::from_utf8(shouted(README_INPUT.as_bytes())).unwrap(),
        README_OUTPUT
    );
    let build = build_existing(&support::repo_path(EXAMPLES_DIR), &packages);

    // Pieces of every size the commands meet: a line split across reads, multi-byte
    // characters cut at read boundaries, no newline at the end.
    let long: String = (0..20_000)
        .map(|i| format!("line {i}: ünïcödé and ascii {}\n", "x".repeat(i % 97)))
        .collect();
    let inputs: [(&str, &[u8]); 4] = [
        ("the README's input", README_INPUT.as_bytes()),
        ("no input", b""),
        ("an unfinished line", b"one line, no newline"),
        ("20 000 lines", long.as_bytes()),
    ];
    for package in packages {
        let command = readme_command(&readme, "wasmtime run", &build, package);
        for (what, input) in inputs {
            let stdout = run_with_stdin(&command, input)
                .unwrap_or_else(|e| panic!("{package} on {what}: {e}"));
            assert_same_output(&stdout, &shouted(input), &format!("{package} on {what}"));
        }
    }
}

/// What the WASI commands print for `input`, written independently of them.
fn shouted(input: &[u8]) -> Vec<u8> {
    let mut output = input.to_ascii_uppercase();
    let unfinished = input.last().is_some_and(|b| *b != b'\n');
    if unfinished {
        output.push(b'\n');
    }
    let lines = input.split(|b| *b == b'\n').count() - usize::from(!unfinished);
    let plural = if lines == 1 { "" } else { "s" };
    let summary = format!("{lines} line{plural}, {} bytes\n", input.len());
    output.extend_from_slice(summary.as_bytes());
    output
}

#[test]
fn wasi_http_example_serves_under_the_wasmtime_cli() {
    let readme = example_readme("wasi-http");
    let package = "wasi-http";
    assert_readme_has(&readme, &cargo_build_line(&[package]));
    let build = build_existing(&support::repo_path(EXAMPLES_DIR), &[package]);
    let server = Server::start(readme_command(&readme, "wasmtime serve", &build, package));

    // The README's two requests.
    assert_readme_has(&readme, &curl_line(Some("hello, wörld"), "/upper"));
    let upper = server.request("POST", "/upper", Some("hello, wörld".as_bytes()));
    upper.assert_text(200, "HELLO, WöRLD");
    assert_eq!(upper.header("transfer-encoding"), Some("chunked"));
    assert_readme_has(&readme, &curl_line(None, "/"));
    let usage = "witbind wasi:http example\nPOST /upper: the request body, upper-cased\n";
    server.request("GET", "/", None).assert_text(200, usage);

    let wrong_method = server.request("GET", "/upper", None);
    wrong_method.assert_text(405, "/upper takes a POST\n");
    assert_eq!(wrong_method.header("allow"), Some("POST"));
    server
        .request("GET", "/missing?x=1", None)
        .assert_text(404, "nothing at /missing?x=1\n");

    // A body larger than the handler's reads: it comes back in pieces as it is read.
    let large: Vec<u8> = b"The quick brown fox jumps over the lazy dog; "
        .iter()
        .copied()
        .cycle()
        .take(1_000_000)
        .collect();
    let echoed = server.request("POST", "/upper", Some(&large));
    assert_eq!(echoed.status, 200);
    assert_same_output(
        &echoed.body,
        &large.to_ascii_uppercase(),
        "POST /upper of 1 MB",
    );
    assert!(
        echoed.chunks > 1,
        "a 1 MB body came back in {} chunk(s)",
        echoed.chunks
    );
    server.stop();
}

/// The `README.md` of `examples/<name>/`.
fn example_readme(name: &str) -> String {
    let path = support::repo_path(EXAMPLES_DIR)
        .join(name)
        .join("README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_readme_has(readme: &str, text: &str) {
    assert!(
        readme.contains(text),
        "the example's README.md does not show\n{text}\n(the test runs what it shows)"
    );
}

fn cargo_build_line(packages: &[&str]) -> String {
    let selected: Vec<String> = packages.iter().map(|p| format!("-p {p}")).collect();
    format!("cargo build --target wasm32-wasip2 {}", selected.join(" "))
}

fn curl_line(body: Option<&str>, path: &str) -> String {
    let data = body.map_or(String::new(), |b| format!("--data-binary '{b}' "));
    format!("curl -i {data}http://127.0.0.1:8080{path}")
}

/// The README's line running `package`'s component with `wasmtime_subcommand` (the part after
/// a `|`), as words: `wasmtime` is the installed CLI, and the component's path under
/// [`README_ARTIFACTS`] is the one this build wrote.
fn readme_command(
    readme: &str,
    wasmtime_subcommand: &str,
    build: &support::Build,
    package: &str,
) -> Vec<String> {
    let file = format!("{README_ARTIFACTS}{}.wasm", package.replace('-', "_"));
    let lines: Vec<&str> = readme
        .lines()
        .filter_map(|line| line.find(wasmtime_subcommand).map(|at| &line[at..]))
        .filter(|command| command.ends_with(&file))
        .collect();
    let [line] = lines[..] else {
        panic!("expected one `{wasmtime_subcommand} … {file}` line in the README, found {lines:?}");
    };
    let component = build.wasm(package).unwrap_or_else(|e| panic!("{e}"));
    line.split_whitespace()
        .map(|word| match word {
            "wasmtime" => support::wasmtime_cli(),
            _ if word == file => component.display().to_string(),
            _ => word.to_string(),
        })
        .collect()
}

/// Runs `command` with `input` on its stdin; its stdout, or an error if it failed.
fn run_with_stdin(command: &[String], input: &[u8]) -> Result<Vec<u8>, String> {
    let mut child = spawn(command, std::process::Stdio::piped())?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_vec();
    // Written while stdout is read, so neither pipe fills up.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let written = writer.join().expect("stdin writer");
    if !output.status.success() || written.is_err() {
        return Err(format!(
            "`{}` failed ({}; writing stdin: {written:?}):\n{}",
            command.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(output.stdout)
}

/// Starts `command` (its first word is the program) with `stdin`, its stdout and stderr piped.
fn spawn(command: &[String], stdin: std::process::Stdio) -> Result<std::process::Child, String> {
    use std::process::{Command, Stdio};
    Command::new(&command[0])
        .args(&command[1..])
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", command.join(" ")))
}

/// Compares outputs too long to print whole: where they first differ.
fn assert_same_output(got: &[u8], want: &[u8], what: &str) {
    if got == want {
        return;
    }
    let at = got.iter().zip(want).take_while(|(a, b)| a == b).count();
    let around = |bytes: &[u8]| {
        let from = at.saturating_sub(40);
        String::from_utf8_lossy(&bytes[from..bytes.len().min(at + 40)]).into_owned()
    };
    panic!(
        "{what}: {} bytes where {} were expected, first difference at byte {at}:\n  got  {:?}\n  want {:?}",
        got.len(),
        want.len(),
        around(got),
        around(want)
    );
}

/// A `wasmtime serve` process on a free port of 127.0.0.1, killed when dropped.
struct Server {
    child: std::process::Child,
    addr: std::net::SocketAddr,
    /// What it printed on stderr so far.
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

/// How long the server may take to start, and a request to be answered.
const SERVER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

impl Server {
    /// Starts `command` (a `wasmtime serve` line) with its `--addr` replaced by a free port,
    /// and waits until it says it is serving.
    fn start(mut command: Vec<String>) -> Server {
        use std::io::BufRead;
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port");
        let at = command
            .iter()
            .position(|word| word == "--addr")
            .expect("the serve line names its --addr");
        command[at + 1] = addr.to_string();
        let mut child =
            spawn(&command, std::process::Stdio::null()).unwrap_or_else(|e| panic!("{e}"));
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        // Both outputs go to the log, each read by a thread of its own until the server
        // exits; wasmtime says on stderr when it is serving.
        let (ready, serving) = std::sync::mpsc::channel();
        let stdout: Box<dyn std::io::Read + Send> = Box::new(child.stdout.take().unwrap());
        let stderr: Box<dyn std::io::Read + Send> = Box::new(child.stderr.take().unwrap());
        for pipe in [stdout, stderr] {
            let (kept, ready) = (log.clone(), ready.clone());
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                    if line.starts_with("Serving HTTP on") {
                        let _ = ready.send(());
                    }
                    let mut log = kept.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        drop(ready);
        let server = Server { child, addr, log };
        if serving.recv_timeout(SERVER_TIMEOUT).is_err() {
            panic!(
                "`{}` did not start serving:\n{}",
                command.join(" "),
                server.log()
            );
        }
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn fail(&self, what: &str, error: impl std::fmt::Display) -> ! {
        panic!("{what}: {error}\nserver log:\n{}", self.log())
    }

    /// Sends one request (on a connection of its own, closed after the response) and reads
    /// the whole response. The body is written while the response is read.
    fn request(&self, method: &str, target: &str, body: Option<&[u8]>) -> HttpResponse {
        use std::io::Read;
        let what = format!("{method} {target}");
        let mut stream =
            std::net::TcpStream::connect(self.addr).unwrap_or_else(|e| self.fail(&what, e));
        stream
            .set_read_timeout(Some(SERVER_TIMEOUT))
            .unwrap_or_else(|e| self.fail(&what, e));
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n",
            self.addr
        );
        if let Some(body) = body {
            head.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body.unwrap_or_default());
        let mut sending = stream.try_clone().unwrap_or_else(|e| self.fail(&what, e));
        let writer = std::thread::spawn(move || sending.write_all(&request));
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| self.fail(&what, e));
        writer
            .join()
            .expect("request writer")
            .unwrap_or_else(|e| self.fail(&what, e));
        HttpResponse::parse(&raw).unwrap_or_else(|e| {
            let start = String::from_utf8_lossy(&raw[..raw.len().min(2000)]);
            self.fail(&what, format!("{e} in the response\n{start}"))
        })
    }

    /// Kills the server (as dropping it does), after checking it did not fail meanwhile.
    fn stop(mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("the server exited ({status}):\n{}", self.log());
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP/1.1 response, its body decoded.
struct HttpResponse {
    status: u16,
    /// Names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// How many chunks a chunked body came in (0 if it was not chunked).
    chunks: usize,
}

impl HttpResponse {
    fn parse(raw: &[u8]) -> Result<HttpResponse, String> {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or("no end of the head")?;
        let head = std::str::from_utf8(&raw[..end]).map_err(|e| e.to_string())?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status = status_line
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').ok_or("bad header line")?;
                Ok((name.trim().to_ascii_lowercase(), value.trim().to_string()))
            })
            .collect::<Result<Vec<_>, &str>>()?;
        let mut response = HttpResponse {
            status,
            headers,
            body: Vec::new(),
            chunks: 0,
        };
        let rest = &raw[end + 4..];
        if response.header("transfer-encoding") == Some("chunked") {
            response.decode_chunks(rest)?;
        } else {
            response.body = rest.to_vec();
        }
        Ok(response)
    }

    /// `size\r\ndata\r\n`… up to the empty chunk (no trailers expected).
    fn decode_chunks(&mut self, mut rest: &[u8]) -> Result<(), String> {
        loop {
            let line_end = rest
                .windows(2)
                .position(|w| w == b"\r\n")
                .ok_or("an unfinished chunk size")?;
            let size = std::str::from_utf8(&rest[..line_end])
                .ok()
                .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
                .ok_or("a bad chunk size")?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                return Ok(());
            }
            let chunk = rest.get(..size).ok_or("a short chunk")?;
            self.body.extend_from_slice(chunk);
            self.chunks += 1;
            rest = rest.get(size + 2..).ok_or("a chunk without its CRLF")?;
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }

    /// Checks the status, the content type every response of the example has, and the body.
    fn assert_text(&self, status: u16, body: &str) {
        assert_eq!(
            (self.status, String::from_utf8_lossy(&self.body).as_ref()),
            (status, body)
        );
        assert_eq!(
            self.header("content-type"),
            Some("text/plain; charset=utf-8")
        );
    }
}
