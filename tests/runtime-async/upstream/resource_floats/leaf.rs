// Resources of the same name in two exported interfaces (leaf): `test.float` stores v + 1 and
// its `get` adds 3; `imports.float` stores v + 2, its `get` adds 4 and its `add` makes a new one
// from the stored value + b + 6.
use bindings::exports::imports::{self, Float as ImportsFloat};
use bindings::exports::test::resource_floats::test;

struct Component;

struct TestFloat(f64);

struct MyFloat(f64);

impl test::Guest for Component {
    type Float = TestFloat;
}

impl test::GuestFloat for TestFloat {
    fn new(v: f64) -> TestFloat {
        TestFloat(v + 1.0)
    }

    fn get(&self) -> f64 {
        self.0 + 3.0
    }
}

impl imports::Guest for Component {
    type Float = MyFloat;
}

impl imports::GuestFloat for MyFloat {
    fn new(v: f64) -> MyFloat {
        MyFloat(v + 2.0)
    }

    fn get(&self) -> f64 {
        self.0 + 4.0
    }

    fn add(a: ImportsFloat, b: f64) -> ImportsFloat {
        let stored = a.get::<MyFloat>().0;
        ImportsFloat::new(<MyFloat as imports::GuestFloat>::new(stored + b + 6.0))
    }
}

bindings::export!(Component with_types_in bindings);
