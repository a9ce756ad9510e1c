// The `acc` resource with async methods and statics; every implementation value is counted
// (one more on creation, one less in `Drop`, which traps below zero).
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::async_resources::api::{Acc, AccBorrow, Guest, GuestAcc};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct MyAcc {
    value: Cell<i64>,
    history: RefCell<Vec<i64>>,
    name: String,
}

impl MyAcc {
    fn create(start: i64, name: String) -> MyAcc {
        LIVE.with(|l| l.set(l.get() + 1));
        MyAcc {
            value: Cell::new(start),
            history: RefCell::new(vec![start]),
            name,
        }
    }

    fn handle(start: i64) -> Acc {
        Acc::new(MyAcc::create(start, String::new()))
    }

    fn add_now(&self, by: i64) -> i64 {
        let v = self.value.get() + by;
        self.value.set(v);
        self.history.borrow_mut().push(v);
        v
    }
}

impl Drop for MyAcc {
    fn drop(&mut self) {
        LIVE.with(|l| {
            assert!(l.get() > 0, "an acc was dropped more often than created");
            l.set(l.get() - 1);
        });
    }
}

async fn yield_times(n: u32) {
    for _ in 0..n {
        witbind_rt::yield_now().await;
    }
}

impl GuestAcc for MyAcc {
    fn new(start: i64) -> Self {
        MyAcc::create(start, String::new())
    }

    async fn add(&self, by: i64, yields: u32) -> i64 {
        yield_times(yields).await;
        self.add_now(by)
    }

    fn get(&self) -> i64 {
        self.value.get()
    }

    async fn history(&self) -> Vec<i64> {
        witbind_rt::yield_now().await;
        self.history.borrow().clone()
    }

    async fn make(start: i64, name: String) -> Acc {
        witbind_rt::yield_now().await;
        Acc::new(MyAcc::create(start, name))
    }

    async fn merge(a: AccBorrow<'_>, b: AccBorrow<'_>) -> Acc {
        let first = a.get::<MyAcc>().value.get();
        witbind_rt::yield_now().await;
        let second = b.get::<MyAcc>().value.get();
        MyAcc::handle(first + second)
    }

    async fn name(&self) -> String {
        witbind_rt::yield_now().await;
        self.name.clone()
    }
}

struct Component;

impl Guest for Component {
    type Acc = MyAcc;

    async fn peek(a: AccBorrow<'_>, yields: u32) -> i64 {
        yield_times(yields).await;
        a.get::<MyAcc>().value.get()
    }

    async fn consume(a: Acc) -> i64 {
        witbind_rt::yield_now().await;
        let v = a.get::<MyAcc>().value.get();
        drop(a);
        v
    }

    async fn bump(a: Acc, by: i64) -> Acc {
        witbind_rt::yield_now().await;
        a.get::<MyAcc>().add_now(by);
        a
    }

    async fn make_many(n: u32) -> Vec<Acc> {
        let mut all = Vec::new();
        for i in 0..n {
            witbind_rt::yield_now().await;
            all.push(MyAcc::handle(i64::from(i) * 10));
        }
        all
    }

    async fn consume_many(accs: Vec<Acc>) -> Vec<i64> {
        witbind_rt::yield_now().await;
        accs.iter().map(|a| a.get::<MyAcc>().value.get()).collect()
    }

    async fn or_new(a: Option<Acc>, start: i64) -> Acc {
        witbind_rt::yield_now().await;
        a.unwrap_or_else(|| MyAcc::handle(start))
    }

    fn live_accs() -> u32 {
        LIVE.with(Cell::get)
    }
}

impl bindings::exports::test::async_resources::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
