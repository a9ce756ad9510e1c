// Chars (test side): echoes chars and reports the scalar values it received, so the runner can
// check both directions separately.
mod alloc_probe;

use bindings::exports::test::chars::api::{Guest, Tagged};

struct Component;

impl Guest for Component {
    fn roundtrip(c: char) -> char {
        c
    }
    fn code_of(c: char) -> u32 {
        u32::from(c)
    }
    fn from_code(code: u32) -> Option<char> {
        char::from_u32(code)
    }
    fn next(c: char) -> Option<char> {
        match c {
            '\u{D7FF}' => Some('\u{E000}'),
            _ => char::from_u32(u32::from(c) + 1),
        }
    }

    fn roundtrip_list(cs: Vec<char>) -> Vec<char> {
        cs
    }
    fn reverse_list(mut cs: Vec<char>) -> Vec<char> {
        cs.reverse();
        cs
    }
    fn codes_of(cs: Vec<char>) -> Vec<u32> {
        cs.into_iter().map(u32::from).collect()
    }
    fn to_string(cs: Vec<char>) -> String {
        cs.into_iter().collect()
    }
    fn from_string(s: String) -> Vec<char> {
        s.chars().collect()
    }

    fn roundtrip_tagged(t: Tagged) -> Tagged {
        t
    }
    fn pair(a: char, b: char) -> (char, char) {
        (b, a)
    }
}

impl bindings::exports::test::chars::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
