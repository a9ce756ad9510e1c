// Results through two components (leaf): each function answers `ok` with its argument, or, for
// the arguments below, an error: "zero"; `e.a`; records {420, 0} and {77, 2}; variant cases
// `e2({420, 0})`, `e1(b)`, `e1(c)`; none (and 42 for 1); `ok(ok)`, `ok(err("one"))`, `err("two")`.
use bindings::exports::test::results::test::{Guest, E, E2, E3};

struct Component;

impl Guest for Component {
    fn string_error(a: f32) -> Result<f32, String> {
        if a == 0.0 {
            Err("zero".to_owned())
        } else {
            Ok(a)
        }
    }

    fn enum_error(a: f32) -> Result<f32, E> {
        if a == 0.0 {
            Err(E::A)
        } else {
            Ok(a)
        }
    }

    fn record_error(a: f32) -> Result<f32, E2> {
        if a == 0.0 {
            Err(E2 {
                line: 420,
                column: 0,
            })
        } else if a == 1.0 {
            Err(E2 {
                line: 77,
                column: 2,
            })
        } else {
            Ok(a)
        }
    }

    fn variant_error(a: f32) -> Result<f32, E3> {
        if a == 0.0 {
            Err(E3::E2(E2 {
                line: 420,
                column: 0,
            }))
        } else if a == 1.0 {
            Err(E3::E1(E::B))
        } else if a == 2.0 {
            Err(E3::E1(E::C))
        } else {
            Ok(a)
        }
    }

    fn empty_error(a: u32) -> Result<u32, ()> {
        match a {
            0 => Err(()),
            1 => Ok(42),
            _ => Ok(a),
        }
    }

    fn double_error(a: u32) -> Result<Result<(), String>, String> {
        match a {
            0 => Ok(Ok(())),
            1 => Ok(Err("one".into())),
            _ => Err("two".into()),
        }
    }
}

bindings::export!(Component with_types_in bindings);
