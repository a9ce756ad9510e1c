// Resource aliases across interfaces (test side): `thing` stores its message with " GuestThing"
// appended and answers `get` with " GuestThing.get" appended; `a`, `b` and `the-test.test` give
// back the things they receive, in order. A thing dropped more often than made traps.
use std::cell::Cell;

use bindings::exports::test::resource_alias_redux::resource_alias1 as a1;
use bindings::exports::test::resource_alias_redux::resource_alias2 as a2;
use bindings::exports::the_test;

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct Component;

struct MyThing(String);

impl Drop for MyThing {
    fn drop(&mut self) {
        LIVE.with(|live| {
            assert!(live.get() > 0, "a thing dropped more often than made");
            live.set(live.get() - 1);
        });
    }
}

impl a1::GuestThing for MyThing {
    fn new(msg: String) -> MyThing {
        LIVE.with(|live| live.set(live.get() + 1));
        MyThing(format!("{msg} GuestThing"))
    }

    fn get(&self) -> String {
        format!("{} GuestThing.get", self.0)
    }
}

impl the_test::Guest for Component {
    fn test(things: Vec<the_test::Thing>) -> Vec<the_test::Thing> {
        assert!(LIVE.with(Cell::get) as usize >= things.len());
        things
    }
}

impl a1::Guest for Component {
    type Thing = MyThing;

    fn a(f: a1::Foo) -> Vec<a1::Thing> {
        vec![f.thing]
    }
}

impl a2::Guest for Component {
    fn b(f: a2::Foo, g: a2::Bar) -> Vec<a2::Thing> {
        vec![f.thing, g.thing]
    }
}

bindings::export!(Component with_types_in bindings);
