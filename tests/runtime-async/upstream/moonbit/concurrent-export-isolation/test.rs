// Concurrent-export-isolation (test side): exports whose calls overlap. Two calls each run a
// long exchange between two futures of their own task while a third call completes; calls
// wait for a future or produce a stream held open by the caller without holding up other calls;
// and a read started by one call's background task is ended by a later call.
mod join;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::{Poll, Waker};

use bindings::exports::test::moonbit_concurrent_export_isolation::operations::Guest;
use bindings::wit_stream;
use join::join2;
use witbind_rt::{FutureReader, StreamReader};

/// Why a read a background task is in should end: set by another call, which wakes it.
#[derive(Default)]
struct Stop {
    requested: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Stop {
    fn request(&self) {
        self.requested.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Runs `read` until it finishes or a stop is requested (then it is dropped: cancelled).
    async fn run<F: Future>(&self, read: F) {
        let mut read = Box::pin(read);
        std::future::poll_fn(|cx| {
            if self.requested.get() {
                return Poll::Ready(());
            }
            *self.waker.borrow_mut() = Some(cx.waker().clone());
            read.as_mut().poll(cx).map(drop)
        })
        .await
    }
}

thread_local! {
    static FUTURE_STATE: Cell<u8> = const { Cell::new(0) };
    static FUTURE_STOP: Rc<Stop> = Rc::default();
    static STREAM_STATE: Cell<u8> = const { Cell::new(0) };
    static STREAM_STOP: Rc<Stop> = Rc::default();
}

/// Half of a turn-taking exchange: takes the turns of `parity` (even or odd), yielding between.
async fn take_turns(turn: &Cell<u32>, parity: u32, total: u32) -> bool {
    while turn.get() < total {
        if turn.get() % 2 == parity {
            turn.set(turn.get() + 1);
        }
        witbind_rt::yield_now().await;
    }
    turn.get() == total
}

struct Component;

impl Guest for Component {
    async fn check_context_isolation() -> bool {
        // Many suspend/resume cycles, so that other calls start and end meanwhile; a state
        // mixed up between calls breaks the strict alternation.
        let turn = Cell::new(0);
        let (a, b) = join2(take_turns(&turn, 0, 2048), take_turns(&turn, 1, 2048)).await;
        a && b
    }

    async fn wait_for_gate(gate: FutureReader<()>) {
        gate.read().await;
    }

    async fn hold_stream(gate: FutureReader<()>) -> StreamReader<u8> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            gate.read().await;
            assert!(writer.write(vec![b'x']).await.is_empty());
        });
        reader
    }

    async fn complete_now() -> u32 {
        42
    }

    async fn begin_cross_task_future_read(value: FutureReader<()>) {
        FUTURE_STATE.with(|s| s.set(0));
        witbind_rt::spawn(async move {
            FUTURE_STATE.with(|s| s.set(1));
            let stop = FUTURE_STOP.with(Rc::clone);
            stop.run(value.read()).await;
            FUTURE_STATE.with(|s| s.set(2));
        });
    }

    fn cross_task_future_read_state() -> u8 {
        FUTURE_STATE.with(Cell::get)
    }

    async fn drop_cross_task_future_read() {
        FUTURE_STOP.with(|stop| stop.request());
    }

    async fn begin_cross_task_stream_read(mut value: StreamReader<u8>) {
        STREAM_STATE.with(|s| s.set(0));
        witbind_rt::spawn(async move {
            STREAM_STATE.with(|s| s.set(1));
            let stop = STREAM_STOP.with(Rc::clone);
            stop.run(value.read(1)).await;
            drop(value);
            STREAM_STATE.with(|s| s.set(2));
        });
    }

    fn cross_task_stream_read_state() -> u8 {
        STREAM_STATE.with(Cell::get)
    }

    async fn drop_cross_task_stream_read() {
        STREAM_STOP.with(|stop| stop.request());
    }
}

bindings::export!(Component with_types_in bindings);
