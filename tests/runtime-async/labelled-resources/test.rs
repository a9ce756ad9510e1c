// Labelled resources (test side, `store` exported once): every handle's value lives in the
// implementation, which counts how many are alive (one more on creation, one less in `Drop`,
// which traps if it would go below zero). The composition runs two instances of this component,
// so each count is one instance's; `tally` keeps one total per instance.
use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};

use bindings::exports::test::labelled_resources::store::{
    Entry, Guest, GuestHandle, Handle, HandleBorrow,
};

static LIVE: AtomicU32 = AtomicU32::new(0);

struct Component;

struct Value(Cell<u32>);

impl Value {
    fn handle(value: u32) -> Handle {
        Handle::new(Value::new(value))
    }
}

impl Drop for Value {
    fn drop(&mut self) {
        let before = LIVE.fetch_sub(1, Ordering::SeqCst);
        assert!(before > 0, "a handle was dropped more often than created");
    }
}

impl GuestHandle for Value {
    fn new(value: u32) -> Self {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Value(Cell::new(value))
    }
    fn get(&self) -> u32 {
        self.0.get()
    }
    fn absorb(&self, other: HandleBorrow<'_>) -> u32 {
        let add = other.get::<Value>().get();
        self.0.set(self.0.get() + add);
        self.0.get()
    }
    fn merge(a: Handle, b: Handle) -> Handle {
        Value::handle(a.get::<Value>().get() + b.get::<Value>().get())
    }
}

impl Guest for Component {
    type Handle = Value;

    fn open(value: u32) -> Handle {
        Value::handle(value)
    }
    fn wrap(name: String, item: Handle) -> Entry {
        Entry { name, item }
    }
    fn unwrap(e: Entry) -> (u32, Handle) {
        (e.name.len() as u32 + e.item.get::<Value>().get(), e.item)
    }
    fn live() -> u32 {
        LIVE.load(Ordering::SeqCst)
    }
}

static TOTAL: std::sync::Mutex<(u32, u32)> = std::sync::Mutex::new((0, 0));

impl bindings::exports::test::labelled_resources::tally::Guest for Component {
    fn add(n: u32) -> bindings::exports::test::labelled_resources::tally::Total {
        let mut total = TOTAL.lock().unwrap();
        *total = (total.0 + 1, total.1 + n);
        bindings::exports::test::labelled_resources::tally::Total {
            count: total.0,
            sum: total.1,
        }
    }
}

bindings::export!(Component with_types_in bindings);
