// Spilled async parameters and results: every export yields once (so the caller's buffers must
// outlive the start of the call) and answers with values derived from every argument.
mod alloc_probe;

use bindings::exports::test::async_spilled::api::{Guest, Point, Report, Twenty};

struct Component;

type T16 = (u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32);
type T17 = (
    u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32,
);

impl Guest for Component {
    async fn four(a: u32, b: u64, c: f32, d: f64) -> f64 {
        witbind_rt::yield_now().await;
        f64::from(a) + b as f64 + f64::from(c) * d
    }

    async fn five(a: u32, b: u64, c: f32, d: f64, e: u8) -> f64 {
        witbind_rt::yield_now().await;
        f64::from(a) + b as f64 + f64::from(c) * d - f64::from(e)
    }

    async fn two_strings(a: String, b: String) -> String {
        witbind_rt::yield_now().await;
        format!("{a}+{b}")
    }

    async fn three_strings(a: String, b: String, c: String) -> String {
        witbind_rt::yield_now().await;
        format!("{a}+{b}+{c}")
    }

    async fn mixed(
        a: u8,
        b: i16,
        c: u32,
        d: u64,
        e: f32,
        f: f64,
        g: char,
        h: String,
        i: Vec<u16>,
        j: bool,
        k: Option<String>,
        p: Point,
    ) -> Report {
        witbind_rt::yield_now().await;
        let total = u64::from(a)
            .wrapping_add(b as u64)
            .wrapping_add(u64::from(c))
            .wrapping_add(d)
            .wrapping_add(i.iter().map(|v| u64::from(*v)).sum::<u64>());
        let mut strings = vec![h.clone()];
        strings.extend(k.clone());
        strings.push(p.name.clone());
        Report {
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            j,
            k,
            p,
            total,
            joined: strings.join("|"),
        }
    }

    async fn sixteen(
        a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32,
        a9: u32, a10: u32, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: u64,
    ) -> u64 {
        witbind_rt::yield_now().await;
        // Weighted, so that a swapped pair of arguments shows.
        let xs = [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15];
        xs.iter()
            .enumerate()
            .map(|(n, x)| (n as u64 + 1) * u64::from(*x))
            .sum::<u64>()
            + 16 * a16
    }

    async fn seventeen(
        a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32,
        a9: u32, a10: u32, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: u64,
        a17: String,
    ) -> String {
        witbind_rt::yield_now().await;
        let xs = [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15];
        let listed: Vec<String> = xs.iter().map(u32::to_string).collect();
        format!("{}/{a16}/{a17}", listed.join(","))
    }

    async fn tuple16(seed: u32) -> T16 {
        witbind_rt::yield_now().await;
        let s = seed;
        (
            s, s + 1, s + 2, s + 3, s + 4, s + 5, s + 6, s + 7, s + 8, s + 9, s + 10, s + 11,
            s + 12, s + 13, s + 14, s + 15,
        )
    }

    async fn tuple17(seed: u32) -> T17 {
        witbind_rt::yield_now().await;
        let s = seed;
        (
            s, s * 2, s * 3, s * 4, s * 5, s * 6, s * 7, s * 8, s * 9, s * 10, s * 11, s * 12,
            s * 13, s * 14, s * 15, s * 16, u32::MAX - s,
        )
    }

    async fn record20(seed: u64, text: String) -> Twenty {
        witbind_rt::yield_now().await;
        make_twenty(seed, &text)
    }

    async fn bump20(t: Twenty) -> Twenty {
        witbind_rt::yield_now().await;
        Twenty {
            f1: t.f1.wrapping_add(1),
            f2: t.f2.wrapping_add(1),
            f3: t.f3.wrapping_add(1),
            f4: t.f4.wrapping_add(1),
            f5: t.f5.wrapping_add(1),
            f6: t.f6.wrapping_add(1),
            f7: t.f7.wrapping_add(1),
            f8: t.f8.wrapping_add(1),
            f9: t.f9 + 1.0,
            f10: t.f10 + 1.0,
            f11: char::from_u32(t.f11 as u32 + 1).unwrap_or('?'),
            f12: !t.f12,
            f13: t.f13.to_uppercase(),
            f14: t.f14.iter().map(|b| b.wrapping_add(1)).collect(),
            f15: t.f15.map(|v| v + 1),
            f16: t.f16 + 1,
            f17: t.f17 + 1,
            f18: t.f18 + 1,
            f19: t.f19.chars().rev().collect(),
            f20: t.f20.wrapping_add(1),
        }
    }

    async fn points(ps: Vec<Point>, scale: f64) -> Vec<Point> {
        witbind_rt::yield_now().await;
        ps.into_iter()
            .map(|p| Point {
                x: p.x * scale,
                y: p.y * scale,
                name: format!("{}*{scale}", p.name),
            })
            .collect()
    }
}

/// The record `record20(seed, text)` returns (the runner computes the same).
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

impl bindings::exports::test::async_spilled::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
