// Runner: passes a future's reader to the callee's synchronous `f`, which hands it straight back,
// and drops what came back and then the writer (upstream's sequence). Also checks that what comes
// back is the same future: after it is dropped a write is refused, and when it is read instead
// the write is taken and the value arrives.
mod alloc_probe;
mod join;

use bindings::a::b::the_test::f;
use bindings::wit_future;

struct Runner;

/// Yields until the runner's allocations are back to `before` (a dropped writer's default is
/// written by a background task); false if they never are.
async fn settled(before: i64) -> bool {
    for _ in 0..100 {
        if alloc_probe::live() == before {
            return true;
        }
        witbind_rt::yield_now().await;
    }
    alloc_probe::live() == before
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the task's bookkeeping (its waitable set, the list of waiters) is made on
        // first need and kept.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), reader.read()).await;
        assert_eq!(written, Ok(()));
        let before = alloc_probe::live();

        // Upstream's round: the reader comes back and is dropped, then the writer, unwritten.
        let (writer, reader) = wit_future::new(|| ());
        let reader = f(reader);
        drop(reader);
        drop(writer);
        assert!(settled(before).await, "the dropped ends leaked");

        // The reader that came back and was dropped is the future's reader: a write is refused.
        let (writer, reader) = wit_future::new(|| unreachable!());
        drop(f(reader));
        assert_eq!(
            writer.write(()).await,
            Err(()),
            "the reader that came back was dropped"
        );

        // The reader that came back is usable: a write to it is taken and read.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let reader = f(reader);
        let (written, ()) = join::join2(writer.write(()), reader.read()).await;
        assert_eq!(written, Ok(()), "the reader that came back took the value");

        // Several round trips through the callee still give the same future.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let reader = f(f(f(reader)));
        drop(reader);
        assert_eq!(writer.write(()).await, Err(()));

        assert!(settled(before).await, "the runner leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
