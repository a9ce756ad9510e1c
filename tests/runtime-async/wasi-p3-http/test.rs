// An HTTP handler over WASI 0.3: `GET /hello?name=N` answers a greeting; `POST /upper` streams
// the request body back upper-cased while it reads it, and says in trailers how many bytes it
// read and what the request's `x-checksum` trailer was; anything else is a 404 with an empty body.
use std::future::Future;

use bindings::exports::wasi::http::handler::Guest;
use bindings::wasi::http::types::{ErrorCode, Fields, Method, Request, Response};
use bindings::{wit_future, wit_stream};
use witbind_rt::StreamWriter;

struct Component;

fn internal(what: impl std::fmt::Debug) -> ErrorCode {
    ErrorCode::InternalError(Some(format!("{what:?}")))
}

/// A response with `status` and `headers` whose body `write_body` writes, on a background
/// task, into the writer it is given; the trailers are what it returns.
fn streamed_response<F>(
    status: u16,
    headers: Fields,
    write_body: impl FnOnce(StreamWriter<u8>) -> F,
) -> Result<Response, ErrorCode>
where
    F: Future<Output = Option<Fields>> + 'static,
{
    let (writer, reader) = wit_stream::new::<u8>();
    let (trailers_writer, trailers) = wit_future::new(|| Ok(None));
    let (response, sent) = Response::new(headers, Some(reader), trailers);
    response.set_status_code(status).map_err(internal)?;
    let body = write_body(writer);
    witbind_rt::spawn(async move {
        let trailers = body.await;
        let _ = trailers_writer.write(Ok(trailers)).await;
        // Whether the whole response reached the caller.
        let _ = sent.read().await;
    });
    Ok(response)
}

impl Guest for Component {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        let path = request.get_path_with_query().unwrap_or_default();
        match (request.get_method(), path.as_str()) {
            (Method::Get, p) if p.starts_with("/hello") => {
                let name = p.strip_prefix("/hello?name=").unwrap_or("world");
                let greeting = format!("hello, {name}!").into_bytes();
                let headers = Fields::from_list(&[("content-type".into(), b"text/plain".to_vec())])
                    .map_err(internal)?;
                streamed_response(200, headers, |mut body| async move {
                    body.write_all(greeting).await;
                    None
                })
            }
            (Method::Post, "/upper") => {
                // `consumed` tells the sender how reading its body ended.
                let (consumed_writer, consumed) = wit_future::new(|| Ok(()));
                let (mut body_in, request_trailers) = Request::consume_body(request, consumed);
                streamed_response(200, Fields::new(), |mut body| async move {
                    let mut total = 0u64;
                    while let Some(chunk) = body_in.read(4096).await {
                        total += chunk.len() as u64;
                        if !body.write_all(chunk.to_ascii_uppercase()).await.is_empty() {
                            break;
                        }
                    }
                    // The request's trailers come after its body; one is echoed back.
                    let checksum = match request_trailers.read().await {
                        Ok(Some(trailers)) => trailers.get("x-checksum".into()),
                        _ => Vec::new(),
                    };
                    let _ = consumed_writer.write(Ok(())).await;
                    let mut trailers = vec![("x-bytes-read".into(), total.to_string().into_bytes())];
                    trailers.extend(checksum.into_iter().map(|v| ("x-checksum-seen".into(), v)));
                    Fields::from_list(&trailers).ok()
                })
            }
            _ => streamed_response(404, Fields::new(), |_body| async { None }),
        }
    }
}

bindings::export!(Component with_types_in bindings);
