// Concurrent-export-isolation (runner side): overlapping calls of the test component's async
// exports. Two long calls (each checking its own state against the other's interleaved steps) and
// a short one run at once; a call waiting for a future and one producing a stream the runner
// holds do not keep another call from completing; a read that one call's background task is in is
// ended by a later call.
mod join;

use std::future::Future;
use std::task::Poll;

use bindings::test::moonbit_concurrent_export_isolation::operations as ops;
use bindings::{wit_future, wit_stream};
use join::join2;

/// Calls `complete-now` and yields to the host until `state()` reaches `at_least` (or 32
/// times): a call that answers at once does not let the host run the other call's task.
async fn await_state(state: fn() -> u8, at_least: u8) -> u8 {
    for _ in 0..32 {
        if state() >= at_least {
            break;
        }
        assert_eq!(ops::complete_now().await, 42);
        witbind_rt::yield_now().await;
    }
    state()
}

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let ((isolated, isolated_again), completed) = join2(
            join2(ops::check_context_isolation(), ops::check_context_isolation()),
            ops::complete_now(),
        )
        .await;
        // Each call is true only if its own steps and stamps came through intact while the
        // other call's steps ran between them.
        assert!(isolated, "the first overlapping call saw its state mixed or did not overlap");
        assert!(isolated_again, "the second overlapping call saw its state mixed or did not overlap");
        assert_eq!(completed, 42);

        // A call waiting for a future does not hold up another call, which then opens it.
        let (gate_writer, gate) = wit_future::new::<()>(|| ());
        let ((), completed) = join2(ops::wait_for_gate(gate), async {
            let result = ops::complete_now().await;
            gate_writer.write(()).await.unwrap();
            result
        })
        .await;
        assert_eq!(completed, 42);

        // A stream whose producer waits for the runner does not hold up another call either.
        let (release_writer, release) = wit_future::new::<()>(|| ());
        let mut held = ops::hold_stream(release).await;
        let mut completing = Box::pin(ops::complete_now());
        let mut completed = None;
        for _ in 0..32 {
            if completed.is_none() {
                let polled =
                    std::future::poll_fn(|cx| Poll::Ready(completing.as_mut().poll(cx))).await;
                if let Poll::Ready(value) = polled {
                    completed = Some(value);
                }
            }
            witbind_rt::yield_now().await;
        }
        assert_eq!(completed, Some(42), "a held stream blocked another call");
        release_writer.write(()).await.unwrap();
        assert_eq!(held.read(1).await, Some(vec![b'x']));
        assert_eq!(held.read(1).await, None);

        // A future read by one call's background task, ended by a later call (another task)
        // that drops the reader: the read ends before anything is written, and the writer then
        // finds the reader gone.
        let (writer, reader) = wit_future::new::<()>(|| ());
        ops::begin_cross_task_future_read(reader).await;
        assert_eq!(await_state(ops::cross_task_future_read_state, 1).await, 1);
        ops::drop_cross_task_future_read().await;
        assert_eq!(await_state(ops::cross_task_future_read_state, 2).await, 2);
        assert!(writer.write(()).await.is_err());

        // The same with a stream.
        let (mut writer, reader) = wit_stream::new::<u8>();
        ops::begin_cross_task_stream_read(reader).await;
        assert_eq!(await_state(ops::cross_task_stream_read_state, 1).await, 1);
        ops::drop_cross_task_stream_read().await;
        assert_eq!(await_state(ops::cross_task_stream_read_state, 2).await, 2);
        assert_eq!(writer.write(vec![7]).await, [7]);
    }
}

bindings::export!(Runner with_types_in bindings);
