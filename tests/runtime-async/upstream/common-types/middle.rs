// Types of a shared interface through two components (middle): exports `to-test` and implements
// it by calling the leaf's `to-test`. Both use the one imported `test-types`, so the values pass
// through as they are, with no conversion.
use bindings::exports::test::common::to_test::{Guest, F1, R1, V1};
use bindings::test::common::to_test;

struct Component;

impl Guest for Component {
    fn wrap(flag: F1) -> R1 {
        to_test::wrap(flag)
    }

    fn var_f() -> V1 {
        to_test::var_f()
    }
}

bindings::export!(Component with_types_in bindings);
