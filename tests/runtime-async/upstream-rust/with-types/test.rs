//@ args = '--generate-all'

// `with` of single types (test side): exports are always generated; every function hands its
// argument back, and the ones without an argument answer errors.
use bindings::exports::i::{C, D};
use bindings::exports::my::inline::bar::E;
use bindings::exports::my::inline::foo::{GuestB, A, B, F, G};

struct Test;

struct MyB;

impl GuestB for MyB {}

impl bindings::exports::my::inline::foo::Guest for Test {
    type B = MyB;

    fn func1(v: A) -> A {
        v
    }

    fn func2(v: B) -> B {
        v
    }

    fn func3(v: Vec<A>) -> Vec<B> {
        assert_eq!(v.len(), 2);
        Vec::new()
    }

    fn func4(v: Option<A>) -> Option<A> {
        v
    }

    fn func5() -> Result<A, ()> {
        Err(())
    }

    fn func6() -> Result<F, ()> {
        Err(())
    }

    fn func7() -> Result<G, ()> {
        Err(())
    }
}

impl bindings::exports::my::inline::bar::Guest for Test {
    fn func6(v: E) -> E {
        v
    }
}

impl bindings::exports::i::Guest for Test {
    fn func7(v: C) -> C {
        v
    }

    fn func8(v: D) -> D {
        v
    }
}

bindings::export!(Test with_types_in bindings);
