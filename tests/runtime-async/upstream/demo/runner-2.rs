// Demo (second runner, paired with every test component like the first): calls the import a
// thousand times; a call without parameters or results allocates nothing in the runner.
mod alloc_probe;

use bindings::a::b::the_test;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        for _ in 0..1000 {
            the_test::x();
        }
        assert_eq!(
            alloc_probe::live(),
            before,
            "live allocations in the runner"
        );
    }
}

bindings::export!(Runner with_types_in bindings);
