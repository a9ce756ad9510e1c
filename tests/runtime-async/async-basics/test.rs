// Async exports: values through flat and spilled parameters and results, a task that yields
// before returning, and a unit-returning async function.
mod alloc_probe;

use bindings::exports::test::async_basics::api::Guest;

struct Component;

impl Guest for Component {
    async fn add(a: u32, b: u32) -> u32 {
        a + b
    }

    async fn greet(name: String) -> String {
        witbind_rt::yield_now().await;
        format!("hello, {name}")
    }

    async fn many(a: u32, b: u64, c: String, d: f64, e: Vec<u8>) -> (u32, u64, String, f64, Vec<u8>) {
        (a + 1, b * 2, c.to_uppercase(), -d, e.into_iter().rev().collect())
    }

    async fn pending(n: u32) -> u32 {
        for _ in 0..n {
            witbind_rt::yield_now().await;
        }
        n * 10
    }

    async fn nothing() {}

    fn sync_double(x: u32) -> u32 {
        x * 2
    }
}

impl bindings::exports::test::async_basics::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
