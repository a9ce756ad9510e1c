// `map<K, V>` as a vector of key/value pairs, in both directions and nested in records.
mod alloc_probe;

use bindings::exports::test::maps::api::{Entry, Guest};

struct Component;

impl Guest for Component {
    fn invert(m: Vec<(String, u32)>) -> Vec<(u32, String)> {
        m.into_iter().map(|(k, v)| (v, k)).collect()
    }

    fn merge(a: Entry, b: Entry) -> Entry {
        let mut tags = a.tags;
        tags.extend(b.tags);
        Entry { id: a.id + b.id, tags }
    }

    fn lookup(m: Vec<(u64, Option<String>)>, key: u64) -> Option<Option<String>> {
        m.into_iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

impl bindings::exports::test::maps::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
