//@ wasmtime-flags = "-S http"
// Sends build hooks to the test component's `wasi:http/handler@0.3.0`: each is answered 202
// "accepted" with (empty) trailers, and the verdict of the handler's background check of the
// payload arrives afterwards through the request's `transmitted` future: success for
// "build=release", `internal-error("unexpected hook payload")` for anything else. A wrong method
// or path is refused at once.
mod join;

use bindings::wasi::http::handler;
use bindings::wasi::http::types::{ErrorCode, Fields, Method, Request, Response};
use bindings::{wit_future, wit_stream};
use witbind_rt::FutureReader;

struct Runner;

/// A request with `method`, `path` and `payload` as its body (written while the handler runs),
/// no trailers; its `transmitted` future, the handler's answer.
async fn send(
    method: Method,
    path: &str,
    payload: &[u8],
) -> (
    FutureReader<Result<(), ErrorCode>>,
    Result<Response, ErrorCode>,
) {
    let (mut body_writer, body) = wit_stream::new::<u8>();
    let (trailers_writer, trailers) = wit_future::new(|| Ok(None));
    let (request, transmitted) = Request::new(Fields::new(), Some(body), trailers, None);
    request.set_method(&method).expect("a valid method");
    request
        .set_path_with_query(Some(path))
        .expect("a valid path");
    let payload = payload.to_vec();
    let write = async move {
        // Not all of it is taken when the handler refuses the request.
        let _ = body_writer.write_all(payload).await;
        drop(body_writer);
        let _ = trailers_writer.write(Ok(None)).await;
    };
    let (response, _) = join::join2(handler::handle(request), write).await;
    (transmitted, response)
}

async fn run_hook(payload: &[u8], expected_error: Option<&str>) {
    let (transmitted, response) = send(Method::Post, "/hooks/build", payload).await;
    let response = response.expect("the hook is accepted");
    assert_eq!(response.get_status_code(), 202);

    let (received_writer, received) = wit_future::new(|| Ok(()));
    let (mut body, trailers) = Response::consume_body(response, received);
    let read = async move {
        let mut got = Vec::new();
        while let Some(chunk) = body.read(4).await {
            assert!(chunk.len() <= 4);
            got.extend(chunk);
        }
        assert_eq!(got, b"accepted");
        // The handler writes the trailers only after it learnt that the response arrived.
        match trailers.read().await {
            Ok(Some(fields)) => assert!(fields.copy_all().is_empty()),
            other => panic!("unexpected trailers: {other:?}"),
        }
    };
    let tell = async move {
        assert!(received_writer.write(Ok(())).await.is_ok());
    };
    join::join2(read, tell).await;

    let verdict = transmitted.read().await;
    match expected_error {
        None => assert_eq!(verdict, Ok(())),
        Some(message) => assert_eq!(
            verdict,
            Err(ErrorCode::InternalError(Some(message.to_string())))
        ),
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        run_hook(b"build=release", None).await;
        run_hook(b"build=debug", Some("unexpected hook payload")).await;
        run_hook(b"build=release", None).await;

        let (_, response) = send(Method::Get, "/hooks/build", b"").await;
        assert_eq!(response.err(), Some(ErrorCode::HttpRequestMethodInvalid));
        let (_, response) = send(Method::Post, "/hooks/other", b"build=release").await;
        assert_eq!(response.err(), Some(ErrorCode::HttpRequestUriInvalid));
    }
}

bindings::export!(Runner with_types_in bindings);
