//! A WASI 0.3 command: copies stdin to stdout with ASCII letters upper-cased, then prints how
//! many lines and bytes it read. Its `run` is an `async fn`; stdin arrives as a `stream<u8>`
//! (`wasi:cli/stdin`'s `read-via-stream`) and stdout is a `stream<u8>` this command writes and
//! hands to the host (`wasi:cli/stdout`'s `write-via-stream`), each with a future saying how it
//! ended.
//!
//! Build with `cargo build --target wasm32-wasip2 -p wasi-cli-p3`; `../README.md` has the
//! `wasmtime run` line.

witbind_rt::generate!({
    world: "command",
    path: "wit",
});

#[path = "../../tally.rs"]
mod tally;

use exports::wasi::cli::run::Guest;
use wasi::cli::{stdin, stdout};

/// Bytes asked for per read.
const CHUNK: usize = 16 * 1024;

struct Component;

impl Guest for Component {
    /// An `Err` makes the command exit with status 1.
    async fn run() -> Result<(), ()> {
        let (mut input, input_end) = stdin::read_via_stream();
        let (mut output, output_reader) = wit_stream::new::<u8>();
        let output_end = stdout::write_via_stream(output_reader);
        let mut tally = tally::Tally::default();
        // `None` once the host has written all of stdin and dropped its end.
        while let Some(bytes) = input.read(CHUNK).await {
            tally.add(&bytes);
            // What the host did not take comes back: it stopped reading stdout.
            let unwritten = output.write_all(bytes.to_ascii_uppercase()).await;
            if !unwritten.is_empty() {
                return Err(());
            }
        }
        // Whether stdin ended because it was closed (`Ok`) or because reading it failed.
        input_end.read().await.map_err(drop)?;
        let unwritten = output.write_all(tally.summary().into_bytes()).await;
        if !unwritten.is_empty() {
            return Err(());
        }
        // Dropping the writer ends stdout's stream; the host then says whether all of it went
        // out.
        drop(output);
        output_end.read().await.map_err(drop)
    }
}

export!(Component);
