// Type section suffix (test side): counts the calls of each export; the runner makes three of
// `imports.foo` and one of each `f`, and each `f` checks what came before it.
use std::sync::atomic::{AtomicU32, Ordering};

static FOO: AtomicU32 = AtomicU32::new(0);
static F: AtomicU32 = AtomicU32::new(0);

struct Component;

impl bindings::exports::test::suffix::imports::Guest for Component {
    fn foo() {
        FOO.fetch_add(1, Ordering::SeqCst);
    }
}

impl bindings::exports::foo::Guest for Component {
    fn f() {
        assert_eq!(FOO.load(Ordering::SeqCst), 2, "`a` and `b` called `foo` first");
        assert_eq!(F.fetch_add(1, Ordering::SeqCst), 0);
    }
}

impl bindings::exports::bar::Guest for Component {
    fn f() {
        assert_eq!(F.fetch_add(1, Ordering::SeqCst), 1, "`foo.f` came first");
    }
}

bindings::export!(Component with_types_in bindings);
