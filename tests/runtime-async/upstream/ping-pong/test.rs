// Callee: `ping` waits for its future, then returns a future that a task spawned on the call
// writes (after the return); `pong` returns what its future holds.
use bindings::exports::my::test::i::Guest;
use bindings::wit_future;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    async fn ping(x: FutureReader<String>, y: String) -> FutureReader<String> {
        let message = x.read().await + &y;
        let (writer, reader) = wit_future::new(|| unreachable!());
        witbind_rt::spawn(async move {
            writer
                .write(message)
                .await
                .expect("the caller reads the answer");
        });
        reader
    }

    async fn pong(x: FutureReader<String>) -> String {
        x.read().await
    }
}

bindings::export!(Component with_types_in bindings);
