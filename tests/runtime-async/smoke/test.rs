use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, Ordering};

struct Counting;
static LIVE: AtomicI64 = AtomicI64::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 { LIVE.fetch_add(1, Ordering::Relaxed); unsafe { System.alloc(l) } }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) { LIVE.fetch_sub(1, Ordering::Relaxed); unsafe { System.dealloc(p, l) } }
}
#[global_allocator]
static A: Counting = Counting;

use bindings::exports::test::smoke::api::{Guest, GuestCounter, Point};
struct C;
struct MyCounter(Cell<u32>);
impl GuestCounter for MyCounter {
    fn new(start: u32) -> Self { MyCounter(Cell::new(start)) }
    fn increment(&self, by: u32) -> u32 { self.0.set(self.0.get() + by); self.0.get() }
}
impl Guest for C {
    type Counter = MyCounter;
    fn greet(name: String) -> String { format!("hello {name}") }
    fn sum(values: Vec<u32>) -> u64 { values.iter().map(|v| *v as u64).sum() }
    fn first(points: Vec<Point>) -> Option<Point> { points.into_iter().next() }
    fn add(a: u32, b: u32) -> u32 { a + b }
}
impl bindings::exports::test::smoke::probe::Guest for C {
    fn live_allocations() -> i64 { LIVE.load(Ordering::Relaxed) }
}
bindings::export!(C with_types_in bindings);
