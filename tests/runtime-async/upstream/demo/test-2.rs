// Demo (second test component, paired with every runner like the first): exports `x`, which
// counts its calls; the count only grows, one per call.
use std::sync::atomic::{AtomicU64, Ordering};

use bindings::exports::a::b::the_test::Guest;

static CALLS: AtomicU64 = AtomicU64::new(0);

struct Test;

impl Guest for Test {
    fn x() {
        let before = CALLS.fetch_add(1, Ordering::SeqCst);
        assert_eq!(CALLS.load(Ordering::SeqCst), before + 1);
    }
}

bindings::export!(Test with_types_in bindings);
