//! A WASI 0.2 command: copies stdin to stdout with ASCII letters upper-cased, then prints how
//! many lines and bytes it read. It reaches the host only through the bindings `generate!` makes
//! from `wit/`: `wasi:cli/stdin` and `wasi:cli/stdout` hand out `wasi:io/streams` resources,
//! read and written here with their blocking methods.
//!
//! Build with `cargo build --target wasm32-wasip2 -p wasi-cli-p2`; `../README.md` has the
//! `wasmtime run` line.

witbind_rt::generate!({
    world: "command",
    path: "wit",
});

#[path = "../../tally.rs"]
mod tally;

use exports::wasi::cli::run::Guest;
use wasi::cli::{stdin, stdout};
use wasi::io::streams::{OutputStream, StreamError};

/// Bytes asked for per read; also the most one `blocking-write-and-flush` may be given.
const CHUNK: usize = 4096;

struct Component;

impl Guest for Component {
    /// An `Err` makes the command exit with status 1.
    fn run() -> Result<(), ()> {
        let input = stdin::get_stdin();
        let output = stdout::get_stdout();
        let mut tally = tally::Tally::default();
        loop {
            // Waits for at least one byte; `Closed` is the end of the input.
            let bytes = match input.blocking_read(CHUNK as u64) {
                Ok(bytes) => bytes,
                Err(StreamError::Closed) => break,
                Err(StreamError::LastOperationFailed(_)) => return Err(()),
            };
            tally.add(&bytes);
            write(&output, &bytes.to_ascii_uppercase())?;
        }
        write(&output, tally.summary().as_bytes())
    }
}

/// Writes all of `bytes`, in pieces `blocking-write-and-flush` accepts.
fn write(output: &OutputStream, bytes: &[u8]) -> Result<(), ()> {
    for piece in bytes.chunks(CHUNK) {
        output.blocking_write_and_flush(piece).map_err(drop)?;
    }
    Ok(())
}

export!(Component);
