// Callee (Rust) of async-import-cancel: the component whose calls, futures and streams the runner
// gives up on. It tallies every `leaf` made and dropped (so the runner can see that each one ended
// exactly once, whoever owned it last), records which call bodies were entered (a withdrawn call
// never enters), and parks the writers of the ends it hands out until the runner asks for a write.
use std::cell::{Cell, RefCell};

use bindings::exports::test::async_import_cancel::pending::{
    Guest, GuestLeaf, Leaf, OwnedInput, ReturnedPayload,
};
use bindings::test::async_import_cancel::gate_control;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, FutureWriter, StreamReader, StreamWriter};

/// What a call that outran its caller's cancellation answers with.
const LATE_ANSWER: &str = "answered although the caller gave up";

/// Leaves made and dropped so far (the difference is alive).
#[derive(Clone, Copy)]
struct Tally {
    made: u32,
    dropped: u32,
}

/// Call bodies that can be withdrawn or cancelled, one bit each in `ENTERED`.
#[derive(Clone, Copy)]
enum Body {
    Pending = 1,
    PendingStream = 2,
    TakeAfterStart = 4,
}

/// Which of the two parked ends of a kind: the one whose reader the runner abandons, or the one
/// written while the runner cancels its read.
#[derive(Clone, Copy)]
enum Lane {
    Abandoned = 0,
    Raced = 1,
}

/// The writers behind the readers `open-*` handed out, until the runner asks for their write.
#[derive(Default)]
struct Parked {
    futures: [Option<FutureWriter<Leaf>>; 2],
    streams: [Option<StreamWriter<Leaf>>; 2],
}

thread_local! {
    static TALLY: Cell<Tally> = const { Cell::new(Tally { made: 0, dropped: 0 }) };
    static ENTERED: Cell<u8> = const { Cell::new(0) };
    /// Backpressure holds not yet released.
    static HOLDS: Cell<u32> = const { Cell::new(0) };
    static PARKED: RefCell<Parked> = RefCell::new(Parked::default());
}

fn update_tally(change: impl FnOnce(&mut Tally)) {
    TALLY.with(|cell| {
        let mut tally = cell.get();
        change(&mut tally);
        cell.set(tally);
    });
}

fn enter(body: Body) {
    ENTERED.with(|bits| bits.set(bits.get() | body as u8));
}

fn entered(body: Body) -> bool {
    ENTERED.with(|bits| bits.get() & body as u8 != 0)
}

/// A new leaf, made through the resource's own constructor so that it is counted.
fn new_leaf() -> Leaf {
    Leaf::new(<Counted as GuestLeaf>::new())
}

fn park_future(lane: Lane) -> FutureReader<Leaf> {
    let (writer, reader) = wit_future::new(new_leaf);
    PARKED.with(|p| {
        let spot = &mut p.borrow_mut().futures[lane as usize];
        assert!(spot.replace(writer).is_none(), "a future of that lane is still open");
    });
    reader
}

fn unpark_future(lane: Lane) -> FutureWriter<Leaf> {
    PARKED.with(|p| p.borrow_mut().futures[lane as usize].take()).expect("no future handed out")
}

fn park_stream(lane: Lane) -> StreamReader<Leaf> {
    let (writer, reader) = wit_stream::new();
    PARKED.with(|p| {
        let spot = &mut p.borrow_mut().streams[lane as usize];
        assert!(spot.replace(writer).is_none(), "a stream of that lane is still open");
    });
    reader
}

fn unpark_stream(lane: Lane) -> StreamWriter<Leaf> {
    PARKED.with(|p| p.borrow_mut().streams[lane as usize].take()).expect("no stream handed out")
}

struct Counted;

impl GuestLeaf for Counted {
    fn new() -> Counted {
        update_tally(|t| t.made += 1);
        Counted
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        update_tally(|t| {
            assert!(t.dropped < t.made, "more leaves dropped than made");
            t.dropped += 1;
        });
    }
}

