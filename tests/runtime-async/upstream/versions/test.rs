// Two versions of one package (test side): implements `test:dep/test` at 0.1.0 (x = 1, y = 1 + a)
// and at 0.2.0 (x = 2, z = 2 + a + b).
use bindings::exports::test::dep0_1_0::test::Guest as V1;
use bindings::exports::test::dep0_2_0::test::Guest as V2;

struct Component;

impl V1 for Component {
    fn x() -> f32 {
        1.0
    }

    fn y(a: f32) -> f32 {
        1.0 + a
    }
}

impl V2 for Component {
    fn x() -> f32 {
        2.0
    }

    fn z(a: f32, b: f32) -> f32 {
        2.0 + a + b
    }
}

bindings::export!(Component with_types_in bindings);
