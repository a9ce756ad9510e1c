// A resource imported and re-exported (leaf-thing): a `thing` keeps a number that is shifted on
// the way in and out. Construction keeps v + 1, `bar` keeps v + 3, `foo` reports the kept number
// + 2, and `baz` makes a new thing (shifted like any other) from both things' reports + 4.
use std::cell::Cell;

use bindings::exports::test::resource_import_and_export::test::{Guest, GuestThing, Thing};

/// How much each operation adds (the runner's expected values are built from these).
const ADDED_BY_NEW: u32 = 1;
const ADDED_BY_BAR: u32 = 3;
const ADDED_BY_FOO: u32 = 2;
const ADDED_BY_BAZ: u32 = 4;

struct Numbered {
    kept: Cell<u32>,
}

impl Numbered {
    fn report(&self) -> u32 {
        self.kept.get() + ADDED_BY_FOO
    }
}

impl GuestThing for Numbered {
    fn new(v: u32) -> Numbered {
        Numbered {
            kept: Cell::new(v + ADDED_BY_NEW),
        }
    }

    fn foo(&self) -> u32 {
        self.report()
    }

    fn bar(&self, v: u32) {
        self.kept.set(v + ADDED_BY_BAR);
    }

    fn baz(a: Thing, b: Thing) -> Thing {
        let reports: u32 = [&a, &b]
            .into_iter()
            .map(|thing| thing.get::<Numbered>().report())
            .sum();
        Thing::new(<Numbered as GuestThing>::new(reports + ADDED_BY_BAZ))
    }
}

struct LeafThing;

impl Guest for LeafThing {
    type Thing = Numbered;
}

bindings::export!(LeafThing with_types_in bindings);
