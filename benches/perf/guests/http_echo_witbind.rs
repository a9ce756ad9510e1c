//! `http_echo.rs` with witbind's bindings: the body copied on a background task.
mod bindings;
mod handler;

use bindings::wasi::http::types::{ErrorCode, Trailers};
use handler::Component;
use witbind_rt::{FutureReader, FutureWriter, StreamReader, StreamWriter};

/// Bytes asked for per read of the request body.
const CHUNK: usize = 64 * 1024;

/// Copies `input` to `output` until either ends, then ends reading the request (`consumed`)
/// and writing the response (`trailers`: none), and waits until the response went out.
fn echo_later(
    mut input: StreamReader<u8>,
    mut output: StreamWriter<u8>,
    consumed: FutureWriter<Result<(), ErrorCode>>,
    trailers: FutureWriter<Result<Option<Trailers>, ErrorCode>>,
    sent: FutureReader<Result<(), ErrorCode>>,
) {
    witbind_rt::spawn(async move {
        while let Some(bytes) = input.read(CHUNK).await {
            if !output.write_all(bytes).await.is_empty() {
                break; // The client went away.
            }
        }
        drop(output);
        drop(consumed);
        let _ = trailers.write(Ok(None)).await;
        let _ = sent.read().await;
    });
}

bindings::export!(Component with_types_in bindings);
