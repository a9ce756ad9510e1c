// Resources (test side): implements `counter` and `checked`, counting how many implementation
// values are alive (one more on creation, one less in `Drop`, which traps if it would go below
// zero), so the runner can check that every handle it drops ends its value exactly once.
mod alloc_probe;

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};

use bindings::exports::test::resources::counters::{
    Counter, CounterBorrow, Guest, GuestChecked, GuestCounter, Named,
};

static LIVE_COUNTERS: AtomicU32 = AtomicU32::new(0);
static LIVE_CHECKED: AtomicU32 = AtomicU32::new(0);

/// One more live value.
fn created(live: &AtomicU32) {
    live.fetch_add(1, Ordering::SeqCst);
}

/// One less; a value dropped twice (or never created) traps here.
fn dropped(live: &AtomicU32, what: &str) {
    let before = live.fetch_sub(1, Ordering::SeqCst);
    assert!(before > 0, "a {what} was dropped more often than created");
}

struct Component;

struct MyCounter {
    value: Cell<u32>,
}

impl MyCounter {
    fn create(start: u32) -> MyCounter {
        created(&LIVE_COUNTERS);
        MyCounter {
            value: Cell::new(start),
        }
    }

    /// A new counter, as a handle to give away.
    fn handle(start: u32) -> Counter {
        Counter::new(MyCounter::create(start))
    }

    fn value(&self) -> u32 {
        self.value.get()
    }

    fn add(&self, by: u32) -> u32 {
        self.value.set(self.value.get() + by);
        self.value.get()
    }
}

impl Drop for MyCounter {
    fn drop(&mut self) {
        dropped(&LIVE_COUNTERS, "counter");
    }
}

impl GuestCounter for MyCounter {
    fn new(start: u32) -> Self {
        MyCounter::create(start)
    }
    fn increment(&self, by: u32) -> u32 {
        self.add(by)
    }
    fn get(&self) -> u32 {
        self.value()
    }
    fn absorb(&self, other: CounterBorrow<'_>) -> u32 {
        let other = other.get::<MyCounter>().value();
        self.add(other)
    }
    fn duplicate(&self) -> Counter {
        MyCounter::handle(self.value())
    }
    fn make_pair(a: u32, b: u32) -> (Counter, Counter) {
        (MyCounter::handle(a), MyCounter::handle(b))
    }
}

struct MyChecked {
    value: u32,
}

impl Drop for MyChecked {
    fn drop(&mut self) {
        dropped(&LIVE_CHECKED, "checked");
    }
}

impl GuestChecked for MyChecked {
    fn new(value: u32) -> Result<Self, String> {
        if value > 100 {
            return Err(format!("{value} is more than 100"));
        }
        created(&LIVE_CHECKED);
        Ok(MyChecked { value })
    }
    fn value(&self) -> u32 {
        self.value
    }
}

impl Guest for Component {
    type Counter = MyCounter;
    type Checked = MyChecked;

    fn peek(c: CounterBorrow<'_>) -> u32 {
        c.get::<MyCounter>().value()
    }
    fn peek_sum(a: CounterBorrow<'_>, b: CounterBorrow<'_>) -> u32 {
        a.get::<MyCounter>().value() + b.get::<MyCounter>().value()
    }
    fn consume(c: Counter) -> u32 {
        let value = c.get::<MyCounter>().value();
        drop(c);
        value
    }
    fn bump(c: Counter, by: u32) -> Counter {
        c.get::<MyCounter>().add(by);
        c
    }
    fn sum_borrowed(cs: Vec<CounterBorrow<'_>>) -> u32 {
        cs.iter().map(|c| c.get::<MyCounter>().value()).sum()
    }
    fn try_make(start: u32) -> Result<Counter, String> {
        if start % 2 == 1 {
            Err(format!("{start} is odd"))
        } else {
            Ok(MyCounter::handle(start))
        }
    }

    fn make_named(name: String, start: u32) -> Named {
        Named {
            name,
            counter: MyCounter::handle(start),
        }
    }
    fn unwrap_named(n: Named) -> (String, u32) {
        let Named { name, counter } = n;
        let value = counter.get::<MyCounter>().value();
        drop(counter);
        (name, value)
    }
    fn make_many(n: u32) -> Vec<Counter> {
        (0..n).map(|i| MyCounter::handle(i * 10)).collect()
    }
    fn consume_many(cs: Vec<Counter>) -> Vec<u32> {
        cs.into_iter()
            .map(|c| c.get::<MyCounter>().value())
            .collect()
    }
    fn maybe_make(start: Option<u32>) -> Option<Counter> {
        start.map(MyCounter::handle)
    }
    fn maybe_consume(c: Option<Counter>) -> Option<u32> {
        c.map(|c| c.get::<MyCounter>().value())
    }

    fn live_counters() -> u32 {
        LIVE_COUNTERS.load(Ordering::SeqCst)
    }
    fn live_checked() -> u32 {
        LIVE_CHECKED.load(Ordering::SeqCst)
    }
}

impl bindings::exports::test::resources::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
