// Same-named functions in different interfaces (test side): one `Guest` impl per interface;
// each `bar` returns its interface's name.
use bindings::exports::my::inline::{bar1, bar2, foo1, foo2};

struct Component;

impl foo1::Guest for Component {
    fn foo() {}
}

impl foo2::Guest for Component {
    fn foo() {}
}

impl bar1::Guest for Component {
    fn bar() -> String {
        "bar1".to_string()
    }
}

impl bar2::Guest for Component {
    fn bar() -> String {
        "bar2".to_string()
    }
}

bindings::export!(Component with_types_in bindings);
