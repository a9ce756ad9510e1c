//@ args = '--with other:test/test=generate'

// An interface of another package (test side): exports are generated either way; `f` may run
// once.
use std::sync::atomic::{AtomicBool, Ordering};

static CALLED: AtomicBool = AtomicBool::new(false);

struct Component;

impl bindings::exports::other::test::test::Guest for Component {
    fn f() {
        assert!(!CALLED.swap(true, Ordering::SeqCst), "`f` called twice");
    }
}

bindings::export!(Component with_types_in bindings);
