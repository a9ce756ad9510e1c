// `with` (test side): receives the message the runner built from the other bindings' type.
struct Component;

impl bindings::exports::my::inline::bar::Guest for Component {
    fn bar(m: bindings::exports::my::inline::bar::Msg) {
        assert_eq!(m.field, "hello");
    }
}

bindings::export!(Component with_types_in bindings);
