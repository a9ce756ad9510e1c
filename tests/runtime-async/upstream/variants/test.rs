// Variants (test side): converts an option<f32> to option<u8> and a result<u32, f32> to
// result<f64, u8>, inverts bools, echoes enums and variants, and checks the typedef'd parameters
// it is given.
use bindings::exports::test::variants::to_test::{
    Casts, Guest, MyErrno, OptionTypedef, ResultTypedef, Zeros, E1,
};

struct Component;

impl Guest for Component {
    fn roundtrip_option(a: Option<f32>) -> Option<u8> {
        a.map(|x| x as u8)
    }

    fn roundtrip_result(a: Result<u32, f32>) -> Result<f64, u8> {
        match a {
            Ok(x) => Ok(x.into()),
            Err(x) => Err(x as u8),
        }
    }

    fn roundtrip_enum(a: E1) -> E1 {
        a
    }

    fn invert_bool(a: bool) -> bool {
        !a
    }

    fn variant_casts(a: Casts) -> Casts {
        a
    }

    fn variant_zeros(a: Zeros) -> Zeros {
        a
    }

    fn variant_typedefs(a: OptionTypedef, b: bool, c: ResultTypedef) {
        assert_eq!(a, None);
        assert!(!b);
        assert_eq!(c, Err(()));
    }

    fn variant_enums(a: bool, b: Result<(), ()>, c: MyErrno) -> (bool, Result<(), ()>, MyErrno) {
        (a, b, c)
    }
}

bindings::export!(Component with_types_in bindings);
