//@ args = '--features y'
// Feature gates (test side): generated with feature `y` on; its `Guest` trait has `y` and `z` and
// no `x` (this impl would not compile otherwise).
use bindings::exports::foo::bar::bindings::Guest;

struct Component;

impl Guest for Component {
    fn y() {}
    fn z() {}
}

bindings::export!(Component with_types_in bindings);
