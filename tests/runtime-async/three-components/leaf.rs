// The leaf: owns the cells (counting the live ones) and doubles streams of bytes.
use std::cell::Cell;

use bindings::exports::test::three_components::cells::{Guest, GuestCell};
use bindings::wit_stream;
use witbind_rt::StreamReader;

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct Counter {
    label: String,
    value: Cell<u32>,
}

impl GuestCell for Counter {
    fn new(label: String) -> Counter {
        LIVE.with(|l| l.set(l.get() + 1));
        Counter {
            label,
            value: Cell::new(0),
        }
    }
    fn label(&self) -> String {
        self.label.clone()
    }
    fn add(&self, n: u32) {
        self.value.set(self.value.get() + n);
    }
    fn value(&self) -> u32 {
        self.value.get()
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        LIVE.with(|l| {
            assert!(l.get() > 0, "a cell was dropped more often than made");
            l.set(l.get() - 1)
        });
    }
}

struct Component;

impl Guest for Component {
    type Cell = Counter;

    fn live_cells() -> u32 {
        LIVE.with(Cell::get)
    }

    async fn double(mut input: StreamReader<u8>) -> StreamReader<u8> {
        let (mut writer, reader) = wit_stream::new::<u8>();
        witbind_rt::spawn(async move {
            while let Some(bytes) = input.read(100).await {
                let doubled: Vec<u8> = bytes.iter().map(|b| b.wrapping_mul(2)).collect();
                if !writer.write_all(doubled).await.is_empty() {
                    break;
                }
            }
        });
        reader
    }
}

bindings::export!(Component with_types_in bindings);
