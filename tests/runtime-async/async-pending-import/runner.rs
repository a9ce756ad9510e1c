// Awaits async imports that yield before answering, one at a time and several at once (joined
// in one future, and spawned on the runner's task with the result handed back through an
// `Rc<Cell>` or a `future<u32>`), checking every value, that the callee really yielded, the
// order concurrent calls finished in, and that both components' allocations balance.
mod alloc_probe;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

use bindings::test::async_pending_import::api;
use bindings::test::async_pending_import::probe::live_allocations;
use bindings::wit_future;

struct Runner;

/// Polls both futures until both are done; `order` says which finished first (0 or 1).
async fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output, Vec<u8>) {
    let mut a = pin!(a);
    let mut b = pin!(b);
    let mut ra = None;
    let mut rb = None;
    let mut order = Vec::new();
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
                order.push(0);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
                order.push(1);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap(), order)
}

/// A one-shot slot: `Setter::set` stores a value and wakes the `Getter`'s task.
struct Shared<T> {
    value: Option<T>,
    waker: Option<Waker>,
}
struct Setter<T>(Rc<RefCell<Shared<T>>>);
struct Getter<T>(Rc<RefCell<Shared<T>>>);

fn slot<T>() -> (Setter<T>, Getter<T>) {
    let shared = Rc::new(RefCell::new(Shared { value: None, waker: None }));
    (Setter(shared.clone()), Getter(shared))
}

impl<T> Setter<T> {
    fn set(self, value: T) {
        let mut shared = self.0.borrow_mut();
        shared.value = Some(value);
        if let Some(waker) = shared.waker.take() {
            waker.wake();
        }
    }
}

