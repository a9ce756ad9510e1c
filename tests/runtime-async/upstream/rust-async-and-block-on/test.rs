// Callee: a synchronous export that hands back the stream it gets.
use witbind_rt::StreamReader;

struct Component;

impl bindings::exports::a::b::i::Guest for Component {
    fn launder(x: StreamReader<u8>) -> StreamReader<u8> {
        x
    }
}

bindings::export!(Component with_types_in bindings);
