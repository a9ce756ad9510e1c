// Nested-future-stream (runner side): sends bytes through the test component's relay of a
// future<future<stream<u8>>> (and once drops the relay's output, expecting the refusal to reach
// the byte stream), values through its relay of a stream<future<u8>>, reads streams written
// after the callee returned, and makes two pairs of callee calls meet: one hands a value to
// another, and a cancelled call is then seen cancelled by another.
mod join;

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use bindings::test::moonbit_nested_future_stream::nested;
use bindings::{wit_future, wit_stream};
use join::join2;
use witbind_rt::{FutureReader, FutureWriter, StreamReader, StreamWriter};

type Top = FutureReader<FutureReader<StreamReader<u8>>>;

/// What the caller still has to hand over after passing a chain's top reader on.
struct Chain {
    top: FutureWriter<FutureReader<StreamReader<u8>>>,
    middle: FutureWriter<StreamReader<u8>>,
    middle_reader: FutureReader<StreamReader<u8>>,
    bytes_reader: StreamReader<u8>,
}

/// A fresh future<future<stream<u8>>>: the rest of the chain, its byte writer, its top reader.
fn new_chain() -> (Chain, StreamWriter<u8>, Top) {
    let (bytes, bytes_reader) = wit_stream::new();
    let (middle, middle_reader) = wit_future::new(|| unreachable!("the middle is always written"));
    let (top, top_reader) = wit_future::new(|| unreachable!("the top is always written"));
    (Chain { top, middle, middle_reader, bytes_reader }, bytes, top_reader)
}

impl Chain {
    /// Writes both future levels; false when the byte stream was refused (a relay whose output
    /// is gone may stop there; the refused reader is dropped with the returned value).
    async fn hand_over(self) -> bool {
        let top = self.top.write(self.middle_reader).await;
        assert!(top.is_ok(), "the relay did not read its input's top level");
        self.middle.write(self.bytes_reader).await.is_ok()
    }
}

/// Bytes and future values forwarded by the callee's relays.
async fn relays() {
    // End to end through the nested chain.
    let (chain, mut bytes, top) = new_chain();
    let output = nested::relay(top).await;
    let send = async move {
        assert!(chain.hand_over().await, "the relay refused a byte stream it forwards");
        assert!(bytes.write_all(vec![1, 2, 3]).await.is_empty());
        // `bytes` drops here: the stream ends.
    };
    let receive = async { output.read().await.read().await.collect().await };
    let ((), received) = join2(send, receive).await;
    assert_eq!(received, [1, 2, 3]);

    // The relay's output dropped before anything was sent: the byte stream's reader goes away
    // too, after taking at most the first byte, and every later write is refused.
    let (chain, mut bytes, top) = new_chain();
    drop(nested::relay(top).await);
    let _ = chain.hand_over().await;
    let mut taken = Vec::new();
    for byte in [9u8, 10, 11] {
        let refused = bytes.write(vec![byte]).await;
        assert!(refused.is_empty() || refused == [byte]);
        taken.push(refused.is_empty());
    }
    assert!(
        matches!(taken[..], [false, false, false] | [true, false, false]),
        "writes into a dropped relay were taken: {taken:?}"
    );

    // A stream of futures, each future's value written only after its reader went in.
    const VALUES: [u8; 3] = [11, 22, 255];
    let (mut readers_in, readers_in_reader) = wit_stream::new::<FutureReader<u8>>();
    let mut readers_out = nested::relay_stream(readers_in_reader).await;
    let send = async move {
        for value in VALUES {
            let (writer, reader) = wit_future::new::<u8>(|| unreachable!("always written"));
            assert!(readers_in.write(vec![reader]).await.is_empty());
            writer.write(value).await.expect("the relay reads every future it took");
        }
    };
    let receive = async {
        let mut values = Vec::new();
        while let Some(batch) = readers_out.read(1).await {
            assert_eq!(batch.len(), 1, "asked for one future at a time");
            for reader in batch {
                values.push(reader.read().await);
            }
        }
        values
    };
    let ((), values) = join2(send, receive).await;
    assert_eq!(values, VALUES);
}

/// Streams the callee writes from its own tasks after the call returned.
async fn late_streams() {
    // Two writes in flight at once: give both time to be waiting, then read one byte at a
    // time; they arrive in either order.
    let mut two = nested::concurrent_writes().await;
    for _ in 0..4 {
        witbind_rt::yield_now().await;
    }
    let mut bytes = Vec::new();
    while let Some(batch) = two.read(1).await {
        assert_eq!(batch.len(), 1, "asked for one byte at a time");
        bytes.extend(batch);
    }
    bytes.sort_unstable();
    assert_eq!(bytes, [1, 2]);

    assert_eq!(nested::post_return_lazy().await.collect().await, [42]);
}

/// Callee calls that only meet through the callee's own state.
async fn meeting_calls() {
    // One call waits until another hands it a value (above i32::MAX, to see it stay unsigned).
    const HANDED: u32 = 4_000_000_042;
    let (waited, ()) = join2(nested::wait_shared(), nested::resolve_shared(HANDED)).await;
    assert_eq!(waited, HANDED);

    // A call that never returns is dropped (so cancelled) once it is surely running; a later
    // call waits until the callee has seen the cancellation.
    assert!(!nested::cancellation_observed());
    {
        let mut parked = pin!(nested::wait_cancelled());
        for _ in 0..3 {
            let turn = std::future::poll_fn(|cx| Poll::Ready(parked.as_mut().poll(cx))).await;
            assert!(turn.is_pending(), "wait-cancelled returned");
            witbind_rt::yield_now().await;
        }
        assert!(!nested::cancellation_observed(), "cancelled before it was dropped");
    }
    nested::wait_cancellation_observed().await;
    assert!(nested::cancellation_observed());
}

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        relays().await;
        late_streams().await;
        meeting_calls().await;
    }
}

bindings::export!(Runner with_types_in bindings);
