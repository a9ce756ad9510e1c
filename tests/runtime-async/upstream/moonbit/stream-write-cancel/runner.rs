// Runner (Rust) of stream-write-cancel. Part one cancels a controller call stuck in a stream write
// of two holder leaves of which the holder took one: the other must be dropped, the holder's stream
// must end and the controller must have seen the cancellation. Part two lets the holder take one
// leaf of a producer's stream and drop the stream: the later leaves are refused and dropped, and
// the producer ends. Both sides' flags and the holder's leaf tally are compared as one snapshot.
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use bindings::test::moonbit_stream_write_cancel::{controller, holder};

/// Everything the two components report, read at once.
#[derive(Debug, Default, PartialEq)]
struct Snapshot {
    write_started: bool,
    cancellation_seen: bool,
    second_write_started: bool,
    producer_finished: bool,
    /// The holder's leaves: (alive, dropped so far).
    leaves: (u32, u32),
}

fn snapshot() -> Snapshot {
    Snapshot {
        write_started: holder::write_started(),
        cancellation_seen: controller::cancellation_observed(),
        second_write_started: controller::second_write_started(),
        producer_finished: controller::producer_finished(),
        leaves: (holder::leaf_live_count(), holder::leaf_drop_count()),
    }
}

#[track_caller]
fn expect(when: &str, want: Snapshot) {
    assert_eq!(snapshot(), want, "{when}");
}

/// Boxes `call` and polls it once, which starts it; it must be left waiting.
async fn start_waiting<F: Future>(call: F) -> Pin<Box<F>> {
    let mut call = Box::pin(call);
    let waiting =
        std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx).is_pending())).await;
    assert!(waiting, "the call returned at once");
    call
}

async fn cancel_half_taken_write() {
    let blocked = start_waiting(controller::run_until_cancelled()).await;
    // The controller flags its write from its own task; this waits for the flag.
    holder::wait_write_started().await;
    assert!(holder::read_one_and_keep().await, "the holder got no leaf");
    expect(
        "one leaf taken (and dropped by the holder), one still in the write",
        Snapshot { write_started: true, leaves: (1, 1), ..Snapshot::default() },
    );

    // Dropping the call's future cancels it, and the write it is in.
    drop(blocked);
    controller::wait_cancellation_observed().await;
    assert!(holder::writable_dropped().await, "the held stream did not end");
    expect(
        "the cancelled write's leaf dropped",
        Snapshot {
            write_started: true,
            cancellation_seen: true,
            leaves: (0, 2),
            ..Snapshot::default()
        },
    );
}

async fn reader_gone_after_one() {
    controller::start_peer_drop().await;
    // The producer's first write waits for the holder.
    assert!(!controller::second_write_started());
    assert!(!controller::producer_finished());
    assert!(holder::read_one_and_drop().await, "the holder got no leaf");
    controller::wait_producer_finished().await;
    expect(
        "one leaf read and dropped by the holder, two refused and dropped by the producer",
        Snapshot {
            write_started: true,
            cancellation_seen: true,
            second_write_started: true,
            producer_finished: true,
            leaves: (0, 5),
        },
    );
}

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        expect("before anything", Snapshot::default());
        cancel_half_taken_write().await;
        reader_gone_after_one().await;
    }
}

bindings::export!(Runner with_types_in bindings);
