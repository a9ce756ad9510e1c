// Callee: checks the string it gets.
struct Component;

impl bindings::exports::a::b::i::Guest for Component {
    async fn one_argument(x: String) {
        assert_eq!(x, "hello");
    }
}

bindings::export!(Component with_types_in bindings);
