// Lists (runner side): list<u8> (empty, small, 1 MiB, both directions), list<u16>, list<s16>,
// list<s32>, list<s64>, list<f32> and list<f64> (bit-exact, NaN by is_nan), list<bool>, list<list<u32>>, list<list<string>>,
// list<string> and lists of records holding strings and lists; an empty list of each; six lists
// as parameters of one call. Every call is allocation-balanced in both components.
mod alloc_probe;

use bindings::test::lists::api::{self, Point};
use bindings::test::lists::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        bytes();
        numbers();
        booleans();
        nested();
        strings();
        records();
        several();
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

const MIB: usize = 1 << 20;

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| ((i as u64 * 7 + 3) % 256) as u8).collect()
}

fn bytes() {
    balanced(|| assert_eq!(api::roundtrip_u8(&[]), Vec::<u8>::new()));
    balanced(|| assert_eq!(api::sum_u8(&[]), 0));
    balanced(|| assert_eq!(api::make_u8(0), Vec::<u8>::new()));
    balanced(|| {
        assert_eq!(
            api::roundtrip_u8(&[0, 1, 0x7f, 0x80, 0xff]),
            vec![0, 1, 0x7f, 0x80, 0xff]
        )
    });
    balanced(|| assert_eq!(api::sum_u8(&[0xff, 0xff, 1]), 511));
    balanced(|| assert_eq!(api::make_u8(5), vec![3, 10, 17, 24, 31]));
    for len in [1, 3, 255, 256, 4097] {
        let l = pattern(len);
        balanced(|| assert_eq!(api::roundtrip_u8(&l), l));
        balanced(|| assert_eq!(api::make_u8(len as u32), l));
    }

    let big = pattern(MIB);
    let big_sum: u64 = big.iter().map(|b| u64::from(*b)).sum();
    balanced(|| {
        let back = api::roundtrip_u8(&big);
        assert_eq!(back.len(), MIB);
        assert!(back == big, "1 MiB list changed on its round trip");
    });
    balanced(|| assert_eq!(api::sum_u8(&big), big_sum));
    balanced(|| {
        let made = api::make_u8(MIB as u32);
        assert_eq!(made.len(), MIB);
        assert!(made == big, "1 MiB list from the test component differs");
    });
}

