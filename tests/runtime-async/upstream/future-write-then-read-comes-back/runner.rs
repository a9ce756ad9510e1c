// Runner: starts writing a future, meanwhile passes its reader through the callee's synchronous
// `f`, which hands it straight back, and reads what came back: the write is taken (upstream's
// check). Also with the reader coming back before the write starts, and through several calls.
mod alloc_probe;
mod join;

use bindings::a::b::the_test::f;
use bindings::wit_future;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        // Upstream's round: the write is started first (it waits: nobody reads yet).
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), async { f(reader).read().await }).await;
        assert_eq!(written, Ok(()), "the reader that came back took the value");

        let before = alloc_probe::live();

        // The reader comes back first, then the write.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let reader = f(reader);
        let ((), written) = join::join2(reader.read(), writer.write(())).await;
        assert_eq!(written, Ok(()));

        // Through several calls while the write waits.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) =
            join::join2(writer.write(()), async { f(f(f(reader))).read().await }).await;
        assert_eq!(written, Ok(()));

        // The reader that came back, dropped: the waiting write is refused.
        let (writer, reader) = wit_future::new(|| unreachable!());
        let (written, ()) = join::join2(writer.write(()), async {
            witbind_rt::yield_now().await;
            drop(f(reader));
        })
        .await;
        assert_eq!(written, Err(()), "the reader that came back was dropped");

        assert_eq!(alloc_probe::live(), before, "the runner leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
