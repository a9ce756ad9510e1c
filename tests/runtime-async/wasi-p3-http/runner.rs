//@ wasmtime-flags = "-S http"
// Sends HTTP requests to the test component's `wasi:http/handler@0.3.0`: a GET with a query, a
// POST whose body and trailers are written here in pieces while the handler reads them and
// streams back an upper-cased copy (read here at the same time), and a request for a missing
// path. Checks status codes, headers, bodies and trailers both ways.
mod join;

use bindings::wasi::http::handler;
use bindings::wasi::http::types::{ErrorCode, Fields, Method, Request, Response};
use bindings::{wit_future, wit_stream};

struct Runner;

/// A response's status, body and trailers, the body read to its end.
struct Answer {
    status: u16,
    content_type: Vec<Vec<u8>>,
    body: Vec<u8>,
    trailers: Option<Fields>,
}

/// Reads `response` whole.
async fn read_response(response: Response) -> Answer {
    let status = response.get_status_code();
    let content_type = response.get_headers().get("content-type");
    let (consumed_writer, consumed) = wit_future::new(|| Ok(()));
    let (body, trailers) = Response::consume_body(response, consumed);
    let body = body.collect().await;
    let trailers = trailers.read().await.expect("the trailers arrive");
    assert!(consumed_writer.write(Ok(())).await.is_ok());
    Answer {
        status,
        content_type,
        body,
        trailers,
    }
}

/// Sends a request with `method` and `path` and, if given, a body written in `pieces` while
/// the response is read, followed by an `x-checksum` trailer (the sum of the bytes).
async fn send(method: Method, path: &str, pieces: Option<Vec<Vec<u8>>>) -> Answer {
    let (body_writer, contents) = match pieces {
        Some(_) => {
            let (writer, reader) = wit_stream::new::<u8>();
            (Some(writer), Some(reader))
        }
        None => (None, None),
    };
    let (trailers_writer, trailers) = wit_future::new(|| Ok(None));
    let (request, transmitted) = Request::new(Fields::new(), contents, trailers, None);
    request.set_method(&method).expect("a valid method");
    request
        .set_path_with_query(Some(path))
        .expect("a valid path");
    let response = handler::handle(request).await.expect("the handler answers");
    let write_body = async move {
        let (Some(mut writer), Some(pieces)) = (body_writer, pieces) else {
            // No body: the request's trailers are never read.
            drop(trailers_writer);
            return;
        };
        let mut sum = 0u32;
        for piece in pieces {
            sum = piece.iter().fold(sum, |s, b| s.wrapping_add(u32::from(*b)));
            assert!(writer.write_all(piece).await.is_empty(), "the handler stopped reading");
        }
        drop(writer);
        let trailers = Fields::from_list(&[("x-checksum".into(), sum.to_string().into_bytes())])
            .expect("a valid trailer");
        assert!(trailers_writer.write(Ok(Some(trailers))).await.is_ok());
    };
    let (answer, ()) = join::join2(read_response(response), write_body).await;
    let sent: Result<(), ErrorCode> = transmitted.read().await;
    assert!(sent.is_ok(), "the request was not transmitted: {sent:?}");
    answer
}

fn trailer(answer: &Answer, name: &str) -> Option<String> {
    let values = answer.trailers.as_ref()?.get(name);
    values.first().map(|v| String::from_utf8_lossy(v).into_owned())
}

impl bindings::Guest for Runner {
    async fn run() {
        let hello = send(Method::Get, "/hello?name=wörld", None).await;
        assert_eq!(hello.status, 200);
        assert_eq!(hello.content_type, [b"text/plain".to_vec()]);
        assert!(trailer(&hello, "x-bytes-read").is_none());
        assert_eq!(String::from_utf8(hello.body).unwrap(), "hello, wörld!");

        // 100 000 bytes in pieces of different sizes, a multiple of the handler's reads or not.
        let text: Vec<u8> = b"the quick brown fox jumps over the lazy dog. "
            .iter()
            .copied()
            .cycle()
            .take(100_000)
            .collect();
        let pieces: Vec<Vec<u8>> = [1, 4096, 10_000, 30_000]
            .iter()
            .scan(0, |at, len| {
                let piece = text[*at..*at + len].to_vec();
                *at += len;
                Some(piece)
            })
            .chain(std::iter::once(text[44_097..].to_vec()))
            .collect();
        assert_eq!(pieces.iter().map(Vec::len).sum::<usize>(), text.len());
        let upper = send(Method::Post, "/upper", Some(pieces)).await;
        assert_eq!(upper.status, 200);
        assert_eq!(upper.body, text.to_ascii_uppercase());
        assert_eq!(trailer(&upper, "x-bytes-read").as_deref(), Some("100000"));
        let sum = text.iter().fold(0u32, |s, b| s.wrapping_add(u32::from(*b)));
        assert_eq!(trailer(&upper, "x-checksum-seen"), Some(sum.to_string()));

        let missing = send(Method::Get, "/missing", None).await;
        assert_eq!(missing.status, 404);
        assert!(missing.body.is_empty());
    }
}

bindings::export!(Runner with_types_in bindings);
