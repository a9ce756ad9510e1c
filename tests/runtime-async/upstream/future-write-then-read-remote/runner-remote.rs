// Runner (second variant): as `runner.rs`, but the write is started (polled once, so the copy
// is in flight) before the join that makes the call, as upstream's second runner creates the
// write outside the joined block.
mod join;

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use bindings::a::b::the_test::f;
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let written = witbind_rt::block_on(async {
            let (writer, reader) = wit_future::new(|| unreachable!());
            let mut write = pin!(writer.write(()));
            let started = std::future::poll_fn(|cx| Poll::Ready(write.as_mut().poll(cx))).await;
            assert!(started.is_pending(), "a write with no reader finished");
            let (written, ()) = join::join2(write, f(reader)).await;
            written
        });
        assert_eq!(written, Ok(()), "the callee's read took the value");
    }
}

bindings::export!(Runner with_types_in bindings);
