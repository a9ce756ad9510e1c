//@ args = '--std-feature'

// A `#![no_std]` runner with `extern crate alloc`, as a `no_std` user of wit-bindgen writes one
// (`--std-feature` is accepted and changes nothing): strings, lists, records, variants and a
// resource through sync imports, with both components' allocations balanced after them, then a
// stream from the test component and one to it.
#![no_std]

extern crate alloc;

mod no_std_guest;

use alloc::string::{String, ToString};
use alloc::vec;

use bindings::test::rust_no_std::api::{self, Counter, Entry, Shape};
use bindings::wit_stream;

struct Runner;

fn entry(key: &str, values: &[u32]) -> Entry {
    Entry {
        key: key.to_string(),
        values: values.to_vec(),
    }
}

fn named(name: &str) -> Shape {
    Shape::Named(name.to_string())
}

/// Every sync import, each result checked.
fn sync_calls() {
    assert_eq!(api::echo("h\u{e9}llo \u{2603}"), "\u{2603} oll\u{e9}h!");
    assert_eq!(api::echo(""), "!");
    let long = "ab".repeat(5000);
    let echoed: String = api::echo(&long);
    assert_eq!(echoed.len(), 10_001);
    assert!(echoed.starts_with("baba") && echoed.ends_with("ba!"));

    let folded = api::fold(&[
        entry("a-\u{fc}", &[1, 2, 3]),
        entry("", &[]),
        entry("b", &[u32::MAX]),
    ]);
    assert_eq!(
        folded,
        [
            entry("A-\u{dc}", &[6]),
            entry("", &[0]),
            entry("B", &[u32::MAX])
        ]
    );

    let shapes = [
        Shape::Empty,
        named("ab"),
        Shape::Point((3, -4)),
        Shape::Many(vec![entry("k", &[4, 5]), entry("l", &[])]),
    ];
    let turned = [
        named("was empty"),
        named("abab"),
        Shape::Point((4, 3)),
        Shape::Many(vec![entry("K", &[9]), entry("L", &[0])]),
    ];
    assert_eq!(api::turn(&shapes), turned);
    assert_eq!(api::turn(&[]), []);

    let counter = Counter::new("clicks");
    assert_eq!(counter.add(2), 2);
    assert_eq!(counter.add(40), 42);
    assert_eq!(counter.label(), "clicks");
    assert_eq!(api::finish(counter), "clicks=42");
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: whatever either side sets up on its first call is made here.
        assert_eq!(api::echo("x"), "x!");
        let test_before = api::live_allocations();
        let runner_before = no_std_guest::live();
        sync_calls();
        assert_eq!(no_std_guest::live(), runner_before, "the runner leaked");
        assert_eq!(
            api::live_allocations(),
            test_before,
            "the test component leaked"
        );

        let pieces = api::pieces("abcdefghij", 3).await.collect().await;
        assert_eq!(pieces, ["abc", "def", "ghi", "j"]);

        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            for batch in [vec![1, 2], vec![3, 4, 5], vec![u32::MAX]] {
                assert!(writer.write_all(batch).await.is_empty(), "the reader left");
            }
        });
        assert_eq!(api::total(reader).await, 15 + u64::from(u32::MAX));
    }
}

bindings::export!(Runner with_types_in bindings);
