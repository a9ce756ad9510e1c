// Sync and async exports of one component, sharing counters.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::mixed::api::{CellBorrow, Guest, GuestCell, Stats};

thread_local! {
    static SYNC_CALLS: Cell<u32> = const { Cell::new(0) };
    static ASYNC_CALLS: Cell<u32> = const { Cell::new(0) };
    static STEPS: Cell<u32> = const { Cell::new(0) };
}

fn count(counter: &'static std::thread::LocalKey<Cell<u32>>) {
    counter.with(|c| c.set(c.get() + 1));
}

struct MyCell(RefCell<String>);

impl GuestCell for MyCell {
    fn new(v: String) -> Self {
        MyCell(RefCell::new(v))
    }

    fn get(&self) -> String {
        count(&SYNC_CALLS);
        self.0.borrow().clone()
    }

    async fn swap(c: CellBorrow<'_>, v: String) -> String {
        count(&ASYNC_CALLS);
        witbind_rt::yield_now().await;
        std::mem::replace(&mut *c.get::<MyCell>().0.borrow_mut(), v)
    }
}

struct Component;

impl Guest for Component {
    type Cell = MyCell;

    fn sync_add(a: u32, b: u32) -> u32 {
        count(&SYNC_CALLS);
        a + b
    }

    async fn async_add(a: u32, b: u32) -> u32 {
        count(&ASYNC_CALLS);
        witbind_rt::yield_now().await;
        a + b
    }

    fn sync_greet(name: String) -> String {
        count(&SYNC_CALLS);
        format!("hello, {name} (sync)")
    }

    async fn async_greet(name: String) -> String {
        count(&ASYNC_CALLS);
        witbind_rt::yield_now().await;
        format!("hello, {name} (async)")
    }

    fn sync_squares(values: Vec<u32>) -> Vec<u64> {
        count(&SYNC_CALLS);
        values.iter().rev().map(|v| u64::from(*v) * u64::from(*v)).collect()
    }

    async fn async_steps(steps: u32) -> u32 {
        count(&ASYNC_CALLS);
        for _ in 0..steps {
            witbind_rt::yield_now().await;
            count(&STEPS);
        }
        steps
    }

    fn progress() -> u32 {
        STEPS.with(Cell::get)
    }

    fn get_stats() -> Stats {
        Stats {
            sync_calls: SYNC_CALLS.with(Cell::get),
            async_calls: ASYNC_CALLS.with(Cell::get),
            steps: STEPS.with(Cell::get),
        }
    }
}

impl bindings::exports::test::mixed::plain::Guest for Component {
    fn double(x: i64) -> i64 {
        count(&SYNC_CALLS);
        x * 2
    }

    fn shout(s: String) -> String {
        count(&SYNC_CALLS);
        s.to_uppercase()
    }
}

impl bindings::exports::test::mixed::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
