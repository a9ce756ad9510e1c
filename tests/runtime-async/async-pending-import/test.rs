// Async exports that yield before returning: a counter of yields proves they really waited, a
// log of finished calls shows the order concurrent calls ended in.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::async_pending_import::api::Guest;
use bindings::wit_future;
use witbind_rt::FutureReader;

thread_local! {
    static YIELDS: Cell<u32> = const { Cell::new(0) };
    static FINISHED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static BUSY: Cell<u32> = const { Cell::new(0) };
}

async fn yield_times(n: u32) {
    for _ in 0..n {
        witbind_rt::yield_now().await;
        YIELDS.with(|y| y.set(y.get() + 1));
    }
}

/// Counts a background task as busy until dropped (when its future ends).
struct Busy;

impl Busy {
    fn start() -> Busy {
        BUSY.with(|b| b.set(b.get() + 1));
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(b.get() - 1));
    }
}

struct Component;

impl Guest for Component {
    async fn pending(n: u32, tag: String) -> String {
        yield_times(n).await;
        FINISHED.with(|f| f.borrow_mut().push(tag.clone()));
        format!("{tag}:{n}")
    }

    async fn pending_sum(n: u32, a: u64, b: u64) -> u64 {
        yield_times(n).await;
        a + b
    }

    async fn delayed(n: u32, value: u32) -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| u32::MAX);
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            for _ in 0..n {
                witbind_rt::yield_now().await;
            }
            writer.write(value).await.expect("the reader is waiting");
        });
        reader
    }

    fn yields() -> u32 {
        YIELDS.with(Cell::get)
    }

    fn finished() -> Vec<String> {
        FINISHED.with(|f| std::mem::take(&mut *f.borrow_mut()))
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::async_pending_import::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
