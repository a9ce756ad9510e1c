// Local-async-primitives (runner side): calls the export three times; each call is a new task
// of the test component, which checks its promises and cancellations and answers whether all
// held.
struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        for _ in 0..3 {
            assert!(bindings::test::moonbit_local_async_primitives::operations::exercise().await);
        }
    }
}

bindings::export!(Runner with_types_in bindings);
