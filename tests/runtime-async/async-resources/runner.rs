// Uses the `acc` resource through its async methods and statics and the async free functions
// taking borrows and owned handles, checking each value, that the test component's count of live
// accumulators matches the handles alive here after every step, and allocation balance.
mod alloc_probe;

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use bindings::test::async_resources::api::{self, Acc};
use bindings::test::async_resources::probe::live_allocations;

struct Runner;

/// Accepts only `Send` values: the futures of imports, reads and writes are `Send` (checked at
/// compile time), as users with `Send`-bounded APIs need.
fn require_send<T: Send>(t: T) -> T {
    t
}

/// Polls both futures until both are done; also says which finished first (0 or 1).
async fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output, Vec<u8>) {
    let mut a = pin!(a);
    let mut b = pin!(b);
    let (mut ra, mut rb, mut order) = (None, None, Vec::new());
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

/// Runs `f`, then checks that as many accumulators are alive in the test component as before,
/// and that both components hold as many heap allocations as before.
async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let live_before = api::live_accs();
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    assert_eq!(api::live_accs(), live_before, "accumulators left alive by {what}");
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

#[track_caller]
fn assert_live(base: u32, extra: u32) {
    assert_eq!(api::live_accs(), base + extra, "live accumulators");
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        let warm = Acc::new(0);
        assert_eq!(warm.add(1, 1).await, 1);
        drop(warm);
        assert_eq!(api::live_accs(), 0);

        balanced("async methods", require_send(async {
            let a = Acc::new(10);
            assert_live(0, 1);
            assert_eq!(a.add(5, 0).await, 15);
            assert_eq!(a.add(-20, 3).await, -5);
            assert_eq!(a.get(), -5);
            assert_eq!(a.history().await, vec![10, 15, -5]);
            assert_eq!(a.name().await, "");
            drop(a);
            assert_live(0, 0);
        }))
        .await;

        balanced("async statics", require_send(async {
            let m = Acc::make(7, "made ✓").await;
            assert_live(0, 1);
            assert_eq!(m.name().await, "made ✓");
            assert_eq!(m.add(3, 2).await, 10);
            let other = Acc::new(32);
            let merged = Acc::merge(&m, &other).await;
            assert_live(0, 3);
            assert_eq!(merged.get(), 42);
            assert_eq!(m.get(), 10, "merge only borrowed");
            assert_eq!(other.get(), 32);
            let twice = Acc::merge(&merged, &merged).await;
            assert_eq!(twice.get(), 84, "the same handle borrowed twice");
            drop((m, other, merged, twice));
            assert_live(0, 0);
        }))
        .await;

        balanced("borrows across yields", require_send(async {
            let a = Acc::new(100);
            assert_eq!(api::peek(&a, 0).await, 100);
            assert_eq!(api::peek(&a, 5).await, 100);
            // Two calls borrowing the same handle at once: `peek` reads before `add` writes.
            let (peeked, added, order) = join2(api::peek(&a, 2), a.add(1, 6)).await;
            assert_eq!((peeked, added), (100, 101));
            assert_eq!(order, vec![0, 1]);
            // The other way: the write finishes first.
            let (peeked, added, order) = join2(api::peek(&a, 8), a.add(1, 1)).await;
            assert_eq!((peeked, added), (102, 102));
            assert_eq!(order, vec![1, 0]);
            assert_eq!(a.history().await, vec![100, 101, 102]);
            assert_live(0, 1);
        }))
        .await;

        balanced("owned handles", require_send(async {
            let a = Acc::new(1);
            assert_eq!(api::consume(a).await, 1);
            assert_live(0, 0);

            let b = Acc::make(2, "b").await;
            let b = api::bump(b, 40).await;
            assert_live(0, 1);
            assert_eq!(b.get(), 42);
            assert_eq!(b.name().await, "b", "the same accumulator came back");
            let b = api::bump(api::bump(b, 1).await, 1).await;
            assert_eq!(b.history().await, vec![2, 42, 43, 44]);
            assert_eq!(api::consume(b).await, 44);
            assert_live(0, 0);
        }))
        .await;

        balanced("lists and options of handles", require_send(async {
            let many = api::make_many(4).await;
            assert_live(0, 4);
            let mut values = Vec::new();
            for a in &many {
                values.push(a.get());
            }
            assert_eq!(values, vec![0, 10, 20, 30]);
            assert_eq!(many[1].add(5, 1).await, 15);
            let mut many = many;
            many.push(Acc::new(-1));
            assert_live(0, 5);
            assert_eq!(api::consume_many(many).await, vec![0, 15, 20, 30, -1]);
            assert_live(0, 0);

            assert!(api::make_many(0).await.is_empty());
            assert_eq!(api::consume_many(Vec::new()).await, Vec::<i64>::new());

            let fresh = api::or_new(None, 9).await;
            assert_eq!(fresh.get(), 9);
            let kept = api::or_new(Some(fresh), 0).await;
            assert_eq!(kept.history().await, vec![9]);
            assert_live(0, 1);
            drop(kept);
            assert_live(0, 0);
        }))
        .await;

        balanced("many handles, concurrent method calls", require_send(async {
            let accs: Vec<Acc> = (0..16).map(Acc::new).collect();
            assert_live(0, 16);
            // One call per handle, awaited together.
            let mut results = Vec::new();
            for pair in accs.chunks(2) {
                let (x, y, _) = join2(pair[0].add(100, 3), pair[1].add(200, 1)).await;
                results.push(x);
                results.push(y);
            }
            let expected: Vec<i64> = (0..16).map(|i| i + if i % 2 == 0 { 100 } else { 200 }).collect();
            assert_eq!(results, expected);
            drop(accs);
            assert_live(0, 0);
        }))
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
