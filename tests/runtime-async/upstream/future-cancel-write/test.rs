// Callee: `take-then-drop` drops the reader it is given; `read-and-drop` reads it (the runners
// write "hello3") and drops the value; `read-value` reads it and returns the value.
use bindings::exports::my::test::i::Guest;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    fn take_then_drop(x: FutureReader<String>) {
        drop(x)
    }

    async fn read_and_drop(x: FutureReader<String>) {
        assert_eq!(x.read().await, "hello3");
    }

    async fn read_value(x: FutureReader<String>) -> String {
        x.read().await
    }
}

bindings::export!(Component with_types_in bindings);
