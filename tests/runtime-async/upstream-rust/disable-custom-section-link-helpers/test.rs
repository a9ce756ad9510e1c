// Link helpers off (test side): `x` may be called once.
use std::sync::atomic::{AtomicBool, Ordering};

static CALLED: AtomicBool = AtomicBool::new(false);

struct Component;

impl bindings::exports::a::Guest for Component {
    fn x() {
        assert!(!CALLED.swap(true, Ordering::SeqCst), "`x` called twice");
    }
}

bindings::export!(Component with_types_in bindings);
