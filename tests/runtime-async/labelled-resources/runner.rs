// Labelled resources (runner side): `store`, `primary`, `left` and `right` are four instances of
// one interface, each with its own `Handle` type here. On each instance in turn: handles made by
// the constructor and by a function, methods, a borrow of another handle and of the handle itself,
// two owned handles consumed by a static function, a handle sent inside a record and given back
// inside one, then dropped. Then handles of all four alive at once, dropped one instance at a
// time. After every step each instance's count of live handles is exactly what the handles alive
// here imply, which fails if a handle reached, or was dropped through, another instance; and
// every call is allocation-balanced in the runner. `tally` (no resources) is imported plainly and
// as `extra`: one `Total` type for both, one total per instance.
mod alloc_probe;

use bindings::test::labelled_resources::store;
use bindings::test::labelled_resources::tally::{self, Total};
use bindings::{extra, left, primary, right};

struct Runner;

/// Live handles of each instance, in the order `store`, `primary`, `left`, `right`.
fn lives() -> [u32; 4] {
    [store::live(), primary::live(), left::live(), right::live()]
}

/// Asserts that instance `i` has `extra` more live handles than in `base`, and the others as
/// many.
#[track_caller]
fn expect(base: [u32; 4], i: usize, extra: u32) {
    let mut want = base;
    want[i] += extra;
    assert_eq!(lives(), want, "live handles of store, primary, left, right");
}

/// The same steps on every instance: `$m` is the instance's module, `$i` its index in `lives`.
macro_rules! exercise {
    ($m:ident, $i:expr) => {{
        let base = lives();
        let allocations = alloc_probe::live();
        let h = $m::Handle::new(5);
        expect(base, $i, 1);
        assert_eq!(h.get(), 5);
        let o = $m::open(7);
        expect(base, $i, 2);
        assert_eq!(o.get(), 7);
        assert_eq!(h.absorb(&o), 12);
        assert_eq!(h.absorb(&h), 24, "a handle borrowing itself");
        assert_eq!(o.get(), 7);
        let e = $m::wrap("abc", o);
        expect(base, $i, 2);
        assert_eq!(e.name, "abc");
        assert_eq!(e.item.get(), 7);
        let (sum, o) = $m::unwrap(e);
        assert_eq!(sum, 3 + 7);
        expect(base, $i, 2);
        let merged = $m::Handle::merge(h, o);
        expect(base, $i, 1);
        assert_eq!(merged.get(), 31);
        drop(merged);
        expect(base, $i, 0);
        assert_eq!(
            alloc_probe::live(),
            allocations,
            "live allocations in the runner"
        );
    }};
}

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(lives(), [0; 4]);
        exercise!(store, 0);
        exercise!(primary, 1);
        exercise!(left, 2);
        exercise!(right, 3);

        // Handles of every instance alive at once, with equal values: each is its own.
        let s = store::open(1);
        let p = (primary::open(1), primary::Handle::new(2));
        let l = (left::open(1), left::open(2), left::Handle::new(3));
        let r = right::Handle::new(1);
        assert_eq!(lives(), [1, 2, 3, 1]);
        assert_eq!(p.1.absorb(&p.0), 3);
        assert_eq!(l.2.absorb(&l.1), 5);
        assert_eq!([s.get(), p.0.get(), l.0.get(), r.get()], [1; 4]);
        assert_eq!([p.1.get(), l.1.get(), l.2.get()], [3, 2, 5]);
        drop(p);
        assert_eq!(lives(), [1, 0, 3, 1]);
        drop(r);
        assert_eq!(lives(), [1, 0, 3, 0]);
        let merged = left::Handle::merge(l.0, l.1);
        assert_eq!(merged.get(), 3);
        assert_eq!(lives(), [1, 0, 2, 0]);
        drop(s);
        assert_eq!(lives(), [0, 0, 2, 0]);
        drop((merged, l.2));
        assert_eq!(lives(), [0; 4]);

        assert_eq!(tally::add(2), Total { count: 1, sum: 2 });
        let other: Total = extra::add(10);
        assert_eq!(
            other,
            Total { count: 1, sum: 10 },
            "`extra` is another instance"
        );
        assert_eq!(tally::add(3), Total { count: 2, sum: 5 });
        assert_eq!(extra::add(1), Total { count: 2, sum: 11 });
    }
}

bindings::export!(Runner with_types_in bindings);
