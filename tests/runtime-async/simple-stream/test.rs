// Produces and consumes payload-less streams, recording how many items each write handed over.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::simple_stream::api::Guest;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static BUSY: Cell<u32> = const { Cell::new(0) };
    static HANDED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Counts a background task as busy until dropped (when its future ends).
struct Busy;

impl Busy {
    fn start() -> Busy {
        BUSY.with(|b| b.set(b.get() + 1));
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(b.get() - 1));
    }
}

struct Component;

impl Guest for Component {
    async fn produce(n: u32, chunk: u32) -> (StreamReader<()>, FutureReader<Vec<u32>>) {
        let (mut writer, reader) = wit_stream::new::<()>();
        let (counts_writer, counts) = wit_future::new(Vec::new);
        let busy = Busy::start();
        HANDED.with(|h| h.borrow_mut().clear());
        witbind_rt::spawn(async move {
            let _busy = busy;
            let mut handed = Vec::new();
            let mut left = n;
            'writes: while left > 0 {
                let mut items = vec![(); left.min(chunk) as usize];
                left -= items.len() as u32;
                while !items.is_empty() {
                    let len = items.len();
                    let rest = writer.write(items).await;
                    assert!(rest.len() <= len);
                    handed.push((len - rest.len()) as u32);
                    HANDED.with(|h| *h.borrow_mut() = handed.clone());
                    if rest.len() == len {
                        // Nothing taken: the reader is gone.
                        break 'writes;
                    }
                    items = rest;
                }
            }
            drop(writer);
            counts_writer.write(handed).await.expect("the caller reads the counts");
        });
        (reader, counts)
    }

    fn handed_so_far() -> Vec<u32> {
        HANDED.with(|h| h.borrow().clone())
    }

    async fn consume(mut s: StreamReader<()>, max: u32) -> (u32, u32) {
        let (mut reads, mut items) = (0, 0);
        while let Some(got) = s.read(max as usize).await {
            assert!(got.len() <= max as usize, "a read returned more than its max");
            if got.is_empty() {
                continue;
            }
            reads += 1;
            items += got.len() as u32;
        }
        // The end stays the end.
        assert!(s.read(max as usize).await.is_none());
        (reads, items)
    }

    async fn take_once(mut s: StreamReader<()>, max: u32) -> u32 {
        s.read(max as usize).await.map_or(0, |got| got.len() as u32)
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::simple_stream::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
