// Resources of three components (middle): exports `x` (a settable value; `add` adds to the `x` it
// is given and gives the same one back), `z` (counting its destructor runs for `num-dropped`),
// `kebab-case`, `add` of two borrowed `z`s and `consume`; `test-imports` checks the leaf's `y`
// and reports the first check that failed. Live `x` and `kebab-case` values are counted: the
// functions taking one check that dropping it ended exactly that one.
use std::cell::Cell;

use bindings::exports::exports::{Guest, GuestKebabCase, GuestX, GuestZ, KebabCase, ZBorrow, X, Z};
use bindings::imports::Y;

thread_local! {
    static LIVE_X: Cell<u32> = const { Cell::new(0) };
    static LIVE_KEBAB: Cell<u32> = const { Cell::new(0) };
    static DROPPED_Z: Cell<u32> = const { Cell::new(0) };
}

fn count(c: &'static std::thread::LocalKey<Cell<u32>>) -> u32 {
    c.with(Cell::get)
}

fn up(c: &'static std::thread::LocalKey<Cell<u32>>) {
    c.with(|c| c.set(c.get() + 1));
}

fn down(c: &'static std::thread::LocalKey<Cell<u32>>) {
    c.with(|c| {
        assert!(c.get() > 0, "dropped more often than made");
        c.set(c.get() - 1);
    });
}

struct Component;

struct MyX(Cell<i32>);

struct MyZ(i32);

struct MyKebabCase(u32);

impl Drop for MyX {
    fn drop(&mut self) {
        down(&LIVE_X);
    }
}

impl Drop for MyZ {
    fn drop(&mut self) {
        DROPPED_Z.with(|c| c.set(c.get() + 1));
    }
}

impl Drop for MyKebabCase {
    fn drop(&mut self) {
        down(&LIVE_KEBAB);
    }
}

/// `Err` naming the check unless `got == want`.
fn expect<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, expected {want:?}"))
    }
}

impl Guest for Component {
    type X = MyX;
    type Z = MyZ;
    type KebabCase = MyKebabCase;

    fn add(a: ZBorrow<'_>, b: ZBorrow<'_>) -> Z {
        Z::new(MyZ(a.get::<MyZ>().0 + b.get::<MyZ>().0))
    }

    fn consume(x: X) {
        let before = count(&LIVE_X);
        drop(x);
        assert_eq!(count(&LIVE_X), before - 1, "the consumed x ended");
    }

    fn test_imports() -> Result<(), String> {
        let y = Y::new(10);
        expect("y.get-a", y.get_a(), 10)?;
        y.set_a(20);
        expect("y.get-a after set-a", y.get_a(), 20)?;
        let y2 = Y::add(y, 20);
        expect("y.add", y2.get_a(), 40)?;

        // Several instances at once.
        let y1 = Y::new(1);
        let y2 = Y::new(2);
        expect("y1", y1.get_a(), 1)?;
        expect("y2", y2.get_a(), 2)?;
        y1.set_a(10);
        y2.set_a(20);
        expect("y1 after set-a", y1.get_a(), 10)?;
        expect("y2 after set-a", y2.get_a(), 20)?;
        let y3 = Y::add(y1, 20);
        let y4 = Y::add(y2, 30);
        expect("y3", y3.get_a(), 30)?;
        expect("y4", y4.get_a(), 50)?;
        expect("y3 and y4 are separate", (y3.get_a(), y4.get_a()), (30, 50))?;
        Ok(())
    }
}

impl GuestX for MyX {
    fn new(a: i32) -> Self {
        up(&LIVE_X);
        MyX(Cell::new(a))
    }

    fn get_a(&self) -> i32 {
        self.0.get()
    }

    fn set_a(&self, a: i32) {
        self.0.set(a);
    }

    fn add(x: X, a: i32) -> X {
        let inner = x.get::<MyX>();
        inner.0.set(inner.0.get() + a);
        x
    }
}

impl GuestZ for MyZ {
    fn new(a: i32) -> Self {
        MyZ(a)
    }

    fn get_a(&self) -> i32 {
        self.0
    }

    fn num_dropped() -> u32 {
        count(&DROPPED_Z)
    }
}

impl GuestKebabCase for MyKebabCase {
    fn new(a: u32) -> Self {
        up(&LIVE_KEBAB);
        MyKebabCase(a)
    }

    fn get_a(&self) -> u32 {
        self.0
    }

    fn take_owned(k: KebabCase) -> u32 {
        let before = count(&LIVE_KEBAB);
        let value = k.get::<MyKebabCase>().0;
        drop(k);
        assert_eq!(count(&LIVE_KEBAB), before - 1, "the taken kebab-case ended");
        value
    }
}

bindings::export!(Component with_types_in bindings);