impl<T> Getter<T> {
    async fn wait(self) -> T {
        std::future::poll_fn(|cx| {
            let mut shared = self.0.borrow_mut();
            match shared.value.take() {
                Some(value) => Poll::Ready(value),
                None => {
                    shared.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }
}

/// Waits until the test component's background tasks have all ended.
async fn settle() {
    let mut rounds = 0;
    while api::busy() > 0 {
        rounds += 1;
        assert!(rounds < 10_000, "background tasks never finished");
        witbind_rt::yield_now().await;
    }
}

/// Runs `f`, lets background work end, then checks both components hold as many heap
/// allocations as before.
async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    settle().await;
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the first call creates the runner task's bookkeeping (waitable set, maps).
        assert_eq!(api::pending(1, "warm-up").await, "warm-up:1");
        assert_eq!(api::finished(), vec!["warm-up".to_string()]);

        balanced("one pending call", async {
            let before = api::yields();
            assert_eq!(api::pending(10, "ten").await, "ten:10");
            assert_eq!(api::yields() - before, 10, "the callee yielded 10 times");
            assert_eq!(api::finished(), vec!["ten".to_string()]);
        })
        .await;

        balanced("a call that never yields", async {
            let before = api::yields();
            assert_eq!(api::pending(0, "now").await, "now:0");
            assert_eq!(api::pending_sum(0, 1, 2).await, 3);
            assert_eq!(api::yields(), before);
            assert_eq!(api::finished(), vec!["now".to_string()]);
        })
        .await;

        balanced("sequential calls", async {
            for n in [1u32, 2, 5, 3] {
                assert_eq!(
                    api::pending_sum(n, u64::from(n) << 40, 7).await,
                    (u64::from(n) << 40) + 7
                );
            }
        })
        .await;

        balanced("two calls joined", async {
            let before = api::yields();
            let (slow, quick, order) =
                join2(api::pending(20, "slow"), api::pending(3, "quick")).await;
            assert_eq!(slow, "slow:20");
            assert_eq!(quick, "quick:3");
            assert_eq!(order, vec![1, 0], "the call with fewer yields finished first");
            assert_eq!(api::yields() - before, 23);
            assert_eq!(api::finished(), vec!["quick".to_string(), "slow".to_string()]);
        })
        .await;

        balanced("joined, the other way round", async {
            let (a, b, order) =
                join2(api::pending_sum(2, 40, 2), api::pending_sum(12, u64::MAX - 1, 1)).await;
            assert_eq!((a, b), (42, u64::MAX));
            assert_eq!(order, vec![0, 1]);
        })
        .await;

        balanced("a spawned call, joined through a waker", async {
            let (set, get) = slot::<String>();
            witbind_rt::spawn(async move {
                set.set(api::pending(15, "spawned").await);
            });
            // Meanwhile, on the main future: a shorter call.
            assert_eq!(api::pending(4, "main").await, "main:4");
            assert_eq!(get.wait().await, "spawned:15");
            assert_eq!(api::finished(), vec!["main".to_string(), "spawned".to_string()]);
        })
        .await;

        balanced("a spawned call, joined through a future<u32>", async {
            let (writer, reader) = wit_future::new(|| 0u32);
            let (wrote, written) = slot::<()>();
            witbind_rt::spawn(async move {
                let sum = api::pending_sum(8, 1_000_000, 234_567).await;
                writer.write(sum as u32).await.expect("the main future reads");
                wrote.set(());
            });
            let other = api::pending_sum(2, 5, 5).await;
            assert_eq!(other, 10);
            assert_eq!(reader.read().await, 1_234_567);
            written.wait().await;
        })
        .await;

        balanced("many spawned calls", async {
            let order: Rc<RefCell<Vec<u32>>> = Rc::new(RefCell::new(Vec::new()));
            let mut results = Vec::new();
            // Started in reverse order of their yields: the last started finishes first.
            for i in (0..8u32).rev() {
                let (set, get) = slot::<u64>();
                let order = order.clone();
                witbind_rt::spawn(async move {
                    let sum = api::pending_sum(i * 3, u64::from(i) << 33, 100).await;
                    order.borrow_mut().push(i);
                    set.set(sum);
                });
                results.push((i, get));
            }
            for (i, get) in results {
                assert_eq!(get.wait().await, (u64::from(i) << 33) + 100);
            }
            assert_eq!(*order.borrow(), (0..8u32).collect::<Vec<_>>(), "fewer yields finish first");
        })
        .await;

        balanced("a future written after the call returned", async {
            let future = api::delayed(6, 77).await;
            assert_eq!(api::busy(), 1, "the writer is still running after the return");
            assert_eq!(future.read().await, 77);
        })
        .await;

        balanced("pending futures joined", async {
            let a = api::delayed(9, 1).await;
            let b = api::delayed(1, 2).await;
            assert_eq!(api::busy(), 2);
            let (x, y, order) = join2(a.read(), b.read()).await;
            assert_eq!((x, y), (1, 2));
            assert_eq!(order, vec![1, 0]);
        })
        .await;

        // Last, because it hangs when a yielding task does not get its events: the main future
        // spins on `yield_now` while the spawned call waits for its SUBTASK event.
        balanced("a spawned call, joined through an Rc<Cell> and a yield loop", async {
            let slot: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
            let done = Rc::new(Cell::new(false));
            {
                let slot = slot.clone();
                let done = done.clone();
                witbind_rt::spawn(async move {
                    *slot.borrow_mut() = Some(api::pending(15, "spawned").await);
                    done.set(true);
                });
            }
            // Meanwhile, on the main future: a shorter call.
            assert_eq!(api::pending(4, "main").await, "main:4");
            assert!(!done.get(), "the spawned call (15 yields) finished before the main one (4)");
            let mut spins = 0;
            while !done.get() {
                spins += 1;
                assert!(spins < 100_000, "the spawned call never finished while the main future yielded");
                witbind_rt::yield_now().await;
            }
            assert_eq!(slot.borrow_mut().take().as_deref(), Some("spawned:15"));
            assert_eq!(api::finished(), vec!["main".to_string(), "spawned".to_string()]);
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
