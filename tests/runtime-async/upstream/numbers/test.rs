// Numbers (test side): hands every scalar back rebuilt from its bytes (floats from their bit
// patterns, so NaN payloads and -0.0 survive; chars through their code point), and remembers the
// last number given to `set-scalar` for `get-scalar`.
use std::cell::Cell;

use bindings::exports::test::numbers::numbers::Guest;

thread_local! {
    /// What `set-scalar` last stored (0 before any call).
    static REMEMBERED: Cell<u32> = const { Cell::new(0) };
}

/// An integer back from its little-endian bytes.
macro_rules! via_bytes {
    ($value:expr, $ty:ty) => {
        <$ty>::from_le_bytes($value.to_le_bytes())
    };
}

struct Numbers;

impl Guest for Numbers {
    fn roundtrip_u8(a: u8) -> u8 {
        via_bytes!(a, u8)
    }
    fn roundtrip_s8(a: i8) -> i8 {
        via_bytes!(a, i8)
    }
    fn roundtrip_u16(a: u16) -> u16 {
        via_bytes!(a, u16)
    }
    fn roundtrip_s16(a: i16) -> i16 {
        via_bytes!(a, i16)
    }
    fn roundtrip_u32(a: u32) -> u32 {
        via_bytes!(a, u32)
    }
    fn roundtrip_s32(a: i32) -> i32 {
        via_bytes!(a, i32)
    }
    fn roundtrip_u64(a: u64) -> u64 {
        via_bytes!(a, u64)
    }
    fn roundtrip_s64(a: i64) -> i64 {
        via_bytes!(a, i64)
    }
    fn roundtrip_f32(a: f32) -> f32 {
        f32::from_bits(a.to_bits())
    }
    fn roundtrip_f64(a: f64) -> f64 {
        f64::from_bits(a.to_bits())
    }
    fn roundtrip_char(a: char) -> char {
        char::from_u32(u32::from(a)).expect("a char arrived that is no Unicode scalar value")
    }

    fn set_scalar(a: u32) {
        REMEMBERED.with(|slot| slot.set(a));
    }
    fn get_scalar() -> u32 {
        REMEMBERED.with(Cell::get)
    }
}

bindings::export!(Numbers with_types_in bindings);
