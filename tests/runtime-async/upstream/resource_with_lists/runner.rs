// Lists through a resource of two components (runner side): the runner's `thing` is the middle
// component's, which keeps a `thing` of the leaf's; each layer appends its own marker to every
// list going in or coming out, so the bytes show every layer each call passed, in order. Two
// things are independent; empty lists, all byte values and a large list cross intact; every step
// is allocation-balanced here.
mod alloc_probe;

use bindings::test::resource_with_lists::test::Thing;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        {
            let thing_instance = Thing::new(b"Hi");
            assert_eq!(
                thing_instance.foo(),
                b"Hi Thing HostThing HostThing.foo Thing.foo"
            );

            thing_instance.bar(b"Hola");
            assert_eq!(
                thing_instance.foo(),
                b"Hola Thing.bar HostThing.bar HostThing.foo Thing.foo"
            );

            assert_eq!(
                Thing::baz(b"Ohayo Gozaimas"),
                b"Ohayo Gozaimas Thing.baz HostThing.baz Thing.baz again"
            );

            // A second thing does not share the first one's list.
            let other = Thing::new(b"");
            assert_eq!(other.foo(), b" Thing HostThing HostThing.foo Thing.foo");
            assert_eq!(
                thing_instance.foo(),
                b"Hola Thing.bar HostThing.bar HostThing.foo Thing.foo"
            );
            drop(thing_instance);
            assert_eq!(other.foo(), b" Thing HostThing HostThing.foo Thing.foo");

            // Every byte value, many times over.
            let big: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
            other.bar(&big);
            let mut expected = big.clone();
            expected.extend_from_slice(b" Thing.bar HostThing.bar HostThing.foo Thing.foo");
            assert_eq!(other.foo(), expected);
            let mut expected = big;
            expected.extend_from_slice(b" Thing.baz HostThing.baz Thing.baz again");
            assert_eq!(Thing::baz(&expected[..70_000]), expected);
        }
        assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
    }
}

bindings::export!(Runner with_types_in bindings);
