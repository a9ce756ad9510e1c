// Fixed-length lists (`list<T, N>`) as Rust arrays: flat, spilled and nested.
mod alloc_probe;

use bindings::exports::test::fixed_lists::api::{Grid, Guest};

struct Component;

impl Guest for Component {
    fn reverse4(mut a: [u32; 4]) -> [u32; 4] {
        a.reverse();
        a
    }

    fn names(a: [String; 3]) -> [String; 3] {
        a.map(|s| s.to_uppercase())
    }

    fn transpose(g: Grid) -> Grid {
        let mut cells = g.cells;
        cells.reverse();
        Grid { cells, name: format!("{}'", g.name) }
    }
}

impl bindings::exports::test::fixed_lists::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
