//! A synchronous component whose bindings `build.rs` generates into `OUT_DIR` with the `witbind`
//! library, included here with `include!`.
//!
//! Build with `cargo build --target wasm32-wasip2`: the `.wasm` is a component exporting
//! `example:words/tally`.

use std::cell::RefCell;
use std::collections::BTreeMap;

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/component.rs"));
}

use bindings::exports::example::words::tally::{Guest, GuestCounter};

struct Component;

/// The implementation of the `counter` resource.
#[derive(Default)]
struct WordCounter {
    counts: RefCell<BTreeMap<String, u32>>,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(str::to_lowercase)
}

impl GuestCounter for WordCounter {
    fn new() -> Self {
        WordCounter::default()
    }

    fn feed(&self, text: String) {
        let mut counts = self.counts.borrow_mut();
        for word in words(&text) {
            *counts.entry(word).or_default() += 1;
        }
    }

    fn top(&self, n: u32) -> Vec<(String, u32)> {
        let mut all: Vec<(String, u32)> = self
            .counts
            .borrow()
            .iter()
            .map(|(word, count)| (word.clone(), *count))
            .collect();
        // Most frequent first; the map's order (by word) breaks ties, the sort being stable.
        all.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        all.truncate(n as usize);
        all
    }

    fn words(&self) -> u64 {
        self.counts.borrow().values().map(|c| u64::from(*c)).sum()
    }
}

impl Guest for Component {
    type Counter = WordCounter;

    fn split(text: String) -> Vec<String> {
        words(&text).collect()
    }
}

bindings::export!(Component with_types_in bindings);
