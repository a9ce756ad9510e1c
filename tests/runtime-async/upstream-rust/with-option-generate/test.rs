//@ args = '--generate-all'

// `with` and `generate_all` (test side): exports are always generated, and `--generate-all` is
// accepted on its own. `x` is to be called once per run.
use std::sync::atomic::{AtomicU32, Ordering};

static CALLS: AtomicU32 = AtomicU32::new(0);

struct Test;

impl bindings::exports::foo::baz::a::Guest for Test {
    fn x() {
        assert_eq!(CALLS.fetch_add(1, Ordering::SeqCst), 0, "`x` called twice");
    }
}

bindings::export!(Test with_types_in bindings);
