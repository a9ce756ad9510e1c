// Large results (test side): builds the records the runner asks for, or returns them as they
// came.
mod alloc_probe;

use bindings::exports::test::large_results::api::{Eight, Guest, Narrow, Wide};

struct Component;

fn eight(start: u64) -> Eight {
    (
        start,
        start + 1,
        start + 2,
        start + 3,
        start + 4,
        start + 5,
        start + 6,
        start + 7,
    )
}

impl Guest for Component {
    fn wide_of(name: String, start: u64, count: u32) -> Wide {
        Wide {
            name,
            a: eight(start),
            b: eight(start + 8),
            c: eight(start + 16),
            d: eight(start + 24),
            e: eight(start + 32),
            values: (0..count).collect(),
        }
    }

    fn narrow_of(name: String, count: u32) -> Narrow {
        Narrow {
            name,
            values: (0..count).collect(),
        }
    }

    fn roundtrip_wide(x: Wide) -> Wide {
        x
    }
}

impl bindings::exports::test::large_results::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
