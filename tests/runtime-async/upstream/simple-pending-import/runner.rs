// Runner: calls an async import whose callee yields before returning: the call is still pending
// when first polled, and completes when awaited.
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let mut call = pin!(bindings::a::b::i::f());
        let first = poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
        assert!(first.is_pending(), "the callee yields before returning");
        call.await;
    }
}

bindings::export!(Runner with_types_in bindings);
