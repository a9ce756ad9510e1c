// Makes and reads nested endpoints; background tasks write the outer and inner ends separately.
mod alloc_probe;

use std::cell::Cell;

use bindings::exports::test::nested_endpoints::api::Guest;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static BUSY: Cell<u32> = const { Cell::new(0) };
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
    async fn nested_future(v: u32) -> FutureReader<FutureReader<u32>> {
        let (outer_writer, outer_reader) = wit_future::new(|| wit_future::new(|| 0u32).1);
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            let (inner_writer, inner_reader) = wit_future::new(|| 0u32);
            // The inner reader moves to the caller inside the outer value.
            if outer_writer.write(inner_reader).await.is_err() {
                panic!("the caller dropped the outer future");
            }
            witbind_rt::yield_now().await;
            inner_writer.write(v).await.expect("the caller reads the inner future");
        });
        outer_reader
    }

    async fn read_nested(f: FutureReader<FutureReader<u32>>) -> u32 {
        let inner = f.read().await;
        inner.read().await
    }

    async fn future_of_stream(n: u32) -> FutureReader<StreamReader<u8>> {
        let (outer_writer, outer_reader) = wit_future::new(|| wit_stream::new::<u8>().1);
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            let (mut bytes, stream) = wit_stream::new();
            if outer_writer.write(stream).await.is_err() {
                panic!("the caller dropped the outer future");
            }
            let all: Vec<u8> = (0..n).map(|i| i as u8).collect();
            for chunk in all.chunks(3) {
                assert!(bytes.write_all(chunk.to_vec()).await.is_empty(), "the reader left");
            }
        });
        outer_reader
    }

    async fn read_future_of_stream(f: FutureReader<StreamReader<u8>>) -> Vec<u8> {
        f.read().await.collect().await
    }

    async fn stream_of_futures(n: u32) -> StreamReader<FutureReader<u32>> {
        let (mut writer, reader) = wit_stream::new();
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            let mut writers = Vec::new();
            let mut readers = Vec::new();
            for _ in 0..n {
                let (w, r) = wit_future::new(|| 0u32);
                writers.push(w);
                readers.push(r);
            }
            assert!(writer.write_all(readers).await.is_empty(), "the reader left");
            drop(writer);
            // Each written by a task of its own (a write waits for its reader, and the caller
            // reads them in order), started in reverse order.
            for (i, w) in writers.into_iter().enumerate().rev() {
                let busy = Busy::start();
                witbind_rt::spawn(async move {
                    let _busy = busy;
                    w.write(i as u32 * 100).await.expect("the caller reads every future");
                });
            }
        });
        reader
    }

    async fn read_stream_of_futures(s: StreamReader<FutureReader<u32>>) -> Vec<u32> {
        let futures = s.collect().await;
        let mut values = Vec::new();
        for f in futures {
            values.push(f.read().await);
        }
        values
    }

    async fn drop_outer(f: FutureReader<FutureReader<u32>>) {
        drop(f);
    }

    async fn take_futures(mut s: StreamReader<FutureReader<u32>>, max: u32) -> Vec<u32> {
        let futures = s.read(max as usize).await.unwrap_or_default();
        drop(s);
        let mut values = Vec::new();
        for f in futures {
            values.push(f.read().await);
        }
        values
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::nested_endpoints::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
