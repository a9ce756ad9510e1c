//@ bindings = false
//@ externs = ["rust_xcrate_test.rs"]

// Cross-crate bindings (intermediate): this crate has no bindings and no `witbind-rt`
// dependency of its own. It exports world `b`'s interface through `export_b!` of the library
// crate `rust_xcrate_test` (which needs no `with_types_in`: the macro knows its bindings'
// path) and calls the imports of both worlds of that crate, `a`'s and `b`'s, each with its own
// resource `x`. The component is the world `intermediate` (`a`'s imports and `b`), made of the
// two component types the library's bindings embed; `a`'s exports are not part of it (nothing
// here exports them, and the composition would fail if the component had to).
use std::sync::atomic::{AtomicU32, Ordering};

use rust_xcrate_test::a::test::xcrate::a_imports;
use rust_xcrate_test::b::exports::test::xcrate::b_exports;
use rust_xcrate_test::b::test::xcrate::b_imports;

/// Calls of `b` so far, and `x`s of this component made and dropped.
static CALLS: AtomicU32 = AtomicU32::new(0);
static MADE: AtomicU32 = AtomicU32::new(0);
static DROPPED: AtomicU32 = AtomicU32::new(0);

struct Exports;

rust_xcrate_test::b::export_b!(Exports);

impl b_exports::Guest for Exports {
    type X = MyX;

    fn b() {
        // The runner makes, uses and drops one `x` between its two calls.
        let call = CALLS.fetch_add(1, Ordering::SeqCst);
        assert_eq!(MADE.load(Ordering::SeqCst), call);
        assert_eq!(DROPPED.load(Ordering::SeqCst), call);

        a_imports::f();
        b_imports::b();
        let x = a_imports::X::new();
        x.foo();
        drop(x);
        let x = b_imports::X::new();
        x.foo();
        drop(x);
        // Each call reached the leaf, on the interface (and resource) it was made through.
        assert_eq!(
            b_imports::calls(),
            [
                "a.f", "b.b", "a.x.new", "a.x.foo", "a.x.drop", "b.x.new", "b.x.foo", "b.x.drop",
            ]
        );
    }
}

struct MyX {
    used: std::cell::Cell<bool>,
}

impl b_exports::GuestX for MyX {
    fn new() -> MyX {
        MADE.fetch_add(1, Ordering::SeqCst);
        MyX {
            used: std::cell::Cell::new(false),
        }
    }

    fn foo(&self) {
        assert!(!self.used.replace(true));
    }
}

impl Drop for MyX {
    fn drop(&mut self) {
        assert!(self.used.get(), "`foo` was called before the drop");
        DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}
