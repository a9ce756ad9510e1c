// Strings (test side): checks the Latin string it is given, returns a non-BMP string and an empty
// one, and echoes strings.
use bindings::exports::test::strings::to_test::Guest;

struct Component;

impl Guest for Component {
    fn take_basic(s: String) {
        assert_eq!(s, "latin utf16");
    }

    fn return_unicode() -> String {
        "🚀🚀🚀 𠈄𓀀".to_string()
    }

    fn return_empty() -> String {
        String::new()
    }

    fn roundtrip(s: String) -> String {
        s
    }
}

bindings::export!(Component with_types_in bindings);
