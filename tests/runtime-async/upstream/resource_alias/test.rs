// Resource and record aliases (test side): `e1.a` and `e2.a` give back the handles in the
// records they receive, as lists. Each call checks the values of the handles it receives and the
// number of live `x` values against the runner's script, so a handle lifted through an alias
// into the wrong place, or one not dropped, shows.
use std::cell::Cell;

use bindings::exports::test::resource_alias::{e1, e2};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

/// For each call of the runner's script, in order: the values of the handles received (records
/// first, then the borrow) and the number of live values on entry.
const SCRIPT: &[(&[u32], u32)] = &[
    (&[42], 1),
    (&[7, 8, 9], 4),
    (&[42], 3),
    (&[8, 7, 42], 3),
    (&[0], 1),
];

/// Checks one call against the script.
fn called(values: &[u32]) {
    let call = CALLS.with(|c| {
        c.set(c.get() + 1);
        c.get() - 1
    });
    let (expected, live) = SCRIPT.get(call).expect("more calls than the script has");
    assert_eq!(values, *expected, "values received by call {call}");
    assert_eq!(
        LIVE.with(Cell::get),
        *live,
        "live values on entry to call {call}"
    );
}

struct Component;

struct MyX(u32);

impl Drop for MyX {
    fn drop(&mut self) {
        LIVE.with(|live| {
            assert!(live.get() > 0, "an x dropped more often than made");
            live.set(live.get() - 1);
        });
    }
}

impl e1::GuestX for MyX {
    fn new(v: u32) -> Self {
        LIVE.with(|live| live.set(live.get() + 1));
        MyX(v)
    }
}

fn value(x: &e1::X) -> u32 {
    x.get::<MyX>().0
}

impl e1::Guest for Component {
    type X = MyX;

    fn a(f: e1::Foo) -> Vec<e1::X> {
        called(&[value(&f.x)]);
        vec![f.x]
    }
}

impl e2::Guest for Component {
    fn a(f: e2::Foo, g: e2::Bar, h: e1::XBorrow<'_>) -> Vec<e2::Y> {
        called(&[value(&f.x), value(&g.x), h.get::<MyX>().0]);
        vec![f.x, g.x]
    }
}

bindings::export!(Component with_types_in bindings);
