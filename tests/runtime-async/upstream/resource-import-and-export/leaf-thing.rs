// A resource imported and re-exported (leaf-thing): `thing` stores v + 1, `foo` answers the
// stored value + 2, `bar` stores v + 3, `baz` makes a new thing from both `foo`s + 4.
use std::cell::Cell;

use bindings::exports::test::resource_import_and_export::test::{Guest, GuestThing, Thing};

struct Component;

struct MyThing(Cell<u32>);

impl Guest for Component {
    type Thing = MyThing;
}

impl GuestThing for MyThing {
    fn new(v: u32) -> MyThing {
        MyThing(Cell::new(v + 1))
    }

    fn foo(&self) -> u32 {
        self.0.get() + 2
    }

    fn bar(&self, v: u32) {
        self.0.set(v + 3);
    }

    fn baz(a: Thing, b: Thing) -> Thing {
        let a = a.get::<MyThing>();
        let b = b.get::<MyThing>();
        Thing::new(MyThing::new(a.foo() + b.foo() + 4))
    }
}

bindings::export!(Component with_types_in bindings);
