// Callee: async exports that check the arguments they get and return fixed results.
use bindings::exports::a::b::i::Guest;

struct Component;

impl Guest for Component {
    async fn one_argument(x: u32) {
        assert_eq!(x, 1);
    }

    async fn one_result() -> u32 {
        2
    }

    async fn one_argument_and_result(x: u32) -> u32 {
        assert_eq!(x, 3);
        4
    }

    async fn two_arguments(x: u32, y: u32) {
        assert_eq!((x, y), (5, 6));
    }

    async fn two_arguments_and_result(x: u32, y: u32) -> u32 {
        assert_eq!((x, y), (7, 8));
        9
    }
}

bindings::export!(Component with_types_in bindings);
