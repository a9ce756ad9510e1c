// Moves endpoints inside endpoints both ways and checks the values that arrive through the inner
// ends, and allocation balance on both sides.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::nested_endpoints::api;
use bindings::test::nested_endpoints::probe::live_allocations;
use bindings::{wit_future, wit_stream};

struct Runner;

/// Runs `f`, waits (through an async import, so this task keeps receiving events) until the
/// background work on both sides is done, then checks both components' allocations balance.
async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    for _ in 0..1000 {
        if api::busy() == 0
            && live_allocations() == test_before
            && alloc_probe::live() == runner_before
        {
            break;
        }
        api::tick().await;
    }
    assert_eq!(api::busy(), 0, "background tasks still running after {what}");
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        api::tick().await;

        balanced("future<future<u32>> from the test component", async {
            let outer = api::nested_future(7).await;
            let inner = outer.read().await;
            assert_eq!(inner.read().await, 7);

            // The inner future read only after the outer writer's task moved on.
            let outer = api::nested_future(u32::MAX).await;
            let inner = outer.read().await;
            api::tick().await;
            assert_eq!(inner.read().await, u32::MAX);
        })
        .await;

        balanced("future<future<u32>> to the test component", async {
            let (inner_writer, inner_reader) = wit_future::new(|| 0u32);
            let (outer_writer, outer_reader) = wit_future::new(move || wit_future::new(|| 1u32).1);
            let send = async move {
                outer_writer.write(inner_reader).await.map_err(|_| ()).expect("the callee reads the outer future");
                inner_writer.write(42).await.expect("the callee reads the inner future");
            };
            let (value, ()) = join::join2(api::read_nested(outer_reader), send).await;
            assert_eq!(value, 42);
        })
        .await;

        balanced("future<stream<u8>> from the test component", async {
            let outer = api::future_of_stream(10).await;
            let stream = outer.read().await;
            assert_eq!(stream.collect().await, (0..10).collect::<Vec<u8>>());

            let outer = api::future_of_stream(0).await;
            let mut stream = outer.read().await;
            assert_eq!(stream.read(5).await, None);
        })
        .await;

        balanced("future<stream<u8>> to the test component", async {
            let (mut byte_writer, byte_reader) = wit_stream::new();
            let (outer_writer, outer_reader) = wit_future::new(|| wit_stream::new::<u8>().1);
            let send = async move {
                outer_writer.write(byte_reader).await.map_err(|_| ()).expect("the callee reads the outer future");
                assert!(byte_writer.write_all(vec![5, 4, 3]).await.is_empty());
                assert!(byte_writer.write_all(vec![2, 1]).await.is_empty());
            };
            let (bytes, ()) = join::join2(api::read_future_of_stream(outer_reader), send).await;
            assert_eq!(bytes, vec![5, 4, 3, 2, 1]);
        })
        .await;

        balanced("stream<future<u32>> from the test component", async {
            let futures = api::stream_of_futures(4).await.collect().await;
            assert_eq!(futures.len(), 4);
            let mut values = Vec::new();
            for f in futures {
                values.push(f.read().await);
            }
            assert_eq!(values, vec![0, 100, 200, 300]);
        })
        .await;

        balanced("stream<future<u32>> to the test component", async {
            let (mut stream_writer, stream_reader) = wit_stream::new();
            let send = async move {
                let mut writers = Vec::new();
                let mut readers = Vec::new();
                for _ in 0..3 {
                    let (w, r) = wit_future::new(|| 0u32);
                    writers.push(w);
                    readers.push(r);
                }
                assert!(stream_writer.write_all(readers).await.is_empty());
                drop(stream_writer);
                for (i, w) in writers.into_iter().enumerate() {
                    w.write(i as u32 + 1).await.expect("the callee reads every future");
                }
            };
            let (values, ()) = join::join2(api::read_stream_of_futures(stream_reader), send).await;
            assert_eq!(values, vec![1, 2, 3]);
        })
        .await;

        balanced("a future<future<u32>> written to a dropped reader", async {
            let (inner_writer, inner_reader) = wit_future::new(|| 0u32);
            let (outer_writer, outer_reader) = wit_future::new(|| wit_future::new(|| 1u32).1);
            api::drop_outer(outer_reader).await;
            // The write fails and gives the inner reader back, still owning its handle.
            let Err(inner_reader) = outer_writer.write(inner_reader).await else {
                panic!("a write to a dropped reader succeeded");
            };
            let (value, written) = join::join2(inner_reader.read(), inner_writer.write(9)).await;
            assert!(written.is_ok());
            assert_eq!(value, 9);
        })
        .await;

        balanced("stream<future<u32>> written in part", async {
            let (mut stream_writer, stream_reader) = wit_stream::new();
            let mut writers = Vec::new();
            let mut readers = Vec::new();
            for _ in 0..3 {
                let (w, r) = wit_future::new(|| 0u32);
                writers.push(w);
                readers.push(r);
            }
            let mut writers = writers.into_iter();
            let first = writers.next().unwrap();
            let send = async {
                let rest = stream_writer.write(readers).await;
                first.write(10).await.expect("the callee reads the future it took");
                rest
            };
            let (values, rest) = join::join2(api::take_futures(stream_reader, 1), send).await;
            assert_eq!(values, vec![10]);
            // The two futures not taken came back, still owning their handles: read them here.
            assert_eq!(rest.len(), 2);
            for (reader, (i, writer)) in rest.into_iter().zip(writers.enumerate()) {
                let (value, written) = join::join2(reader.read(), writer.write(20 + i as u32)).await;
                assert!(written.is_ok());
                assert_eq!(value, 20 + i as u32);
            }
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
