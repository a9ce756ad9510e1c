// Handles inside aggregates (test side): `thing` stores v + 1, and `foo` sums the values of the
// things in every record, tuple, variant, list, option and result it receives, plus 3. It counts
// live things: on entry exactly the distinct things it was given must be alive (a handle of an
// earlier call not dropped, or one lost on the way in, shows), and once it dropped the owned ones
// only the borrowed ones may remain.
use std::cell::Cell;

use bindings::exports::test::resource_aggregates::to_test::*;

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

fn live() -> u32 {
    LIVE.with(Cell::get)
}

struct Component;

#[derive(Debug)]
struct MyThing {
    value: u32,
}

impl Drop for MyThing {
    fn drop(&mut self) {
        LIVE.with(|live| {
            assert!(live.get() > 0, "a thing dropped more often than made");
            live.set(live.get() - 1);
        });
    }
}

impl GuestThing for MyThing {
    fn new(v: u32) -> Self {
        LIVE.with(|live| live.set(live.get() + 1));
        MyThing { value: v + 1 }
    }
}

fn own(t: &Thing) -> (u32, *const MyThing) {
    let t = t.get::<MyThing>();
    (t.value, t as *const MyThing)
}

fn borrowed(t: &ThingBorrow<'_>) -> (u32, *const MyThing) {
    let t = t.get::<MyThing>();
    (t.value, t as *const MyThing)
}

impl Guest for Component {
    type Thing = MyThing;

    fn foo(
        r1: R1,
        r2: R2<'_>,
        r3: R3<'_>,
        t1: T1,
        t2: T2<'_>,
        v1: V1,
        v2: V2<'_>,
        l1: L1,
        l2: L2<'_>,
        o1: Option<Thing>,
        o2: Option<ThingBorrow<'_>>,
        result1: Result<Thing, ()>,
        result2: Result<ThingBorrow<'_>, ()>,
    ) -> u32 {
        let V1::Thing(v1) = v1;
        let V2::Thing(v2) = v2;
        let mut owned = vec![
            own(&r1.thing),
            own(&r3.thing2),
            own(&t1.0),
            own(&t1.1.thing),
        ];
        owned.push(own(&v1));
        owned.extend(l1.iter().map(own));
        owned.extend(o1.iter().map(own));
        owned.extend(result1.iter().map(own));
        let mut lent = vec![borrowed(&r2.thing), borrowed(&r3.thing1), borrowed(&t2.0)];
        lent.push(borrowed(&v2));
        lent.extend(l2.iter().map(borrowed));
        lent.extend(o2.iter().map(borrowed));
        lent.extend(result2.iter().map(borrowed));

        // Every handle reaches a value of its own, except that borrows may share one.
        let mut owned_values: Vec<*const MyThing> = owned.iter().map(|&(_, p)| p).collect();
        owned_values.sort();
        owned_values.dedup();
        assert_eq!(
            owned_values.len(),
            owned.len(),
            "owned handles are distinct"
        );
        let mut lent_values: Vec<*const MyThing> = lent.iter().map(|&(_, p)| p).collect();
        lent_values.sort();
        lent_values.dedup();
        assert!(
            lent_values.iter().all(|p| !owned_values.contains(p)),
            "a borrowed thing is not also owned"
        );
        assert_eq!(
            live(),
            (owned.len() + lent_values.len()) as u32,
            "live things on entry"
        );

        let sum = owned.iter().chain(&lent).map(|&(v, _)| v).sum::<u32>() + 3;

        drop((r1, r3.thing2, t1, v1, l1, o1, result1));
        assert_eq!(
            live(),
            lent_values.len() as u32,
            "only borrowed things remain once the owned ones are dropped"
        );
        sum
    }
}

bindings::export!(Component with_types_in bindings);
