//! A `wasi:cli/command@0.2` command, the same source for both generators' bindings: copies
//! stdin to stdout with ASCII letters upper-cased, through `wasi:io/streams`' blocking methods.
mod bindings;

use bindings::exports::wasi::cli::run::Guest;
use bindings::wasi::cli::{stdin, stdout};
use bindings::wasi::io::streams::StreamError;

/// Bytes asked for per read; also the most one `blocking-write-and-flush` may be given.
const CHUNK: u64 = 4096;

struct Component;

impl Guest for Component {
    fn run() -> Result<(), ()> {
        let input = stdin::get_stdin();
        let output = stdout::get_stdout();
        loop {
            let bytes = match input.blocking_read(CHUNK) {
                Ok(bytes) => bytes,
                Err(StreamError::Closed) => return Ok(()),
                Err(StreamError::LastOperationFailed(_)) => return Err(()),
            };
            output
                .blocking_write_and_flush(&bytes.to_ascii_uppercase())
                .map_err(drop)?;
        }
    }
}

bindings::export!(Component with_types_in bindings);
