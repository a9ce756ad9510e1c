// Many arguments (runner side): a 20-parameter call of every kind of type (31 flat values, so
// passed in memory, with strings and lists inside that area that must be freed) returning a
// 20-field record through a return pointer, each value checked in its own field; exactly 16 flat
// parameters (still flat) and 17 (the first spilled count); 20 u8 digits with a single flat
// result; eight strings (16 flat) and nine strings (18 flat); two scalar results. Values are all
// different, with high bits set, so a shifted or swapped parameter cannot pass. Every call is
// allocation-balanced in both components.
mod alloc_probe;

use bindings::test::many_arguments::api::{self, Level, SixteenFields, Small, TwentyFields};
use bindings::test::many_arguments::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        twenty();
        sixteen_and_seventeen();
        octal();
        strings();
        two_results();
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

fn twenty() {
    balanced(|| {
        let got: TwentyFields = api::twenty(
            0xa1,
            -0x52,
            0xb3c4,
            -0x3d5e,
            0xc6d7_e8f9,
            -0x1a2b_3c4d,
            0xfedc_ba98_7654_3210,
            -0x0fed_cba9_8765_4321,
            -1.25,
            6.5e100,
            true,
            '🦀',
            "m: héllo",
            &[0x11, 0x22, 0x33],
            Some(0xdead_beef),
            (0xab, 0xcdef),
            Err("q: érr"),
            Level::High,
            &["s0".to_string(), String::new(), "s2 ☃".to_string()],
            &Small {
                x: 0x7777_7777,
                y: "t.y".to_string(),
            },
        );
        assert_eq!(got.a, 0xa1);
        assert_eq!(got.b, -0x52);
        assert_eq!(got.c, 0xb3c4);
        assert_eq!(got.d, -0x3d5e);
        assert_eq!(got.e, 0xc6d7_e8f9);
        assert_eq!(got.f, -0x1a2b_3c4d);
        assert_eq!(got.g, 0xfedc_ba98_7654_3210);
        assert_eq!(got.h, -0x0fed_cba9_8765_4321);
        assert_eq!(got.i, -1.25);
        assert_eq!(got.j, 6.5e100);
        assert!(got.k);
        assert_eq!(got.l, '🦀');
        assert_eq!(got.m, "m: héllo");
        assert_eq!(got.n, vec![0x11, 0x22, 0x33]);
        assert_eq!(got.o, Some(0xdead_beef));
        assert_eq!(got.p, (0xab, 0xcdef));
        assert_eq!(got.q, Err("q: érr".to_string()));
        assert!(got.r == Level::High);
        assert_eq!(
            got.s,
            vec!["s0".to_string(), String::new(), "s2 ☃".to_string()]
        );
        assert_eq!(
            got.t,
            Small {
                x: 0x7777_7777,
                y: "t.y".to_string()
            }
        );
    });

    // The other shapes of the variable-size parameters, and zeros elsewhere.
    balanced(|| {
        let big = vec![0x5a; 100_000];
        let got = api::twenty(
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            -0.0,
            f64::NAN,
            false,
            '\0',
            "",
            &big,
            None,
            (0, 0),
            Ok(u32::MAX),
            Level::Low,
            &[],
            &Small {
                x: 0,
                y: String::new(),
            },
        );
        assert_eq!((got.a, got.b, got.c, got.d), (0, 0, 0, 0));
        assert_eq!((got.e, got.f, got.g, got.h), (0, 0, 0, 0));
        assert!(got.i == 0.0 && got.i.is_sign_negative());
        assert!(got.j.is_nan());
        assert!(!got.k);
        assert_eq!(got.l, '\0');
        assert_eq!(got.m, "");
        assert!(got.n == big, "100 kB list parameter changed");
        assert_eq!(got.o, None);
        assert_eq!(got.p, (0, 0));
        assert_eq!(got.q, Ok(u32::MAX));
        assert!(got.r == Level::Low);
        assert!(got.s.is_empty());
        assert_eq!(got.t.x, 0);
        assert_eq!(got.t.y, "");
    });
}

