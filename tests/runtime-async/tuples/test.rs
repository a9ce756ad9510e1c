// Tuples (test side): echoes tuples, rearranges their elements and describes what it received,
// so element order and types are checked, not just round trips.
mod alloc_probe;

use bindings::exports::test::tuples::api::Guest;

struct Component;

type Nested = ((u8, (i16, String)), (f64, Vec<u32>), u8);

impl Guest for Component {
    fn roundtrip_pair(x: (u8, String)) -> (u8, String) {
        x
    }
    fn swap_pair(x: (u8, String)) -> (String, u8) {
        (x.1 + "!", x.0.wrapping_add(1))
    }
    fn roundtrip_five(x: (u64, f32, bool, char, String)) -> (u64, f32, bool, char, String) {
        x
    }
    fn describe_five(x: (u64, f32, bool, char, String)) -> String {
        format!("{} {} {} {} {}", x.0, x.1, x.2, x.3, x.4)
    }
    fn make_five(a: u64, b: f32, c: bool, d: char, e: String) -> (u64, f32, bool, char, String) {
        (a, b, c, d, e)
    }
    fn roundtrip_nested(x: Nested) -> Nested {
        x
    }
    fn flatten_nested(x: Nested) -> (String, Vec<i64>, f64) {
        let ((a, (b, s)), (f, l), c) = x;
        (
            s,
            vec![i64::from(a), i64::from(b), i64::from(c), l.len() as i64],
            f,
        )
    }
    fn roundtrip_single(x: (u32,)) -> (u32,) {
        x
    }
    fn roundtrip_list(x: Vec<(u16, String, i8)>) -> Vec<(u16, String, i8)> {
        x
    }
    fn roundtrip_option(x: Option<(char, u64)>) -> Option<(char, u64)> {
        x
    }
    fn add_pairs(a: (u32, String), b: (u32, String)) -> (u32, String) {
        (a.0.wrapping_add(b.0), b.1 + &a.1)
    }
}

impl bindings::exports::test::tuples::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
