// Runner: the future of an async import call with a lowered string argument is `Send` (checked
// at compile time), and the callee gets the string.
use bindings::a::b::i::one_argument;

/// Accepts only `Send` values.
fn require_send<T: Send>(t: T) -> T {
    t
}

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        require_send(async {
            one_argument("hello").await;
        })
        .await;
        // The call's future alone, too.
        require_send(one_argument("hello")).await;
    }
}

bindings::export!(Runner with_types_in bindings);
