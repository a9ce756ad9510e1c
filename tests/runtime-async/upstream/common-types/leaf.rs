// Types of a shared interface through two components (leaf): `wrap` puts the flags in a record
// with `a` = 1 when they are exactly `a` and 2 otherwise; `var-f` is case `b` holding 42.
use bindings::exports::test::common::to_test::{Guest, F1, R1, V1};

struct Component;

impl Guest for Component {
    fn wrap(flag: F1) -> R1 {
        R1 {
            a: if flag == F1::A { 1 } else { 2 },
            b: flag,
        }
    }

    fn var_f() -> V1 {
        V1::B(42)
    }
}

bindings::export!(Component with_types_in bindings);
