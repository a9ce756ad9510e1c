//@ args = '--with other:test/test=generate'

// An interface of another package (runner side): `other:test/test` comes from `deps/other.wit`
// and is generated because `with` names it; no other import needs naming.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        bindings::other::test::test::f();
    }
}

bindings::export!(Runner with_types_in bindings);
