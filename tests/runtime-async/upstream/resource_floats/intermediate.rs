// Resources of the same name in three interfaces (intermediate): its `exports.float` wraps the
// leaf's `imports.float` made from v + 1 (`get` adds 3; `add` hands the wrapped one to the leaf's
// `add` and wraps the result's value + 5 anew), and `add` makes a leaf `test.float` from the
// values of two borrowed ones + 5.
use bindings::exports::exports::{Float as FloatExport, GuestFloat};
use bindings::imports::Float as ImportFloat1;
use bindings::test::resource_floats::test::Float as ImportFloat2;

struct Component;

struct MyFloat {
    val: ImportFloat1,
}

impl bindings::Guest for Component {
    fn add(a: &ImportFloat2, b: &ImportFloat2) -> ImportFloat2 {
        ImportFloat2::new(a.get() + b.get() + 5.0)
    }
}

impl bindings::exports::exports::Guest for Component {
    type Float = MyFloat;
}

impl GuestFloat for MyFloat {
    fn new(v: f64) -> Self {
        MyFloat {
            val: ImportFloat1::new(v + 1.0),
        }
    }

    fn get(&self) -> f64 {
        self.val.get() + 3.0
    }

    fn add(a: FloatExport, b: f64) -> FloatExport {
        let inner = a.into_inner::<MyFloat>().val;
        FloatExport::new(MyFloat::new(ImportFloat1::add(inner, b).get() + 5.0))
    }
}

bindings::export!(Component with_types_in bindings);
