// Calls the spilled async imports with distinctive values (so a swapped or misplaced argument
// shows) and checks every field of every result and that both components' allocations balance
// after each call.
mod alloc_probe;

use std::future::Future;

use bindings::test::async_spilled::api::{self, Point, Report, Twenty};
use bindings::test::async_spilled::probe::live_allocations;

struct Runner;

async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

fn make_twenty(seed: u64, text: &str) -> Twenty {
    Twenty {
        f1: seed as u8,
        f2: seed as u16,
        f3: seed as u32,
        f4: seed,
        f5: -(seed as i8),
        f6: -(seed as i16),
        f7: -(seed as i32),
        f8: -(seed as i64),
        f9: seed as f32 / 2.0,
        f10: seed as f64 / 4.0,
        f11: 'λ',
        f12: seed % 2 == 0,
        f13: text.to_string(),
        f14: (0..(seed % 7) as u8).collect(),
        f15: (seed % 3 != 0).then_some((seed as u32).wrapping_mul(3)),
        f16: 16,
        f17: 17,
        f18: 18,
        f19: format!("{text}-{seed}"),
        f20: u64::MAX - seed,
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's waitable set and bookkeeping are made on first need.
        assert_eq!(api::four(0, 0, 0.0, 0.0).await, 0.0);

        balanced("four", async {
            assert_eq!(api::four(7, 1 << 40, 1.5, -4.0).await, 7.0 + (1u64 << 40) as f64 - 6.0);
        })
        .await;
        balanced("five", async {
            assert_eq!(api::five(7, 1 << 40, 1.5, -4.0, 200).await, 7.0 + (1u64 << 40) as f64 - 6.0 - 200.0);
        })
        .await;
        balanced("two-strings", async {
            assert_eq!(api::two_strings("ä", "").await, "ä+");
        })
        .await;
        balanced("three-strings", async {
            assert_eq!(api::three_strings("one", "twö", "☃three").await, "one+twö+☃three");
        })
        .await;

        balanced("mixed", async {
            let point = Point { x: 1.25, y: -2.5, name: "origin".to_string() };
            let report = api::mixed(
                250,
                -12_345,
                4_000_000_000,
                u64::MAX / 3,
                3.5,
                -1e300,
                '🦀',
                "hèllo",
                &[1, 2, 65_535],
                true,
                Some("opt"),
                &point,
            )
            .await;
            let expected = Report {
                a: 250,
                b: -12_345,
                c: 4_000_000_000,
                d: u64::MAX / 3,
                e: 3.5,
                f: -1e300,
                g: '🦀',
                h: "hèllo".to_string(),
                i: vec![1, 2, 65_535],
                j: true,
                k: Some("opt".to_string()),
                p: point.clone(),
                total: 250u64
                    .wrapping_add(-12_345i64 as u64)
                    .wrapping_add(4_000_000_000)
                    .wrapping_add(u64::MAX / 3)
                    .wrapping_add(1 + 2 + 65_535),
                joined: "hèllo|opt|origin".to_string(),
            };
            assert_eq!(report, expected);

            let report = api::mixed(0, 0, 0, 0, 0.0, 0.0, '\0', "", &[], false, None, &Point {
                x: 0.0,
                y: 0.0,
                name: String::new(),
            })
            .await;
            assert_eq!(report.k, None);
            assert_eq!(report.joined, "|");
            assert_eq!(report.total, 0);
            assert!(report.i.is_empty());
        })
        .await;

        balanced("sixteen", async {
            let got = api::sixteen(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1 << 50).await;
            let expected: u64 = (1..=15u64).map(|n| n * n).sum::<u64>() + 16 * (1 << 50);
            assert_eq!(got, expected);
        })
        .await;

        balanced("seventeen", async {
            let got = api::seventeen(
                15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, u64::MAX, "tail ✓",
            )
            .await;
            assert_eq!(got, format!("15,14,13,12,11,10,9,8,7,6,5,4,3,2,1/{}/tail ✓", u64::MAX));
        })
        .await;

        balanced("tuple16", async {
            // Tuples this long have no `PartialEq`/`Debug`: compared as arrays.
            let (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16) =
                api::tuple16(100).await;
            assert_eq!(
                [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16],
                [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115]
            );
        })
        .await;

        balanced("tuple17", async {
            let (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17) =
                api::tuple17(3).await;
            assert_eq!(
                [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17],
                [3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, u32::MAX - 3]
            );
        })
        .await;

        balanced("record20", async {
            for seed in [0u64, 1, 5, 1000, u64::MAX / 7] {
                let text = format!("text {seed} ☃");
                assert_eq!(api::record20(seed, &text).await, make_twenty(seed, &text));
            }
        })
        .await;

        balanced("bump20", async {
            let t = make_twenty(4, "abc");
            let bumped = api::bump20(&t).await;
            let expected = Twenty {
                f1: 5,
                f2: 5,
                f3: 5,
                f4: 5,
                f5: -3,
                f6: -3,
                f7: -3,
                f8: -3,
                f9: 3.0,
                f10: 2.0,
                f11: 'μ',
                f12: false,
                f13: "ABC".to_string(),
                f14: vec![1, 2, 3, 4],
                f15: Some(13),
                f16: 17,
                f17: 18,
                f18: 19,
                f19: "4-cba".to_string(),
                f20: u64::MAX - 3,
            };
            assert_eq!(bumped, expected);
            // Fed back in: a value lifted from a spilled result is lowered as a spilled argument.
            let again = api::bump20(&bumped).await;
            assert_eq!(again.f1, 6);
            assert_eq!(again.f19, "abc-4");
            assert_eq!(again.f13, "ABC");
        })
        .await;

        balanced("points", async {
            let ps: Vec<Point> = (0..50)
                .map(|i| Point { x: f64::from(i), y: -f64::from(i), name: format!("p{i}") })
                .collect();
            let got = api::points(&ps, 2.0).await;
            assert_eq!(
                got,
                (0..50)
                    .map(|i| Point {
                        x: 2.0 * f64::from(i),
                        y: -2.0 * f64::from(i),
                        name: format!("p{i}*2"),
                    })
                    .collect::<Vec<_>>()
            );
            assert!(api::points(&[], 1.0).await.is_empty());
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
