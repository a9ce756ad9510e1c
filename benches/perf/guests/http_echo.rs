//! The echo handler of `wasi:http/service@0.3.0`, the same source for both generators'
//! bindings: any request is answered `200` at once, and its body is streamed back as the
//! response body by `crate::echo_later` (`http_echo_witbind.rs`, `http_echo_wit_bindgen.rs`:
//! only that differs, where the two runtimes' async APIs do).
use crate::bindings::exports::wasi::http::handler::Guest;
use crate::bindings::wasi::http::types::{ErrorCode, Fields, Request, Response};
use crate::bindings::{wit_future, wit_stream};

pub struct Component;

impl Guest for Component {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        // Dropping `consumed` (after the body was read) tells the host reading ended well.
        let (consumed, consumed_reader) = wit_future::new(|| Ok(()));
        let (body_in, _trailers) = Request::consume_body(request, consumed_reader);
        let headers = Fields::from_list(&[(
            "content-type".to_string(),
            b"application/octet-stream".to_vec(),
        )])
        .map_err(|e| ErrorCode::InternalError(Some(format!("{e:?}"))))?;
        let (body_out, body) = wit_stream::new::<u8>();
        let (trailers, trailers_reader) = wit_future::new(|| Ok(None));
        let (response, sent) = Response::new(headers, Some(body), trailers_reader);
        crate::echo_later(body_in, body_out, consumed, trailers, sent);
        Ok(response)
    }
}
