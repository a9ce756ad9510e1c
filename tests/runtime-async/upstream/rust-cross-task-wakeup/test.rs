// Callee: `pending-import` waits on a one-shot channel that the synchronous export
// `resolve-pending-import`, called later as a separate task, completes: the waker of one task is
// woken from another. `pending-import-while-reading` waits the same way while its task also
// waits for a future read (so the task waits on its waitable set rather than yielding).
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::task::{Poll, Waker};

use witbind_rt::FutureReader;

thread_local! {
    /// The channel: sent, and the waker of the task waiting for it.
    static SENT: Cell<bool> = const { Cell::new(false) };
    static WAITER: RefCell<Option<Waker>> = const { RefCell::new(None) };
}

/// Waits until `resolve-pending-import` sends.
async fn receive() {
    SENT.set(false);
    poll_fn(|cx| {
        if SENT.get() {
            Poll::Ready(())
        } else {
            WAITER.with(|w| *w.borrow_mut() = Some(cx.waker().clone()));
            Poll::Pending
        }
    })
    .await;
}

struct Component;

impl bindings::exports::my::test::i::Guest for Component {
    async fn pending_import() {
        receive().await;
    }

    async fn pending_import_while_reading(x: FutureReader<()>) {
        // Read by a task spawned on this call: the call's task keeps waiting for it after the
        // return.
        witbind_rt::spawn(async move { x.read().await });
        receive().await;
    }

    fn resolve_pending_import() {
        let waker = WAITER.with(|w| w.borrow_mut().take());
        let waker = waker.expect("`pending-import` is waiting");
        SENT.set(true);
        waker.wake();
    }
}

bindings::export!(Component with_types_in bindings);
