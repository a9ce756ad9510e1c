// The main task loops on `yield_now` only, checking shared state; spawned tasks wait on a
// future, a stream and an async call. Their events must reach them while the loop yields.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bindings::test::yield_loop_events::api;
use bindings::test::yield_loop_events::probe::live_allocations;

struct Runner;

/// Yields until `done()` holds; the number of yields it took. Fails the run if events never
/// arrive.
async fn spin_until(mut done: impl FnMut() -> bool) -> u32 {
    let mut spins = 0;
    while !done() {
        witbind_rt::yield_now().await;
        spins += 1;
        assert!(
            spins < 100_000,
            "no event reached the spawned tasks while yielding"
        );
    }
    spins
}

impl bindings::Guest for Runner {
    async fn run() {
        let before = live_allocations();

        // A future written after 5 yields on the other side.
        let value = Rc::new(Cell::new(None));
        let future = api::later(7, 5).await;
        let slot = value.clone();
        witbind_rt::spawn(async move { slot.set(Some(future.read().await)) });
        let spins = spin_until(|| value.get().is_some()).await;
        assert_eq!(value.get(), Some(7));
        assert!(
            spins > 0,
            "the value cannot arrive before the writer yielded"
        );

        // A stream trickling 0..20 with yields between items, read by a spawned task.
        let items = Rc::new(RefCell::new(Vec::new()));
        let ended = Rc::new(Cell::new(false));
        let mut stream = api::trickle(20, 2).await;
        let (sink, end) = (items.clone(), ended.clone());
        witbind_rt::spawn(async move {
            while let Some(chunk) = stream.read(8).await {
                sink.borrow_mut().extend(chunk);
            }
            end.set(true);
        });
        spin_until(|| ended.get()).await;
        assert_eq!(*items.borrow(), (0..20).collect::<Vec<u32>>());

        // An async call whose callee yields 10 times, awaited by a spawned task.
        let answer = Rc::new(Cell::new(None));
        let slot = answer.clone();
        witbind_rt::spawn(async move { slot.set(Some(api::spin(10).await)) });
        spin_until(|| answer.get().is_some()).await;
        assert_eq!(answer.get(), Some(10));

        assert_eq!(live_allocations(), before, "the test component leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
