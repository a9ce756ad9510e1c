// Many arguments (test side): checks that the sixteen u64 parameters arrived in order, either all
// equal to their position (1..=16) or all equal to `wide(position)`.
use bindings::exports::test::many_arguments::to_test::Guest;

struct Component;

fn wide(i: u64) -> u64 {
    (1 << 63) | (i << 40) | 0xdead_0000 | i
}

impl Guest for Component {
    fn many_arguments(
        a1: u64,
        a2: u64,
        a3: u64,
        a4: u64,
        a5: u64,
        a6: u64,
        a7: u64,
        a8: u64,
        a9: u64,
        a10: u64,
        a11: u64,
        a12: u64,
        a13: u64,
        a14: u64,
        a15: u64,
        a16: u64,
    ) {
        let got = [
            a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16,
        ];
        let expected: Vec<u64> = if a1 == 1 {
            (1..=16).collect()
        } else {
            (1..=16).map(wide).collect()
        };
        assert_eq!(got.to_vec(), expected);
    }
}

bindings::export!(Component with_types_in bindings);
