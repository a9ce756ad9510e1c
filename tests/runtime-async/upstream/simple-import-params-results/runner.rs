// Runner: calls async imports with zero, one and two arguments and zero or one result, checking
// each result (the callee checks each argument).
use bindings::a::b::i::*;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        one_argument(1).await;
        assert_eq!(one_result().await, 2);
        assert_eq!(one_argument_and_result(3).await, 4);
        two_arguments(5, 6).await;
        assert_eq!(two_arguments_and_result(7, 8).await, 9);
    }
}

bindings::export!(Runner with_types_in bindings);
