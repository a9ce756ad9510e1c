//@ args = '--skip foo'

// Skip (test side): nothing is generated for the export `foo` (the `Guest` trait has only `bar`),
// so the component exports it by hand under its core name; the runner calls both.
use std::sync::atomic::{AtomicU32, Ordering};

static CALLS: AtomicU32 = AtomicU32::new(0);

struct Test;

impl bindings::exports::exports::Guest for Test {
    fn bar() {
        // `foo` ran first, once.
        assert_eq!(CALLS.fetch_add(1, Ordering::SeqCst), 1);
    }
}

#[unsafe(export_name = "exports#foo")]
pub extern "C" fn foo() {
    assert_eq!(CALLS.fetch_add(1, Ordering::SeqCst), 0);
}

bindings::export!(Test with_types_in bindings);
