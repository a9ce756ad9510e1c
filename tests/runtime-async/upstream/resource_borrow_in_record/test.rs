// Borrows inside records inside a list (test side): `thing` stores its message with " new"
// appended and answers `get` with " get" appended; `test` makes one new thing per borrowed one,
// holding its contents with " test" appended. A thing dropped more often than made traps.
use std::cell::Cell;

use bindings::exports::test::resource_borrow_in_record::to_test::{Foo, Guest, GuestThing, Thing};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct Component;

struct MyThing {
    contents: String,
}

impl MyThing {
    fn make(contents: String) -> MyThing {
        LIVE.with(|live| live.set(live.get() + 1));
        MyThing { contents }
    }
}

impl Drop for MyThing {
    fn drop(&mut self) {
        LIVE.with(|live| {
            assert!(live.get() > 0, "a thing dropped more often than made");
            live.set(live.get() - 1);
        });
    }
}

impl Guest for Component {
    type Thing = MyThing;

    fn test(list: Vec<Foo<'_>>) -> Vec<Thing> {
        list.iter()
            .map(|foo| {
                let contents = &foo.thing.get::<MyThing>().contents;
                Thing::new(MyThing::make(format!("{contents} test")))
            })
            .collect()
    }
}

impl GuestThing for MyThing {
    fn new(msg: String) -> MyThing {
        MyThing::make(format!("{msg} new"))
    }

    fn get(&self) -> String {
        format!("{} get", self.contents)
    }
}

bindings::export!(Component with_types_in bindings);
