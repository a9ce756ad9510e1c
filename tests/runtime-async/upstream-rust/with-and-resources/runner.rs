//@ args = '--with my:inline/foo=crate::other::my::inline::foo --generate-all'
//@ more-bindings = { other = "dummy" }

// `with` and resources (runner side): the resource `a` of `my:inline/foo` is the handle type of
// the bindings in `other`. A handle made through `other`'s import goes into `bindings`' `bar`,
// and the handles `bar` returns are `other`'s type again: they are used through `other`'s
// function and dropped by its destructor.
use other::my::inline::foo::{self, A};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let first = foo::bar();
        let back: Vec<A> = bindings::my::inline::bar::bar(first);
        assert_eq!(back.len(), 2);
        // Each handle came back as a distinct, live resource.
        assert_ne!(back[0].__handle(), back[1].__handle());
        drop(back);
    }
}

bindings::export!(Runner with_types_in bindings);
