// Borrowed handles (test side): `thing` stores v + 1; `foo` reads the borrowed thing's value and
// adds 2. The number of live things is tracked: a thing dropped twice traps here, and `foo`
// checks that the thing it is lent is alive.
use std::cell::Cell;

use bindings::exports::test::resource_borrow::to_test::{Guest, GuestThing, ThingBorrow};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct Component;

struct MyThing {
    val: u32,
}

impl Drop for MyThing {
    fn drop(&mut self) {
        LIVE.with(|live| {
            assert!(live.get() > 0, "a thing dropped more often than made");
            live.set(live.get() - 1);
        });
    }
}

impl Guest for Component {
    type Thing = MyThing;

    fn foo(v: ThingBorrow<'_>) -> u32 {
        assert!(LIVE.with(Cell::get) > 0, "a borrowed thing is alive");
        v.get::<MyThing>().val + 2
    }
}

impl GuestThing for MyThing {
    fn new(v: u32) -> Self {
        LIVE.with(|live| live.set(live.get() + 1));
        MyThing { val: v + 1 }
    }
}

bindings::export!(Component with_types_in bindings);
