//@ [lang]
//@ rustflags = '-O'
// Demo (runner variant that asks for -O, as upstream's runner-opt; witbind test does not apply
// that flag yet): calls the import once.
use bindings::a::b::the_test;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        the_test::x();
    }
}

bindings::export!(Runner with_types_in bindings);
