// Records (test side): a fixed (u8, u16) pair, a tuple with its fields swapped, and echoes of
// flags, a record holding flags and a one-element tuple. Flags are rebuilt from their bits after
// checking that no bit beyond the declared members arrived.
use bindings::exports::test::records::to_test::{Flag16, Flag32, Flag8, Guest, F1, F2, R1};

/// Rebuilds flags from their bits, refusing bits that name no member.
macro_rules! rebuilt {
    ($flags:expr, $ty:ty) => {{
        let bits = $flags.bits();
        assert_eq!(bits & !<$ty>::all().bits(), 0, "undeclared {} bits", stringify!($ty));
        <$ty>::from_bits_retain(bits)
    }};
}

struct Exports;

impl Guest for Exports {
    fn multiple_results() -> (u8, u16) {
        let small: u8 = 4;
        (small, u16::from(small) + 1)
    }

    fn swap_tuple((narrow, wide): (u8, u32)) -> (u32, u8) {
        (wide, narrow)
    }

    fn roundtrip_flags1(a: F1) -> F1 {
        rebuilt!(a, F1)
    }

    fn roundtrip_flags2(a: F2) -> F2 {
        rebuilt!(a, F2)
    }

    fn roundtrip_flags3(a: Flag8, b: Flag16, c: Flag32) -> (Flag8, Flag16, Flag32) {
        (rebuilt!(a, Flag8), rebuilt!(b, Flag16), rebuilt!(c, Flag32))
    }

    fn roundtrip_record1(a: R1) -> R1 {
        R1 {
            b: rebuilt!(a.b, F1),
            ..a
        }
    }

    fn tuple1((only,): (u8,)) -> (u8,) {
        (only,)
    }
}

bindings::export!(Exports with_types_in bindings);
