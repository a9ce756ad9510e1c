// Numbers (runner side): integers at MIN/MAX/0 and around sign boundaries, floats of every class
// (NaN checked with is_nan, -0.0 by its sign bit, infinities, subnormals, extremes), checked after
// a round trip, as the test component saw them (widened / as bits / as text), in records, and as
// eleven mixed parameters that must land in the right fields. Every call leaves both components
// with as many live allocations as before.
mod alloc_probe;

use bindings::test::numbers::api::{self, Ints, Mixed};
use bindings::test::numbers::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        integers();
        floats_f32();
        floats_f64();
        booleans();
        records();
        mixed_parameters();
    }
}

/// Runs `f`, then asserts that the test component (through its probe) and this runner hold
/// exactly as many heap allocations as before. `f` drops everything it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f();
    let runner_after = alloc_probe::live();
    let test_after = live_allocations();
    assert_eq!(
        test_after, test_before,
        "live allocations in the test component"
    );
    assert_eq!(
        runner_after, runner_before,
        "live allocations in the runner"
    );
}

fn integers() {
    for a in [u8::MIN, 1, 0x7f, 0x80, 0xfe, u8::MAX] {
        balanced(|| assert_eq!(api::roundtrip_u8(a), a));
        balanced(|| assert_eq!(api::u8_to_u64(a), u64::from(a)));
    }
    for a in [i8::MIN, -1, 0, 1, i8::MAX] {
        balanced(|| assert_eq!(api::roundtrip_s8(a), a));
        balanced(|| assert_eq!(api::s8_to_s64(a), i64::from(a)));
    }
    for a in [u16::MIN, 1, 0x7fff, 0x8000, u16::MAX] {
        balanced(|| assert_eq!(api::roundtrip_u16(a), a));
        balanced(|| assert_eq!(api::u16_to_u64(a), u64::from(a)));
    }
    for a in [i16::MIN, -1, 0, 1, i16::MAX] {
        balanced(|| assert_eq!(api::roundtrip_s16(a), a));
        balanced(|| assert_eq!(api::s16_to_s64(a), i64::from(a)));
    }
    for a in [u32::MIN, 1, 0x7fff_ffff, 0x8000_0000, u32::MAX] {
        balanced(|| assert_eq!(api::roundtrip_u32(a), a));
        balanced(|| assert_eq!(api::u32_to_u64(a), u64::from(a)));
    }
    for a in [i32::MIN, -1, 0, 1, i32::MAX] {
        balanced(|| assert_eq!(api::roundtrip_s32(a), a));
        balanced(|| assert_eq!(api::s32_to_s64(a), i64::from(a)));
    }
    for a in [
        u64::MIN,
        1,
        0xffff_ffff,
        0x1_0000_0000,
        0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000,
        u64::MAX,
    ] {
        balanced(|| assert_eq!(api::roundtrip_u64(a), a));
        balanced(|| assert_eq!(api::u64_to_string(a), a.to_string()));
    }
    for a in [i64::MIN, -0x1_0000_0000, -1, 0, 1, 0xffff_ffff, i64::MAX] {
        balanced(|| assert_eq!(api::roundtrip_s64(a), a));
        balanced(|| assert_eq!(api::s64_to_string(a), a.to_string()));
    }
    // Spot checks against literal text, in case `to_string` agreed with a wrong value.
    balanced(|| assert_eq!(api::u64_to_string(u64::MAX), "18446744073709551615"));
    balanced(|| assert_eq!(api::s64_to_string(i64::MIN), "-9223372036854775808"));
    balanced(|| assert_eq!(api::u32_to_u64(u32::MAX), 4_294_967_295));
    balanced(|| assert_eq!(api::s32_to_s64(i32::MIN), -2_147_483_648));
    balanced(|| assert_eq!(api::u8_to_u64(u8::MAX), 255));
    balanced(|| assert_eq!(api::s8_to_s64(i8::MIN), -128));
    balanced(|| assert_eq!(api::u16_to_u64(u16::MAX), 65_535));
    balanced(|| assert_eq!(api::s16_to_s64(i16::MIN), -32_768));
}

/// Ordinary and extreme f32 values (no NaN): these must come back bit for bit.
fn exact_f32() -> [f32; 15] {
    [
        0.0,
        -0.0,
        1.0,
        -1.5,
        3.25e7,
        f32::MIN,
        f32::MAX,
        f32::MIN_POSITIVE,
        -f32::MIN_POSITIVE,
        f32::EPSILON,
        f32::from_bits(1),           // smallest subnormal
        f32::from_bits(0x007f_ffff), // largest subnormal
        -f32::from_bits(1),
        f32::INFINITY,
        f32::NEG_INFINITY,
    ]
}

