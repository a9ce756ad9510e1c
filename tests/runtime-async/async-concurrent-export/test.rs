// One async export called many times at once: every call keeps its state in its own future
// (and in a task it spawns), while shared counters record how the calls interleaved.
mod alloc_probe;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bindings::exports::test::async_concurrent_export::api::{Guest, Outcome};

thread_local! {
    static IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
    static MAX_IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
    static FINISHED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

struct InFlight;

impl InFlight {
    fn enter() -> (InFlight, u32) {
        let now = IN_FLIGHT.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        MAX_IN_FLIGHT.with(|m| m.set(m.get().max(now)));
        (InFlight, now)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.with(|n| n.set(n.get() - 1));
    }
}

struct Component;

impl Guest for Component {
    async fn work(id: u32, steps: u32, label: String) -> Outcome {
        let (guard, _) = InFlight::enter();
        let mut sum = 0u64;
        let mut trail = label;
        let mut seen = Vec::new();
        // A task spawned by this call: it runs on this call's task, and writes into state only
        // this call shares.
        let helper: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
        {
            let helper = helper.clone();
            witbind_rt::spawn(async move {
                witbind_rt::yield_now().await;
                *helper.borrow_mut() = Some(format!("helper of {id}"));
            });
        }
        let mut in_flight_at_start = 0;
        for step in 1..=steps {
            sum += u64::from(id) * u64::from(step);
            trail.push('.');
            seen.push(step);
            if step == 1 {
                in_flight_at_start = IN_FLIGHT.with(Cell::get);
            }
            witbind_rt::yield_now().await;
        }
        // The helper has had at least one turn (if `steps` > 0); wait for it otherwise.
        while helper.borrow().is_none() {
            witbind_rt::yield_now().await;
        }
        drop(guard);
        FINISHED.with(|f| f.borrow_mut().push(id));
        let helper = helper.borrow_mut().take().unwrap();
        Outcome { id, sum, trail, seen, helper, in_flight_at_start }
    }

    fn max_in_flight() -> u32 {
        MAX_IN_FLIGHT.with(Cell::get)
    }

    fn finished() -> Vec<u32> {
        FINISHED.with(|f| f.borrow().clone())
    }

    fn reset() {
        MAX_IN_FLIGHT.with(|m| m.set(0));
        FINISHED.with(|f| *f.borrow_mut() = Vec::new());
    }
}

impl bindings::exports::test::async_concurrent_export::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
