// Callee: an async export that returns without waiting.
struct Component;

impl bindings::exports::a::b::i::Guest for Component {
    async fn f() {}
}

bindings::export!(Component with_types_in bindings);
