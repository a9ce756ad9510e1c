// Callee: `f` reads the future it is given and checks it got 0 (the caller's default: its write
// of 4 was cancelled).
use bindings::exports::a::b::the_test::Guest;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    async fn f(future: FutureReader<u8>) {
        assert_eq!(future.read().await, 0, "a cancelled write was delivered");
    }
}

bindings::export!(Component with_types_in bindings);
