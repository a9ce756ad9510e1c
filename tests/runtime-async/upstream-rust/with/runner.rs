//@ args = '--with my:inline/foo=crate::other::my::inline::foo --generate-all'
//@ more-bindings = { other = "dummy" }

// `with` (runner side): `my:inline/foo` is not generated in `bindings`; its `msg` is the one of
// the bindings in `other`, so a value built from `other`'s type goes straight into `bar`.
// Were `foo` generated here too, `bindings::my::inline::foo` would exist and `Msg` would be
// two distinct types: the call would not compile.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let msg = other::my::inline::foo::Msg {
            field: "hello".to_string(),
        };
        bindings::my::inline::bar::bar(&msg);
    }
}

bindings::export!(Runner with_types_in bindings);
