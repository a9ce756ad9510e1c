// A versioned package (`my:inline@0.0.0`; test side): implements the resource and counts live
// instances; the constructor checks that the runner's previous instance was destroyed (the runner
// never holds two at once), so drops reach this component through the versioned interface.
use std::sync::atomic::{AtomicU32, Ordering};

use bindings::exports::my::inline::foo::{Guest, GuestBar};

static LIVE: AtomicU32 = AtomicU32::new(0);

struct Component;

struct MyBar;

impl GuestBar for MyBar {
    fn new() -> Self {
        assert_eq!(
            LIVE.load(Ordering::SeqCst),
            0,
            "a previous bar was not destroyed"
        );
        LIVE.fetch_add(1, Ordering::SeqCst);
        MyBar
    }
}

impl Drop for MyBar {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Guest for Component {
    type Bar = MyBar;
}

bindings::export!(Component with_types_in bindings);
