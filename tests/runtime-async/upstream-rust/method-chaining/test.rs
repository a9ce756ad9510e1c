//@ args = '--enable-method-chaining'

// Method chaining (test side): the export trait's methods without a result return `&Self`, as
// upstream's; the glue ignores what they return.
use bindings::exports::foo::bar::i::{Guest, GuestA};
use std::cell::Cell;

struct Test;

impl Guest for Test {
    type A = MyA;
}

struct MyA {
    a: Cell<u32>,
    b: Cell<bool>,
    done: Cell<u32>,
}

impl GuestA for MyA {
    fn new() -> MyA {
        MyA {
            a: Cell::new(0),
            b: Cell::new(false),
            done: Cell::new(0),
        }
    }

    fn set_a(&self, a: u32) -> &Self {
        self.a.set(a);
        self
    }

    fn set_b(&self, b: bool) -> &Self {
        self.b.set(b);
        self
    }

    fn r#do(&self) -> &Self {
        self.done.set(self.done.get() + 1);
        self
    }

    fn describe(&self) -> String {
        format!("a={} b={} done={}", self.a.get(), self.b.get(), self.done.get())
    }
}

bindings::export!(Test with_types_in bindings);
