// Runner: calls the middle component, which completes only once its busy loop has seen the
// leaf's return event.
struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        bindings::test::common::i_runner::f().await;
    }
}

bindings::export!(Runner with_types_in bindings);
