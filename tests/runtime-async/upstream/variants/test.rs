// Variants (test side): narrows option<f32> to option<u8> and result<u32, f32> to
// result<f64, u8> (ok widened, error narrowed), inverts bools, hands enums and the tuples of
// variants back, and checks that the typedef'd parameters arrive as none / false / err.
use bindings::exports::test::variants::to_test::{
    Casts, Guest, MyErrno, OptionTypedef, ResultTypedef, Zeros, E1,
};

/// A float as a byte: Rust's `as` truncates toward zero and saturates at 0 and 255.
fn narrowed(x: f32) -> u8 {
    x as u8
}

struct Variants;

impl Guest for Variants {
    fn roundtrip_option(a: Option<f32>) -> Option<u8> {
        a.map(narrowed)
    }

    fn roundtrip_result(a: Result<u32, f32>) -> Result<f64, u8> {
        a.map(f64::from).map_err(narrowed)
    }

    fn roundtrip_enum(a: E1) -> E1 {
        match a {
            E1::A => E1::A,
            E1::B => E1::B,
        }
    }

    fn invert_bool(a: bool) -> bool {
        a ^ true
    }

    fn variant_casts(a: Casts) -> Casts {
        // Each of the six variants mixes payload types that share one joined slot.
        let (c1, c2, c3, c4, c5, c6) = a;
        (c1, c2, c3, c4, c5, c6)
    }

    fn variant_zeros(a: Zeros) -> Zeros {
        let (z1, z2, z3, z4) = a;
        (z1, z2, z3, z4)
    }

    fn variant_typedefs(a: OptionTypedef, b: bool, c: ResultTypedef) {
        assert!(a.is_none(), "option-typedef: expected none, got {a:?}");
        assert!(!b, "bool-typedef: expected false");
        assert!(matches!(c, Err(())), "result-typedef: expected err, got {c:?}");
    }

    fn variant_enums(a: bool, b: Result<(), ()>, c: MyErrno) -> (bool, Result<(), ()>, MyErrno) {
        let errno = match c {
            MyErrno::Success => MyErrno::Success,
            MyErrno::A => MyErrno::A,
            MyErrno::B => MyErrno::B,
        };
        (a, b, errno)
    }
}

bindings::export!(Variants with_types_in bindings);
