// `with` only affects imports (leaf): expects the runner's `a` as the test component changed it.
use bindings::exports::my::inline::foo::{Guest, A};

struct Component;

impl Guest for Component {
    fn bar(a: A) {
        assert_eq!(a.b, 3);
    }
}

bindings::export!(Component with_types_in bindings);
