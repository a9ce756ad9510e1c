// Lists (test side): echoes lists, reports what it received (sums, lengths, bits) and builds
// lists of its own, so both directions are checked on their own.
mod alloc_probe;

use bindings::exports::test::lists::api::{Guest, Point};

struct Component;

impl Guest for Component {
    fn roundtrip_u8(l: Vec<u8>) -> Vec<u8> {
        l
    }
    fn sum_u8(l: Vec<u8>) -> u64 {
        l.iter().map(|b| u64::from(*b)).sum()
    }
    fn make_u8(len: u32) -> Vec<u8> {
        (0..len).map(|i| ((i as u64 * 7 + 3) % 256) as u8).collect()
    }
    fn roundtrip_u16(l: Vec<u16>) -> Vec<u16> {
        l
    }
    fn reverse_u16(mut l: Vec<u16>) -> Vec<u16> {
        l.reverse();
        l
    }
    fn roundtrip_s64(l: Vec<i64>) -> Vec<i64> {
        l
    }
    fn negate_s64(l: Vec<i64>) -> Vec<i64> {
        l.into_iter().map(i64::wrapping_neg).collect()
    }
    fn roundtrip_s16(l: Vec<i16>) -> Vec<i16> {
        l
    }
    fn widen_s16(l: Vec<i16>) -> Vec<i32> {
        l.into_iter().map(i32::from).collect()
    }
    fn roundtrip_s32(l: Vec<i32>) -> Vec<i32> {
        l
    }
    fn roundtrip_f32(l: Vec<f32>) -> Vec<f32> {
        l
    }
    fn f32_bits(l: Vec<f32>) -> Vec<u32> {
        l.into_iter().map(f32::to_bits).collect()
    }
    fn roundtrip_f64(l: Vec<f64>) -> Vec<f64> {
        l
    }
    fn f64_bits(l: Vec<f64>) -> Vec<u64> {
        l.into_iter().map(f64::to_bits).collect()
    }
    fn roundtrip_bool(l: Vec<bool>) -> Vec<bool> {
        l
    }
    fn count_true(l: Vec<bool>) -> u32 {
        l.iter().filter(|b| **b).count() as u32
    }
    fn make_bool(len: u32) -> Vec<bool> {
        (0..len).map(|i| i % 3 == 0).collect()
    }

    fn roundtrip_nested(l: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
        l
    }
    fn nested_lens(l: Vec<Vec<u32>>) -> Vec<u32> {
        l.iter().map(|inner| inner.len() as u32).collect()
    }
    fn make_nested(n: u32) -> Vec<Vec<u32>> {
        (0..n).map(|i| (0..i).collect()).collect()
    }
    fn roundtrip_nested_strings(l: Vec<Vec<String>>) -> Vec<Vec<String>> {
        l
    }
    fn roundtrip_strings(l: Vec<String>) -> Vec<String> {
        l
    }
    fn roundtrip_points(l: Vec<Point>) -> Vec<Point> {
        l
    }
    fn shift_points(l: Vec<Point>, dx: i32, dy: i32) -> Vec<Point> {
        l.into_iter()
            .enumerate()
            .map(|(i, p)| Point {
                x: p.x + dx,
                y: p.y + dy,
                name: format!("{}#{i}", p.name),
                tags: p.tags,
            })
            .collect()
    }

    fn lengths(
        a: Vec<u8>,
        b: Vec<u16>,
        c: Vec<i64>,
        d: Vec<f64>,
        e: Vec<bool>,
        f: Vec<String>,
    ) -> Vec<u32> {
        [a.len(), b.len(), c.len(), d.len(), e.len(), f.len()]
            .into_iter()
            .map(|n| n as u32)
            .collect()
    }
}

impl bindings::exports::test::lists::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
