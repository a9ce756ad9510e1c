//@ args = '--skip foo --std-feature'

// Skip in a `#![no_std]` test component (upstream's `test-nostd.rs`): as `test.rs`, with
// `--std-feature` and `common/no_std_guest.rs`; the hand-written `foo` export and the generated
// `bar` glue need nothing from `std`.
#![no_std]

mod no_std_guest;

use core::sync::atomic::{AtomicU32, Ordering};

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
