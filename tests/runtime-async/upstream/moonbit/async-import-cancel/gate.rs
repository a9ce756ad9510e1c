// Async-import-cancel (gate side): two flags shared by the runner and the test component. The
// test component marks a call started and spins until the runner releases it; the flags live
// here so that the runner can check and release them without entering the busy test component.
use std::sync::atomic::{AtomicBool, Ordering};

use bindings::exports::test::async_import_cancel::gate_control::Guest;

static STARTED: AtomicBool = AtomicBool::new(false);
static RELEASED: AtomicBool = AtomicBool::new(false);

struct Gate;

impl Guest for Gate {
    fn mark_started() {
        STARTED.store(true, Ordering::SeqCst);
    }

    fn started() -> bool {
        STARTED.load(Ordering::SeqCst)
    }

    fn release() {
        RELEASED.store(true, Ordering::SeqCst);
    }

    fn released() -> bool {
        RELEASED.load(Ordering::SeqCst)
    }
}

bindings::export!(Gate with_types_in bindings);
