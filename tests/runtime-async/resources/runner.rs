// Resources (runner side): a counter made by its constructor, used through its methods and
// dropped; a static function returning two independent handles; borrows passed to free functions
// and to a method (including the same counter twice, and a counter borrowing itself), and a list
// of borrows; owned handles passed in and consumed, passed in and given back and used again;
// handles made by the test component inside records, lists, options and results, and ones made
// here sent in the same containers; a fallible constructor on both paths. After every step the test component's count
// of live implementation values is exactly what the handles alive here imply (a handle dropped
// twice or never shows), and every call is allocation-balanced in both components.
mod alloc_probe;

use bindings::test::resources::counters::{self, Checked, Counter, Named};
use bindings::test::resources::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        constructor_and_methods();
        static_function();
        borrows();
        borrowed_lists();
        owned_handles();
        handles_in_results();
        records();
        lists();
        options();
        fallible_constructor();
        many_handles();
    }
}

/// Runs `f`, then asserts that the test component (through its probe) and this runner hold
/// exactly as many heap allocations as before, and that the test component holds as many live
/// counters and checked values as before. `f` drops every handle and value it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let counters_before = counters::live_counters();
    let checked_before = counters::live_checked();
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f();
    let runner_after = alloc_probe::live();
    let test_after = live_allocations();
    assert_eq!(
        counters::live_counters(),
        counters_before,
        "live counters in the test component"
    );
    assert_eq!(
        counters::live_checked(),
        checked_before,
        "live checked values in the test component"
    );
    assert_eq!(
        test_after, test_before,
        "live allocations in the test component"
    );
    assert_eq!(
        runner_after, runner_before,
        "live allocations in the runner"
    );
}

/// Asserts that the test component holds `base + extra` live counters.
#[track_caller]
fn assert_live(base: u32, extra: u32) {
    assert_eq!(counters::live_counters(), base + extra, "live counters");
}

fn constructor_and_methods() {
    balanced(|| {
        let base = counters::live_counters();
        let c = Counter::new(5);
        assert_live(base, 1);
        assert_eq!(c.get(), 5);
        assert_eq!(c.increment(2), 7);
        assert_eq!(c.increment(0), 7);
        assert_eq!(c.get(), 7);
        drop(c);
        assert_live(base, 0);
    });
    balanced(|| {
        let c = Counter::new(u32::MAX - 1);
        assert_eq!(c.increment(1), u32::MAX);
        assert_eq!(c.get(), u32::MAX);
    });
    balanced(|| {
        let base = counters::live_counters();
        let a = Counter::new(4);
        let d = a.duplicate();
        assert_live(base, 2);
        assert_eq!(d.get(), 4);
        assert_eq!(d.increment(1), 5);
        assert_eq!(a.get(), 4, "the duplicate is a separate counter");
        drop(a);
        assert_live(base, 1);
        assert_eq!(d.get(), 5);
        drop(d);
        assert_live(base, 0);
    });
}

fn static_function() {
    balanced(|| {
        let base = counters::live_counters();
        let (a, b) = Counter::make_pair(1, 2);
        assert_live(base, 2);
        assert_eq!(a.get(), 1);
        assert_eq!(b.get(), 2);
        assert_eq!(a.increment(10), 11);
        assert_eq!(b.get(), 2, "the pair are separate counters");
        drop(a);
        assert_live(base, 1);
        assert_eq!(b.increment(1), 3);
        drop(b);
        assert_live(base, 0);
    });
}

fn borrows() {
    balanced(|| {
        let base = counters::live_counters();
        let c = Counter::new(3);
        assert_eq!(counters::peek(&c), 3);
        assert_eq!(c.increment(1), 4);
        assert_eq!(counters::peek(&c), 4);
        assert_live(base, 1);
        let other = Counter::new(10);
        assert_eq!(counters::peek_sum(&c, &other), 14);
        assert_eq!(
            counters::peek_sum(&c, &c),
            8,
            "the same counter borrowed twice"
        );
        // A method borrowing another counter, then itself.
        assert_eq!(c.absorb(&other), 14);
        assert_eq!(other.get(), 10);
        assert_eq!(c.absorb(&c), 28);
        assert_live(base, 2);
        // Still usable after all those borrows.
        assert_eq!(c.get(), 28);
        assert_eq!(other.increment(5), 15);
        drop(c);
        drop(other);
        assert_live(base, 0);
    });
}

