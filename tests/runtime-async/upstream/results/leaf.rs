// Results through two components (leaf): the float functions hand their argument back, except
// that 0, 1 and 2 are "markers" each function turns into errors of its own kind (not every
// marker is an error everywhere); the integer functions answer 0 and 1 specially and every
// other number the same way.
use bindings::exports::test::results::test::{Guest, E, E2, E3};

/// The error position several answers share.
const ORIGIN: E2 = E2 {
    line: 420,
    column: 0,
};

/// Which marker (0.0, 1.0 or 2.0, compared exactly) `a` is, if any.
fn marker(a: f32) -> Option<u8> {
    [0.0f32, 1.0, 2.0]
        .iter()
        .position(|&m| a == m)
        .map(|index| index as u8)
}

/// `a` back, unless it is a marker `error_for` makes an error of.
fn float_answer<T>(a: f32, error_for: impl FnOnce(u8) -> Option<T>) -> Result<f32, T> {
    match marker(a).and_then(error_for) {
        Some(error) => Err(error),
        None => Ok(a),
    }
}

struct Leaf;

impl Guest for Leaf {
    fn string_error(a: f32) -> Result<f32, String> {
        float_answer(a, |m| (m == 0).then(|| String::from("zero")))
    }

    fn enum_error(a: f32) -> Result<f32, E> {
        float_answer(a, |m| (m == 0).then_some(E::A))
    }

    fn record_error(a: f32) -> Result<f32, E2> {
        float_answer(a, |m| match m {
            0 => Some(ORIGIN),
            1 => Some(E2 { line: 77, column: 2 }),
            _ => None,
        })
    }

    fn variant_error(a: f32) -> Result<f32, E3> {
        float_answer(a, |m| {
            Some(match m {
                0 => E3::E2(ORIGIN),
                1 => E3::E1(E::B),
                _ => E3::E1(E::C),
            })
        })
    }

    fn empty_error(a: u32) -> Result<u32, ()> {
        // 0 is the error; 1 is answered with 42, anything else with itself.
        if a == 0 {
            return Err(());
        }
        Ok(if a == 1 { 42 } else { a })
    }

    fn double_error(a: u32) -> Result<Result<(), String>, String> {
        // Only 0 and 1 reach the inner result; 2 and up fail the outer one.
        if a > 1 {
            return Err("two".to_owned());
        }
        Ok(if a == 0 { Ok(()) } else { Err("one".to_owned()) })
    }
}

bindings::export!(Leaf with_types_in bindings);
