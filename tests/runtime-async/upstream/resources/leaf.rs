// Resources of three components (leaf): exports `y`, a settable value whose static `add` takes a
// `y`, drops it (checking that this ended exactly that one) and makes a new one holding its
// value + `a`. A `y` dropped more often than made traps.
use std::cell::Cell;

use bindings::exports::imports::{Guest, GuestY, Y};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct Component;

struct MyY(Cell<i32>);

impl Drop for MyY {
    fn drop(&mut self) {
        LIVE.with(|live| {
            assert!(live.get() > 0, "a y dropped more often than made");
            live.set(live.get() - 1);
        });
    }
}

impl Guest for Component {
    type Y = MyY;
}

impl GuestY for MyY {
    fn new(a: i32) -> MyY {
        LIVE.with(|live| live.set(live.get() + 1));
        MyY(Cell::new(a))
    }

    fn get_a(&self) -> i32 {
        self.0.get()
    }

    fn set_a(&self, a: i32) {
        self.0.set(a);
    }

    fn add(y: Y, a: i32) -> Y {
        let value = y.get::<MyY>().0.get();
        let before = LIVE.with(Cell::get);
        drop(y);
        assert_eq!(
            LIVE.with(Cell::get),
            before - 1,
            "the y given to `add` ended"
        );
        Y::new(MyY::new(value + a))
    }
}

bindings::export!(Component with_types_in bindings);
