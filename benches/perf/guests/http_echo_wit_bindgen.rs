//! `http_echo.rs` with wit-bindgen's bindings: the body copied on a background task.
mod bindings;
mod handler;

use bindings::wasi::http::types::{ErrorCode, Trailers};
use handler::Component;
use wit_bindgen::{FutureReader, FutureWriter, StreamReader, StreamResult, StreamWriter};

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
    wit_bindgen::spawn_local(async move {
        loop {
            let (status, bytes) = input.read(Vec::with_capacity(CHUNK)).await;
            if !bytes.is_empty() && !output.write_all(bytes).await.is_empty() {
                break; // The client went away.
            }
            if !matches!(status, StreamResult::Complete(_)) {
                break;
            }
        }
        drop(output);
        drop(consumed);
        let _ = trailers.write(Ok(None)).await;
        let _ = sent.await;
    });
}

bindings::export!(Component with_types_in bindings);
