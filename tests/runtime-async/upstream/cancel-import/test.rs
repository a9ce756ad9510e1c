// Callee: `pending-import` waits for the future it is given (a cancelled call drops its read and
// the reader with it); `backpressure-set` turns backpressure on or off, holding new calls in
// STARTING.
use bindings::exports::my::test::i::Guest;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    async fn pending_import(x: FutureReader<()>) {
        x.read().await
    }

    fn backpressure_set(x: bool) {
        if x {
            witbind_rt::backpressure_inc();
        } else {
            witbind_rt::backpressure_dec();
        }
    }
}

bindings::export!(Component with_types_in bindings);
