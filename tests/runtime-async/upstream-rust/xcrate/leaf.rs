// Cross-crate bindings (leaf): implements both imported interfaces of the intermediate, each
// with its own resource `x`, and logs every call (`b-imports.calls` hands the log over).
use std::cell::RefCell;

use bindings::exports::test::xcrate::{a_imports, b_imports};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(call: &str) {
    LOG.with(|l| l.borrow_mut().push(call.to_string()));
}

struct Component;

impl a_imports::Guest for Component {
    type X = X;

    fn f() {
        log("a.f");
    }
}

impl b_imports::Guest for Component {
    type X = X;

    fn b() {
        log("b.b");
    }

    fn calls() -> Vec<String> {
        LOG.with(|l| l.take())
    }
}

/// An `x` of either interface, logged under the interface's letter.
struct X(&'static str);

impl a_imports::GuestX for X {
    fn new() -> X {
        log("a.x.new");
        X("a")
    }

    fn foo(&self) {
        log(&format!("{}.x.foo", self.0));
    }
}

impl b_imports::GuestX for X {
    fn new() -> X {
        log("b.x.new");
        X("b")
    }

    fn foo(&self) {
        log(&format!("{}.x.foo", self.0));
    }
}

impl Drop for X {
    fn drop(&mut self) {
        log(&format!("{}.x.drop", self.0));
    }
}

bindings::export!(Component with_types_in bindings);
