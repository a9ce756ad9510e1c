// Async exports that answer at once.
mod alloc_probe;

use bindings::exports::test::block_on::api::Guest;

struct Component;

impl Guest for Component {
    async fn quick(x: u32) -> u32 {
        x + 1
    }

    async fn echo(s: String) -> String {
        format!("{s}!")
    }

    async fn sum(values: Vec<u64>) -> u64 {
        values.iter().sum()
    }
}

impl bindings::exports::test::block_on::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