fn exact_f64() -> [f64; 15] {
    [
        0.0,
        -0.0,
        1.0,
        -1.5,
        6.02214076e23,
        f64::MIN,
        f64::MAX,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::EPSILON,
        f64::from_bits(1),                     // smallest subnormal
        f64::from_bits(0x000f_ffff_ffff_ffff), // largest subnormal
        -f64::from_bits(1),
        f64::INFINITY,
        f64::NEG_INFINITY,
    ]
}

fn floats_f32() {
    for x in exact_f32() {
        balanced(|| assert_eq!(api::roundtrip_f32(x).to_bits(), x.to_bits(), "{x:e}"));
        balanced(|| assert_eq!(api::f32_to_bits(x), x.to_bits(), "{x:e}"));
        balanced(|| {
            assert_eq!(
                api::f32_from_bits(x.to_bits()).to_bits(),
                x.to_bits(),
                "{x:e}"
            )
        });
    }

    balanced(|| {
        let z = api::roundtrip_f32(-0.0);
        assert_eq!(z, 0.0);
        assert!(z.is_sign_negative(), "-0.0 lost its sign");
        let z = api::roundtrip_f32(0.0);
        assert!(z.is_sign_positive(), "0.0 gained a sign");
    });
    balanced(|| assert_eq!(api::f32_to_bits(-0.0), 0x8000_0000));
    balanced(|| assert!(api::f32_from_bits(0x8000_0000).is_sign_negative()));
    balanced(|| {
        let tiny = api::roundtrip_f32(f32::from_bits(1));
        assert!(tiny.is_subnormal());
        assert!(tiny > 0.0);
    });
    balanced(|| {
        let inf = api::roundtrip_f32(f32::INFINITY);
        assert!(inf.is_infinite() && inf.is_sign_positive());
        let ninf = api::roundtrip_f32(f32::NEG_INFINITY);
        assert!(ninf.is_infinite() && ninf.is_sign_negative());
    });

    // NaN payloads may change at the boundary; NaN-ness may not.
    for bits in [
        f32::NAN.to_bits(),
        0x7fc0_0000,
        0xffc0_0000,
        0x7f80_0001,
        0x7fff_ffff,
    ] {
        let nan = f32::from_bits(bits);
        balanced(|| assert!(api::roundtrip_f32(nan).is_nan(), "{bits:#x}"));
        balanced(|| assert!(f32::from_bits(api::f32_to_bits(nan)).is_nan(), "{bits:#x}"));
        balanced(|| assert!(api::f32_from_bits(bits).is_nan(), "{bits:#x}"));
    }
}

fn floats_f64() {
    for x in exact_f64() {
        balanced(|| assert_eq!(api::roundtrip_f64(x).to_bits(), x.to_bits(), "{x:e}"));
        balanced(|| assert_eq!(api::f64_to_bits(x), x.to_bits(), "{x:e}"));
        balanced(|| {
            assert_eq!(
                api::f64_from_bits(x.to_bits()).to_bits(),
                x.to_bits(),
                "{x:e}"
            )
        });
    }

    balanced(|| {
        let z = api::roundtrip_f64(-0.0);
        assert_eq!(z, 0.0);
        assert!(z.is_sign_negative(), "-0.0 lost its sign");
        let z = api::roundtrip_f64(0.0);
        assert!(z.is_sign_positive(), "0.0 gained a sign");
    });
    balanced(|| assert_eq!(api::f64_to_bits(-0.0), 0x8000_0000_0000_0000));
    balanced(|| assert!(api::f64_from_bits(0x8000_0000_0000_0000).is_sign_negative()));
    balanced(|| {
        let tiny = api::roundtrip_f64(f64::from_bits(1));
        assert!(tiny.is_subnormal());
        assert!(tiny > 0.0);
    });
    balanced(|| {
        let inf = api::roundtrip_f64(f64::INFINITY);
        assert!(inf.is_infinite() && inf.is_sign_positive());
        let ninf = api::roundtrip_f64(f64::NEG_INFINITY);
        assert!(ninf.is_infinite() && ninf.is_sign_negative());
    });

    for bits in [
        f64::NAN.to_bits(),
        0x7ff8_0000_0000_0000,
        0xfff8_0000_0000_0000,
        0x7ff0_0000_0000_0001,
        0x7fff_ffff_ffff_ffff,
    ] {
        let nan = f64::from_bits(bits);
        balanced(|| assert!(api::roundtrip_f64(nan).is_nan(), "{bits:#x}"));
        balanced(|| assert!(f64::from_bits(api::f64_to_bits(nan)).is_nan(), "{bits:#x}"));
        balanced(|| assert!(api::f64_from_bits(bits).is_nan(), "{bits:#x}"));
    }
}

