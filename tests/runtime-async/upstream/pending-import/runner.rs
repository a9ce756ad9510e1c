// Runner: polls an async import by hand while its callee waits on a future: polling the pending
// call twice is fine and it completes once the future is written; and a call that completed
// while nobody polled it (its return event arrived during yields) can be dropped unobserved
// without being cancelled (cancelling a returned subtask traps) and without leaking.
mod alloc_probe;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use bindings::my::test::i::pending_import;
use bindings::wit_future;

struct Runner;

fn poll_once<F: Future>(f: std::pin::Pin<&mut F>) -> bool {
    f.poll(&mut Context::from_waker(Waker::noop())).is_pending()
}

impl bindings::Guest for Runner {
    async fn run() {
        {
            let (writer, reader) = wit_future::new(|| unreachable!());
            let mut call = pin!(pending_import(reader));
            assert!(poll_once(call.as_mut()), "the callee waits for the future");
            assert!(poll_once(call.as_mut()), "still waiting");
            writer.write(()).await.expect("the callee reads the future");
            call.await;
        }

        let before = alloc_probe::live();
        {
            let (writer, reader) = wit_future::new(|| unreachable!());
            let mut call = Box::pin(pending_import(reader));
            assert!(poll_once(call.as_mut()), "the callee waits for the future");
            writer.write(()).await.expect("the callee reads the future");
            // The callee returns meanwhile; the call is not polled again.
            for _ in 0..5 {
                witbind_rt::yield_now().await;
            }
            drop(call);
        }
        assert_eq!(alloc_probe::live(), before, "the dropped call leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
