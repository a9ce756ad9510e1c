// Demo (test side): exports `x`, which does nothing.
use bindings::exports::a::b::the_test::Guest;

struct Test;

impl Guest for Test {
    fn x() {}
}

bindings::export!(Test with_types_in bindings);
