// Counts on two instances of the test component: each import reaches its own instance, so the
// totals never mix.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(bindings::first::add(1), 1);
        assert_eq!(bindings::first::add(2), 3);
        assert_eq!(bindings::second::add(10), 10, "`second` is another instance");
        assert_eq!(bindings::first::add(0), 3);
        assert_eq!(bindings::second::add(5), 15);
    }
}

bindings::export!(Runner with_types_in bindings);
