// An async export cancelled by its caller: its future is dropped (the guard below counts it)
// and the task ends through `task.cancel`, without trapping.
mod alloc_probe;

use std::sync::atomic::{AtomicU32, Ordering};

use bindings::exports::test::cancel_import::api::Guest;

static CANCELLED: AtomicU32 = AtomicU32::new(0);

/// Counts a `slow` call whose future is dropped before it finished.
struct CountIfDropped(bool);

impl Drop for CountIfDropped {
    fn drop(&mut self) {
        if !self.0 {
            CANCELLED.fetch_add(1, Ordering::Relaxed);
        }
    }
}

struct Component;

impl Guest for Component {
    async fn slow(rounds: u32, label: String) -> String {
        let mut guard = CountIfDropped(false);
        for _ in 0..rounds {
            witbind_rt::yield_now().await;
        }
        guard.0 = true;
        format!("{label} done")
    }

    fn cancelled() -> u32 {
        CANCELLED.load(Ordering::Relaxed)
    }

    async fn quick(x: u32) -> u32 {
        x + 1
    }
}

impl bindings::exports::test::cancel_import::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
