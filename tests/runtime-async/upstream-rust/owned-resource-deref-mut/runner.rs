// Owned handles, mutably (runner side): a `bar` made with 3 reports 3, and `consume`, which
// takes it by value, answers 4 after changing it through its owned handle.
use bindings::my::inline::foo::Bar;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let data = Bar::new(3);
        assert_eq!(data.get_data(), 3);
        assert_eq!(Bar::consume(data), 4);
        let other = Bar::new(10);
        assert_eq!(Bar::consume(other), 11);
    }
}

bindings::export!(Runner with_types_in bindings);
