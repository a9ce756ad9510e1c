// Strings through a type alias (test side): checks the aliased string it is given and returns one.
use bindings::exports::cat::{Guest, MyString};

struct Component;

impl Guest for Component {
    fn foo(x: MyString) {
        assert_eq!(x, "hello");
    }

    fn bar() -> MyString {
        "world".to_string()
    }
}

bindings::export!(Component with_types_in bindings);
