// The holder: owns the `leaf` resource (counting live and dropped ones) and keeps a
// `stream<leaf>` it is given, reading from it only when asked, so a writer elsewhere stays blocked
// in its write meanwhile.
use std::cell::{Cell, RefCell};

use bindings::exports::test::moonbit_stream_write_cancel::holder::{Guest, GuestLeaf, Leaf};
use witbind_rt::StreamReader;

thread_local! {
    static WRITE_STARTED: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<u32> = const { Cell::new(0) };
    static DROPPED: Cell<u32> = const { Cell::new(0) };
    static HELD: RefCell<Option<StreamReader<Leaf>>> = const { RefCell::new(None) };
}

fn take_held() -> StreamReader<Leaf> {
    HELD.with(|h| h.borrow_mut().take())
        .expect("a stream is held")
}

struct MyLeaf;

impl GuestLeaf for MyLeaf {
    fn new() -> MyLeaf {
        LIVE.with(|l| l.set(l.get() + 1));
        MyLeaf
    }
}

impl Drop for MyLeaf {
    fn drop(&mut self) {
        LIVE.with(|l| {
            assert!(l.get() > 0, "a leaf was dropped more often than made");
            l.set(l.get() - 1)
        });
        DROPPED.with(|d| d.set(d.get() + 1));
    }
}

struct Component;

impl Guest for Component {
    type Leaf = MyLeaf;

    async fn hold(value: StreamReader<Leaf>) {
        let previous = HELD.with(|h| h.borrow_mut().replace(value));
        assert!(previous.is_none(), "a stream was already held");
    }

    fn mark_write_started() {
        WRITE_STARTED.with(|w| w.set(true));
    }

    fn write_started() -> bool {
        WRITE_STARTED.with(Cell::get)
    }

    // The flag is set by a call of another task: this one yields until it sees it.
    async fn wait_write_started() {
        while !WRITE_STARTED.with(Cell::get) {
            witbind_rt::yield_now().await;
        }
    }

    // The held stream ended without another item: its writer is gone.
    async fn writable_dropped() -> bool {
        let mut stream = take_held();
        stream.read(1).await.is_none()
    }

    // One item read (and dropped); the stream is held again.
    async fn read_one_and_keep() -> bool {
        let mut stream = take_held();
        let got = stream.read(1).await;
        HELD.with(|h| *h.borrow_mut() = Some(stream));
        matches!(got, Some(items) if items.len() == 1)
    }

    // One item read, then the item and the stream are dropped.
    async fn read_one_and_drop() -> bool {
        let mut stream = take_held();
        matches!(stream.read(1).await, Some(items) if items.len() == 1)
    }

    fn leaf_live_count() -> u32 {
        LIVE.with(Cell::get)
    }

    fn leaf_drop_count() -> u32 {
        DROPPED.with(Cell::get)
    }
}

bindings::export!(Component with_types_in bindings);
