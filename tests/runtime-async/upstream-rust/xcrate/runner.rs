// Cross-crate bindings (runner): calls the intermediate's `b` twice and, in between, makes,
// uses and drops one of its `x`s (defined in the intermediate's crate, exported through the
// library crate's `export_b!`); the intermediate checks that it saw that `x` come and go.
use bindings::test::xcrate::b_exports::{b, X};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        b();
        let x = X::new();
        x.foo();
        drop(x);
        b();
    }
}

bindings::export!(Runner with_types_in bindings);
