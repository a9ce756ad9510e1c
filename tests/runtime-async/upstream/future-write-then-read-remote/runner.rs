// Runner: from a synchronous `run`, with `block_on`, starts writing a future and, while the write
// waits, passes its reader to the callee's async `f`, which reads it in the other component: the
// write is taken and the call returns.
mod join;

use bindings::a::b::the_test::f;
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let written = witbind_rt::block_on(async {
            let (writer, reader) = wit_future::new(|| unreachable!());
            // The write is polled first: it waits (nobody reads yet) until the callee reads.
            let (written, ()) = join::join2(writer.write(()), f(reader)).await;
            written
        });
        assert_eq!(written, Ok(()), "the callee's read took the value");
    }
}

bindings::export!(Runner with_types_in bindings);
