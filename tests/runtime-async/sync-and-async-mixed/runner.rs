// Calls the test component's sync and async exports from an async `run`, interleaving sync calls
// with async calls still in flight, and checks every value, the call counters, and allocation
// balance on both sides.
mod alloc_probe;

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use bindings::test::mixed::api::{self, Cell, Stats};
use bindings::test::mixed::plain;
use bindings::test::mixed::probe::live_allocations;

struct Runner;

async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        assert_eq!(api::async_add(0, 0).await, 0);
        let base = api::get_stats();
        assert_eq!(base, Stats { sync_calls: 0, async_calls: 1, steps: 0 });

        balanced("sync and async side by side", async {
            assert_eq!(api::sync_add(2, 3), 5);
            assert_eq!(api::async_add(2, 3).await, 5);
            assert_eq!(api::sync_greet("wörld"), "hello, wörld (sync)");
            assert_eq!(api::async_greet("wörld").await, "hello, wörld (async)");
            assert_eq!(api::sync_squares(&[1, 2, 3, 1 << 20]), vec![1 << 40, 9, 4, 1]);
            assert!(api::sync_squares(&[]).is_empty());
            assert_eq!(plain::double(-21), -42);
            assert_eq!(plain::shout("quiet"), "QUIET");
            assert_eq!(api::get_stats(), Stats { sync_calls: 6, async_calls: 3, steps: 0 });
        })
        .await;

        balanced("sync calls while an async call runs", async {
            let mut steps = pin!(api::async_steps(6));
            let mut seen = Vec::new();
            let result = loop {
                let polled = std::future::poll_fn(|cx| Poll::Ready(steps.as_mut().poll(cx))).await;
                if let Poll::Ready(n) = polled {
                    break n;
                }
                // Sync calls into the component while its async call is in flight.
                seen.push(api::progress());
                assert_eq!(plain::double(seen.len() as i64), 2 * seen.len() as i64);
                assert_eq!(api::sync_add(seen.len() as u32, 1), seen.len() as u32 + 1);
                // Give the host a turn through another async call (which yields once).
                assert_eq!(api::async_add(1, 1).await, 2);
            };
            assert_eq!(result, 6);
            assert_eq!(api::progress(), 6);
            assert!(
                seen.iter().any(|p| *p > 0 && *p < 6),
                "sync calls saw the async call half done: {seen:?}"
            );
            assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress only grows: {seen:?}");
        })
        .await;

        balanced("a resource with sync and async methods", async {
            let cell = Cell::new("first");
            assert_eq!(cell.get(), "first");
            assert_eq!(Cell::swap(&cell, "second").await, "first");
            assert_eq!(cell.get(), "second");
            assert_eq!(Cell::swap(&cell, "").await, "second");
            assert_eq!(cell.get(), "");
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
