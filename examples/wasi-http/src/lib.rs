//! An HTTP service of WASI 0.3 (`wasi:http/service`): its handler is an `async fn` that answers
//! at once with a response whose body it goes on writing, as a `stream<u8>`, after the handler
//! returned.
//!
//! - `POST /upper` streams the request body back with ASCII letters upper-cased, a piece of the
//!   response for each piece of the request as it arrives;
//! - `GET /` answers a few lines of usage, one write each;
//! - `/upper` with another method is `405` with an `allow` header, any other path `404`.
//!
//! Build with `cargo build --target wasm32-wasip2 -p wasi-http`; `README.md` has the
//! `wasmtime serve` and `curl` lines.

witbind_rt::generate!({
    world: "service",
    path: "wit",
});

use std::future::Future;

use exports::wasi::http::handler::Guest;
use wasi::http::types::{ErrorCode, Fields, Method, Request, Response};
use witbind_rt::{StreamReader, StreamWriter};

/// Bytes asked for per read of a request body.
const CHUNK: usize = 16 * 1024;

const USAGE: &[&str] = &[
    "witbind wasi:http example\n",
    "POST /upper: the request body, upper-cased\n",
];

struct Component;

impl Guest for Component {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        let path = request.get_path_with_query().unwrap_or_default();
        match (request.get_method(), path.as_str()) {
            (Method::Post, "/upper") => {
                // Taking the body consumes the request. The future handed over with it says how
                // reading the body ended: dropping its writer, `consumed`, writes `Ok(())`.
                let (consumed, consumed_reader) = wit_future::new(|| Ok(()));
                let (body_in, _trailers) = Request::consume_body(request, consumed_reader);
                respond(200, &[], move |body| async move {
                    upper_case(body_in, body).await;
                    drop(consumed);
                })
            }
            (Method::Get, "/") => respond(200, &[], |body| write_lines(body, USAGE)),
            (_, "/upper") => respond(405, &[("allow", "POST")], |body| {
                write_lines(body, &["/upper takes a POST\n"])
            }),
            _ => {
                let line = format!("nothing at {path}\n");
                respond(404, &[], move |body| async move {
                    write_lines(body, &[line.as_str()]).await;
                })
            }
        }
    }
}

/// A plain-text response with `status` and the `headers` given, whose body `write_body` writes
/// into the stream it is handed. That happens on a background task, after the handler
/// returned the response; the stream ends when the writer is dropped.
fn respond<F>(
    status: u16,
    headers: &[(&str, &str)],
    write_body: impl FnOnce(StreamWriter<u8>) -> F,
) -> Result<Response, ErrorCode>
where
    F: Future<Output = ()> + 'static,
{
    let fields: Vec<(String, Vec<u8>)> = [("content-type", "text/plain; charset=utf-8")]
        .iter()
        .chain(headers)
        .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
        .collect();
    let headers = Fields::from_list(&fields).map_err(internal_error)?;
    let (writer, body) = wit_stream::new::<u8>();
    let (trailers, trailers_reader) = wit_future::new(|| Ok(None));
    let (response, sent) = Response::new(headers, Some(body), trailers_reader);
    response.set_status_code(status).map_err(internal_error)?;
    let write_body = write_body(writer);
    witbind_rt::spawn(async move {
        write_body.await;
        // After the body, the trailers: none.
        let _ = trailers.write(Ok(None)).await;
        // Resolves once the response went out (or failed to); nothing is left to do either way.
        let _ = sent.read().await;
    });
    Ok(response)
}

/// Copies `input` to `output` upper-cased, until either ends.
async fn upper_case(mut input: StreamReader<u8>, mut output: StreamWriter<u8>) {
    while let Some(bytes) = input.read(CHUNK).await {
        let unwritten = output.write_all(bytes.to_ascii_uppercase()).await;
        if !unwritten.is_empty() {
            return; // The client went away.
        }
    }
}

/// Writes each line with a write of its own.
async fn write_lines(mut output: StreamWriter<u8>, lines: &[&str]) {
    for line in lines {
        if !output.write_all(line.as_bytes().to_vec()).await.is_empty() {
            return;
        }
    }
}

fn internal_error(error: impl std::fmt::Debug) -> ErrorCode {
    ErrorCode::InternalError(Some(format!("{error:?}")))
}

export!(Component);
