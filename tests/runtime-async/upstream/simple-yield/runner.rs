// Runner: calls an async import whose callee yields, once asynchronously and once blocking.
struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        bindings::a::b::i::f().await;
    }
}

bindings::export!(Runner with_types_in bindings);
