// One counter per instance: the total lives in the component's own memory.
use std::cell::Cell;

use bindings::exports::test::wac_two_instances::counter::Guest;

thread_local! {
    static TOTAL: Cell<u32> = const { Cell::new(0) };
}

struct Component;

impl Guest for Component {
    fn add(n: u32) -> u32 {
        TOTAL.with(|t| {
            t.set(t.get() + n);
            t.get()
        })
    }
}

bindings::export!(Component with_types_in bindings);
