//@ [lang]
//@ rustflags = '-O'
// Demo (runner built with optimizations, as upstream's runner-opt): calls the import once.
use bindings::a::b::the_test;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        the_test::x();
    }
}

bindings::export!(Runner with_types_in bindings);
