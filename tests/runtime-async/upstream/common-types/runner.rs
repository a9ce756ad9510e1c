// Types of a shared interface through two components (runner side): `to-test` uses the flags,
// record and variant of `test-types`; the runner calls the middle component, which passes every
// call on to the leaf and the leaf's answers back. Every combination of flags crosses both
// boundaries both ways unchanged, and the leaf's record and variant arrive intact.
use bindings::test::common::test_types::{F1, R1, V1};
use bindings::test::common::to_test::{var_f, wrap};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let res = wrap(F1::A);
        assert_eq!(res.b, F1::A);
        assert_eq!(res.a, 1);

        let res2 = wrap(F1::B);
        assert_eq!(res2.b, F1::B);
        assert_eq!(res2.a, 2);

        assert_eq!(
            wrap(F1::empty()),
            R1 {
                a: 2,
                b: F1::empty()
            }
        );
        assert_eq!(wrap(F1::A | F1::B), R1 { a: 2, b: F1::all() });

        assert_eq!(var_f(), V1::B(42));
        assert!(matches!(var_f(), V1::B(42)));
    }
}

bindings::export!(Runner with_types_in bindings);
