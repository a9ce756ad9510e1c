// Callee: reads the stream it is given through its `Stream` implementation, one item at a time:
// 10, 20, 30, then the end.
use std::pin::Pin;

use bindings::exports::my::test::i::Guest;
use witbind_rt::futures_core::Stream;
use witbind_rt::StreamReader;

struct Component;

/// The stream's next item (`None` at its end).
async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

impl Guest for Component {
    async fn read_stream(mut x: StreamReader<u8>) {
        assert_eq!(next(&mut x).await, Some(10));
        assert_eq!(next(&mut x).await, Some(20));
        assert_eq!(next(&mut x).await, Some(30));
        assert_eq!(next(&mut x).await, None, "the stream did not end");
        // Polled again after its end, it stays ended.
        assert_eq!(next(&mut x).await, None);
    }
}

bindings::export!(Component with_types_in bindings);
