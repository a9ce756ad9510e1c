// Nested-future-stream (runner side): passes a future of a future of a stream and a stream of
// futures through the test component's relays (and drops a relay's output to see the
// rejection reach the innermost stream), reads streams the callee writes after returning (one
// from two writes in flight at once), wakes one callee task from another, and cancels a callee
// task that another call then sees cancelled.
mod join;

use std::future::Future;
use std::task::Poll;

use bindings::test::moonbit_nested_future_stream::nested;
use bindings::{wit_future, wit_stream};
use join::join2;
use witbind_rt::{FutureReader, StreamReader};

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        transfers_nested_endpoints().await;
        rejects_nested_endpoints().await;
        transfers_stream_of_futures().await;
        serializes_concurrent_stream_writes().await;
        wakes_a_different_component_task().await;
        materializes_a_lazy_stream_after_return().await;
        cancels_a_component_task().await;
    }
}

async fn transfers_nested_endpoints() {
    let (mut stream_writer, stream_reader) = wit_stream::new::<u8>();
    let (inner_writer, inner_reader) = wit_future::new::<StreamReader<u8>>(|| unreachable!());
    let (outer_writer, outer_reader) =
        wit_future::new::<FutureReader<StreamReader<u8>>>(|| unreachable!());
    let output = nested::relay(outer_reader).await;
    let send = async {
        outer_writer.write(inner_reader).await.unwrap();
        inner_writer.write(stream_reader).await.unwrap();
        assert!(stream_writer.write(vec![1, 2, 3]).await.is_empty());
        drop(stream_writer);
    };
    let receive = async {
        let stream = output.read().await.read().await;
        assert_eq!(stream.collect().await, [1, 2, 3]);
    };
    join2(send, receive).await;
}

async fn rejects_nested_endpoints() {
    let (mut stream_writer, stream_reader) = wit_stream::new::<u8>();
    let (inner_writer, inner_reader) = wit_future::new::<StreamReader<u8>>(|| unreachable!());
    let (outer_writer, outer_reader) =
        wit_future::new::<FutureReader<StreamReader<u8>>>(|| unreachable!());
    drop(nested::relay(outer_reader).await);
    outer_writer.write(inner_reader).await.unwrap();
    // The relay may stop at the rejected inner endpoint: then the stream comes back here.
    if let Err(stream_reader) = inner_writer.write(stream_reader).await {
        drop(stream_reader);
    }
    let not_taken = stream_writer.write(vec![9]).await;
    if not_taken.is_empty() {
        assert_eq!(stream_writer.write(vec![10]).await, [10]);
    } else {
        assert_eq!(not_taken, [9]);
    }
}

async fn transfers_stream_of_futures() {
    let (mut input_writer, input) = wit_stream::new::<FutureReader<u8>>();
    let (value_writer1, value_reader1) = wit_future::new::<u8>(|| unreachable!());
    let (value_writer2, value_reader2) = wit_future::new::<u8>(|| unreachable!());
    let mut output = nested::relay_stream(input).await;
    let send = async {
        assert!(input_writer.write(vec![value_reader1]).await.is_empty());
        value_writer1.write(11).await.unwrap();
        assert!(input_writer.write(vec![value_reader2]).await.is_empty());
        value_writer2.write(22).await.unwrap();
        drop(input_writer);
    };
    let receive = async {
        for expected in [11, 22] {
            let values = output.read(1).await.expect("the relay ended early");
            assert_eq!(values.len(), 1);
            assert_eq!(values.into_iter().next().unwrap().read().await, expected);
        }
        assert!(output.read(1).await.is_none());
    };
    join2(send, receive).await;
}

async fn serializes_concurrent_stream_writes() {
    let mut stream = nested::concurrent_writes().await;
    for _ in 0..4 {
        witbind_rt::yield_now().await;
    }
    let mut values = Vec::new();
    for _ in 0..2 {
        let items = stream.read(1).await.expect("the stream ended early");
        assert_eq!(items.len(), 1);
        values.extend(items);
    }
    values.sort();
    assert_eq!(values, [1, 2]);
    assert!(stream.read(1).await.is_none());
}

async fn wakes_a_different_component_task() {
    let (value, ()) = join2(nested::wait_shared(), nested::resolve_shared(42)).await;
    assert_eq!(value, 42);
}

async fn materializes_a_lazy_stream_after_return() {
    let stream = nested::post_return_lazy().await;
    assert_eq!(stream.collect().await, [42]);
}

async fn cancels_a_component_task() {
    let mut call = Box::pin(nested::wait_cancelled());
    let polled = std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
    assert!(polled.is_pending());
    assert!(!nested::cancellation_observed());
    drop(call);
    nested::wait_cancellation_observed().await;
    assert!(nested::cancellation_observed());
}

bindings::export!(Runner with_types_in bindings);
