// Runner: parks a future's reader in the callee (`set`), takes it back (`get`) and drops it, then
// drops the writer unwritten (upstream's sequence), and drops a fresh reader while its writer
// lives on. Also checks that what comes back is the same future: dropped, the writer's write is
// refused; read, it gets a value written while the reader was parked, or the default of a
// writer dropped unwritten while it was parked.
mod alloc_probe;
mod join;

use bindings::a::b::the_test::{get, set};
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

        // Upstream's rounds.
        let (writer, reader) = wit_future::new(|| ());
        set(reader);
        let reader = get();
        drop(reader);
        drop(writer);
        let (writer, reader) = wit_future::new::<()>(|| ());
        drop(reader);
        drop(writer);
        assert!(settled(before).await, "the dropped ends leaked");

        // The reader taken back and dropped was the future's: the write is refused.
        let (writer, reader) = wit_future::new(|| unreachable!());
        set(reader);
        drop(get());
        assert_eq!(writer.write(()).await, Err(()), "the reader was dropped");

        // A write started while the reader is parked waits for it; the reader taken back reads
        // it.
        let (writer, reader) = wit_future::new(|| unreachable!());
        set(reader);
        let (written, ()) = join::join2(writer.write(()), async {
            witbind_rt::yield_now().await;
            get().read().await
        })
        .await;
        assert_eq!(written, Ok(()), "the reader taken back took the value");

        // A writer dropped unwritten while the reader is parked: the reader taken back still
        // gets a value (the default, written in the background).
        let (writer, reader) = wit_future::new(|| ());
        set(reader);
        drop(writer);
        witbind_rt::yield_now().await;
        get().read().await;

        assert!(settled(before).await, "the runner leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
