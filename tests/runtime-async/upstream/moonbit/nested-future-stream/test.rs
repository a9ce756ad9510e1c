// Nested-future-stream (test side): relays a future of a future of a stream and a stream of
// futures through endpoints of its own (background tasks copy the values across), streams
// written after the export returned, and three calls that meet through shared state: a
// waiter woken by another call's task, and a call cancelled by its caller that another call
// observes.
use std::cell::{Cell, RefCell};
use std::task::{Poll, Waker};

use bindings::exports::test::moonbit_nested_future_stream::nested::Guest;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static SHARED: Cell<Option<u32>> = const { Cell::new(None) };
    static SHARED_WAKER: RefCell<Option<Waker>> = const { RefCell::new(None) };
    static CANCELLATION_OBSERVED: Cell<bool> = const { Cell::new(false) };
    static CANCELLATION_WAKER: RefCell<Option<Waker>> = const { RefCell::new(None) };
}

/// Dropped with the cancelled call's future: records the cancellation and wakes its observer.
struct CancellationGuard;

impl Drop for CancellationGuard {
    fn drop(&mut self) {
        CANCELLATION_OBSERVED.with(|c| c.set(true));
        if let Some(waker) = CANCELLATION_WAKER.with(|w| w.borrow_mut().take()) {
            waker.wake();
        }
    }
}

struct Component;

impl Guest for Component {
    async fn relay(
        value: FutureReader<FutureReader<StreamReader<u8>>>,
    ) -> FutureReader<FutureReader<StreamReader<u8>>> {
        let (outer_writer, outer_reader) = wit_future::new(|| unreachable!());
        witbind_rt::spawn(async move {
            let input_inner = value.read().await;
            let (inner_writer, inner_reader) = wit_future::new(|| unreachable!());
            let outer_open = outer_writer.write(inner_reader).await.is_ok();
            // Go on down the input chain even when the output was rejected, so that its
            // producer sees the rejection at the innermost stream.
            let mut input_stream = input_inner.read().await;
            let (mut output_writer, output_reader) = wit_stream::new();
            let inner_open = inner_writer.write(output_reader).await.is_ok();
            if !outer_open || !inner_open {
                return;
            }
            while let Some(bytes) = input_stream.read(16).await {
                if !output_writer.write_all(bytes).await.is_empty() {
                    return;
                }
            }
        });
        outer_reader
    }

    async fn relay_stream(value: StreamReader<FutureReader<u8>>) -> StreamReader<FutureReader<u8>> {
        let (mut output_writer, output_reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let mut input = value;
            while let Some(values) = input.read(1).await {
                for input_value in values {
                    let (value_writer, value_reader) = wit_future::new(|| 0);
                    if !output_writer.write(vec![value_reader]).await.is_empty() {
                        let _ = input_value.read().await;
                        return;
                    }
                    let value = input_value.read().await;
                    let _ = value_writer.write(value).await;
                }
            }
        });
        output_reader
    }

    async fn concurrent_writes() -> StreamReader<u8> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            assert!(writer.write_all(vec![1, 2]).await.is_empty());
        });
        reader
    }

    async fn post_return_lazy() -> StreamReader<u8> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            assert!(writer.write(vec![42]).await.is_empty());
        });
        reader
    }

    async fn wait_shared() -> u32 {
        std::future::poll_fn(|cx| match SHARED.with(Cell::take) {
            Some(value) => Poll::Ready(value),
            None => {
                SHARED_WAKER.with(|w| *w.borrow_mut() = Some(cx.waker().clone()));
                Poll::Pending
            }
        })
        .await
    }

    async fn resolve_shared(value: u32) {
        assert!(SHARED.with(|s| s.replace(Some(value))).is_none());
        if let Some(waker) = SHARED_WAKER.with(|w| w.borrow_mut().take()) {
            waker.wake();
        }
    }

    async fn wait_cancelled() {
        let _guard = CancellationGuard;
        std::future::pending::<()>().await;
    }

    async fn wait_cancellation_observed() {
        std::future::poll_fn(|cx| {
            if CANCELLATION_OBSERVED.with(Cell::get) {
                Poll::Ready(())
            } else {
                CANCELLATION_WAKER.with(|w| *w.borrow_mut() = Some(cx.waker().clone()));
                Poll::Pending
            }
        })
        .await
    }

    fn cancellation_observed() -> bool {
        CANCELLATION_OBSERVED.with(Cell::get)
    }
}

bindings::export!(Component with_types_in bindings);
