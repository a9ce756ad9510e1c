// Callee: reads the future it is given, or drops it unread.
use bindings::exports::my::test::i::Guest;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    async fn read_future(x: FutureReader<()>) {
        x.read().await
    }

    async fn drop_future(x: FutureReader<()>) {
        drop(x);
    }
}

bindings::export!(Component with_types_in bindings);
