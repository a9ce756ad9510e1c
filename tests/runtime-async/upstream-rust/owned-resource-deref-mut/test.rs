// Owned handles, mutably (test side): `consume` receives the owned handle, reads the value with
// `get` and changes it in place with `get_mut`, then reads it back through `get`.
use bindings::exports::my::inline::foo::{Bar, Guest, GuestBar};

pub struct MyResource {
    data: u32,
}

impl GuestBar for MyResource {
    fn new(data: u32) -> Self {
        Self { data }
    }

    fn get_data(&self) -> u32 {
        self.data
    }

    fn consume(mut this: Bar) -> u32 {
        let before = this.get::<MyResource>().data;
        this.get_mut::<MyResource>().data += 1;
        let after = this.get::<MyResource>().data;
        assert_eq!(after, before + 1);
        after
    }
}

struct Component;

impl Guest for Component {
    type Bar = MyResource;
}

bindings::export!(Component with_types_in bindings);
