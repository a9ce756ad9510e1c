//! Giving up on a future after a few turns, for runners that cancel calls in flight.
//!
//! Copied into every guest crate of a runtime case as `src/poll.rs`; a crate uses it with
//! `mod poll;`.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

/// Polls `f` `turns` times (yielding to the host between polls); `Some` if it finished. A
/// future still pending is dropped, which cancels the call it made.
pub async fn poll_a_few<F: Future>(f: F, turns: u32) -> Option<F::Output> {
    let mut f = pin!(f);
    for _ in 0..turns {
        let polled = std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx))).await;
        if let Poll::Ready(value) = polled {
            return Some(value);
        }
        witbind_rt::yield_now().await;
    }
    None
}
