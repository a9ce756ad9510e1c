// Options (test side): the parameter-only exports check which case of option<string> arrived
// (nothing, or the agreed word), the result-only ones produce each case, and the round trips
// rebuild what they were given case by case (the string copied into a fresh buffer).
use bindings::exports::test::options::to_test::Guest;

/// The string both sides agree on for the `some` cases.
const WORD: &str = "foo";

/// The three shapes an option<option<u32>> can take, rebuilt from scratch.
fn rebuilt(nested: Option<Option<u32>>) -> Option<Option<u32>> {
    match nested {
        None => None,
        Some(None) => Some(None),
        Some(Some(n)) => Some(Some(n)),
    }
}

struct Options;

impl Guest for Options {
    fn option_none_param(a: Option<String>) {
        if let Some(text) = a {
            panic!("option-none-param got some({text:?})");
        }
    }

    fn option_some_param(a: Option<String>) {
        match a.as_deref() {
            Some(WORD) => {}
            other => panic!("option-some-param got {other:?}, not some({WORD:?})"),
        }
    }

    fn option_none_result() -> Option<String> {
        Option::default()
    }

    fn option_some_result() -> Option<String> {
        Some(WORD.into())
    }

    fn option_roundtrip(a: Option<String>) -> Option<String> {
        a.as_deref().map(String::from)
    }

    fn double_option_roundtrip(a: Option<Option<u32>>) -> Option<Option<u32>> {
        rebuilt(a)
    }
}

bindings::export!(Options with_types_in bindings);
