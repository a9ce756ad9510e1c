// Fixed-length lists (test side): the three parameter-only exports check every element of the
// array they receive against the pattern the runner sends (counting up, pairs, alternating
// signs); `list-result` spells a fixed byte array, and the round trips hand their arrays back.
use bindings::exports::test::fixed_length_lists::to_test::{Guest, Nested};

/// 1, 2, 3, ... in order.
fn counting<const N: usize>() -> [u32; N] {
    std::array::from_fn(|i| i as u32 + 1)
}

/// -1, 2, -3, 4, ...: odd magnitudes negative.
fn alternating<const N: usize>() -> [i32; N] {
    std::array::from_fn(|i| if i % 2 == 0 { -(i as i32 + 1) } else { i as i32 + 1 })
}

struct Exports;

impl Guest for Exports {
    fn list_param(a: [u32; 4]) {
        assert_eq!(a, counting::<4>(), "list-param");
    }

    fn list_param2(a: [[u32; 2]; 2]) {
        assert_eq!(a.as_flattened(), counting::<4>(), "list-param2, row by row");
    }

    fn list_param3(a: [i32; 20]) {
        assert_eq!(a, alternating::<20>(), "list-param3 (spilled to memory)");
    }

    fn list_result() -> [u8; 8] {
        // Digits, upper and lower case letters, then the two bytes with the top bit set.
        let mut bytes = [0u8; 8];
        bytes[..6].copy_from_slice(b"01ABab");
        bytes[6..].copy_from_slice(&[0x80, 0xff]);
        bytes
    }

    fn list_roundtrip(a: [u8; 12]) -> [u8; 12] {
        a
    }

    fn list_minmax16(a: [u16; 4], b: [i16; 4]) -> ([u16; 4], [i16; 4]) {
        (a, b)
    }

    fn list_minmax_float(a: [f32; 2], b: [f64; 2]) -> ([f32; 2], [f64; 2]) {
        (a, b)
    }

    fn nested_roundtrip(a: [[u32; 2]; 2], b: [[i32; 2]; 2]) -> ([[u32; 2]; 2], [[i32; 2]; 2]) {
        (a, b)
    }

    fn large_roundtrip(a: [[u32; 2]; 2], b: [[i32; 4]; 4]) -> ([[u32; 2]; 2], [[i32; 4]; 4]) {
        (a, b)
    }

    fn nightmare_on_cpp(a: [Nested; 2]) -> [Nested; 2] {
        a
    }
}

bindings::export!(Exports with_types_in bindings);
