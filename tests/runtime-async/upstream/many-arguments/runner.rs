// Many arguments (runner side): sixteen u64 parameters, the most the canonical ABI passes as flat
// core parameters. Called with 1..=16 and again with values that use both halves and the top bit
// of the 64; the test component checks each one in its place.
use bindings::test::many_arguments::to_test::many_arguments;

struct Runner;

/// The second set: top bit, the index in the high half and in the low half.
fn wide(i: u64) -> u64 {
    (1 << 63) | (i << 40) | 0xdead_0000 | i
}

impl bindings::Guest for Runner {
    fn run() {
        many_arguments(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        many_arguments(
            wide(1),
            wide(2),
            wide(3),
            wide(4),
            wide(5),
            wide(6),
            wide(7),
            wide(8),
            wide(9),
            wide(10),
            wide(11),
            wide(12),
            wide(13),
            wide(14),
            wide(15),
            wide(16),
        );
    }
}

bindings::export!(Runner with_types_in bindings);
