// Callee: `f` returns the reader it was given, unread.
use bindings::exports::a::b::the_test::Guest;
use witbind_rt::FutureReader;

struct Component;

impl Guest for Component {
    fn f(future: FutureReader<()>) -> FutureReader<()> {
        future
    }
}

bindings::export!(Component with_types_in bindings);
