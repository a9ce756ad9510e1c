// Callee: yields to the host asynchronously (letting its task's other work run), then with a
// blocking yield, which reports that the task was not cancelled.
struct Component;

impl bindings::exports::a::b::i::Guest for Component {
    async fn f() {
        witbind_rt::yield_now().await;
        assert!(witbind_rt::yield_blocking(), "the task was not cancelled");
    }
}

bindings::export!(Component with_types_in bindings);
