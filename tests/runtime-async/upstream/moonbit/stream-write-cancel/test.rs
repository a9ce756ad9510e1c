// The controller: writes leaves (resources of the holder) into streams the holder keeps.
// `run-until-cancelled` blocks in a write of two leaves the holder only half reads, until its
// caller cancels the call: the leaf not taken comes back to the cancelled write and is dropped,
// and the writer's end goes away. `start-peer-drop` leaves a producer writing one leaf at a time
// after it returned; the holder reads one and drops the stream, so the later writes are refused
// and their leaves dropped here.
use std::cell::Cell;

use bindings::exports::test::moonbit_stream_write_cancel::controller::Guest;
use bindings::test::moonbit_stream_write_cancel::holder::{self, Leaf};
use bindings::wit_stream;

thread_local! {
    static CANCELLATION_OBSERVED: Cell<bool> = const { Cell::new(false) };
    static SECOND_WRITE_STARTED: Cell<bool> = const { Cell::new(false) };
    static PRODUCER_FINISHED: Cell<bool> = const { Cell::new(false) };
}

/// Sets `flag` when dropped: with the future of a cancelled call, or at the end of a producer.
struct SetOnDrop(&'static std::thread::LocalKey<Cell<bool>>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.with(|f| f.set(true));
    }
}

/// Yields until `flag` is set (by another call's task: wakers do not cross tasks).
async fn until(flag: &'static std::thread::LocalKey<Cell<bool>>) {
    while !flag.with(Cell::get) {
        witbind_rt::yield_now().await;
    }
}

struct Component;

impl Guest for Component {
    async fn run_until_cancelled() {
        let _guard = SetOnDrop(&CANCELLATION_OBSERVED);
        let (mut writer, reader) = wit_stream::new::<Leaf>();
        holder::hold(reader).await;
        holder::mark_write_started();
        // The holder takes one leaf; the write waits for it to take the other until the caller
        // cancels this call, which drops this future: the write is cancelled, the leaf not
        // taken comes back and is dropped, then the writer.
        let _ = writer.write_all(vec![Leaf::new(), Leaf::new()]).await;
        unreachable!("the holder took both leaves or went away before the call was cancelled");
    }

    fn cancellation_observed() -> bool {
        CANCELLATION_OBSERVED.with(Cell::get)
    }

    async fn wait_cancellation_observed() {
        until(&CANCELLATION_OBSERVED).await;
    }

    async fn start_peer_drop() {
        let (mut writer, reader) = wit_stream::new::<Leaf>();
        witbind_rt::spawn(async move {
            let _guard = SetOnDrop(&PRODUCER_FINISHED);
            assert!(
                writer.write(vec![Leaf::new()]).await.is_empty(),
                "the first leaf was not taken"
            );
            SECOND_WRITE_STARTED.with(|f| f.set(true));
            // The holder dropped the stream: each leaf comes back, and is dropped here.
            for _ in 0..2 {
                let back = writer.write(vec![Leaf::new()]).await;
                assert_eq!(back.len(), 1, "a leaf was taken after the reader went away");
            }
        });
        holder::hold(reader).await;
    }

    fn second_write_started() -> bool {
        SECOND_WRITE_STARTED.with(Cell::get)
    }

    fn producer_finished() -> bool {
        PRODUCER_FINISHED.with(Cell::get)
    }

    async fn wait_producer_finished() {
        until(&PRODUCER_FINISHED).await;
    }
}

bindings::export!(Component with_types_in bindings);
