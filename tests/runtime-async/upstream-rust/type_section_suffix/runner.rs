//@ more-bindings = { a = "available-imports", b = "available-imports --type-section-suffix -again", c = "test:a/imports", d = "test:b/imports" }

// Type section suffix (runner side): the crate holds the bindings of world `available-imports`
// twice (`a`, and `b` with a suffix), next to its own and those of two more worlds. Each
// bindings' component type is a custom section named after its world; without the suffix, `a`'s
// and `b`'s would have one name, the linker would join them into one malformed section and the
// component could not be made. Every import is called through each bindings.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        a::test::suffix::imports::foo();
        b::test::suffix::imports::foo();
        c::foo::f();
        d::bar::f();
        bindings::test::suffix::imports::foo();
    }
}

bindings::export!(Runner with_types_in bindings);
