// Callee: cancels reads of the futures it is given, by dropping the future running the read
// (which drops the reader with it): one never started, one waiting for a value, and one whose
// value arrived before the cancel (while it waited for `signal`).
//
// Upstream's Rust read has a `cancel` that returns the value when it had arrived (the copy
// ended COMPLETED); witbind's read is cancelled by dropping it, which drops such a value. That it
// arrived is checked by the runner, whose write of 4 was taken.
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use bindings::exports::my::test::i::Guest;
use witbind_rt::FutureReader;

struct Component;

/// Polls `f` once (starting what it does); true if it finished.
async fn poll_once<F: Future>(f: &mut Pin<Box<F>>) -> bool {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx).is_ready())).await
}

impl Guest for Component {
    async fn cancel_before_read(x: FutureReader<u32>) {
        let read = x.read();
        drop(read);
    }

    async fn cancel_after_read(x: FutureReader<u32>) {
        let mut read = Box::pin(x.read());
        assert!(!poll_once(&mut read).await, "read a value nobody wrote");
        drop(read);
    }

    async fn start_read_then_cancel(data: FutureReader<u32>, signal: FutureReader<()>) {
        let mut read = Box::pin(data.read());
        assert!(!poll_once(&mut read).await, "read a value nobody wrote yet");
        signal.read().await;
        drop(read);
    }
}

bindings::export!(Component with_types_in bindings);
