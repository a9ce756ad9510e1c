// Callee: five async exports that take the numbers 1 to 9 between them, in call order. Each
// argument must be one more than the last number this side saw or gave, and each result is the
// next number; so both the values and the order of the calls are checked.
use std::cell::Cell;

use bindings::exports::a::b::i::Guest;

thread_local! {
    /// The last number received or returned (0 before the first call).
    static LAST: Cell<u32> = const { Cell::new(0) };
}

/// Checks that `arg` is the next number of the count, and counts it.
fn receive(arg: u32, what: &str) {
    let expected = LAST.with(Cell::get) + 1;
    assert_eq!(arg, expected, "{what}: argument out of sequence");
    LAST.with(|last| last.set(arg));
}

/// The next number of the count, as a result.
fn answer() -> u32 {
    LAST.with(|last| {
        last.set(last.get() + 1);
        last.get()
    })
}

struct Callee;

impl Guest for Callee {
    async fn one_argument(x: u32) {
        receive(x, "one-argument");
    }

    async fn one_result() -> u32 {
        answer()
    }

    async fn one_argument_and_result(x: u32) -> u32 {
        receive(x, "one-argument-and-result");
        answer()
    }

    async fn two_arguments(x: u32, y: u32) {
        receive(x, "two-arguments, x");
        receive(y, "two-arguments, y");
    }

    async fn two_arguments_and_result(x: u32, y: u32) -> u32 {
        receive(x, "two-arguments-and-result, x");
        receive(y, "two-arguments-and-result, y");
        answer()
    }
}

bindings::export!(Callee with_types_in bindings);
