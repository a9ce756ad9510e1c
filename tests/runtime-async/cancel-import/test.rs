// An async export cancelled by its caller: its future is dropped (the guard below counts it)
// and the task ends through `task.cancel`, without trapping.
mod alloc_probe;

use std::sync::atomic::{AtomicU32, Ordering};

use bindings::exports::test::cancel_import::api::Guest;

static CANCELLED: AtomicU32 = AtomicU32::new(0);
static STARTED: AtomicU32 = AtomicU32::new(0);
static FINISHED: AtomicU32 = AtomicU32::new(0);

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
        STARTED.fetch_add(1, Ordering::Relaxed);
        let mut guard = CountIfDropped(false);
        for _ in 0..rounds {
            witbind_rt::yield_now().await;
        }
        guard.0 = true;
        FINISHED.fetch_add(1, Ordering::Relaxed);
        format!("{label} done")
    }

    fn cancelled() -> u32 {
        CANCELLED.load(Ordering::Relaxed)
    }

    async fn quick(x: u32) -> u32 {
        x + 1
    }

    fn finished() -> u32 {
        FINISHED.load(Ordering::Relaxed)
    }

    fn started() -> u32 {
        STARTED.load(Ordering::Relaxed)
    }

    async fn count_bytes(mut s: witbind_rt::StreamReader<u8>) -> u32 {
        let mut count = 0;
        while let Some(chunk) = s.read(1024).await {
            count += chunk.len() as u32;
        }
        count
    }

    fn hold(on: bool) {
        if on {
            witbind_rt::backpressure_inc();
        } else {
            witbind_rt::backpressure_dec();
        }
    }
}

impl bindings::exports::test::cancel_import::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