fn numbers() {
    balanced(|| assert_eq!(api::roundtrip_u16(&[]), Vec::<u16>::new()));
    let u16s: Vec<u16> = vec![0, 1, 0x7fff, 0x8000, 0xfffe, u16::MAX, 0x1234];
    balanced(|| assert_eq!(api::roundtrip_u16(&u16s), u16s));
    balanced(|| {
        assert_eq!(
            api::reverse_u16(&u16s),
            vec![0x1234, u16::MAX, 0xfffe, 0x8000, 0x7fff, 1, 0]
        )
    });
    let many_u16: Vec<u16> = (0..=u16::MAX).collect();
    balanced(|| assert_eq!(api::roundtrip_u16(&many_u16), many_u16));

    balanced(|| assert_eq!(api::roundtrip_s64(&[]), Vec::<i64>::new()));
    let s64s: Vec<i64> = vec![i64::MIN, -0x1_0000_0000, -1, 0, 1, 0xffff_ffff, i64::MAX];
    balanced(|| assert_eq!(api::roundtrip_s64(&s64s), s64s));
    balanced(|| {
        assert_eq!(
            api::negate_s64(&s64s),
            vec![i64::MIN, 0x1_0000_0000, 1, 0, -1, -0xffff_ffff, -i64::MAX]
        )
    });

    let s16s: Vec<i16> = vec![i16::MIN, -0x1234, -1, 0, 1, 0x1234, i16::MAX];
    balanced(|| assert_eq!(api::roundtrip_s16(&s16s), s16s));
    balanced(|| {
        assert_eq!(
            api::widen_s16(&s16s),
            s16s.iter().map(|x| i32::from(*x)).collect::<Vec<_>>()
        )
    });
    let s32s: Vec<i32> = vec![i32::MIN, -0x1234_5678, -1, 0, 1, 0x1234_5678, i32::MAX];
    balanced(|| assert_eq!(api::roundtrip_s32(&s32s), s32s));
    let many_s32: Vec<i32> = (0..100_000i32)
        .map(|i| i.wrapping_mul(40_000).wrapping_sub(7))
        .collect();
    balanced(|| assert_eq!(api::roundtrip_s32(&many_s32), many_s32));
    let f32_bits: Vec<u32> = vec![
        0,
        0x8000_0000,
        1.5f32.to_bits(),
        (-2.25e-30f32).to_bits(),
        f32::MAX.to_bits(),
        f32::MIN_POSITIVE.to_bits(),
        1,
        f32::INFINITY.to_bits(),
        f32::NEG_INFINITY.to_bits(),
    ];
    let f32s: Vec<f32> = f32_bits.iter().map(|b| f32::from_bits(*b)).collect();
    balanced(|| {
        let back: Vec<u32> = api::roundtrip_f32(&f32s)
            .iter()
            .map(|f| f.to_bits())
            .collect();
        assert_eq!(back, f32_bits);
    });
    balanced(|| assert_eq!(api::f32_bits(&f32s), f32_bits));

    balanced(|| assert_eq!(api::roundtrip_f64(&[]), Vec::<f64>::new()));
    balanced(|| assert_eq!(api::f64_bits(&[]), Vec::<u64>::new()));
    let f64s: Vec<f64> = vec![
        0.0,
        -0.0,
        1.5,
        -2.25e-300,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::from_bits(1),
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    let f64_bits: Vec<u64> = f64s.iter().map(|f| f.to_bits()).collect();
    balanced(|| {
        let back: Vec<u64> = api::roundtrip_f64(&f64s)
            .iter()
            .map(|f| f.to_bits())
            .collect();
        assert_eq!(back, f64_bits);
    });
    balanced(|| assert_eq!(api::f64_bits(&f64s), f64_bits));
    balanced(|| {
        let back = api::roundtrip_f64(&[f64::NAN, 1.0, f64::NAN]);
        assert_eq!(back.len(), 3);
        assert!(back[0].is_nan());
        assert_eq!(back[1], 1.0);
        assert!(back[2].is_nan());
    });
}

fn booleans() {
    balanced(|| assert_eq!(api::roundtrip_bool(&[]), Vec::<bool>::new()));
    balanced(|| assert_eq!(api::count_true(&[]), 0));
    balanced(|| assert_eq!(api::make_bool(0), Vec::<bool>::new()));
    let bools = vec![true, false, false, true, true, false, true];
    balanced(|| assert_eq!(api::roundtrip_bool(&bools), bools));
    balanced(|| assert_eq!(api::count_true(&bools), 4));
    balanced(|| {
        assert_eq!(
            api::make_bool(7),
            vec![true, false, false, true, false, false, true]
        )
    });
    let many: Vec<bool> = (0..1001).map(|i| i % 3 == 0).collect();
    balanced(|| assert_eq!(api::make_bool(1001), many));
    balanced(|| assert_eq!(api::count_true(&many), 334));
}

fn nested() {
    balanced(|| assert_eq!(api::roundtrip_nested(&[]), Vec::<Vec<u32>>::new()));
    balanced(|| assert_eq!(api::make_nested(0), Vec::<Vec<u32>>::new()));
    let nested: Vec<Vec<u32>> = vec![vec![], vec![1], vec![], vec![2, 3, u32::MAX], vec![0; 100]];
    balanced(|| assert_eq!(api::roundtrip_nested(&nested), nested));
    balanced(|| assert_eq!(api::nested_lens(&nested), vec![0, 1, 0, 3, 100]));
    balanced(|| {
        assert_eq!(
            api::roundtrip_nested(&[vec![], vec![]]),
            vec![Vec::<u32>::new(), vec![]]
        )
    });
    balanced(|| {
        assert_eq!(
            api::make_nested(4),
            vec![vec![], vec![0], vec![0, 1], vec![0, 1, 2]]
        )
    });
    balanced(|| {
        let made = api::make_nested(200);
        assert_eq!(made.len(), 200);
        for (i, inner) in made.iter().enumerate() {
            assert_eq!(*inner, (0..i as u32).collect::<Vec<u32>>());
        }
    });

    balanced(|| {
        assert_eq!(
            api::roundtrip_nested_strings(&[]),
            Vec::<Vec<String>>::new()
        )
    });
    let words: Vec<Vec<String>> = vec![
        vec![],
        vec!["".to_string()],
        vec!["a".to_string(), "bé".to_string(), "☃🦀".to_string()],
        vec![],
        vec!["x".repeat(1000)],
    ];
    balanced(|| assert_eq!(api::roundtrip_nested_strings(&words), words));
}

fn strings() {
    balanced(|| assert_eq!(api::roundtrip_strings(&[]), Vec::<String>::new()));
    let words: Vec<String> = vec![
        "".into(),
        "one".into(),
        "twö".into(),
        "🦀".into(),
        "".into(),
    ];
    balanced(|| assert_eq!(api::roundtrip_strings(&words), words));
    let many: Vec<String> = (0..500).map(|i| "é".repeat(i % 17)).collect();
    balanced(|| assert_eq!(api::roundtrip_strings(&many), many));
}

fn point(x: i32, y: i32, name: &str, tags: &[u8]) -> Point {
    Point {
        x,
        y,
        name: name.to_string(),
        tags: tags.to_vec(),
    }
}

fn records() {
    balanced(|| assert_eq!(api::roundtrip_points(&[]), Vec::<Point>::new()));
    balanced(|| assert_eq!(api::shift_points(&[], 1, 1), Vec::<Point>::new()));
    let points = vec![
        point(0, 0, "", &[]),
        point(-1, i32::MAX, "north", &[1, 2, 3]),
        point(i32::MIN, 7, "süd 🦀", &[0xff]),
    ];
    balanced(|| assert_eq!(api::roundtrip_points(&points), points));
    balanced(|| {
        assert_eq!(
            api::shift_points(&points, 10, -7),
            vec![
                point(10, -7, "#0", &[]),
                point(9, i32::MAX - 7, "north#1", &[1, 2, 3]),
                point(i32::MIN + 10, 0, "süd 🦀#2", &[0xff]),
            ]
        )
    });
    let many: Vec<Point> = (0..300)
        .map(|i| point(i, -i, &format!("p{i}"), &vec![i as u8; (i % 5) as usize]))
        .collect();
    balanced(|| assert_eq!(api::roundtrip_points(&many), many));
}

fn several() {
    balanced(|| assert_eq!(api::lengths(&[], &[], &[], &[], &[], &[]), vec![0; 6]));
    balanced(|| {
        assert_eq!(
            api::lengths(
                &[1],
                &[1, 2],
                &[1, 2, 3],
                &[1.0; 4],
                &[true; 5],
                &vec!["a".to_string(); 6]
            ),
            vec![1, 2, 3, 4, 5, 6]
        )
    });
}

bindings::export!(Runner with_types_in bindings);
