// Starts many calls of one async export at once (spawned on the runner's task), then checks each
// call's own result, that they really were all in flight together, the order they finished in
// (fewer steps first), and that both components' allocations balance.
mod alloc_probe;

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::task::{Poll, Waker};

use bindings::test::async_concurrent_export::api::{self, Outcome};
use bindings::test::async_concurrent_export::probe::live_allocations;

struct Runner;

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

async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

fn expected(id: u32, steps: u32, label: &str) -> Outcome {
    Outcome {
        id,
        sum: (1..=u64::from(steps)).map(|s| u64::from(id) * s).sum(),
        trail: format!("{label}{}", ".".repeat(steps as usize)),
        seen: (1..=steps).collect(),
        helper: format!("helper of {id}"),
        in_flight_at_start: 0, // checked separately
    }
}

/// Starts `work(id, steps(id), label(id))` for every id at once; returns the outcomes by id.
async fn run_all(ids: &[u32], steps: impl Fn(u32) -> u32, label: impl Fn(u32) -> String) -> Vec<Outcome> {
    let mut getters = Vec::new();
    for &id in ids {
        let (set, get) = slot();
        let (steps, label) = (steps(id), label(id));
        witbind_rt::spawn(async move {
            set.set(api::work(id, steps, &label).await);
        });
        getters.push(get);
    }
    let mut outcomes = Vec::new();
    for get in getters {
        outcomes.push(get.wait().await);
    }
    outcomes
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        let one = api::work(1, 2, "solo").await;
        assert_eq!(one, Outcome { in_flight_at_start: 1, ..expected(1, 2, "solo") });
        api::reset();

        balanced("32 calls, different lengths", async {
            const N: u32 = 32;
            // A permutation of 1..=N: call `id` takes `steps(id)` steps.
            let steps = |id: u32| 1 + (id * 7) % N;
            let label = |id: u32| format!("call-{id}-ünïcode");
            let ids: Vec<u32> = (0..N).collect();
            let outcomes = run_all(&ids, steps, label).await;
            for (i, outcome) in outcomes.iter().enumerate() {
                let id = i as u32;
                assert_eq!(
                    *outcome,
                    Outcome {
                        in_flight_at_start: outcome.in_flight_at_start,
                        ..expected(id, steps(id), &label(id))
                    },
                    "call {id}"
                );
                // All calls were started before any of them resumed after its first yield.
                assert_eq!(outcome.in_flight_at_start, id + 1, "calls in flight when call {id} started");
            }
            assert_eq!(api::max_in_flight(), N);
            let mut by_steps = ids.clone();
            by_steps.sort_by_key(|&id| steps(id));
            assert_eq!(api::finished(), by_steps, "calls with fewer steps finish first");
            api::reset();
        })
        .await;

        balanced("64 calls, same length", async {
            let ids: Vec<u32> = (100..164).collect();
            let outcomes = run_all(&ids, |_| 5, |id| "x".repeat(id as usize - 99)).await;
            for (outcome, &id) in outcomes.iter().zip(&ids) {
                assert_eq!(
                    *outcome,
                    Outcome {
                        in_flight_at_start: outcome.in_flight_at_start,
                        ..expected(id, 5, &"x".repeat(id as usize - 99))
                    }
                );
            }
            assert_eq!(api::max_in_flight(), 64);
            assert_eq!(api::finished(), ids, "equal lengths finish in the order they started");
            api::reset();
        })
        .await;

        balanced("calls that return at once, among long ones", async {
            let ids: Vec<u32> = (0..10).collect();
            let outcomes = run_all(&ids, |id| if id % 2 == 0 { 0 } else { 20 }, |id| id.to_string()).await;
            for (outcome, &id) in outcomes.iter().zip(&ids) {
                let steps = if id % 2 == 0 { 0 } else { 20 };
                assert_eq!(
                    *outcome,
                    Outcome {
                        in_flight_at_start: outcome.in_flight_at_start,
                        ..expected(id, steps, &id.to_string())
                    }
                );
            }
            let finished = api::finished();
            assert_eq!(&finished[..5], &[0, 2, 4, 6, 8]);
            assert_eq!(&finished[5..], &[1, 3, 5, 7, 9]);
            api::reset();
        })
        .await;

        balanced("repeated rounds", async {
            for round in 0..5u32 {
                let ids: Vec<u32> = (0..8).map(|i| round * 8 + i).collect();
                let outcomes = run_all(&ids, |id| id % 4, |id| format!("r{id}")).await;
                for (outcome, &id) in outcomes.iter().zip(&ids) {
                    assert_eq!(outcome.id, id);
                    assert_eq!(outcome.sum, expected(id, id % 4, "").sum);
                    assert_eq!(outcome.trail, format!("r{id}{}", ".".repeat((id % 4) as usize)));
                    assert_eq!(outcome.helper, format!("helper of {id}"));
                }
            }
            api::reset();
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
