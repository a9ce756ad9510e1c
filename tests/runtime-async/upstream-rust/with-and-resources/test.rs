// `with` and resources (test side): `bar` returns the handle it got and a new one. `LIVE`
// counts the `a`s alive: when `bar` starts, only the runner's is.
use std::sync::atomic::{AtomicI32, Ordering};

use bindings::exports::my::inline::bar::Guest as GuestBar;
use bindings::exports::my::inline::foo::{Guest as GuestFoo, GuestA, A};

static LIVE: AtomicI32 = AtomicI32::new(0);

struct MyA;

impl Drop for MyA {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

fn new_a() -> A {
    LIVE.fetch_add(1, Ordering::SeqCst);
    A::new(MyA)
}

struct Component;

impl GuestFoo for Component {
    type A = MyA;

    fn bar() -> A {
        new_a()
    }
}

impl GuestA for MyA {}

impl GuestBar for Component {
    fn bar(m: A) -> Vec<A> {
        assert_eq!(
            LIVE.load(Ordering::SeqCst),
            1,
            "only the runner's handle is live"
        );
        vec![m, new_a()]
    }
}

bindings::export!(Component with_types_in bindings);
