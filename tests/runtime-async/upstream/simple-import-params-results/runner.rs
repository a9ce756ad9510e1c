// Runner: calls the five async imports (zero, one or two arguments; no result or one) in turn.
// Every argument passed and every result expected is the next number of one count, 1 to 9, so
// a value landing in the wrong place or a call answering out of turn shows.
use bindings::a::b::i::*;

/// Hands out 1, 2, 3, ... in call order.
struct Count(u32);

impl Count {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let mut count = Count(0);

        one_argument(count.next()).await;

        let want = count.next();
        assert_eq!(one_result().await, want, "one-result");

        let x = count.next();
        let want = count.next();
        assert_eq!(one_argument_and_result(x).await, want, "one-argument-and-result");

        let (x, y) = (count.next(), count.next());
        two_arguments(x, y).await;

        let (x, y) = (count.next(), count.next());
        let want = count.next();
        assert_eq!(two_arguments_and_result(x, y).await, want, "two-arguments-and-result");

        assert_eq!(count.0, 9, "numbers used");
    }
}

bindings::export!(Runner with_types_in bindings);
