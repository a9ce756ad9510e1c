//! The called side of the sync calls benchmark (world `test` of benches/perf/wit.rs `CALLS`):
//! one source for both generators, whose bindings name these items alike.
mod bindings;

use std::cell::Cell;

use bindings::exports::bench::calls::api::{Guest, GuestCounter, Item};

struct Component;

impl Guest for Component {
    type Counter = Counter;

    fn echo(s: String) -> String {
        s
    }

    fn sum(xs: Vec<u32>) -> u64 {
        xs.iter().map(|&x| u64::from(x)).sum()
    }

    fn swap(x: Item) -> Item {
        let mut values = x.values;
        values.reverse();
        Item {
            name: x.name.chars().rev().collect(),
            values,
        }
    }
}

struct Counter(Cell<u32>);

impl GuestCounter for Counter {
    fn new(start: u32) -> Self {
        Counter(Cell::new(start))
    }

    fn add(&self, n: u32) -> u32 {
        let total = self.0.get() + n;
        self.0.set(total);
        total
    }
}

bindings::export!(Component with_types_in bindings);
