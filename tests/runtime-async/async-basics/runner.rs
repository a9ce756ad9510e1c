// Calls async imports from an async `run`, checking every value and that the callee's
// allocations balance after each call.
use bindings::test::async_basics::api;
use bindings::test::async_basics::probe::live_allocations;

struct Runner;

async fn balanced<F: std::future::Future<Output = ()>>(what: &str, f: F) {
    let before = live_allocations();
    f.await;
    assert_eq!(live_allocations(), before, "allocations leaked by {what}");
}

impl bindings::Guest for Runner {
    async fn run() {
        balanced("add", async { assert_eq!(api::add(2, 40).await, 42) }).await;
        balanced("greet", async { assert_eq!(api::greet("wörld").await, "hello, wörld") }).await;
        balanced("many", async {
            let (a, b, c, d, e) = api::many(1, 1 << 40, "abc", 2.5, &[1, 2, 3]).await;
            assert_eq!((a, b, c.as_str(), d, e), (2, 1 << 41, "ABC", -2.5, vec![3, 2, 1]));
        })
        .await;
        balanced("pending", async { assert_eq!(api::pending(5).await, 50) }).await;
        balanced("nothing", async { api::nothing().await }).await;
        assert_eq!(api::sync_double(21), 42);
    }
}

bindings::export!(Runner with_types_in bindings);
