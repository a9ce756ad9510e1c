// Two WIT packages (test side): each function may run once, `f1` first.
use std::sync::atomic::{AtomicU32, Ordering};

static CALLS: AtomicU32 = AtomicU32::new(0);

struct Component;

impl bindings::exports::a::b::x::Guest for Component {
    fn f1() {
        assert_eq!(CALLS.fetch_add(1, Ordering::SeqCst), 0);
    }
}

impl bindings::exports::other::c::x::Guest for Component {
    fn f2() {
        assert_eq!(CALLS.fetch_add(1, Ordering::SeqCst), 1);
    }
}

bindings::export!(Component with_types_in bindings);
