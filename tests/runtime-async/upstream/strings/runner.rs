// Strings (runner side): a Latin string the test component checks, a non-BMP result it builds
// (surrogate pairs in UTF-16, 4-byte sequences in UTF-8), an empty result, and round trips of
// empty, ASCII, mixed-width and long strings. Every call leaves this component's heap allocations
// balanced.
mod alloc_probe;

use bindings::test::strings::to_test::*;

const UNICODE: &str = "🚀🚀🚀 𠈄𓀀";

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        balanced(|| take_basic("latin utf16"));
        balanced(|| assert_eq!(return_unicode(), UNICODE));
        balanced(|| assert_eq!(return_empty(), ""));

        let long = format!("{}ä{}", "🦀x".repeat(3000), "é".repeat(1000));
        for s in [
            "",
            "a",
            "latin utf16",
            "\0nul\0",
            UNICODE,
            "ÿ€☃",
            long.as_str(),
        ] {
            balanced(|| assert_eq!(roundtrip(s), s));
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
