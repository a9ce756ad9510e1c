// Nested-future-stream (test side): forwards a future<future<stream<u8>>> and a
// stream<future<u8>> through ends it makes itself, writes streams from tasks that outlive the
// call, and keeps two one-shot latches that let separate calls meet: a value handed from one
// call to a waiting one, and the record that a parked call was cancelled.
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::thread::LocalKey;

use bindings::exports::test::moonbit_nested_future_stream::nested::Guest;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, FutureWriter, StreamReader, StreamWriter};

/// Set once; every call waiting on it is woken then, and later waiters see the value at once.
struct Latch<T: Copy> {
    value: Cell<Option<T>>,
    sleepers: RefCell<Vec<Waker>>,
}

impl<T: Copy> Latch<T> {
    const fn new() -> Self {
        Latch { value: Cell::new(None), sleepers: RefCell::new(Vec::new()) }
    }

    fn set(&self, value: T) {
        assert!(self.value.replace(Some(value)).is_none(), "latch set twice");
        for sleeper in self.sleepers.take() {
            sleeper.wake();
        }
    }

    fn poll_value(&self, cx: &mut Context<'_>) -> Poll<T> {
        match self.value.get() {
            Some(value) => Poll::Ready(value),
            None => {
                self.sleepers.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

thread_local! {
    static HANDOFF: Latch<u32> = const { Latch::new() };
    static PARKED_CALL_CANCELLED: Latch<()> = const { Latch::new() };
}

/// Waits for a latch; the waker may belong to another call's task than the setter's.
async fn latched<T: Copy + 'static>(latch: &'static LocalKey<Latch<T>>) -> T {
    std::future::poll_fn(|cx| latch.with(|l| l.poll_value(cx))).await
}

/// Sets the latch when dropped: a cancelled call's future is dropped, never resumed.
struct SetOnDrop(&'static LocalKey<Latch<()>>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.with(|l| l.set(()));
    }
}

/// Hands out a future of a future of `bytes`, one level at a time; `None` once a level is
/// refused (its reader was dropped), and then nothing further is built.
async fn hand_out_chain(
    top: FutureWriter<FutureReader<StreamReader<u8>>>,
) -> Option<StreamWriter<u8>> {
    // Defaults are never used by a reader that takes the value; they only keep a refused
    // writer's drop well-defined.
    let (middle, middle_reader) = wit_future::new(|| wit_stream::new::<u8>().1);
    top.write(middle_reader).await.ok()?;
    let (bytes, bytes_reader) = wit_stream::new();
    middle.write(bytes_reader).await.ok()?;
    Some(bytes)
}

/// Copies bytes until the input ends or the output's reader goes away.
async fn pump(mut from: StreamReader<u8>, mut to: StreamWriter<u8>) {
    while let Some(chunk) = from.read(64).await {
        if !to.write_all(chunk).await.is_empty() {
            break;
        }
    }
}

struct Component;

impl Guest for Component {
    async fn relay(
        value: FutureReader<FutureReader<StreamReader<u8>>>,
    ) -> FutureReader<FutureReader<StreamReader<u8>>> {
        let (top, top_reader) = wit_future::new(|| unreachable!("the chain always writes its top"));
        witbind_rt::spawn(async move {
            // Unwrap the whole input first: if the caller dropped our output, the input's byte
            // stream is then dropped unread, which is where its writer learns of it.
            let input = value.read().await.read().await;
            if let Some(output) = hand_out_chain(top).await {
                pump(input, output).await;
            }
        });
        top_reader
    }

    async fn relay_stream(value: StreamReader<FutureReader<u8>>) -> StreamReader<FutureReader<u8>> {
        let (mut out, out_reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let mut incoming = value;
            while let Some(batch) = incoming.read(1).await {
                for source in batch {
                    let (copy, copy_reader) = wit_future::new(|| 0);
                    if !out.write(vec![copy_reader]).await.is_empty() {
                        return;
                    }
                    // The reader is out before its value exists; a task of its own fills it in.
                    witbind_rt::spawn(async move {
                        let _ = copy.write(source.read().await).await;
                    });
                }
            }
        });
        out_reader
    }

    async fn concurrent_writes() -> StreamReader<u8> {
        let (mut out, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let left = out.write_all(vec![1, 2]).await;
            assert!(left.is_empty(), "the caller stopped reading early");
        });
        reader
    }

    async fn post_return_lazy() -> StreamReader<u8> {
        let (mut out, reader) = wit_stream::new();
        let returned = Rc::new(Cell::new(false));
        let seen = returned.clone();
        witbind_rt::spawn(async move {
            witbind_rt::yield_now().await;
            assert!(seen.get(), "the stream was written before the call returned");
            assert!(out.write(vec![42]).await.is_empty());
        });
        returned.set(true);
        reader
    }

    async fn wait_shared() -> u32 {
        latched(&HANDOFF).await
    }

    async fn resolve_shared(value: u32) {
        HANDOFF.with(|l| l.set(value));
    }

    async fn wait_cancelled() {
        let _on_cancel = SetOnDrop(&PARKED_CALL_CANCELLED);
        std::future::pending::<()>().await;
    }

    async fn wait_cancellation_observed() {
        latched(&PARKED_CALL_CANCELLED).await;
    }

    fn cancellation_observed() -> bool {
        PARKED_CALL_CANCELLED.with(|l| l.value.get().is_some())
    }
}

bindings::export!(Component with_types_in bindings);
