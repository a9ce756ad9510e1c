// A build hook behind `wasi:http/handler@0.3.0`: accepts only `POST /hooks/build`, reads the
// whole request body, answers 202 "accepted" at once, and checks the payload afterwards in
// background work of the call's task. The verdict goes to the sender through the future it
// gave `consume-body` (so the sender's `transmitted` future of the request carries it), and the
// response's trailers are only written once the body was written and the caller said the
// response arrived.
use std::cell::Cell;
use std::rc::Rc;

use bindings::exports::wasi::http::handler::Guest;
use bindings::wasi::http::types::{ErrorCode, Fields, Method, Request, Response};
use bindings::{wit_future, wit_stream};

struct Component;

/// Waits until `flag` is set by another part of this call's task.
async fn until_set(flag: &Cell<bool>) {
    while !flag.get() {
        witbind_rt::yield_now().await;
    }
}

fn internal(what: &str) -> ErrorCode {
    ErrorCode::InternalError(Some(what.to_string()))
}

impl Guest for Component {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        if request.get_method() != Method::Post {
            return Err(ErrorCode::HttpRequestMethodInvalid);
        }
        if request.get_path_with_query().as_deref() != Some("/hooks/build") {
            return Err(ErrorCode::HttpRequestUriInvalid);
        }

        // What the background check concludes; if it never wrote, the sender would learn that.
        let (verdict, handled) = wit_future::new(|| Err(internal("background hook task failed")));
        let (mut body, trailers) = Request::consume_body(request, handled);
        let mut payload = Vec::new();
        while let Some(chunk) = body.read(4096).await {
            payload.extend(chunk);
        }
        drop(body);
        match trailers.read().await {
            Ok(_) => {}
            Err(e) => {
                let _ = verdict.write(Err(e.clone())).await;
                return Err(e);
            }
        }

        let body_done = Rc::new(Cell::new(false));
        let transmitted_done = Rc::new(Cell::new(false));
        let (mut body_writer, response_body) = wit_stream::new::<u8>();
        let done = body_done.clone();
        witbind_rt::spawn(async move {
            let rest = body_writer.write_all(b"accepted".to_vec()).await;
            assert!(rest.is_empty(), "the response body was closed early");
            drop(body_writer);
            done.set(true);
        });
        let (done, transmitted) = (body_done.clone(), transmitted_done.clone());
        let response_trailers = wit_future::spawn(async move {
            until_set(&done).await;
            until_set(&transmitted).await;
            Ok(Some(Fields::new()))
        });
        let (response, response_transmitted) =
            Response::new(Fields::new(), Some(response_body), response_trailers);
        if response.set_status_code(202).is_err() {
            let error = internal("failed to set hook response status");
            let _ = verdict.write(Err(error.clone())).await;
            return Err(error);
        }

        // The hook's work, after the response went out.
        witbind_rt::spawn(async move {
            let sent = response_transmitted.read().await;
            transmitted_done.set(true);
            let result = match sent {
                Err(e) => Err(e),
                Ok(()) if payload == b"build=release" => Ok(()),
                Ok(()) => Err(internal("unexpected hook payload")),
            };
            assert!(
                verdict.write(result).await.is_ok(),
                "the verdict was not read"
            );
        });
        Ok(response)
    }
}

bindings::export!(Component with_types_in bindings);
