// Lists through a resource of two components (leaf): its `thing` keeps a list, appending
// " HostThing…" markers to what it is given and to what it gives back.
use std::cell::RefCell;

use bindings::exports::test::resource_with_lists::test::{Guest, GuestThing};

struct Component;

impl Guest for Component {
    type Thing = MyThing;
}

struct MyThing(RefCell<Vec<u8>>);

fn appended(mut l: Vec<u8>, marker: &str) -> Vec<u8> {
    l.extend_from_slice(marker.as_bytes());
    l
}

impl GuestThing for MyThing {
    fn new(l: Vec<u8>) -> MyThing {
        MyThing(RefCell::new(appended(l, " HostThing")))
    }

    fn foo(&self) -> Vec<u8> {
        appended(self.0.borrow().clone(), " HostThing.foo")
    }

    fn bar(&self, l: Vec<u8>) {
        *self.0.borrow_mut() = appended(l, " HostThing.bar");
    }

    fn baz(l: Vec<u8>) -> Vec<u8> {
        appended(l, " HostThing.baz")
    }
}

bindings::export!(Component with_types_in bindings);
