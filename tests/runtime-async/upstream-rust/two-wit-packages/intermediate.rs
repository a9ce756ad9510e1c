// Two WIT packages (intermediate): exports `a:b/x` and `other:c/x` and forwards each call to
// the import of the same name, so both packages' interfaces are imported and exported at once.
struct Component;

impl bindings::exports::a::b::x::Guest for Component {
    fn f1() {
        bindings::a::b::x::f1()
    }
}

impl bindings::exports::other::c::x::Guest for Component {
    fn f2() {
        bindings::other::c::x::f2()
    }
}

bindings::export!(Component with_types_in bindings);
