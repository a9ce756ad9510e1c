// A resource imported and re-exported (intermediate): its exported `thing` wraps the leaf's
// (imported) `thing`, adding 1 to the constructor's value, 2 to `foo` and 3 to `bar`'s value; its
// `baz` hands both wrapped things to the leaf's `baz`, sends the result through
// `toplevel-import` (the leaf-toplevel component, an identity) and makes a new thing from the
// result's `foo` + 4. Its own `toplevel-export` passes the leaf's things to `toplevel-import`.
use std::cell::RefCell;

use bindings::exports::test::resource_import_and_export::test::{
    Guest, GuestThing, Thing as ExportThing,
};
use bindings::Thing;

struct Component;

struct MyThing {
    thing: RefCell<Option<Thing>>,
}

impl bindings::Guest for Component {
    fn toplevel_export(input: Thing) -> Thing {
        bindings::toplevel_import(input)
    }
}

impl Guest for Component {
    type Thing = MyThing;
}

impl MyThing {
    fn inner<R>(&self, f: impl FnOnce(&Thing) -> R) -> R {
        f(self
            .thing
            .borrow()
            .as_ref()
            .expect("a thing given to `baz`"))
    }
}

impl GuestThing for MyThing {
    fn new(v: u32) -> Self {
        MyThing {
            thing: RefCell::new(Some(Thing::new(v + 1))),
        }
    }

    fn foo(&self) -> u32 {
        self.inner(|thing| thing.foo()) + 2
    }

    fn bar(&self, v: u32) {
        self.inner(|thing| thing.bar(v + 3));
    }

    fn baz(a: ExportThing, b: ExportThing) -> ExportThing {
        let a = a.into_inner::<MyThing>().thing.into_inner().unwrap();
        let b = b.into_inner::<MyThing>().thing.into_inner().unwrap();
        let made = bindings::toplevel_import(Thing::baz(a, b));
        ExportThing::new(MyThing::new(made.foo() + 4))
    }
}

bindings::export!(Component with_types_in bindings);
