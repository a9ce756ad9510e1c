// Lists through a resource of two components (middle): its `thing` wraps one of the leaf's,
// appending " Thing…" markers to the lists it passes in and to the ones the leaf gives back.
use bindings::exports::test::resource_with_lists::test::{Guest, GuestThing};
use bindings::test::resource_with_lists::test::Thing;

struct Component;

impl Guest for Component {
    type Thing = MyThing;
}

struct MyThing {
    val: Thing,
}

fn appended(mut l: Vec<u8>, marker: &str) -> Vec<u8> {
    l.extend_from_slice(marker.as_bytes());
    l
}

impl GuestThing for MyThing {
    fn new(l: Vec<u8>) -> Self {
        MyThing {
            val: Thing::new(&appended(l, " Thing")),
        }
    }

    fn foo(&self) -> Vec<u8> {
        appended(self.val.foo(), " Thing.foo")
    }

    fn bar(&self, l: Vec<u8>) {
        self.val.bar(&appended(l, " Thing.bar"));
    }

    fn baz(l: Vec<u8>) -> Vec<u8> {
        appended(Thing::baz(&appended(l, " Thing.baz")), " Thing.baz again")
    }
}

bindings::export!(Component with_types_in bindings);
