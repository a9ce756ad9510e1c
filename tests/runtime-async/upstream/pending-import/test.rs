// Callee: waits for the future it is given, then returns.
use witbind_rt::FutureReader;

struct Component;

impl bindings::exports::my::test::i::Guest for Component {
    async fn pending_import(x: FutureReader<()>) {
        x.read().await
    }
}

bindings::export!(Component with_types_in bindings);
