//@ wasmtime-flags = "-W component-model-error-context"
// Checks that error contexts carry their debug messages across the boundary both ways.
use bindings::test::errors::api;
use witbind_rt::ErrorContext;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let err = api::fail("disk full").expect_err("fail fails");
        assert_eq!(err.debug_message(), "disk full");

        let mine = ErrorContext::new("mine ☃");
        assert_eq!(api::describe(mine), "got: mine ☃");

        let result = api::later_failure("late").await.read().await;
        assert_eq!(result.expect_err("an error").debug_message(), "late");
    }
}

bindings::export!(Runner with_types_in bindings);
