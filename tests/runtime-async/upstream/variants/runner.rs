// Variants (runner side): option<f32> → option<u8> and result<u32, f32> → result<f64, u8>
// converted by the test component, enums and bools, variants whose two payloads have different
// flat types (i32/i64/f32/f64, so the joined slot is bit-cast) in both cases with extreme values,
// variants with an empty case, typedefs of option/bool/result as parameters, and bool/result/enum
// together. Every call leaves this component's heap allocations balanced.
mod alloc_probe;

use bindings::test::variants::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        options_and_results();
        enums_and_bools();
        casts();
        zeros();
        typedefs_and_enums();
    }
}

/// Runs `f` and asserts that it freed everything it allocated (results included).
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let before = alloc_probe::live();
    f();
    assert_eq!(
        alloc_probe::live(),
        before,
        "live allocations in the runner"
    );
}

fn options_and_results() {
    for (a, expected) in [
        (None, None),
        (Some(0.0), Some(0)),
        (Some(1.0), Some(1)),
        (Some(2.0), Some(2)),
        (Some(255.0), Some(255)),
    ] {
        balanced(|| assert_eq!(roundtrip_option(a), expected));
    }
    for (a, expected) in [
        (Ok(0), Ok(0.0)),
        (Ok(2), Ok(2.0)),
        (Ok(4), Ok(4.0)),
        (Ok(u32::MAX), Ok(4_294_967_295.0)),
        (Err(5.3), Err(5)),
        (Err(0.0), Err(0)),
        (Err(200.0), Err(200)),
    ] {
        balanced(|| assert_eq!(roundtrip_result(a), expected));
    }
}

fn enums_and_bools() {
    balanced(|| assert_eq!(roundtrip_enum(E1::A), E1::A));
    balanced(|| assert_eq!(roundtrip_enum(E1::B), E1::B));
    balanced(|| assert!(!invert_bool(true)));
    balanced(|| assert!(invert_bool(false)));
}

fn casts() {
    balanced(|| {
        let back = variant_casts((C1::A(1), C2::A(2), C3::A(3), C4::A(4), C5::A(5), C6::A(6.0)));
        assert!(matches!(back.0, C1::A(1)));
        assert!(matches!(back.1, C2::A(2)));
        assert!(matches!(back.2, C3::A(3)));
        assert!(matches!(back.3, C4::A(4)));
        assert!(matches!(back.4, C5::A(5)));
        assert!(matches!(back.5, C6::A(x) if x == 6.0));
    });
    balanced(|| {
        let back = variant_casts((
            C1::B(1),
            C2::B(2.0),
            C3::B(3.0),
            C4::B(4.0),
            C5::B(5.0),
            C6::B(6.0),
        ));
        assert!(matches!(back.0, C1::B(1)));
        assert!(matches!(back.1, C2::B(x) if x == 2.0));
        assert!(matches!(back.2, C3::B(x) if x == 3.0));
        assert!(matches!(back.3, C4::B(x) if x == 4.0));
        assert!(matches!(back.4, C5::B(x) if x == 5.0));
        assert!(matches!(back.5, C6::B(x) if x == 6.0));
    });
    // Values whose bits would be damaged by a numeric (not bitwise) conversion of the joined slot.
    let casts: Casts = (
        C1::A(i32::MIN),
        C2::B(-1.5e-38),
        C3::B(f64::MAX),
        C4::A(i64::MIN),
        C5::B(-2.5e-308),
        C6::B(1.0e300),
    );
    balanced(|| assert_eq!(variant_casts(casts.clone()), casts));
    let casts: Casts = (
        C1::B(i64::MAX),
        C2::A(-1),
        C3::A(i32::MAX),
        C4::B(f32::MIN_POSITIVE / 4.0),
        C5::A(-1),
        C6::A(-0.0),
    );
    balanced(|| {
        let back = variant_casts(casts.clone());
        assert_eq!(back, casts);
        assert!(matches!(back.3, C4::B(x) if x.to_bits() == (f32::MIN_POSITIVE / 4.0).to_bits()));
        assert!(matches!(back.5, C6::A(x) if x.to_bits() == (-0.0f32).to_bits()));
    });
}

fn zeros() {
    balanced(|| {
        let back = variant_zeros((Z1::A(1), Z2::A(2), Z3::A(3.0), Z4::A(4.0)));
        assert!(matches!(back.0, Z1::A(1)));
        assert!(matches!(back.1, Z2::A(2)));
        assert!(matches!(back.2, Z3::A(x) if x == 3.0));
        assert!(matches!(back.3, Z4::A(x) if x == 4.0));
    });
    balanced(|| {
        let back = variant_zeros((Z1::B, Z2::B, Z3::B, Z4::B));
        assert!(matches!(back, (Z1::B, Z2::B, Z3::B, Z4::B)));
    });
    // A zero payload must still come back as the payload case, not the empty one.
    let zeros: Zeros = (Z1::A(0), Z2::B, Z3::A(0.0), Z4::B);
    balanced(|| assert_eq!(variant_zeros(zeros.clone()), zeros));
    let zeros: Zeros = (Z1::B, Z2::A(i64::MIN), Z3::B, Z4::A(-1.0e-300));
    balanced(|| assert_eq!(variant_zeros(zeros.clone()), zeros));
}

fn typedefs_and_enums() {
    // The test component checks that it got exactly these.
    balanced(|| variant_typedefs(None, false, Err(())));

    for a in [true, false] {
        for b in [Ok(()), Err(())] {
            for c in [MyErrno::Success, MyErrno::A, MyErrno::B] {
                balanced(|| assert_eq!(variant_enums(a, b, c), (a, b, c)));
            }
        }
    }
}

bindings::export!(Runner with_types_in bindings);
