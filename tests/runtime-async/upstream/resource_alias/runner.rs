// Resource and record aliases (runner side): `e2` names `e1`'s resource `x` as `y` and `e1`'s
// record `foo` as `bar`, and has a record `foo` of its own. Handles are sent through both
// interfaces' records and a borrow, come back in lists, and are sent again through the other
// interface's records, so each handle's value (checked by the test component, which knows this
// script) proves that it went where it was sent. Every call is allocation-balanced here.
mod alloc_probe;

use bindings::test::resource_alias::e1::{self, X};
use bindings::test::resource_alias::e2;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        {
            // 1: `e1`'s record.
            let back1 = e1::a(e1::Foo { x: X::new(42) });
            assert_eq!(back1.len(), 1);

            // 2: `e2`'s own record, `e1`'s record as `bar`, and a borrow of `y`.
            let h = X::new(9);
            let back2 = e2::a(e2::Foo { x: X::new(7) }, e2::Bar { x: X::new(8) }, &h);
            assert_eq!(back2.len(), 2);
            drop(h);

            // 3: a handle that came back, sent again.
            let [x42]: [X; 1] = back1.try_into().unwrap();
            let back3 = e1::a(e1::Foo { x: x42 });
            assert_eq!(back3.len(), 1);

            // 4: the two handles `e2` gave back, swapped, and one `e1` gave back, lent.
            let [x7, x8]: [X; 2] = back2.try_into().unwrap();
            let back4 = e2::a(e2::Foo { x: x8 }, e2::Bar { x: x7 }, &back3[0]);
            assert_eq!(back4.len(), 2);
            drop(back3);
            drop(back4);

            // 5: everything above is gone in the test component.
            assert_eq!(e1::a(e1::Foo { x: X::new(0) }).len(), 1);
        }
        assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
    }
}

bindings::export!(Runner with_types_in bindings);
