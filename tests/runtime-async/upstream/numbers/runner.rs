// Numbers (runner side): every scalar type at its limits through a round trip (floats bit for
// bit, NaN by is_nan; chars at the edges of the surrogate gap), then state kept by the test
// component between calls (set-scalar / get-scalar).
use bindings::test::numbers::numbers::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        integers();
        floats();
        chars();
        scalar();
    }
}

fn integers() {
    for x in [u8::MIN, 1, 0x7f, 0x80, u8::MAX] {
        assert_eq!(roundtrip_u8(x), x);
    }
    for x in [i8::MIN, -1, 0, 1, i8::MAX] {
        assert_eq!(roundtrip_s8(x), x);
    }
    for x in [u16::MIN, 1, 0x7fff, 0x8000, u16::MAX] {
        assert_eq!(roundtrip_u16(x), x);
    }
    for x in [i16::MIN, -1, 0, 1, i16::MAX] {
        assert_eq!(roundtrip_s16(x), x);
    }
    for x in [u32::MIN, 1, 0x7fff_ffff, 0x8000_0000, u32::MAX] {
        assert_eq!(roundtrip_u32(x), x);
    }
    for x in [i32::MIN, -1, 0, 1, i32::MAX] {
        assert_eq!(roundtrip_s32(x), x);
    }
    for x in [u64::MIN, 1, 0xffff_ffff, 0x1_0000_0000, 1 << 63, u64::MAX] {
        assert_eq!(roundtrip_u64(x), x);
    }
    for x in [i64::MIN, -0x1_0000_0000, -1, 0, 1, 0xffff_ffff, i64::MAX] {
        assert_eq!(roundtrip_s64(x), x);
    }
}

fn floats() {
    for x in [
        1.0f32,
        0.0,
        -0.0,
        -42.5,
        f32::MIN,
        f32::MAX,
        f32::MIN_POSITIVE,
        f32::from_bits(1),
        f32::INFINITY,
        f32::NEG_INFINITY,
    ] {
        assert_eq!(roundtrip_f32(x).to_bits(), x.to_bits(), "f32 {x}");
    }
    assert!(roundtrip_f32(f32::NAN).is_nan());

    for x in [
        1.0f64,
        0.0,
        -0.0,
        -42.5,
        f64::MIN,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::from_bits(1),
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        assert_eq!(roundtrip_f64(x).to_bits(), x.to_bits(), "f64 {x}");
    }
    assert!(roundtrip_f64(f64::NAN).is_nan());
}

fn chars() {
    for c in [
        'a',
        ' ',
        '🚩',
        '\0',
        '\u{7f}',
        'é',
        '\u{d7ff}',
        '\u{e000}',
        '\u{fffd}',
        '\u{10000}',
        char::MAX,
    ] {
        assert_eq!(roundtrip_char(c), c);
    }
}

fn scalar() {
    set_scalar(2);
    assert_eq!(get_scalar(), 2);
    set_scalar(4);
    assert_eq!(get_scalar(), 4);
    // Reading does not change it.
    assert_eq!(get_scalar(), 4);
    set_scalar(u32::MAX);
    assert_eq!(get_scalar(), u32::MAX);
    set_scalar(0);
    assert_eq!(get_scalar(), 0);
}

bindings::export!(Runner with_types_in bindings);
