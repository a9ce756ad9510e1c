// Options (test side): echoes options, describes which shape it received (none / some(none) /
// some(some(n))) and builds options of its own, so both directions are checked on their own.
mod alloc_probe;

use bindings::exports::test::options::api::{Guest, MaybeFields, Point};

struct Component;

impl Guest for Component {
    fn roundtrip_u32(x: Option<u32>) -> Option<u32> {
        x
    }
    fn unwrap_or(x: Option<u32>, fallback: u32) -> u32 {
        x.unwrap_or(fallback)
    }
    fn nonzero(x: u32) -> Option<u32> {
        (x != 0).then_some(x)
    }

    fn roundtrip_string(x: Option<String>) -> Option<String> {
        x
    }
    fn describe_string(x: Option<String>) -> String {
        match x {
            None => "none".to_string(),
            Some(s) => format!("some({s})"),
        }
    }

    fn roundtrip_nested(x: Option<Option<u32>>) -> Option<Option<u32>> {
        x
    }
    fn describe_nested(x: Option<Option<u32>>) -> String {
        match x {
            None => "none".to_string(),
            Some(None) => "some(none)".to_string(),
            Some(Some(n)) => format!("some(some({n}))"),
        }
    }
    fn make_nested(n: u32) -> Option<Option<u32>> {
        match n {
            0 => None,
            1 => Some(None),
            n => Some(Some(n)),
        }
    }

    fn roundtrip_point(x: Option<Point>) -> Option<Point> {
        x
    }
    fn roundtrip_bytes(x: Option<Vec<u8>>) -> Option<Vec<u8>> {
        x
    }
    fn bytes_len(x: Option<Vec<u8>>) -> Option<u32> {
        x.map(|l| l.len() as u32)
    }

    fn roundtrip_small(
        a: Option<bool>,
        b: Option<i8>,
        c: Option<char>,
    ) -> (Option<bool>, Option<i8>, Option<char>) {
        (a, b, c)
    }
    fn roundtrip_floats(
        a: Option<f32>,
        b: Option<f64>,
        c: Option<u64>,
    ) -> (Option<f32>, Option<f64>, Option<u64>) {
        (a, b, c)
    }

    fn roundtrip_fields(x: MaybeFields) -> MaybeFields {
        x
    }
    fn roundtrip_list(x: Vec<Option<String>>) -> Vec<Option<String>> {
        x
    }
    fn count_some(x: Vec<Option<u32>>) -> u32 {
        x.iter().filter(|o| o.is_some()).count() as u32
    }
}

impl bindings::exports::test::options::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
