//! Giving up on a future after a few turns, for runners that cancel calls in flight.
//!
//! Copied into every guest crate of a runtime case as `src/poll.rs`; a crate uses it with
//! `mod poll;`.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

/// Polls `f` `turns` times (yielding to the host between polls); `Some` if it finished. A
/// future still pending is dropped, which cancels the call it made.
#[allow(dead_code)] // Crates use this or `within`.
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

/// Runs `fut` against `yields` yields: its output if it finished first, else `None`, having
/// dropped it (which cancels what it was waiting for). Unlike [`poll_a_few`], `fut` is polled
/// whenever the task wakes, so it is dropped only while it waits.
#[allow(dead_code)] // Crates use this or `poll_a_few`.
pub async fn within<F: Future>(fut: F, yields: u32) -> Option<F::Output> {
    let mut fut = pin!(fut);
    let mut timer = pin!(async {
        for _ in 0..yields {
            witbind_rt::yield_now().await;
        }
    });
    std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = fut.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}
