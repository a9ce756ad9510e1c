//@ args = '--raw-strings'

// Raw strings (runner side): `foo` takes `&[u8]` and `bar` returns `Vec<u8>` (with `String`s the
// byte-string literal and the `Vec<u8>` binding would not compile). Multi-byte UTF-8 crosses
// unchanged.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        bindings::cat::foo(b"hello");
        bindings::cat::foo("h\u{e9}llo \u{1f600}".as_bytes());
        let world: Vec<u8> = bindings::cat::bar();
        assert_eq!(world, b"world");
        let again: Vec<u8> = bindings::cat::bar();
        assert_eq!(String::from_utf8(again).unwrap(), "w\u{f6}rld");
    }
}

bindings::export!(Runner with_types_in bindings);
