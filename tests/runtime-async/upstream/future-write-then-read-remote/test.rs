// Callee: `f` reads the future it is given and returns once the value arrived.
use bindings::exports::a::b::the_test::Guest;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    async fn f(future: FutureReader<()>) {
        future.read().await
    }
}

bindings::export!(Component with_types_in bindings);
