// Callee: an async export that yields to the host ten times before returning.
struct Component;

impl bindings::exports::a::b::i::Guest for Component {
    async fn f() {
        for _ in 0..10 {
            witbind_rt::yield_now().await;
        }
    }
}

bindings::export!(Component with_types_in bindings);
