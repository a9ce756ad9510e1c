// Strings through a type alias (runner side): an inline interface whose `my-string` aliases
// `string`; the alias is passed to the test component (which checks it) and returned by it. The
// alias is `String` itself (witbind passes named aliases by value, so the parameter is owned).
// Every call leaves this component's heap allocations balanced.
mod alloc_probe;

use bindings::cat::{self, MyString};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        balanced(|| {
            let x: MyString = String::from("hello");
            cat::foo(&x);
        });
        balanced(|| {
            let t: String = cat::bar();
            assert_eq!(t, "world");
        });
    }
}

/// Runs `f` and asserts that it freed everything it allocated (results included).
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let before = alloc_probe::live();
    f();
    assert_eq!(
        alloc_probe::live(),
        before,
        "live allocations in the runner"
    );
}

bindings::export!(Runner with_types_in bindings);
