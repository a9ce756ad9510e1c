// `with` only affects imports (runner side): sends `a { b: 2 }` through the test component to
// the leaf, which expects what the test component makes of it.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        bindings::my::inline::foo::bar(bindings::my::inline::foo::A { b: 2 });
    }
}

bindings::export!(Runner with_types_in bindings);
