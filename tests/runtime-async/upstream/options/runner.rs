// Options (runner side): option<string> as a parameter the test component checks (none, then
// some("foo")), as a result it builds (none, some("foo")), and round-tripped (none, some(""),
// some(non-ASCII)); option<option<u32>> round-tripped in all three shapes (none, some(none),
// some(some(n))). Every call leaves this component's heap allocations balanced.
mod alloc_probe;

use bindings::test::options::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        balanced(|| option_none_param(None));
        balanced(|| option_some_param(Some("foo")));
        balanced(|| assert_eq!(option_none_result(), None));
        balanced(|| assert_eq!(option_some_result(), Some("foo".to_string())));

        for a in [
            None,
            Some(String::new()),
            Some("foo".to_string()),
            Some("héllo ☃ 🦀 𠈄".to_string()),
        ] {
            balanced(|| assert_eq!(option_roundtrip(a.clone().as_deref()), a));
        }

        for a in [
            None,
            Some(None),
            Some(Some(0)),
            Some(Some(42)),
            Some(Some(u32::MAX)),
        ] {
            balanced(|| assert_eq!(double_option_roundtrip(a), a));
        }
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
