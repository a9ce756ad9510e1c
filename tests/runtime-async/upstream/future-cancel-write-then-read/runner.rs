// Runner: makes a write of 4 to a future and drops it before it ran, so the writer goes with it
// unwritten and its default (0) is written instead; the callee's `f` reads the future and checks
// it got 0 (upstream's check). Also with the write dropped after it started (cancelled while
// waiting for a reader, so 4 was not delivered), and, for contrast, a write of 0 the callee
// reads.
mod join;
mod poll;

use bindings::a::b::the_test::f;
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        // Upstream's round: the write never ran.
        let (writer, reader) = wit_future::new(|| 0);
        drop(writer.write(4));
        f(reader).await;

        // The write started (nobody reads yet: it waits) and is cancelled: 4 was not taken.
        let (writer, reader) = wit_future::new(|| 0);
        assert_eq!(
            poll::poll_a_few(writer.write(4), 3).await,
            None,
            "a write with no reader yet finished"
        );
        f(reader).await;

        // A write not cancelled: taken by the callee's read.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(0), f(reader)).await;
        assert_eq!(written, Ok(()));
    }
}

bindings::export!(Runner with_types_in bindings);
