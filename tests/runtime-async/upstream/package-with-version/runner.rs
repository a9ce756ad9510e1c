// A versioned package (`my:inline@0.0.0`; runner side): constructs the test component's resource
// and drops it, several times, through the versioned interface. The test component checks that
// each one was destroyed before the next was made.
use bindings::my::inline::foo::Bar;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        for _ in 0..3 {
            let bar = Bar::new();
            drop(bar);
        }
    }
}

bindings::export!(Runner with_types_in bindings);