fn borrowed_lists() {
    balanced(|| {
        let base = counters::live_counters();
        let a = Counter::new(1);
        let b = Counter::new(20);
        let made = counters::make_many(3); // 0, 10, 20
        assert_eq!(counters::sum_borrowed(&[]), 0);
        assert_eq!(counters::sum_borrowed(&[&a]), 1);
        assert_eq!(
            counters::sum_borrowed(&[&a, &b, &a]),
            22,
            "the same counter borrowed twice"
        );
        assert_eq!(counters::sum_borrowed(&[&made[1], &b, &made[2]]), 50);
        assert_live(base, 5);
        // Borrowing gave nothing away: every handle still works.
        assert_eq!(a.increment(1), 2);
        assert_eq!(b.get(), 20);
        assert_eq!(
            made.iter().map(|c| c.get()).collect::<Vec<u32>>(),
            vec![0, 10, 20]
        );
        drop(a);
        drop(b);
        drop(made);
        assert_live(base, 0);
    });
}

fn handles_in_results() {
    balanced(|| {
        let base = counters::live_counters();
        let c = counters::try_make(4).expect("4 is even");
        assert_live(base, 1);
        assert_eq!(c.increment(1), 5);
        assert_eq!(counters::consume(c), 5);
        assert_live(base, 0);
    });
    balanced(|| {
        let base = counters::live_counters();
        match counters::try_make(3) {
            Ok(_) => panic!("3 made a counter"),
            Err(e) => assert_eq!(e, "3 is odd"),
        }
        assert_live(base, 0);
        drop(counters::try_make(8));
        assert_live(base, 0);
    });
}

fn owned_handles() {
    // Consumed by the test component.
    balanced(|| {
        let base = counters::live_counters();
        let c = Counter::new(9);
        assert_eq!(c.increment(1), 10);
        assert_eq!(counters::consume(c), 10);
        assert_live(base, 0);
    });
    // Given back and used again, more than once.
    balanced(|| {
        let base = counters::live_counters();
        let c = Counter::new(1);
        let c = counters::bump(c, 5);
        assert_live(base, 1);
        assert_eq!(c.get(), 6);
        assert_eq!(c.increment(1), 7);
        let c = counters::bump(c, 0);
        assert_eq!(counters::peek(&c), 7);
        let c = counters::bump(counters::bump(c, 1), 2);
        assert_eq!(c.get(), 10);
        assert_live(base, 1);
        assert_eq!(counters::consume(c), 10);
        assert_live(base, 0);
    });
    // A handle the test component made, sent back to it.
    balanced(|| {
        let base = counters::live_counters();
        let (a, b) = Counter::make_pair(20, 30);
        let a = counters::bump(a, 1);
        assert_eq!(a.get(), 21);
        assert_eq!(counters::consume(b), 30);
        assert_live(base, 1);
        assert_eq!(counters::consume(a.duplicate()), 21);
        assert_live(base, 1);
        drop(a);
        assert_live(base, 0);
    });
}

fn records() {
    // Made by the test component, used here, dropped here.
    balanced(|| {
        let base = counters::live_counters();
        let n = counters::make_named("alpha", 3);
        assert_live(base, 1);
        assert_eq!(n.name, "alpha");
        assert_eq!(n.counter.get(), 3);
        assert_eq!(n.counter.increment(1), 4);
        assert_eq!(counters::peek(&n.counter), 4);
        drop(n);
        assert_live(base, 0);
    });
    // Made by the test component, sent back whole.
    balanced(|| {
        let base = counters::live_counters();
        let n = counters::make_named("bëta ☃", 8);
        assert_eq!(n.counter.increment(2), 10);
        let (name, value) = counters::unwrap_named(n);
        assert_eq!(name, "bëta ☃");
        assert_eq!(value, 10);
        assert_live(base, 0);
    });
    // Made here.
    balanced(|| {
        let base = counters::live_counters();
        let n = Named {
            name: String::new(),
            counter: Counter::new(42),
        };
        assert_live(base, 1);
        assert_eq!(counters::unwrap_named(n), (String::new(), 42));
        assert_live(base, 0);
    });
}

