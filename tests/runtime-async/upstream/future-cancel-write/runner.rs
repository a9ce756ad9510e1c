// Runner: cancels writes of a `future<string>` at each point the component model distinguishes,
// and checks how each ended. A write here is ended by dropping the future running it, so its
// result is seen through what follows: a write the copy reports CANCELLED leaves the writer
// unwritten, and the writer (dropped with it) writes its default, which the reader gets; one
// that ended DROPPED (the reader went first) or COMPLETED (the value was taken) does not. The
// default counts its calls, so each case asserts which of the three it was.
mod alloc_probe;
mod join;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use bindings::my::test::i::{read_and_drop, read_value, take_then_drop};
use bindings::wit_future;
use witbind_rt::{FutureReader, FutureWriter};

struct Runner;

thread_local! {
    /// How many times a writer's default was written (its write had not delivered a value).
    static DEFAULTS: Cell<u32> = const { Cell::new(0) };
}

fn defaults() -> u32 {
    DEFAULTS.with(Cell::get)
}

/// A future whose default (written if its writer is dropped unwritten) is "default", counted.
fn new_future() -> (FutureWriter<String>, FutureReader<String>) {
    wit_future::new(|| {
        DEFAULTS.with(|d| d.set(d.get() + 1));
        "default".to_string()
    })
}

/// Lets background tasks run (a dropped writer's default is made when its task first runs).
async fn settle() {
    for _ in 0..3 {
        witbind_rt::yield_now().await;
    }
}

/// Polls `f` once (starting what it does); true if it finished.
async fn poll_once<F: Future>(f: &mut Pin<Box<F>>) -> bool {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx).is_ready())).await
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the task's bookkeeping (its waitable set, the list of waiters) is made on
        // first need and kept. And a write not cancelled is read as written.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, value) =
            join::join2(writer.write("warm".to_string()), read_value(reader)).await;
        assert_eq!((written, value.as_str()), (Ok(()), "warm"));
        drop(value);
        let before = alloc_probe::live();

        // The reader is dropped by the callee while the write waits: DROPPED, the value is
        // given back.
        let (writer, reader) = new_future();
        let (written, ()) = join::join2(writer.write("hello".to_string()), async {
            take_then_drop(reader)
        })
        .await;
        assert_eq!(written, Err("hello".to_string()));
        drop(written);
        settle().await;
        assert_eq!(defaults(), 0, "a writer whose reader is gone wrote its default");

        // Cancelled before the write started: nothing was offered, the writer is unwritten and
        // its default is what the reader gets.
        let (writer, reader) = new_future();
        drop(writer.write("hello2".to_string()));
        assert_eq!(read_value(reader).await, "default");
        assert_eq!(defaults(), 1);

        // Cancelled after the write started (it waits: nobody reads yet): CANCELLED, the value
        // was not delivered, the reader gets the default.
        let (writer, reader) = new_future();
        let mut write = Box::pin(writer.write("hello3".to_string()));
        assert!(!poll_once(&mut write).await, "a write with no reader finished");
        drop(write);
        assert_eq!(read_value(reader).await, "default", "a cancelled write was delivered");
        assert_eq!(defaults(), 2);

        // Started, then the reader dropped, then cancelled: the copy ended DROPPED (the cancel
        // reports that), so the writer is done and writes no default.
        let (writer, reader) = new_future();
        let mut write = Box::pin(writer.write("hello3".to_string()));
        assert!(!poll_once(&mut write).await);
        drop(reader);
        drop(write);
        settle().await;
        assert_eq!(defaults(), 2, "the write was not seen ending DROPPED");

        // Started, then read to the end by the callee, then cancelled: the value was taken
        // (COMPLETED), so no default follows.
        let (writer, reader) = new_future();
        let mut write = Box::pin(writer.write("hello3".to_string()));
        assert!(!poll_once(&mut write).await);
        read_and_drop(reader).await;
        drop(write);
        settle().await;
        assert_eq!(defaults(), 2, "the write was not seen ending COMPLETED");

        // Nothing is left behind (defaults are written by background tasks).
        for _ in 0..100 {
            if alloc_probe::live() == before {
                break;
            }
            witbind_rt::yield_now().await;
        }
        assert_eq!(alloc_probe::live(), before, "the runner leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
