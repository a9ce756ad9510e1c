// Concurrent-export-isolation (test side): exports whose calls overlap. Two calls each step
// through a long sequence kept in their own task's future (checked against a global log that
// shows them interleaving) while a third call completes; calls wait for a future or produce a
// stream held open by the caller without holding up other calls; and a read started by one
// call's background task is ended by a later call.
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

/// Steps each `check-context-isolation` call takes, split between two futures of the call.
const STEPS: u32 = 600;

thread_local! {
    /// Numbers the `check-context-isolation` calls in the order they start.
    static CALLS_STARTED: Cell<u32> = const { Cell::new(0) };
    /// Every step of every such call, in the order they ran: (call, step, stamp).
    static STEP_LOG: RefCell<Vec<(u32, u32, u64)>> = const { RefCell::new(Vec::new()) };
}

/// The value a call writes at a step: differs between calls, so a step logged by (or for) the
/// wrong call is seen.
fn stamp(call: u32, step: u32) -> u64 {
    (u64::from(call) + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(step)
}

/// What one isolation call keeps across its suspensions: lives in the call's own future, so a
/// task whose state was mixed with another call's would see steps or stamps it did not write.
struct CallState {
    call: u32,
    /// Next step to take; the two halves of the call take turns (even steps, odd steps).
    next: Cell<u32>,
    /// Stamps this call wrote, in order.
    written: RefCell<Vec<u64>>,
}

impl CallState {
    /// Takes the steps of one parity, yielding to the host after each; false if, on resuming,
    /// the call's turn counter moved by anything but this call's own other half.
    async fn half(&self, parity: u32) -> bool {
        loop {
            let step = self.next.get();
            if step >= STEPS {
                return step == STEPS;
            }
            if step % 2 != parity {
                witbind_rt::yield_now().await;
                continue;
            }
            let value = stamp(self.call, step);
            STEP_LOG.with(|log| log.borrow_mut().push((self.call, step, value)));
            self.written.borrow_mut().push(value);
            self.next.set(step + 1);
            witbind_rt::yield_now().await;
            let now = self.next.get();
            if now != step + 1 && now != step + 2 {
                return false;
            }
        }
    }

    /// The global log's entries for this call are exactly its own steps, in order, with its own
    /// stamps; and another call's step ran between two of them (the calls really overlapped).
    fn log_agrees(&self) -> bool {
        STEP_LOG.with(|log| {
            let log = log.borrow();
            let ours: Vec<(u32, u64)> = log
                .iter()
                .filter(|entry| entry.0 == self.call)
                .map(|&(_, step, value)| (step, value))
                .collect();
            let expected: Vec<(u32, u64)> =
                (0..STEPS).map(|step| (step, stamp(self.call, step))).collect();
            let first = log.iter().position(|entry| entry.0 == self.call);
            let last = log.iter().rposition(|entry| entry.0 == self.call);
            let overlapped = match (first, last) {
                (Some(first), Some(last)) => log[first..last].iter().any(|e| e.0 != self.call),
                _ => false,
            };
            let written = self.written.borrow();
            ours == expected && written.iter().eq(expected.iter().map(|e| &e.1)) && overlapped
        })
    }
}

struct Component;

impl Guest for Component {
    async fn check_context_isolation() -> bool {
        let call = CALLS_STARTED.with(|n| n.replace(n.get() + 1));
        let state = CallState {
            call,
            next: Cell::new(0),
            written: RefCell::new(Vec::new()),
        };
        let (even, odd) = join2(state.half(0), state.half(1)).await;
        even && odd && state.log_agrees()
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