fn booleans() {
    balanced(|| assert!(api::roundtrip_bool(true)));
    balanced(|| assert!(!api::roundtrip_bool(false)));
    balanced(|| assert_eq!(api::bool_to_u8(true), 1));
    balanced(|| assert_eq!(api::bool_to_u8(false), 0));
}

fn ints_min() -> Ints {
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

fn ints_max() -> Ints {
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

fn records() {
    balanced(|| assert_eq!(api::min_ints(), ints_min()));
    balanced(|| assert_eq!(api::max_ints(), ints_max()));
    balanced(|| assert_eq!(api::roundtrip_ints(ints_min()), ints_min()));
    balanced(|| assert_eq!(api::roundtrip_ints(ints_max()), ints_max()));
    let zeros = Ints {
        a: 0,
        b: 0,
        c: 0,
        d: 0,
        e: 0,
        f: 0,
        g: 0,
        h: 0,
    };
    balanced(|| assert_eq!(api::roundtrip_ints(zeros.clone()), zeros));
    // -1 everywhere signed, all ones everywhere unsigned: sign extension into a neighbour shows.
    let ones = Ints {
        a: u8::MAX,
        b: -1,
        c: u16::MAX,
        d: -1,
        e: u32::MAX,
        f: -1,
        g: u64::MAX,
        h: -1,
    };
    balanced(|| assert_eq!(api::roundtrip_ints(ones.clone()), ones));
}

/// A value per field, each distinct and with high bits set, so that a swapped or truncated field
/// cannot go unnoticed.
fn distinct_mixed() -> Mixed {
    Mixed {
        a: 0xa5,
        b: -1.0e300,
        c: -12_345,
        d: 0xfedc_ba98_7654_3210,
        e: true,
        f: 2.5e-30,
        g: -99,
        h: -0x0123_4567_89ab_cdef,
        i: 0xbeef,
        j: 0xdead_beef,
        k: -0x7654_3210,
    }
}

fn mixed_parameters() {
    let m = distinct_mixed();
    balanced(|| {
        let got = api::gather(m.a, m.b, m.c, m.d, m.e, m.f, m.g, m.h, m.i, m.j, m.k);
        assert_eq!(got.a, 0xa5);
        assert_eq!(got.b, -1.0e300);
        assert_eq!(got.c, -12_345);
        assert_eq!(got.d, 0xfedc_ba98_7654_3210);
        assert!(got.e);
        assert_eq!(got.f, 2.5e-30);
        assert_eq!(got.g, -99);
        assert_eq!(got.h, -0x0123_4567_89ab_cdef);
        assert_eq!(got.i, 0xbeef);
        assert_eq!(got.j, 0xdead_beef);
        assert_eq!(got.k, -0x7654_3210);
        assert_eq!(got, m);
    });
    balanced(|| assert_eq!(api::roundtrip_mixed(m.clone()), m));

    // Limits and special floats in the same positions.
    balanced(|| {
        let got = api::gather(
            u8::MAX,
            f64::NAN,
            i16::MIN,
            u64::MAX,
            false,
            -0.0,
            i8::MIN,
            i64::MIN,
            u16::MAX,
            u32::MAX,
            i32::MIN,
        );
        assert_eq!(got.a, u8::MAX);
        assert!(got.b.is_nan());
        assert_eq!(got.c, i16::MIN);
        assert_eq!(got.d, u64::MAX);
        assert!(!got.e);
        assert_eq!(got.f.to_bits(), (-0.0f32).to_bits());
        assert_eq!(got.g, i8::MIN);
        assert_eq!(got.h, i64::MIN);
        assert_eq!(got.i, u16::MAX);
        assert_eq!(got.j, u32::MAX);
        assert_eq!(got.k, i32::MIN);
    });
    balanced(|| {
        let x = Mixed {
            a: 0,
            b: f64::NEG_INFINITY,
            c: i16::MAX,
            d: 0,
            e: true,
            f: f32::NAN,
            g: i8::MAX,
            h: i64::MAX,
            i: 0,
            j: 0,
            k: i32::MAX,
        };
        let got = api::roundtrip_mixed(x);
        assert_eq!(got.a, 0);
        assert_eq!(got.b, f64::NEG_INFINITY);
        assert_eq!(got.c, i16::MAX);
        assert_eq!(got.d, 0);
        assert!(got.e);
        assert!(got.f.is_nan());
        assert_eq!(got.g, i8::MAX);
        assert_eq!(got.h, i64::MAX);
        assert_eq!(got.i, 0);
        assert_eq!(got.j, 0);
        assert_eq!(got.k, i32::MAX);
    });
}

bindings::export!(Runner with_types_in bindings);
