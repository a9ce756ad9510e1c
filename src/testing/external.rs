//! Running a composed component under an external command, such as the wasmtime CLI:
//! `RUNNER <flags> --invoke 'run()' composed.wasm` for a world-level `run: func()`, or
//! `RUNNER <flags> composed.wasm` for a command (`wasi:cli/run`). A non-zero exit status fails.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::{shell_quote, Entry, RunOutput, RUN_TIMEOUT};

/// Runs `composed` under `runner` (program and its arguments) with the case's `flags`.
pub fn run(
    runner: &[String],
    flags: &[String],
    entry: Entry,
    composed: &Path,
) -> Result<RunOutput, String> {
    let (program, runner_args) = runner
        .split_first()
        .ok_or_else(|| "`--runner` is empty".to_string())?;
    let mut args: Vec<String> = runner_args.to_vec();
    args.extend(flags.iter().cloned());
    if entry == Entry::RunFunction {
        args.push("--invoke".into());
        args.push("run()".into());
    }
    args.push(composed.display().to_string());
    let line = std::iter::once(program)
        .chain(&args)
        .map(|a| shell_quote(a))
        .collect::<Vec<_>>()
        .join(" ");

    let mut child = Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("command: {line}\ncannot start `{program}`: {e}"))?;
    // Both pipes are drained on threads so that a chatty guest cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > RUN_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("killed: ran longer than {RUN_TIMEOUT:?}"));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => break Err(format!("waiting for the runner: {e}")),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let captured = || {
        format!(
            "--- stdout ---\n{}--- stderr ---\n{}",
            String::from_utf8_lossy(&stdout),
            String::from_utf8_lossy(&stderr)
        )
    };
    match status {
        Ok(status) if status.success() => Ok(RunOutput {
            stdout: guest_stdout(&stdout, entry).to_vec(),
        }),
        // `ExitStatus` shows as "exit status: 1" (or "signal: 9 (SIGKILL)").
        Ok(status) => Err(format!("command: {line}\n{status}\n{}", captured())),
        Err(e) => Err(format!("command: {line}\n{e}\n{}", captured())),
    }
}

/// What the guest wrote to stdout: with `--invoke`, wasmtime prints the returned value after
/// it, `()` and a newline for `run: func()`.
fn guest_stdout(stdout: &[u8], entry: Entry) -> &[u8] {
    match entry {
        Entry::RunFunction => stdout.strip_suffix(b"()\n").unwrap_or(stdout),
        Entry::Command => stdout,
    }
}
