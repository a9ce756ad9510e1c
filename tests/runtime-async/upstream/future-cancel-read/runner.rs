// Runner: passes futures to callees that cancel their reads: before the read started, while it
// waits for a value (after either, the reader is gone: a later write is refused), and after the
// value arrived (the write is taken: the read had it before it was cancelled).
mod join;

use bindings::my::test::i::{cancel_after_read, cancel_before_read, start_read_then_cancel};
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        // Cancelled before reading: the callee dropped the reader, the write is refused.
        let (writer, reader) = wit_future::new(|| unreachable!());
        cancel_before_read(reader).await;
        assert_eq!(writer.write(1).await, Err(1), "the reader is still alive");

        // Cancelled while waiting (nothing written yet): not delivered, and the reader is gone.
        let (writer, reader) = wit_future::new(|| unreachable!());
        cancel_after_read(reader).await;
        assert_eq!(writer.write(2).await, Err(2), "the reader is still alive");

        // The callee's read waits; once `signal` is written, 4 is written (taken by the waiting
        // read at once); then the callee cancels its read, which already has the value.
        let (data_writer, data) = wit_future::new(|| unreachable!());
        let (signal_writer, signal) = wit_future::new(|| unreachable!());
        let ((), ()) = join::join2(start_read_then_cancel(data, signal), async {
            assert_eq!(signal_writer.write(()).await, Ok(()));
            assert_eq!(data_writer.write(4).await, Ok(()), "the waiting read took 4");
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
