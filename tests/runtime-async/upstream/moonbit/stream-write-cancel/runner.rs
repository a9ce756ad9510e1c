// Cancels a controller call blocked in a stream write of holder resources: the holder takes one
// leaf of two, the call is cancelled, and then the leaf not taken has been dropped (none live),
// the holder's stream ends, and the controller saw its cancellation. Then a stream whose reader
// the holder drops after one item: the producer's later writes are refused, their leaves dropped,
// and the producer ends.
use std::future::Future;
use std::task::Poll;

use bindings::test::moonbit_stream_write_cancel::controller;
use bindings::test::moonbit_stream_write_cancel::holder;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let mut call = Box::pin(controller::run_until_cancelled());
        // Started; it blocks in its write until cancelled.
        let first = std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx).is_pending()));
        assert!(first.await);
        holder::wait_write_started().await;
        assert!(holder::write_started());
        assert!(holder::read_one_and_keep().await);
        assert_eq!(holder::leaf_drop_count(), 1, "the leaf read was dropped");
        assert_eq!(holder::leaf_live_count(), 1, "one leaf waits in the write");
        assert!(!controller::cancellation_observed());

        drop(call);
        controller::wait_cancellation_observed().await;
        assert!(controller::cancellation_observed());
        assert!(holder::writable_dropped().await);
        assert_eq!(holder::leaf_live_count(), 0);
        assert_eq!(holder::leaf_drop_count(), 2);

        controller::start_peer_drop().await;
        assert!(!controller::second_write_started());
        assert!(holder::read_one_and_drop().await);
        controller::wait_producer_finished().await;
        assert!(controller::second_write_started());
        assert!(controller::producer_finished());
        assert_eq!(holder::leaf_live_count(), 0);
        // One read and dropped by the holder, two given back to the producer.
        assert_eq!(holder::leaf_drop_count(), 5);
    }
}

bindings::export!(Runner with_types_in bindings);
