// Runner: hands the callee a payload-less future and writes it while the callee reads it (the
// write is taken), then while the callee drops it unread (the write comes back).
mod join;

use bindings::my::test::i::{drop_future, read_future};
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        // A default is never needed: both writes end (taken or refused).
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), read_future(reader)).await;
        assert_eq!(written, Ok(()), "the callee read the value");

        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), drop_future(reader)).await;
        assert_eq!(written, Err(()), "the callee dropped the reader unread");
    }
}

bindings::export!(Runner with_types_in bindings);
