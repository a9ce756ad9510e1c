// Strings (test side): echoes strings, reports what it received (byte length, char count,
// checksum) and builds new strings of its own, so each direction is checked on its own.
mod alloc_probe;

use bindings::exports::test::strings::api::{Guest, Labeled};

struct Component;

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Guest for Component {
    fn roundtrip(s: String) -> String {
        s
    }
    fn byte_len(s: String) -> u32 {
        s.len() as u32
    }
    fn char_count(s: String) -> u32 {
        s.chars().count() as u32
    }
    fn checksum(s: String) -> u64 {
        fnv1a(s.as_bytes())
    }
    fn repeat(unit: String, times: u32) -> String {
        unit.repeat(times as usize)
    }
    fn empty() -> String {
        String::new()
    }
    fn greeting() -> String {
        "héllo wörld ☃ 🦀".to_string()
    }
    fn concat(a: String, b: String) -> String {
        a + &b
    }
    fn interleave(a: String, n: u8, b: String, m: u64, c: String) -> String {
        format!("{a}|{n}|{b}|{m}|{c}")
    }
    fn pair(a: String, b: String) -> (String, String) {
        (b, a)
    }

    fn roundtrip_list(l: Vec<String>) -> Vec<String> {
        l
    }
    fn join(l: Vec<String>, sep: String) -> String {
        l.join(&sep)
    }
    fn split(s: String, sep: String) -> Vec<String> {
        s.split(sep.as_str()).map(str::to_string).collect()
    }

    fn roundtrip_labeled(l: Labeled) -> Labeled {
        l
    }
    fn flip_labeled(l: Labeled) -> Labeled {
        Labeled {
            key: l.value,
            n: l.n + 1,
            value: l.key,
            note: l.note.map(|s| s.to_uppercase()),
        }
    }
    fn labeled_list(l: Vec<Labeled>) -> Vec<Labeled> {
        l.into_iter().rev().collect()
    }

    fn roundtrip_option(s: Option<String>) -> Option<String> {
        s
    }
    fn upper_option(s: Option<String>) -> Option<String> {
        s.map(|s| s.to_uppercase())
    }
}

impl bindings::exports::test::strings::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
