// Borrowed handles (runner side): a thing made by its constructor is lent to `foo`, which reads
// the value the constructor stored (v + 1) and adds 2; the runner keeps the thing, lends it
// again, lends several things in turn, and drops them all afterwards.
use bindings::test::resource_borrow::to_test::{foo, Thing};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(foo(&Thing::new(42)), 42 + 1 + 2);

        // The borrow gave nothing away: the same thing can be lent again, and again.
        let kept = Thing::new(7);
        assert_eq!(foo(&kept), 10);
        assert_eq!(foo(&kept), 10);

        // Several live things: each borrow reaches its own value.
        let things: Vec<Thing> = (0..5).map(|i| Thing::new(i * 100)).collect();
        let seen: Vec<u32> = things.iter().map(foo).collect();
        assert_eq!(seen, [3, 103, 203, 303, 403]);
        assert_eq!(foo(&kept), 10);
        drop(things);

        assert_eq!(foo(&Thing::new(u32::MAX - 3)), u32::MAX);
        drop(kept);
    }
}

bindings::export!(Runner with_types_in bindings);
