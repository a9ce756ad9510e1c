// Produces and consumes byte streams, recording how much each write handed over.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::stream_u8::api::{Guest, Summary};
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

fn pattern(i: u32) -> u8 {
    (i.wrapping_mul(7).wrapping_add(i / 256)) as u8
}

fn fnv1a(hash: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(hash, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

const FNV_START: u32 = 0x811c_9dc5;

struct Component;

impl Guest for Component {
    async fn produce(total: u32, chunk: u32) -> (StreamReader<u8>, FutureReader<Vec<u32>>) {
        let (mut writer, reader) = wit_stream::new();
        let (counts_writer, counts) = wit_future::new(Vec::new);
        let busy = Busy::start();
        HANDED.with(|h| h.borrow_mut().clear());
        witbind_rt::spawn(async move {
            let _busy = busy;
            let mut handed = Vec::new();
            let mut next = 0u32;
            while next < total {
                let end = total.min(next.saturating_add(chunk));
                let mut bytes: Vec<u8> = (next..end).map(pattern).collect();
                next = end;
                while !bytes.is_empty() {
                    let len = bytes.len();
                    let rest = writer.write(bytes).await;
                    assert!(rest.len() <= len);
                    handed.push((len - rest.len()) as u32);
                    HANDED.with(|h| *h.borrow_mut() = handed.clone());
                    bytes = rest;
                    if handed.last() == Some(&0) {
                        panic!("the reader went away");
                    }
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

    async fn consume(mut s: StreamReader<u8>, max: u32) -> Summary {
        let mut summary = Summary { reads: 0, bytes: 0, checksum: FNV_START, largest: 0 };
        while let Some(bytes) = s.read(max as usize).await {
            assert!(bytes.len() <= max as usize, "a read returned more than its max");
            if bytes.is_empty() {
                continue;
            }
            summary.reads += 1;
            summary.bytes += bytes.len() as u64;
            summary.checksum = fnv1a(summary.checksum, &bytes);
            summary.largest = summary.largest.max(bytes.len() as u32);
        }
        // The end stays the end.
        assert!(s.read(max as usize).await.is_none());
        summary
    }

    async fn take_once(mut s: StreamReader<u8>, max: u32) -> Vec<u8> {
        s.read(max as usize).await.unwrap_or_default()
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::stream_u8::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
