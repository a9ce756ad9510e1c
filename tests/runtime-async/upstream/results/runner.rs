// Results through two components (runner side): the leaf answers each function with `ok` or with
// an error of that function's kind (a string, an enum, a record, a variant, none, a nested
// result), and the intermediate passes every answer on through its own copies of the types. The
// expected answers are tabled per argument; the calls leave no allocation live here.
mod alloc_probe;

use bindings::test::results::test::*;

/// What each float-taking function must answer for one argument.
struct FloatRow {
    arg: f32,
    string: Result<f32, String>,
    enumerated: Result<f32, E>,
    record: Result<f32, E2>,
    variant: Result<f32, E3>,
}

/// A row for an argument no function treats as an error.
fn passes_through(arg: f32) -> FloatRow {
    FloatRow {
        arg,
        string: Ok(arg),
        enumerated: Ok(arg),
        record: Ok(arg),
        variant: Ok(arg),
    }
}

fn float_rows() -> Vec<FloatRow> {
    let origin = || E2 {
        line: 420,
        column: 0,
    };
    vec![
        FloatRow {
            arg: 0.0,
            string: Err("zero".to_owned()),
            enumerated: Err(E::A),
            record: Err(origin()),
            variant: Err(E3::E2(origin())),
        },
        FloatRow {
            record: Err(E2 { line: 77, column: 2 }),
            variant: Err(E3::E1(E::B)),
            ..passes_through(1.0)
        },
        FloatRow {
            variant: Err(E3::E1(E::C)),
            ..passes_through(2.0)
        },
        passes_through(3.0),
        passes_through(-2.5),
        passes_through(f32::INFINITY),
    ]
}

fn check_floats() {
    for row in float_rows() {
        let arg = row.arg;
        assert_eq!(string_error(arg), row.string, "string-error({arg})");
        assert_eq!(enum_error(arg), row.enumerated, "enum-error({arg})");
        assert_eq!(record_error(arg), row.record, "record-error({arg})");
        assert_eq!(variant_error(arg), row.variant, "variant-error({arg})");
    }
    // NaN is no marker: every function hands it back (compared by kind, not by ==).
    let nan = f32::NAN;
    assert!(string_error(nan).is_ok_and(f32::is_nan), "string-error(NaN)");
    assert!(enum_error(nan).is_ok_and(f32::is_nan), "enum-error(NaN)");
    assert!(record_error(nan).is_ok_and(f32::is_nan), "record-error(NaN)");
    assert!(variant_error(nan).is_ok_and(f32::is_nan), "variant-error(NaN)");
}

fn check_integers() {
    let empty: [(u32, Result<u32, ()>); 4] =
        [(0, Err(())), (1, Ok(42)), (2, Ok(2)), (u32::MAX, Ok(u32::MAX))];
    for (arg, expected) in empty {
        assert_eq!(empty_error(arg), expected, "empty-error({arg})");
    }

    let nested = |arg: u32| -> Result<Result<(), String>, String> {
        match arg {
            0 => Ok(Ok(())),
            1 => Ok(Err("one".to_owned())),
            _ => Err("two".to_owned()),
        }
    };
    for arg in [0, 1, 2, 9] {
        assert_eq!(double_error(arg), nested(arg), "double-error({arg})");
    }
}

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let live_before = alloc_probe::live();
        check_floats();
        check_integers();
        assert_eq!(alloc_probe::live(), live_before, "allocations left live by the calls");
    }
}

bindings::export!(Runner with_types_in bindings);
