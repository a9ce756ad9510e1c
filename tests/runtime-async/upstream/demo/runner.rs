// Demo (runner side): the smallest composition, one import without parameters or results,
// called once.
use bindings::a::b::the_test;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        the_test::x();
    }
}

bindings::export!(Runner with_types_in bindings);
