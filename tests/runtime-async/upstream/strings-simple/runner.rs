// Strings through an inline interface (runner side; upstream's std runner — the no_std variant is
// not ported here): a string argument borrowed as `&str`, which the test component checks, and an
// owned `String` result. Every call leaves this component's heap allocations balanced.
mod alloc_probe;

use bindings::cat;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        // The argument is borrowed: `&str`, not `String`.
        balanced(|| cat::foo("hello"));
        balanced(|| {
            let owned = String::from("hello");
            cat::foo(&owned);
            assert_eq!(owned, "hello");
        });
        // The result is owned.
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
