// Two versions of one package (runner side): `test:dep/test` at 0.1.0 and 0.2.0, each with an `x`
// of its own; every call must reach the implementation of its own version.
use bindings::test::dep0_1_0::test as v1;
use bindings::test::dep0_2_0::test as v2;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(v1::x(), 1.0);
        assert_eq!(v1::y(1.0), 2.0);
        assert_eq!(v1::y(-3.5), -2.5);

        assert_eq!(v2::x(), 2.0);
        assert_eq!(v2::z(1.0, 1.0), 4.0);
        assert_eq!(v2::z(0.5, -0.25), 2.25);
    }
}

bindings::export!(Runner with_types_in bindings);
