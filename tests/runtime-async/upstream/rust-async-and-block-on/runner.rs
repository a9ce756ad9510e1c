// Runner: mixes `block_on` into an async export. A stream write starts (and waits) on the
// export's task; `block_on` then finishes it together with a read of the other end; afterwards
// a second write on the same writer waits and completes on the export's task again. The reader
// went through the callee (`launder`), so the two ends' handles are not a fresh pair.
mod join;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

use bindings::a::b::i::launder;
use bindings::wit_stream;
use witbind_rt::block_on;

struct Runner;

/// Polls `f` once without a waker of this task; true if it is still pending.
fn pending<F: Future + ?Sized>(f: Pin<&mut F>) -> bool {
    f.poll(&mut Context::from_waker(Waker::noop())).is_pending()
}

impl bindings::Guest for Runner {
    async fn run() {
        let (writer, reader) = wit_stream::new::<u8>();
        let mut reader = launder(reader);

        // 1. A write that waits for the reader, started on the export's task.
        let mut first = Box::pin(async move {
            let mut writer = writer;
            let rest = writer.write(vec![1]).await;
            (writer, rest)
        });
        assert!(pending(first.as_mut()), "nobody reads yet");

        // 2. `block_on` finishes that write, reading its item.
        let ((mut writer, rest), (read, mut reader)) = block_on(async move {
            let read = async move {
                let got = reader.read(1).await;
                (got, reader)
            };
            join::join2(first, read).await
        });
        assert!(rest.is_empty(), "the first write was taken");
        assert_eq!(read, Some(vec![1]));

        // 3. A second write on the same writer waits (the reader is alive) and then completes
        // on the export's task.
        let mut second = Box::pin(async move {
            // Large enough to move the write's state to a new place in memory.
            let pad = [0u64; 16];
            let rest = writer.write(vec![2]).await;
            assert_eq!(pad, [0; 16]);
            (writer, rest)
        });
        assert!(pending(second.as_mut()), "nobody reads yet");
        let ((writer, rest), got) = join::join2(second, reader.read(1)).await;
        assert!(rest.is_empty(), "the second write was taken");
        assert_eq!(got, Some(vec![2]));

        // The end of the stream arrives once the writer is gone.
        drop(writer);
        assert_eq!(reader.read(1).await, None);
    }
}

bindings::export!(Runner with_types_in bindings);
