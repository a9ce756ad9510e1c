// Two WIT packages (runner side): calls each package's `x` once, through the intermediate
// component, which forwards both to the test component.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        bindings::a::b::x::f1();
        bindings::other::c::x::f2();
    }
}

bindings::export!(Runner with_types_in bindings);
