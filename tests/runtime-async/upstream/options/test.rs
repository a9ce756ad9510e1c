// Options (test side): checks the shape of the option<string> parameters it is given, builds
// options of its own and echoes the ones it receives.
use bindings::exports::test::options::to_test::Guest;

struct Component;

impl Guest for Component {
    fn option_none_param(a: Option<String>) {
        assert_eq!(a, None);
    }

    fn option_some_param(a: Option<String>) {
        assert_eq!(a.as_deref(), Some("foo"));
    }

    fn option_none_result() -> Option<String> {
        None
    }

    fn option_some_result() -> Option<String> {
        Some("foo".to_string())
    }

    fn option_roundtrip(a: Option<String>) -> Option<String> {
        a
    }

    fn double_option_roundtrip(a: Option<Option<u32>>) -> Option<Option<u32>> {
        a
    }
}

bindings::export!(Component with_types_in bindings);
