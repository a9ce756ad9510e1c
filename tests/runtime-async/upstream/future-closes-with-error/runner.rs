// Runner: drops a future's writer unwritten before passing the reader to the callee's async `f`,
// which reads it (upstream's sequence), and again while `f` is already waiting in its read. A
// writer dropped unwritten writes its default from a background task, so the read still ends
// with a value and `f` returns (the component model traps on dropping an unwritten future writer
// whose reader is alive, so "closing with an error" is not something a reader can see).
mod alloc_probe;
mod join;

use bindings::a::b::the_test::f;
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        // Upstream's round: dropped before the call.
        let (writer, reader) = wit_future::new(|| ());
        drop(writer);
        f(reader).await;

        // Dropped while the callee waits in its read: the call ends only once the default
        // arrives.
        let (writer, reader) = wit_future::new(|| ());
        let ((), ()) = join::join2(f(reader), async {
            for _ in 0..3 {
                witbind_rt::yield_now().await;
            }
            drop(writer);
        })
        .await;

        // And written, for contrast: the write is taken by the callee's read.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), f(reader)).await;
        assert_eq!(written, Ok(()));

        // The default's background writes are done: the runner holds nothing more than after
        // the first such round.
        let before = alloc_probe::live();
        let (writer, reader) = wit_future::new(|| ());
        drop(writer);
        f(reader).await;
        for _ in 0..100 {
            if alloc_probe::live() == before {
                break;
            }
            witbind_rt::yield_now().await;
        }
        assert_eq!(alloc_probe::live(), before, "the dropped writer leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
