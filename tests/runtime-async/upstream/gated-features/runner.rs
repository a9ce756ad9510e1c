//@ args = '--features y'
// Feature gates (runner side): generated with feature `y` on, so it imports `y` (unstable, enabled)
// and `z` (`@since` the package's own version) but not `x` (unstable, not enabled) — composing
// with the test component fails if an ungated or disabled function slips into either world.
use bindings::foo::bar::bindings::{y, z};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        y();
        z();
    }
}

bindings::export!(Runner with_types_in bindings);
