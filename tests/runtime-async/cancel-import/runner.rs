// Cancels an async import by dropping its future while the callee is still running, then checks
// the callee saw the cancellation, freed everything, and still serves new calls.
mod poll;

use bindings::test::cancel_import::api;
use bindings::test::cancel_import::probe::live_allocations;
use poll::poll_a_few;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let before = live_allocations();

        // Cancelled while started: dropped after a few turns of a call that needs 1000.
        let label = "first".to_string();
        assert!(poll_a_few(api::slow(1000, &label), 3).await.is_none());
        assert_eq!(api::cancelled(), 1);

        // Cancelled twice more, then a call that is allowed to finish.
        for _ in 0..2 {
            assert!(poll_a_few(api::slow(1000, "again"), 2).await.is_none());
        }
        assert_eq!(api::cancelled(), 3);
        assert_eq!(api::slow(2, "last").await, "last done");
        assert_eq!(api::cancelled(), 3);

        // A call that finishes before the caller gives up is not cancelled.
        assert_eq!(poll_a_few(api::quick(41), 5).await, Some(42));

        // Cancelled in STARTING: under backpressure the call waits without running; dropping
        // it withdraws it, so the callee never starts it.
        let started = api::started();
        api::hold(true);
        assert!(poll_a_few(api::slow(1, "held"), 3).await.is_none());
        assert_eq!(api::started(), started, "a call held by backpressure ran");
        api::hold(false);
        assert_eq!(
            api::cancelled(),
            3,
            "a call withdrawn in STARTING never ran, so its body saw no cancellation"
        );
        assert_eq!(api::slow(1, "released").await, "released done");
        assert_eq!(api::started(), started + 1);

        // A stream passed to a call withdrawn in STARTING was never taken by the callee: its
        // reader comes back to the dropped call, which drops it, so the writer learns the
        // reader is gone (instead of waiting for it forever).
        let (mut writer, reader) = bindings::wit_stream::new::<u8>();
        api::hold(true);
        assert!(poll_a_few(api::count_bytes(reader), 3).await.is_none());
        api::hold(false);
        assert_eq!(
            poll_a_few(writer.write(vec![1, 2, 3]), 5).await,
            Some(vec![1, 2, 3]),
            "the reader passed to a withdrawn call was not dropped"
        );
        // A stream passed to a call that runs is read to its end.
        let (mut writer, reader) = bindings::wit_stream::new::<u8>();
        witbind_rt::spawn(async move {
            assert!(writer.write_all(vec![7; 10]).await.is_empty());
        });
        assert_eq!(api::count_bytes(reader).await, 10);

        // Racing the return: drop calls after every number of turns around the moment they
        // return. Each ends exactly one way: the caller got the value; the callee finished but
        // the caller gave up first (the return that arrived is taken, not cancelled); or the
        // callee saw the cancellation. Nothing traps or leaks.
        let (mut finished, mut given_up, mut cancelled_early) = (0, 0, 0);
        for rounds in 0..4 {
            for turns in 1..6 {
                let (cancelled, done) = (api::cancelled(), api::finished());
                match poll_a_few(api::slow(rounds, "race"), turns).await {
                    Some(answer) => {
                        assert_eq!(answer, "race done");
                        assert_eq!((api::cancelled(), api::finished()), (cancelled, done + 1));
                        finished += 1;
                    }
                    None if api::finished() == done + 1 => {
                        assert_eq!(api::cancelled(), cancelled);
                        given_up += 1;
                    }
                    None => {
                        assert_eq!((api::cancelled(), api::finished()), (cancelled + 1, done));
                        cancelled_early += 1;
                    }
                }
            }
        }
        assert!(
            finished > 0 && cancelled_early > 0,
            "the race never went both ways: {finished} finished, {given_up} given up, \
             {cancelled_early} cancelled"
        );

        assert_eq!(live_allocations(), before, "cancelled calls leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
