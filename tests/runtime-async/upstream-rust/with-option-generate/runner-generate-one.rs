//@ args = '--with foo:baz/a=generate'

// `with: { "foo:baz/a": generate }` (runner side): the one imported interface is named, so its
// bindings are generated here without `generate_all`.
use bindings::foo::baz::a::x;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        x();
    }
}

bindings::export!(Runner with_types_in bindings);
