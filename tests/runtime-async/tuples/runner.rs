// Tuples (runner side): tuple<u8, string>, tuple<u64, f32, bool, char, string> (each element
// checked in its position), a one-element tuple, tuples nested three deep with strings and lists,
// tuples in lists and options, two tuple parameters in one call; in both directions. Every call
// is allocation-balanced in both components.
mod alloc_probe;

use bindings::test::tuples::api;
use bindings::test::tuples::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        pairs();
        fives();
        nested();
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

fn pairs() {
    for (n, s) in [(0u8, ""), (1, "one"), (255, "héllo wörld ☃ 🦀")] {
        balanced(|| assert_eq!(api::roundtrip_pair((n, s.to_string())), (n, s.to_string())));
    }
    balanced(|| {
        assert_eq!(
            api::swap_pair((41, "hi".to_string())),
            ("hi!".to_string(), 42)
        )
    });
    balanced(|| assert_eq!(api::swap_pair((255, String::new())), ("!".to_string(), 0)));
    balanced(|| assert_eq!(api::roundtrip_single((0xdead_beef,)), (0xdead_beef,)));
    balanced(|| {
        assert_eq!(
            api::add_pairs((1, "a".to_string()), (u32::MAX, "b🦀".to_string())),
            (0, "b🦀a".to_string())
        )
    });
}

fn fives() {
    let x = (u64::MAX, -1.5f32, true, '🦀', "fïve".to_string());
    balanced(|| assert_eq!(api::roundtrip_five(x.clone()), x));
    balanced(|| {
        assert_eq!(
            api::describe_five(x.clone()),
            "18446744073709551615 -1.5 true 🦀 fïve"
        )
    });
    balanced(|| assert_eq!(api::make_five(x.0, x.1, x.2, x.3, &x.4), x));
    let zeros = (0u64, 0.0f32, false, '\0', String::new());
    balanced(|| assert_eq!(api::roundtrip_five(zeros.clone()), zeros));
    balanced(|| assert_eq!(api::describe_five(zeros.clone()), "0 0 false \0 "));
    balanced(|| {
        let (a, b, c, d, e) =
            api::roundtrip_five((1 << 63, f32::NAN, false, '\u{10FFFF}', "x".repeat(100)));
        assert_eq!(a, 1 << 63);
        assert!(b.is_nan());
        assert!(!c);
        assert_eq!(d, '\u{10FFFF}');
        assert_eq!(e, "x".repeat(100));
    });
    balanced(|| {
        let (_, b, ..) = api::make_five(0, -0.0, true, 'a', "");
        assert!(b == 0.0 && b.is_sign_negative());
    });
}

fn nested() {
    let x = (
        (7u8, (-2i16, "deep".to_string())),
        (2.5f64, vec![1u32, 2, 3]),
        9u8,
    );
    balanced(|| assert_eq!(api::roundtrip_nested(x.clone()), x));
    balanced(|| {
        assert_eq!(
            api::flatten_nested(x.clone()),
            ("deep".to_string(), vec![7, -2, 9, 3], 2.5)
        )
    });
    let y = (
        (255u8, (i16::MIN, String::new())),
        (f64::MAX, Vec::new()),
        0u8,
    );
    balanced(|| assert_eq!(api::roundtrip_nested(y.clone()), y));
    balanced(|| {
        assert_eq!(
            api::flatten_nested(y.clone()),
            (String::new(), vec![255, -32_768, 0, 0], f64::MAX)
        )
    });
}

fn containers() {
    balanced(|| assert_eq!(api::roundtrip_list(&[]), Vec::<(u16, String, i8)>::new()));
    let list: Vec<(u16, String, i8)> = (0..50)
        .map(|i| (i * 1000, format!("#{i} ☃"), (i as i8).wrapping_mul(-3)))
        .collect();
    balanced(|| assert_eq!(api::roundtrip_list(&list), list));
    balanced(|| assert_eq!(api::roundtrip_option(None), None));
    balanced(|| {
        assert_eq!(
            api::roundtrip_option(Some(('é', u64::MAX))),
            Some(('é', u64::MAX))
        )
    });
    balanced(|| assert_eq!(api::roundtrip_option(Some(('\0', 0))), Some(('\0', 0))));
}

bindings::export!(Runner with_types_in bindings);
