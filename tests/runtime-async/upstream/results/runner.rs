// Results through two components (runner side): the leaf answers each function with `ok` or with
// an error of another kind (a string, an enum, a record, a variant, none, a nested result), and
// the intermediate passes every answer on, converting its own copies of the types. Both cases of
// every result arrive here intact; every call is allocation-balanced here.
mod alloc_probe;

use bindings::test::results::test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();

        assert_eq!(string_error(0.0), Err("zero".to_owned()));
        assert_eq!(string_error(1.0), Ok(1.0));
        assert_eq!(string_error(-2.5), Ok(-2.5));
        assert_eq!(string_error(f32::INFINITY), Ok(f32::INFINITY));
        assert!(string_error(f32::NAN).unwrap().is_nan());

        assert_eq!(enum_error(0.0), Err(E::A));
        assert_eq!(enum_error(1.0), Ok(1.0));

        assert_eq!(record_error(0.0), Err(E2 { line: 420, column: 0 }));
        assert_eq!(record_error(1.0), Err(E2 { line: 77, column: 2 }));
        assert_eq!(record_error(2.0), Ok(2.0));

        assert_eq!(
            variant_error(0.0),
            Err(E3::E2(E2 { line: 420, column: 0 }))
        );
        assert_eq!(variant_error(1.0), Err(E3::E1(E::B)));
        assert_eq!(variant_error(2.0), Err(E3::E1(E::C)));
        assert_eq!(variant_error(3.0), Ok(3.0));

        assert_eq!(empty_error(0), Err(()));
        assert_eq!(empty_error(1), Ok(42));
        assert_eq!(empty_error(2), Ok(2));
        assert_eq!(empty_error(u32::MAX), Ok(u32::MAX));

        assert_eq!(double_error(0), Ok(Ok(())));
        assert_eq!(double_error(1), Ok(Err("one".into())));
        assert_eq!(double_error(2), Err("two".into()));

        assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
    }
}

bindings::export!(Runner with_types_in bindings);
