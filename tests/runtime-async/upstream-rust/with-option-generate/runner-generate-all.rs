//@ args = '--generate-all'

// `generate_all` (runner side): every import is generated, as without any `with`.
use bindings::foo::baz::a::x;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        x();
    }
}

bindings::export!(Runner with_types_in bindings);
