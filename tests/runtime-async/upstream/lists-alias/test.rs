// Lists alias (test side): exports the world's own `cat` interface; `foo` checks the bytes of the
// aliased list it receives, `bar` returns one.
use bindings::exports::cat::{Guest, MyList};

struct Component;

impl Guest for Component {
    fn foo(x: MyList) {
        assert_eq!(x, b"hello");
    }

    fn bar() -> MyList {
        b"world".to_vec()
    }
}

bindings::export!(Component with_types_in bindings);
