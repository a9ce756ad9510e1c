// Sends and receives streams of strings and of records with strings, checking every element,
// what partial writes give back, early-dropped readers, and allocation balance on both sides.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::stream_of_strings::api::{self, Entry};
use bindings::test::stream_of_strings::probe::live_allocations;
use bindings::wit_stream;

struct Runner;

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

/// Runs `f`, waits (through an async import, so this task keeps receiving events) until the
/// background work on both sides is done, then checks both components' allocations balance.
async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    for _ in 0..1000 {
        if api::busy() == 0
            && live_allocations() == test_before
            && alloc_probe::live() == runner_before
        {
            break;
        }
        api::tick().await;
    }
    assert_eq!(api::busy(), 0, "background tasks still running after {what}");
    assert_eq!(live_allocations(), test_before, "test component leaked in {what}");
    assert_eq!(alloc_probe::live(), runner_before, "runner leaked in {what}");
}

fn strings(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        api::tick().await;

        balanced("stream<string> there and back", async {
            let long = "ß".repeat(10_000);
            let input = strings(&["", "a", "héllo wörld", "☃☃", &long, "", "z"]);
            let expected: Vec<String> = input
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{}#{i}", t.to_uppercase()))
                .collect();
            let (mut writer, reader) = wit_stream::new();
            let out = api::upper(reader).await;
            let send = async move {
                // In two writes of different sizes.
                let mut input = input;
                let second = input.split_off(5);
                assert!(writer.write_all(input).await.is_empty());
                assert!(writer.write_all(second).await.is_empty());
            };
            let ((), got) = join::join2(send, out.collect()).await;
            assert_eq!(got, expected);
        })
        .await;

        balanced("stream<string> read in small pieces", async {
            let (mut writer, reader) = wit_stream::new();
            let mut out = api::upper(reader).await;
            let send = async move {
                let items: Vec<String> = (0..20).map(|i| format!("s{i}")).collect();
                assert!(writer.write_all(items).await.is_empty());
            };
            let receive = async {
                let mut got = Vec::new();
                while let Some(part) = out.read(2).await {
                    assert!(part.len() <= 2);
                    got.extend(part);
                }
                got
            };
            let ((), got) = join::join2(send, receive).await;
            assert_eq!(got, (0..20).map(|i| format!("S{i}#{i}")).collect::<Vec<_>>());
        })
        .await;

        balanced("strings not taken stay with the writer", async {
            let (mut writer, reader) = wit_stream::new();
            let items = strings(&["one", "two", "three", "four ☃", "five"]);
            let (taken, rest) = join::join2(api::take_strings(reader, 2), writer.write(items)).await;
            assert_eq!(taken, strings(&["one", "two"]));
            assert_eq!(rest, strings(&["three", "four ☃", "five"]));
            // The reader is gone: nothing more is taken, and the strings come back whole.
            let rest = writer.write(rest).await;
            assert_eq!(rest, strings(&["three", "four ☃", "five"]));
        })
        .await;

        balanced("stream<entry> from the test component", async {
            let got = api::entries(9).await.collect().await;
            assert_eq!(got, (0..9).map(entry).collect::<Vec<_>>());
            assert_eq!(api::undelivered(), 0);
        })
        .await;

        balanced("stream<entry> read in part, then dropped", async {
            let mut stream = api::entries(10).await;
            let mut got = Vec::new();
            while got.len() < 4 {
                got.extend(stream.read(4 - got.len()).await.expect("entries"));
            }
            assert_eq!(got, (0..4).map(entry).collect::<Vec<_>>());
            drop(stream);
            // The writer sees the reader gone and keeps (and frees) the other 6.
            while api::busy() > 0 {
                api::tick().await;
            }
            assert_eq!(api::undelivered(), 6);
        })
        .await;

        balanced("stream<entry> to the test component", async {
            let (mut writer, reader) = wit_stream::new();
            let send = async move {
                for batch in [0..1u32, 1..6, 6..7, 7..12] {
                    assert!(writer.write_all(batch.map(entry).collect()).await.is_empty());
                }
            };
            let ((count, digests), ()) = join::join2(api::sum_entries(reader), send).await;
            assert_eq!(count, 12);
            assert_eq!(digests, (0..12).map(|i| digest(&entry(i))).collect::<Vec<_>>().join(";"));
        })
        .await;

        balanced("an empty stream<entry>", async {
            let (writer, reader) = wit_stream::new::<Entry>();
            drop(writer);
            assert_eq!(api::sum_entries(reader).await, (0, String::new()));
            assert!(api::entries(0).await.collect().await.is_empty());
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
