// Labelled resources (test side, `store` exported twice, as `a` and `b`): each export has its own
// resource type, its own `Guest` traits and here its own implementation type and count of live
// handles (one more on creation, one less in `Drop`, which traps if it would go below zero).
use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};

struct Component;

/// One export's implementation: `$label` is the export's module, `$value` the type implementing
/// its resource.
macro_rules! export_store {
    ($label:ident, $value:ident) => {
        static LIVE: AtomicU32 = AtomicU32::new(0);

        pub struct $value(Cell<u32>);

        use bindings::exports::$label::{Entry, Guest, GuestHandle, Handle, HandleBorrow};

        impl $value {
            fn handle(value: u32) -> Handle {
                Handle::new(<$value as GuestHandle>::new(value))
            }
        }

        impl Drop for $value {
            fn drop(&mut self) {
                let before = LIVE.fetch_sub(1, Ordering::SeqCst);
                assert!(before > 0, "a handle was dropped more often than created");
            }
        }

        impl GuestHandle for $value {
            fn new(value: u32) -> Self {
                LIVE.fetch_add(1, Ordering::SeqCst);
                $value(Cell::new(value))
            }
            fn get(&self) -> u32 {
                self.0.get()
            }
            fn absorb(&self, other: HandleBorrow<'_>) -> u32 {
                let add = other.get::<$value>().get();
                self.0.set(self.0.get() + add);
                self.0.get()
            }
            fn merge(a: Handle, b: Handle) -> Handle {
                $value::handle(a.get::<$value>().get() + b.get::<$value>().get())
            }
        }

        impl Guest for super::Component {
            type Handle = $value;

            fn open(value: u32) -> Handle {
                $value::handle(value)
            }
            fn wrap(name: String, item: Handle) -> Entry {
                Entry { name, item }
            }
            fn unwrap(e: Entry) -> (u32, Handle) {
                let value = e.item.get::<$value>().get();
                (e.name.len() as u32 + value, e.item)
            }
            fn live() -> u32 {
                LIVE.load(Ordering::SeqCst)
            }
        }
    };
}

mod a {
    use super::*;
    export_store!(a, ValueA);
}

mod b {
    use super::*;
    export_store!(b, ValueB);
}

bindings::export!(Component with_types_in bindings);