fn lists() {
    balanced(|| {
        let base = counters::live_counters();
        let cs = counters::make_many(4);
        assert_live(base, 4);
        assert_eq!(cs.len(), 4);
        let values: Vec<u32> = cs.iter().map(|c| c.get()).collect();
        assert_eq!(values, vec![0, 10, 20, 30]);
        assert_eq!(cs[2].increment(2), 22);
        assert_eq!(counters::peek(&cs[2]), 22);
        assert_eq!(counters::consume_many(cs), vec![0, 10, 22, 30]);
        assert_live(base, 0);
    });
    balanced(|| {
        let base = counters::live_counters();
        let cs = vec![Counter::new(1), Counter::new(2), Counter::new(3)];
        assert_live(base, 3);
        assert_eq!(counters::consume_many(cs), vec![1, 2, 3]);
        assert_live(base, 0);
    });
    balanced(|| {
        let base = counters::live_counters();
        let mut cs = counters::make_many(5);
        // Dropped here one by one, from the middle.
        drop(cs.remove(2));
        assert_live(base, 4);
        drop(cs.remove(0));
        assert_live(base, 3);
        // A mix of handles the test component made and one made here.
        cs.push(Counter::new(7));
        assert_eq!(counters::consume_many(cs), vec![10, 30, 40, 7]);
        assert_live(base, 0);
    });
    balanced(|| {
        assert!(counters::make_many(0).is_empty());
        assert_eq!(counters::consume_many(Vec::new()), Vec::<u32>::new());
    });
    balanced(|| drop(counters::make_many(50)));
}

fn options() {
    balanced(|| assert!(counters::maybe_make(None).is_none()));
    balanced(|| assert_eq!(counters::maybe_consume(None), None));
    balanced(|| {
        let base = counters::live_counters();
        let c = counters::maybe_make(Some(7)).expect("a counter");
        assert_live(base, 1);
        assert_eq!(c.get(), 7);
        assert_eq!(counters::maybe_consume(Some(c)), Some(7));
        assert_live(base, 0);
    });
    balanced(|| {
        let base = counters::live_counters();
        assert_eq!(counters::maybe_consume(Some(Counter::new(11))), Some(11));
        assert_live(base, 0);
        drop(counters::maybe_make(Some(1)));
        assert_live(base, 0);
    });
}

fn fallible_constructor() {
    balanced(|| {
        let base = counters::live_checked();
        let c = Checked::new(5).expect("5 makes a checked");
        assert_eq!(counters::live_checked(), base + 1);
        assert_eq!(c.value(), 5);
        let top = Checked::new(100).expect("100 makes a checked");
        assert_eq!(top.value(), 100);
        assert_eq!(counters::live_checked(), base + 2);
        drop(c);
        drop(top);
        assert_eq!(counters::live_checked(), base);
    });
    balanced(|| {
        let base = counters::live_checked();
        match Checked::new(101) {
            Ok(_) => panic!("101 made a checked"),
            Err(e) => assert_eq!(e, "101 is more than 100"),
        }
        match Checked::new(u32::MAX) {
            Ok(_) => panic!("u32::MAX made a checked"),
            Err(e) => assert_eq!(e, "4294967295 is more than 100"),
        }
        assert_eq!(
            counters::live_checked(),
            base,
            "a failed constructor left a value behind"
        );
    });
    balanced(|| assert_eq!(Checked::new(0).map(|c| c.value()), Ok(0)));
}

fn many_handles() {
    balanced(|| {
        let base = counters::live_counters();
        let mut all: Vec<Counter> = (0..100).map(Counter::new).collect();
        assert_live(base, 100);
        for (i, c) in all.iter().enumerate() {
            assert_eq!(c.get(), i as u32);
        }
        // Drop the odd ones, then the rest.
        let mut i = 0;
        all.retain(|_| {
            i += 1;
            i % 2 == 1
        });
        assert_live(base, 50);
        drop(all);
        assert_live(base, 0);
    });
}

bindings::export!(Runner with_types_in bindings);
