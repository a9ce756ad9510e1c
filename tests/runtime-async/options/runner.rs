// Options (runner side): option<u32> (none, some(0), some(max)), option<string> (none, some(""),
// some(non-ASCII)), option<option<u32>> (none, some(none), some(some(x)) — all three told apart by
// the test component), option<record>, option<list<u8>> (none, some(empty), some(data)), options of
// bool/s8/char/f32/f64/u64, options in records and lists; in both directions. Every call is
// allocation-balanced in both components.
mod alloc_probe;

use bindings::test::options::api::{self, MaybeFields, Point};
use bindings::test::options::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        numbers();
        strings();
        nested();
        records_and_lists();
        scalars();
        containers();
    }
}

/// Runs `f`, then asserts that the test component (through its probe) and this runner hold
/// exactly as many heap allocations as before. `f` drops everything it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f();
    let runner_after = alloc_probe::live();
    let test_after = live_allocations();
    assert_eq!(
        test_after, test_before,
        "live allocations in the test component"
    );
    assert_eq!(
        runner_after, runner_before,
        "live allocations in the runner"
    );
}

fn numbers() {
    for x in [None, Some(0), Some(1), Some(u32::MAX)] {
        balanced(|| assert_eq!(api::roundtrip_u32(x), x));
    }
    balanced(|| assert_eq!(api::unwrap_or(None, 42), 42));
    balanced(|| assert_eq!(api::unwrap_or(Some(0), 42), 0));
    balanced(|| assert_eq!(api::unwrap_or(Some(u32::MAX), 42), u32::MAX));
    balanced(|| assert_eq!(api::nonzero(0), None));
    balanced(|| assert_eq!(api::nonzero(7), Some(7)));
}

fn strings() {
    for x in [
        None,
        Some(String::new()),
        Some("héllo wörld ☃ 🦀".to_string()),
    ] {
        balanced(|| assert_eq!(api::roundtrip_string(x.clone().as_deref()), x));
    }
    balanced(|| assert_eq!(api::describe_string(None), "none"));
    balanced(|| assert_eq!(api::describe_string(Some(&String::new())), "some()"));
    balanced(|| assert_eq!(api::describe_string(Some("🦀")), "some(🦀)"));
}

fn nested() {
    let cases: [(Option<Option<u32>>, &str); 5] = [
        (None, "none"),
        (Some(None), "some(none)"),
        (Some(Some(0)), "some(some(0))"),
        (Some(Some(1)), "some(some(1))"),
        (Some(Some(u32::MAX)), "some(some(4294967295))"),
    ];
    for (x, description) in cases {
        balanced(|| assert_eq!(api::roundtrip_nested(x), x));
        balanced(|| assert_eq!(api::describe_nested(x), description));
    }
    balanced(|| assert_eq!(api::make_nested(0), None));
    balanced(|| assert_eq!(api::make_nested(1), Some(None)));
    balanced(|| assert_eq!(api::make_nested(2), Some(Some(2))));
    balanced(|| assert_eq!(api::make_nested(u32::MAX), Some(Some(u32::MAX))));
}

fn point(x: i32, y: i32, label: &str) -> Point {
    Point {
        x,
        y,
        label: label.to_string(),
    }
}

fn records_and_lists() {
    for x in [
        None,
        Some(point(0, 0, "")),
        Some(point(i32::MIN, i32::MAX, "pöint")),
    ] {
        balanced(|| assert_eq!(api::roundtrip_point(x.clone().as_ref()), x));
    }
    let big: Vec<u8> = (0..10_000).map(|i| (i % 256) as u8).collect();
    for x in [
        None,
        Some(Vec::new()),
        Some(vec![0, 255]),
        Some(big.clone()),
    ] {
        balanced(|| assert_eq!(api::roundtrip_bytes(x.clone().as_deref()), x));
    }
    balanced(|| assert_eq!(api::bytes_len(None), None));
    balanced(|| assert_eq!(api::bytes_len(Some(&Vec::new())), Some(0)));
    balanced(|| assert_eq!(api::bytes_len(Some(&big)), Some(10_000)));
}

fn scalars() {
    balanced(|| assert_eq!(api::roundtrip_small(None, None, None), (None, None, None)));
    balanced(|| {
        assert_eq!(
            api::roundtrip_small(Some(true), Some(-128), Some('🦀')),
            (Some(true), Some(-128), Some('🦀'))
        )
    });
    balanced(|| {
        assert_eq!(
            api::roundtrip_small(Some(false), Some(0), Some('\0')),
            (Some(false), Some(0), Some('\0'))
        )
    });
    balanced(|| {
        assert_eq!(
            api::roundtrip_small(None, Some(127), None),
            (None, Some(127), None)
        )
    });

    balanced(|| assert_eq!(api::roundtrip_floats(None, None, None), (None, None, None)));
    balanced(|| {
        assert_eq!(
            api::roundtrip_floats(Some(1.5), Some(-2.5e300), Some(u64::MAX)),
            (Some(1.5), Some(-2.5e300), Some(u64::MAX))
        )
    });
    balanced(|| {
        let (a, b, c) = api::roundtrip_floats(Some(-0.0), Some(f64::NAN), None);
        let a = a.expect("some f32");
        assert!(a == 0.0 && a.is_sign_negative());
        assert!(b.expect("some f64").is_nan());
        assert_eq!(c, None);
    });
    balanced(|| {
        let (a, b, c) = api::roundtrip_floats(Some(f32::from_bits(1)), None, Some(0));
        assert_eq!(a.map(f32::to_bits), Some(1));
        assert_eq!(b, None);
        assert_eq!(c, Some(0));
    });
}

fn containers() {
    let full = MaybeFields {
        a: Some(0xfe),
        b: Some("bé".to_string()),
        c: Some(Some(9)),
        d: Some(point(1, -1, "d")),
    };
    let none = MaybeFields {
        a: None,
        b: None,
        c: None,
        d: None,
    };
    let mixed = MaybeFields {
        a: Some(0),
        b: None,
        c: Some(None),
        d: None,
    };
    for x in [full, none, mixed] {
        balanced(|| assert_eq!(api::roundtrip_fields(&x), x));
    }

    balanced(|| assert_eq!(api::roundtrip_list(&[]), Vec::<Option<String>>::new()));
    let list = vec![
        None,
        Some(String::new()),
        None,
        Some("x☃".to_string()),
        Some("🦀".repeat(50)),
    ];
    balanced(|| assert_eq!(api::roundtrip_list(&list), list));
    balanced(|| assert_eq!(api::count_some(&[]), 0));
    balanced(|| {
        assert_eq!(
            api::count_some(&[None, Some(0), None, Some(u32::MAX), Some(1)]),
            3
        )
    });
}

bindings::export!(Runner with_types_in bindings);
