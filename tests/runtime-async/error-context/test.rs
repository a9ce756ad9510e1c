// `error-context` values made on one side and read on the other, directly, in results and
// through a future.
mod alloc_probe;

use bindings::exports::test::errors::api::Guest;
use bindings::wit_future;
use witbind_rt::{ErrorContext, FutureReader};

struct Component;

impl Guest for Component {
    fn fail(why: String) -> Result<u32, ErrorContext> {
        Err(ErrorContext::new(&why))
    }

    fn describe(e: ErrorContext) -> String {
        format!("got: {}", e.debug_message())
    }

    async fn later_failure(why: String) -> FutureReader<Result<(), ErrorContext>> {
        wit_future::spawn(async move {
            witbind_rt::yield_now().await;
            Err(ErrorContext::new(&why))
        })
    }
}

impl bindings::exports::test::errors::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
