// Streams of strings and of records with strings, read and written by background tasks.
mod alloc_probe;

use std::cell::Cell;

use bindings::exports::test::stream_of_strings::api::{Entry, Guest};
use bindings::wit_stream;
use witbind_rt::StreamReader;

thread_local! {
    static BUSY: Cell<u32> = const { Cell::new(0) };
    static UNDELIVERED: Cell<u32> = const { Cell::new(0) };
}

/// Counts a background task as busy until dropped (when its future ends).
struct Busy;

impl Busy {
    fn start() -> Busy {
        BUSY.with(|b| b.set(b.get() + 1));
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(b.get() - 1));
    }
}

fn entry(i: u32) -> Entry {
    Entry {
        key: format!("key-{i}-ü"),
        values: (0..i % 4).map(|k| "v".repeat(k as usize + 1)).collect(),
        n: i * i,
    }
}

fn digest(e: &Entry) -> String {
    format!("{}={}#{}", e.key, e.values.join("+"), e.n)
}

struct Component;

impl Guest for Component {
    async fn upper(mut s: StreamReader<String>) -> StreamReader<String> {
        let (mut writer, reader) = wit_stream::new();
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            let mut index = 0;
            while let Some(strings) = s.read(3).await {
                assert!(strings.len() <= 3);
                let out: Vec<String> = strings
                    .into_iter()
                    .map(|t| {
                        index += 1;
                        format!("{}#{}", t.to_uppercase(), index - 1)
                    })
                    .collect();
                assert!(writer.write_all(out).await.is_empty(), "the reader left");
            }
        });
        reader
    }

    async fn entries(n: u32) -> StreamReader<Entry> {
        let (mut writer, reader) = wit_stream::new();
        let busy = Busy::start();
        UNDELIVERED.with(|u| u.set(0));
        witbind_rt::spawn(async move {
            let _busy = busy;
            let rest = writer.write_all((0..n).map(entry).collect()).await;
            UNDELIVERED.with(|u| u.set(rest.len() as u32));
            // What the reader did not take is checked, then freed here.
            for (e, i) in rest.iter().zip(n - rest.len() as u32..) {
                assert_eq!(*e, entry(i), "an entry not taken came back changed");
            }
        });
        reader
    }

    async fn sum_entries(mut s: StreamReader<Entry>) -> (u32, String) {
        let mut count = 0;
        let mut digests = Vec::new();
        while let Some(entries) = s.read(2).await {
            for e in &entries {
                count += 1;
                digests.push(digest(e));
            }
        }
        (count, digests.join(";"))
    }

    async fn take_strings(mut s: StreamReader<String>, max: u32) -> Vec<String> {
        s.read(max as usize).await.unwrap_or_default()
    }

    fn undelivered() -> u32 {
        UNDELIVERED.with(Cell::get)
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::stream_of_strings::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
