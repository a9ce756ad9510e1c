// Runner: cancels calls of the callee's async `pending-import` (which waits for the future it is
// given) by dropping their futures: while the callee waits (STARTED), before the call was made,
// while the call is held in STARTING by the callee's backpressure, after the callee returned but
// before the caller saw it, and right after a STARTING call became STARTED. The future's writer
// tells what happened to the reader: refused when the cancelled callee (or the withdrawn call)
// dropped it, taken when the call went on.
mod alloc_probe;
mod join;

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use bindings::my::test::i::{backpressure_set, pending_import};
use bindings::wit_future;

struct Runner;

/// Polls `f` once (starting what it does); true if it finished.
async fn poll_once<F: Future>(f: &mut Pin<Box<F>>) -> bool {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx).is_ready())).await
}

async fn yields(n: u32) {
    for _ in 0..n {
        witbind_rt::yield_now().await;
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the task's bookkeeping (its waitable set, the list of waiters) is made on
        // first need and kept.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), pending_import(reader)).await;
        assert_eq!(written, Ok(()));
        let before = alloc_probe::live();

        // Cancelled while the callee waits in its read: the callee's task is cancelled and the
        // reader dropped with it.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let mut call = Box::pin(pending_import(reader));
        assert!(!poll_once(&mut call).await, "the callee returned unread");
        drop(call);
        assert_eq!(writer.write(()).await, Err(()), "the cancelled callee kept the reader");

        // Cancelled before the call was made: the reader goes with the call's future.
        let (writer, reader) = wit_future::new(|| unreachable!());
        drop(pending_import(reader));
        assert_eq!(writer.write(()).await, Err(()));

        // One call STARTED, then one held in STARTING by backpressure; the STARTING one is
        // withdrawn (its reader comes back to the caller and is dropped with the call), then
        // the STARTED one is cancelled.
        let (writer1, reader1) = wit_future::new(|| unreachable!());
        let (writer2, reader2) = wit_future::new(|| unreachable!());
        let mut started = Box::pin(pending_import(reader1));
        assert!(!poll_once(&mut started).await);
        backpressure_set(true);
        let mut starting = Box::pin(pending_import(reader2));
        assert!(!poll_once(&mut starting).await);
        drop(starting);
        drop(started);
        backpressure_set(false);
        assert_eq!(writer1.write(()).await, Err(()));
        assert_eq!(writer2.write(()).await, Err(()));

        // The callee returns (its read took the value) but the caller has not seen it yet when
        // it drops the call: the return that arrived is taken, nothing is cancelled.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let mut call = Box::pin(pending_import(reader));
        assert!(!poll_once(&mut call).await);
        assert_eq!(writer.write(()).await, Ok(()), "the waiting callee took the value");
        yields(5).await;
        drop(call);

        // A call held in STARTING becomes STARTED once backpressure is off (the callee starts
        // and waits in its read); cancelled then, the callee is cancelled and drops the reader,
        // while the other call, not cancelled, goes on and returns.
        let (writer1, reader1) = wit_future::new(|| unreachable!());
        let mut started = Box::pin(pending_import(reader1));
        assert!(!poll_once(&mut started).await);
        backpressure_set(true);
        let (writer2, reader2) = wit_future::new(|| unreachable!());
        let mut starting = Box::pin(pending_import(reader2));
        assert!(!poll_once(&mut starting).await);
        backpressure_set(false);
        yields(5).await;
        drop(starting);
        assert_eq!(writer2.write(()).await, Err(()));
        let (written, ()) = join::join2(writer1.write(()), started).await;
        assert_eq!(written, Ok(()));

        // The callee still serves calls.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), pending_import(reader)).await;
        assert_eq!(written, Ok(()));

        // Every cancelled call's buffers were freed.
        assert_eq!(alloc_probe::live(), before, "the runner leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