struct Callee;

impl Guest for Callee {
    type Leaf = Counted;

    async fn pending(value: FutureReader<Leaf>) {
        enter(Body::Pending);
        let _leaf = value.read().await;
    }

    async fn consume_future_string(value: FutureReader<String>) -> bool {
        value.read().await == "hello"
    }

    fn pending_started() -> bool {
        entered(Body::Pending)
    }

    async fn pending_stream(mut value: StreamReader<Leaf>) {
        enter(Body::PendingStream);
        let _items = value.read(1).await;
    }

    fn pending_stream_started() -> bool {
        entered(Body::PendingStream)
    }

    fn open_future() -> FutureReader<Leaf> {
        park_future(Lane::Abandoned)
    }

    async fn open_future_reader_dropped() -> bool {
        // Refused only when the reader is gone; the refused leaf is dropped with the error.
        matches!(unpark_future(Lane::Abandoned).write(new_leaf()).await, Err(_))
    }

    fn open_race_future() -> FutureReader<Leaf> {
        park_future(Lane::Raced)
    }

    async fn complete_race_future() {
        let sent = unpark_future(Lane::Raced).write(new_leaf()).await;
        assert!(sent.is_ok(), "the raced future's reader was already gone");
    }

    fn open_stream() -> StreamReader<Leaf> {
        park_stream(Lane::Abandoned)
    }

    async fn open_stream_reader_dropped() -> bool {
        let mut writer = unpark_stream(Lane::Abandoned);
        let refused = writer.write(vec![new_leaf()]).await;
        refused.len() == 1
    }

    fn open_race_stream() -> StreamReader<Leaf> {
        park_stream(Lane::Raced)
    }

    async fn complete_race_stream() {
        let mut writer = unpark_stream(Lane::Raced);
        let refused = writer.write(vec![new_leaf()]).await;
        assert_eq!(refused.len(), 0, "the raced stream's item was not taken");
    }

    async fn drop_future_stream(value: StreamReader<FutureReader<Leaf>>) {
        // Nothing read: the futures still in the caller's write go back to it.
        drop(value);
    }

    async fn take_after_start(input: OwnedInput) {
        enter(Body::TakeAfterStart);
        // Holds `input` unread and keeps giving the host turns; the caller's cancellation arrives
        // at one of them and drops this future, `input` with it.
        let _held = input;
        loop {
            witbind_rt::yield_now().await;
        }
    }

    fn take_after_start_started() -> bool {
        entered(Body::TakeAfterStart)
    }

    async fn return_after_cancel(value: Leaf) -> ReturnedPayload {
        gate_control::mark_started();
        // `yield_blocking` never leaves the call, so no cancellation can end it here: the body
        // goes on to return once the gate opens, whatever the caller did meanwhile.
        while !gate_control::released() {
            let _ = witbind_rt::yield_blocking();
        }
        ReturnedPayload {
            label: LATE_ANSWER.to_string(),
            leaf: value,
            leaves: vec![new_leaf()],
            // Filled by a background task of this call, after the return.
            ready: wit_future::spawn(async { new_leaf() }),
        }
    }

    async fn settle() {
        witbind_rt::yield_now().await;
    }

    fn backpressure_set(value: bool) {
        // Every release must match an earlier hold.
        HOLDS.with(|holds| {
            if value {
                holds.set(holds.get() + 1);
                witbind_rt::backpressure_inc();
            } else {
                assert!(holds.get() > 0, "backpressure released more often than set");
                holds.set(holds.get() - 1);
                witbind_rt::backpressure_dec();
            }
        });
    }

    fn leaf_live_count() -> u32 {
        let t = TALLY.with(Cell::get);
        t.made - t.dropped
    }

    fn leaf_drop_count() -> u32 {
        TALLY.with(Cell::get).dropped
    }
}

bindings::export!(Callee with_types_in bindings);
