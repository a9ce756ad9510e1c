//@ args = '--raw-strings'

// Raw strings (test side): exports take and return `Vec<u8>`; the runner's two `foo` calls and
// two `bar` calls are told apart by a counter.
use std::sync::atomic::{AtomicU32, Ordering};

static FOO: AtomicU32 = AtomicU32::new(0);
static BAR: AtomicU32 = AtomicU32::new(0);

struct Test;

impl bindings::exports::cat::Guest for Test {
    fn foo(x: Vec<u8>) {
        let expected: &[u8] = match FOO.fetch_add(1, Ordering::SeqCst) {
            0 => b"hello",
            _ => "h\u{e9}llo \u{1f600}".as_bytes(),
        };
        assert_eq!(x, expected);
    }

    fn bar() -> Vec<u8> {
        match BAR.fetch_add(1, Ordering::SeqCst) {
            0 => b"world".to_vec(),
            _ => "w\u{f6}rld".as_bytes().to_vec(),
        }
    }
}

bindings::export!(Test with_types_in bindings);
