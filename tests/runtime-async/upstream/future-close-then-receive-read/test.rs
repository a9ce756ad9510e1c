// Callee: `set` parks the reader it is given, unread; `get` hands it back.
use std::cell::RefCell;

use bindings::exports::a::b::the_test::Guest;
use witbind_rt::FutureReader;

struct Component;

thread_local! {
    static SLOT: RefCell<Option<FutureReader<()>>> = const { RefCell::new(None) };
}

impl Guest for Component {
    fn set(future: FutureReader<()>) {
        let previous = SLOT.with(|s| s.replace(Some(future)));
        assert!(previous.is_none(), "a reader was parked twice");
    }

    fn get() -> FutureReader<()> {
        SLOT.with(|s| s.take()).expect("a parked reader")
    }
}

bindings::export!(Component with_types_in bindings);
