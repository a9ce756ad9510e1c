// Numbers (test side): returns what it is given, or what it saw (widened, as bits, as text), so
// the runner can tell a value that arrived intact from one that was merely undone on the way back.
mod alloc_probe;

use bindings::exports::test::numbers::api::{Guest, Ints, Mixed};

struct Component;

impl Guest for Component {
    fn roundtrip_u8(a: u8) -> u8 {
        a
    }
    fn roundtrip_s8(a: i8) -> i8 {
        a
    }
    fn roundtrip_u16(a: u16) -> u16 {
        a
    }
    fn roundtrip_s16(a: i16) -> i16 {
        a
    }
    fn roundtrip_u32(a: u32) -> u32 {
        a
    }
    fn roundtrip_s32(a: i32) -> i32 {
        a
    }
    fn roundtrip_u64(a: u64) -> u64 {
        a
    }
    fn roundtrip_s64(a: i64) -> i64 {
        a
    }
    fn roundtrip_f32(a: f32) -> f32 {
        a
    }
    fn roundtrip_f64(a: f64) -> f64 {
        a
    }
    fn roundtrip_bool(a: bool) -> bool {
        a
    }

    fn u8_to_u64(a: u8) -> u64 {
        u64::from(a)
    }
    fn s8_to_s64(a: i8) -> i64 {
        i64::from(a)
    }
    fn u16_to_u64(a: u16) -> u64 {
        u64::from(a)
    }
    fn s16_to_s64(a: i16) -> i64 {
        i64::from(a)
    }
    fn u32_to_u64(a: u32) -> u64 {
        u64::from(a)
    }
    fn s32_to_s64(a: i32) -> i64 {
        i64::from(a)
    }
    fn u64_to_string(a: u64) -> String {
        a.to_string()
    }
    fn s64_to_string(a: i64) -> String {
        a.to_string()
    }
    fn bool_to_u8(a: bool) -> u8 {
        u8::from(a)
    }

    fn f32_to_bits(a: f32) -> u32 {
        a.to_bits()
    }
    fn f32_from_bits(bits: u32) -> f32 {
        f32::from_bits(bits)
    }
    fn f64_to_bits(a: f64) -> u64 {
        a.to_bits()
    }
    fn f64_from_bits(bits: u64) -> f64 {
        f64::from_bits(bits)
    }

    fn min_ints() -> Ints {
        Ints {
            a: u8::MIN,
            b: i8::MIN,
            c: u16::MIN,
            d: i16::MIN,
            e: u32::MIN,
            f: i32::MIN,
            g: u64::MIN,
            h: i64::MIN,
        }
    }
    fn max_ints() -> Ints {
        Ints {
            a: u8::MAX,
            b: i8::MAX,
            c: u16::MAX,
            d: i16::MAX,
            e: u32::MAX,
            f: i32::MAX,
            g: u64::MAX,
            h: i64::MAX,
        }
    }
    fn roundtrip_ints(x: Ints) -> Ints {
        x
    }

    fn gather(
        a: u8,
        b: f64,
        c: i16,
        d: u64,
        e: bool,
        f: f32,
        g: i8,
        h: i64,
        i: u16,
        j: u32,
        k: i32,
    ) -> Mixed {
        Mixed {
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            j,
            k,
        }
    }
    fn roundtrip_mixed(x: Mixed) -> Mixed {
        x
    }
}

impl bindings::exports::test::numbers::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
