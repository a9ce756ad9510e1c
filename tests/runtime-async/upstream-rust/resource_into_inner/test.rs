// `into_inner` (test side): an owned handle of an exported resource gives its value back. The
// value is not dropped by the destructor that runs when the handle goes (`DROPS` counts drops),
// and the handle is dropped in the host's table: the destructor then frees the representation
// (the allocation count, `alloc_probe`, is back to where it was but for the value's string).
mod alloc_probe;

use std::sync::atomic::{AtomicU32, Ordering};

use bindings::exports::test::resource_into_inner::to_test::{Guest, GuestThing, Thing};

static DROPS: AtomicU32 = AtomicU32::new(0);

struct MyThing(String);

impl Drop for MyThing {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

impl GuestThing for MyThing {
    fn new(text: String) -> MyThing {
        MyThing(text)
    }
}

struct Test;

impl Guest for Test {
    type Thing = MyThing;

    fn test() {
        let drops = DROPS.load(Ordering::SeqCst);
        let text = String::from("Jabberwocky");
        let live = alloc_probe::live();

        let inner: MyThing = Thing::new(MyThing(text.clone())).into_inner();
        assert_eq!(inner.0, text);
        assert_eq!(DROPS.load(Ordering::SeqCst), drops, "the value was dropped");
        assert_eq!(alloc_probe::live(), live + 1, "the resource was not freed");
        drop(inner);
        assert_eq!(DROPS.load(Ordering::SeqCst), drops + 1);
        assert_eq!(alloc_probe::live(), live);

        // For comparison: a handle dropped as it is drops its value, once, in the destructor.
        drop(Thing::new(MyThing(text.clone())));
        assert_eq!(DROPS.load(Ordering::SeqCst), drops + 2);
        assert_eq!(alloc_probe::live(), live);

        // A value taken out can be put into a new resource.
        let again = Thing::new(Thing::new(MyThing(text.clone())).into_inner::<MyThing>());
        assert_eq!(again.get::<MyThing>().0, text);
        assert_eq!(DROPS.load(Ordering::SeqCst), drops + 2);
        drop(again);
        assert_eq!(DROPS.load(Ordering::SeqCst), drops + 3);
        assert_eq!(alloc_probe::live(), live);
    }
}

bindings::export!(Test with_types_in bindings);
