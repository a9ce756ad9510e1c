// Runner: `ping` gets a future and a string and returns a future of their concatenation, which a
// background task of the callee writes; `pong` returns the value of the future it gets. The
// futures are written while the calls are in flight.
mod join;

use bindings::my::test::i::{ping, pong};
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (answer, written) =
            join::join2(ping(reader, "world"), writer.write("hello".to_string())).await;
        assert!(written.is_ok(), "the callee read the future");
        let message = answer.read().await;
        assert_eq!(message, "helloworld");

        let (writer, reader) = wit_future::new(|| unreachable!());
        let (echoed, written) = join::join2(pong(reader), writer.write(message)).await;
        assert!(written.is_ok(), "the callee read the future");
        assert_eq!(echoed, "helloworld");
    }
}

bindings::export!(Runner with_types_in bindings);
