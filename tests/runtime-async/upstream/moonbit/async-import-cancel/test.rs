// Async-import-cancel (test side): the callee of the calls the runner cancels. Every `leaf` it
// makes is counted (live and dropped), so the runner can check that each one handed across the
// boundary in a cancelled call, a withdrawn call, an undelivered future or stream value or a
// return that raced a cancellation is dropped exactly once.
use std::cell::{Cell, RefCell};

use bindings::exports::test::async_import_cancel::pending::{
    Guest, GuestLeaf, Leaf, OwnedInput, ReturnedPayload,
};
use bindings::test::async_import_cancel::gate_control;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, FutureWriter, StreamReader, StreamWriter};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
    static DROPPED: Cell<u32> = const { Cell::new(0) };
    static PENDING_STARTED: Cell<bool> = const { Cell::new(false) };
    static PENDING_STREAM_STARTED: Cell<bool> = const { Cell::new(false) };
    static TAKE_AFTER_START_STARTED: Cell<bool> = const { Cell::new(false) };
    static OPEN_FUTURE: RefCell<Option<FutureWriter<Leaf>>> = const { RefCell::new(None) };
    static RACE_FUTURE: RefCell<Option<FutureWriter<Leaf>>> = const { RefCell::new(None) };
    static OPEN_STREAM: RefCell<Option<StreamWriter<Leaf>>> = const { RefCell::new(None) };
    static RACE_STREAM: RefCell<Option<StreamWriter<Leaf>>> = const { RefCell::new(None) };
}

struct MyLeaf;

impl MyLeaf {
    fn tracked() -> MyLeaf {
        LIVE.with(|c| c.set(c.get() + 1));
        MyLeaf
    }
}

impl Drop for MyLeaf {
    fn drop(&mut self) {
        LIVE.with(|c| c.set(c.get().checked_sub(1).expect("a leaf dropped twice")));
        DROPPED.with(|c| c.set(c.get() + 1));
    }
}

impl GuestLeaf for MyLeaf {
    fn new() -> MyLeaf {
        MyLeaf::tracked()
    }
}

fn leaf() -> Leaf {
    Leaf::new(MyLeaf::tracked())
}

fn keep<T>(slot: &'static std::thread::LocalKey<RefCell<Option<T>>>, value: T) {
    assert!(slot.with(|s| s.borrow_mut().replace(value).is_none()));
}

fn take<T>(slot: &'static std::thread::LocalKey<RefCell<Option<T>>>) -> T {
    slot.with(|s| s.borrow_mut().take()).expect("no end kept")
}

struct Component;

impl Guest for Component {
    type Leaf = MyLeaf;

    async fn pending(value: FutureReader<Leaf>) {
        PENDING_STARTED.with(|c| c.set(true));
        drop(value.read().await);
    }

    async fn consume_future_string(value: FutureReader<String>) -> bool {
        value.read().await == "hello"
    }

    fn pending_started() -> bool {
        PENDING_STARTED.with(Cell::get)
    }

    async fn pending_stream(mut value: StreamReader<Leaf>) {
        PENDING_STREAM_STARTED.with(|c| c.set(true));
        drop(value.read(1).await);
    }

    fn pending_stream_started() -> bool {
        PENDING_STREAM_STARTED.with(Cell::get)
    }

    fn open_future() -> FutureReader<Leaf> {
        let (writer, reader) = wit_future::new(leaf);
        keep(&OPEN_FUTURE, writer);
        reader
    }

    async fn open_future_reader_dropped() -> bool {
        // The value comes back undelivered (and is dropped here) only if the reader is gone.
        take(&OPEN_FUTURE).write(leaf()).await.is_err()
    }

    fn open_race_future() -> FutureReader<Leaf> {
        let (writer, reader) = wit_future::new(leaf);
        keep(&RACE_FUTURE, writer);
        reader
    }

    async fn complete_race_future() {
        assert!(take(&RACE_FUTURE).write(leaf()).await.is_ok());
    }

    fn open_stream() -> StreamReader<Leaf> {
        let (writer, reader) = wit_stream::new();
        keep(&OPEN_STREAM, writer);
        reader
    }

    async fn open_stream_reader_dropped() -> bool {
        let mut writer = take(&OPEN_STREAM);
        writer.write(vec![leaf()]).await.len() == 1
    }

    fn open_race_stream() -> StreamReader<Leaf> {
        let (writer, reader) = wit_stream::new();
        keep(&RACE_STREAM, writer);
        reader
    }

    async fn complete_race_stream() {
        let mut writer = take(&RACE_STREAM);
        assert!(writer.write(vec![leaf()]).await.is_empty());
    }

    async fn drop_future_stream(value: StreamReader<FutureReader<Leaf>>) {
        drop(value);
    }

    async fn take_after_start(_value: OwnedInput) {
        TAKE_AFTER_START_STARTED.with(|c| c.set(true));
        // Runs until cancelled: the input is dropped with this future.
        loop {
            witbind_rt::yield_now().await;
        }
    }

    fn take_after_start_started() -> bool {
        TAKE_AFTER_START_STARTED.with(Cell::get)
    }

    async fn return_after_cancel(value: Leaf) -> ReturnedPayload {
        gate_control::mark_started();
        // Spins without giving the caller's cancellation a chance, so the call returns anyway.
        while !gate_control::released() {
            let _ = witbind_rt::yield_blocking();
        }
        // Dropped unwritten: its default leaf is written by a background task.
        let (ready_writer, ready) = wit_future::new(leaf);
        drop(ready_writer);
        ReturnedPayload {
            label: "returned after cancellation".into(),
            leaf: value,
            leaves: vec![leaf()],
            ready,
        }
    }

    async fn settle() {
        witbind_rt::yield_now().await;
    }

    fn backpressure_set(value: bool) {
        if value {
            witbind_rt::backpressure_inc();
        } else {
            witbind_rt::backpressure_dec();
        }
    }

    fn leaf_live_count() -> u32 {
        LIVE.with(Cell::get)
    }

    fn leaf_drop_count() -> u32 {
        DROPPED.with(Cell::get)
    }
}

bindings::export!(Component with_types_in bindings);
