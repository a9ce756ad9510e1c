// Strings through an inline interface (test side): checks the string it is given and returns one.
use bindings::exports::cat::Guest;

struct Component;

impl Guest for Component {
    fn foo(x: String) {
        assert_eq!(x, "hello");
    }

    fn bar() -> String {
        "world".to_string()
    }
}

bindings::export!(Component with_types_in bindings);
