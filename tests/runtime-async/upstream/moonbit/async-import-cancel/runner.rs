// Async-import-cancel (runner side): cancels async import calls at every stage and checks that
// every `leaf` handed across is dropped exactly once: calls withdrawn in STARTING (their future
// or stream argument comes back undelivered), a call whose callee returns after the
// cancellation (the return is taken and its handles dropped), a stream of futures the callee
// drops, a started call whose owned input is dropped with it, reads cancelled just after their
// value arrived, and reads given up while the writer waits.
//
// Rust cancels by dropping a call's (or a read's) future; that cancel is synchronous, so the
// callee that spins until released is released before the drop (the MoonBit runner cancels first).
mod join;
mod poll;

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use bindings::test::async_import_cancel::gate_control;
use bindings::test::async_import_cancel::pending::{self, Leaf, OwnedInput};
use bindings::{wit_future, wit_stream};
use join::join2;
use poll::poll_a_few;

/// Polls `f` once (starting it on its first poll).
async fn poll_once<F: Future>(f: &mut Pin<Box<F>>) -> Poll<F::Output> {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx))).await
}

/// The test component's leaf tally: (alive now, dropped so far).
fn tally() -> (u32, u32) {
    (pending::leaf_live_count(), pending::leaf_drop_count())
}

/// Gives the test component turns until no leaf is alive and `dropped` have been dropped in all:
/// a leaf refused to a writer running in the background is dropped a few turns later.
async fn drain_until(dropped: u32) {
    let mut turns = 0;
    while tally() != (0, dropped) {
        turns += 1;
        assert!(turns <= 40, "(alive, dropped) is {:?}, not (0, {dropped})", tally());
        pending::settle().await;
    }
}

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        assert_eq!(pending::leaf_live_count(), 0);
        assert_eq!(pending::leaf_drop_count(), 0);
        let (writer, reader) = wit_future::new::<String>(|| unreachable!());
        let (consumed, written) =
            join2(pending::consume_future_string(reader), writer.write("hello".into())).await;
        assert!(consumed && written.is_ok());

        // A call held in STARTING by backpressure and withdrawn: the callee never starts and the
        // future passed to it is never read, so the leaf meant for it comes back.
        pending::backpressure_set(true);
        let leaf = Leaf::new();
        let (writer, reader) = wit_future::new::<Leaf>(|| unreachable!());
        assert!(poll_a_few(pending::pending(reader), 3).await.is_none());
        pending::backpressure_set(false);
        pending::settle().await;
        assert!(!pending::pending_started());
        let leaf = writer
            .write(leaf)
            .await
            .expect_err("a withdrawn call's future was read");
        drop(leaf);
        drain_until(1).await;

        // The same with a stream.
        pending::backpressure_set(true);
        let (mut writer, reader) = wit_stream::new::<Leaf>();
        assert!(poll_a_few(pending::pending_stream(reader), 3).await.is_none());
        pending::backpressure_set(false);
        pending::settle().await;
        assert!(!pending::pending_stream_started());
        let not_taken = writer.write(vec![Leaf::new()]).await;
        assert_eq!(not_taken.len(), 1, "a withdrawn call's stream was read");
        drop(not_taken);
        drop(writer);
        drain_until(2).await;

        // A callee that returns although its caller gave up: the returned leaf, the list's leaf
        // and the leaf written into its future are all dropped.
        let mut call = Box::pin(pending::return_after_cancel(Leaf::new()));
        assert!(poll_once(&mut call).await.is_pending());
        assert!(gate_control::started());
        gate_control::release();
        drop(call);
        drain_until(5).await;

        // A stream of futures whose reader the callee drops: no future is delivered, so each
        // future's writer gets its leaf back.
        let mut readers = Vec::new();
        for _ in 0..3 {
            let (writer, reader) = wit_future::new::<Leaf>(|| unreachable!());
            witbind_rt::spawn(async move {
                let leaf = writer.write(Leaf::new()).await;
                drop(leaf.expect_err("an undelivered future was read"));
            });
            readers.push(reader);
        }
        let (mut writer, reader) = wit_stream::new();
        let (not_taken, ()) = join2(writer.write(readers), pending::drop_future_stream(reader)).await;
        assert_eq!(not_taken.len(), 3, "the callee dropped the stream unread");
        drop(not_taken);
        drop(writer);
        drain_until(8).await;

        // A started call cancelled while it holds its owned input: the leaf, the future and the
        // stream in it are dropped with the callee's future.
        let (future_writer, future_reader) = wit_future::new::<Leaf>(|| unreachable!());
        witbind_rt::spawn(async move {
            let leaf = future_writer.write(Leaf::new()).await;
            drop(leaf.expect_err("the cancelled callee read its future"));
        });
        let (mut stream_writer, stream_reader) = wit_stream::new::<Leaf>();
        witbind_rt::spawn(async move {
            let not_taken = stream_writer.write(vec![Leaf::new()]).await;
            assert_eq!(not_taken.len(), 1, "the cancelled callee read its stream");
        });
        let mut call = Box::pin(pending::take_after_start(OwnedInput {
            direct: Leaf::new(),
            future_value: future_reader,
            stream_value: stream_reader,
        }));
        while !pending::take_after_start_started() {
            assert!(poll_once(&mut call).await.is_pending());
            pending::settle().await;
        }
        drop(call);
        drain_until(11).await;

        // A future read cancelled after its value arrived: the value is dropped with the read.
        let race = pending::open_race_future();
        let mut read = Box::pin(race.read());
        assert!(poll_once(&mut read).await.is_pending());
        pending::complete_race_future().await;
        drop(read);
        drain_until(12).await;

        // A stream read cancelled after its item arrived: the item is kept for the next read.
        let mut race = pending::open_race_stream();
        {
            let mut read = Box::pin(race.read(1));
            assert!(poll_once(&mut read).await.is_pending());
            pending::complete_race_stream().await;
        }
        let items = race.read(1).await.expect("the item that arrived was lost");
        assert_eq!(items.len(), 1);
        drop(items);
        assert!(race.read(1).await.is_none());
        drop(race);
        drain_until(13).await;

        // Reads given up while the writer waits: the reader is dropped with the read, and the
        // writer gets its leaf back (twice for each kind, as the MoonBit runner ends a read both
        // from outside and by cancelling its coroutine).
        for _ in 0..2 {
            let future = pending::open_future();
            let mut read = Box::pin(future.read());
            assert!(poll_once(&mut read).await.is_pending());
            drop(read);
            assert!(pending::open_future_reader_dropped().await);
        }
        for _ in 0..2 {
            let mut stream = pending::open_stream();
            {
                let mut read = Box::pin(stream.read(1));
                assert!(poll_once(&mut read).await.is_pending());
            }
            drop(stream);
            assert!(pending::open_stream_reader_dropped().await);
        }
        assert_eq!(pending::leaf_live_count(), 0);
        assert_eq!(pending::leaf_drop_count(), 17);
    }
}

bindings::export!(Runner with_types_in bindings);
