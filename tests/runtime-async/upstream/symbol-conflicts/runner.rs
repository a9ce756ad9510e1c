// Same-named functions in different interfaces (runner side): `foo` of foo1 and foo2, `bar` of
// bar1 and bar2; each `bar` says which interface answered, so a mixed-up symbol is caught.
use bindings::my::inline::{bar1, bar2, foo1, foo2};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        foo1::foo();
        foo2::foo();
        assert_eq!(bar1::bar(), "bar1");
        assert_eq!(bar2::bar(), "bar2");
    }
}

bindings::export!(Runner with_types_in bindings);