fn expected_sixteen() -> SixteenFields {
    SixteenFields {
        a: 0xf1,
        b: -0x72,
        c: 0xe2e3,
        d: -0x6464,
        e: 0xd5d6_d7d8,
        f: -0x5959_5959,
        g: 0xc0c1_c2c3_c4c5_c6c7,
        h: -0x4849_4a4b_4c4d_4e4f,
        i: 3.75,
        j: -9.0e-200,
        k: true,
        l: 'é',
        m: 0xbb,
        n: 0xaaaa,
        o: 0x9999_9999,
        p: 0x8888_8888_8888_8888,
    }
}

fn sixteen_and_seventeen() {
    let x = expected_sixteen();
    balanced(|| {
        let got = api::sixteen(
            x.a, x.b, x.c, x.d, x.e, x.f, x.g, x.h, x.i, x.j, x.k, x.l, x.m, x.n, x.o, x.p,
        );
        assert_eq!(got, x);
    });
    balanced(|| {
        let (got, q) = api::seventeen(
            x.a,
            x.b,
            x.c,
            x.d,
            x.e,
            x.f,
            x.g,
            x.h,
            x.i,
            x.j,
            x.k,
            x.l,
            x.m,
            x.n,
            x.o,
            x.p,
            i64::MIN + 1,
        );
        assert_eq!(got, x);
        assert_eq!(q, i64::MIN + 1);
    });
    // Limits in every position.
    let limits = SixteenFields {
        a: u8::MAX,
        b: i8::MIN,
        c: u16::MAX,
        d: i16::MIN,
        e: u32::MAX,
        f: i32::MIN,
        g: u64::MAX,
        h: i64::MIN,
        i: f32::INFINITY,
        j: f64::NEG_INFINITY,
        k: false,
        l: '\u{10FFFF}',
        m: 0,
        n: 1,
        o: 2,
        p: 3,
    };
    let y = limits.clone();
    balanced(|| {
        let got = api::sixteen(
            y.a, y.b, y.c, y.d, y.e, y.f, y.g, y.h, y.i, y.j, y.k, y.l, y.m, y.n, y.o, y.p,
        );
        assert_eq!(got, limits);
    });
    balanced(|| {
        let (got, q) = api::seventeen(
            y.a, y.b, y.c, y.d, y.e, y.f, y.g, y.h, y.i, y.j, y.k, y.l, y.m, y.n, y.o, y.p, -1,
        );
        assert_eq!(got, limits);
        assert_eq!(q, -1);
    });
}

fn octal() {
    balanced(|| {
        assert_eq!(
            api::octal(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            0
        )
    });
    balanced(|| {
        assert_eq!(
            api::octal(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
            1
        )
    });
    balanced(|| {
        assert_eq!(
            api::octal(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            1 << 57
        )
    });
    balanced(|| {
        assert_eq!(
            api::octal(1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4),
            0o1234_5670_1234_5670_1234
        )
    });
    balanced(|| {
        assert_eq!(
            api::octal(7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7),
            (1u64 << 60) - 1
        )
    });
}

fn strings() {
    balanced(|| {
        assert_eq!(
            api::eight_strings("a", "bé", "c☃", "d🦀", "", "f", "g", "h"),
            "a|bé|c☃|d🦀||f|g|h"
        )
    });
    balanced(|| {
        assert_eq!(
            api::eight_strings("", "", "", "", "", "", "", ""),
            "|||||||"
        )
    });
    balanced(|| {
        assert_eq!(
            api::nine_strings(
                "1",
                "22",
                "333",
                "",
                "5é",
                "6☃",
                "7🦀",
                "8",
                &"9".repeat(10_000)
            ),
            vec![
                "1",
                "22",
                "333",
                "",
                "5é",
                "6☃",
                "7🦀",
                "8",
                &"9".repeat(10_000)
            ]
        )
    });
    balanced(|| {
        assert_eq!(
            api::nine_strings("", "", "", "", "", "", "", "", ""),
            vec![""; 9]
        )
    });
}

fn two_results() {
    balanced(|| assert_eq!(api::div_mod(17, 5), (3, 2)));
    balanced(|| assert_eq!(api::div_mod(u64::MAX, 1 << 32), (0xffff_ffff, 0xffff_ffff)));
    balanced(|| assert_eq!(api::div_mod(0, 9), (0, 0)));
}

bindings::export!(Runner with_types_in bindings);
