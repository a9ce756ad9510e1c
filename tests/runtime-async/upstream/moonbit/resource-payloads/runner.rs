// Drives the scenario: leaf-things (resources of the leaf) go to the test component and back in
// futures, streams, futures of futures of streams and streams of futures; readers are dropped
// early and reads cancelled; responses are collected whose body and trailers the test component
// writes after returning. After each step the leaf's counters show that every leaf-thing ended
// exactly once, and at the end that no resource is left.

use bindings::my::test::leaf_interface::{self as leaf, LeafThing};
use bindings::my::test::test_interface as test;
use bindings::{wit_future, wit_stream};
use std::cell::Cell;
use std::rc::Rc;
use witbind_rt::{FutureReader, StreamReader};

struct Runner;

/// Reads one leaf-thing from `stream` and checks its value (the leaf-thing is dropped).
async fn read_one(stream: &mut StreamReader<LeafThing>, expected: &str) {
    let things = stream.read(1).await.expect("a leaf-thing");
    assert_eq!(things.len(), 1);
    assert_eq!(things[0].get(), expected);
}

/// Lets the other components' background work run until the leaf counted `n` more drops than
/// `before` (exactly).
async fn expect_drops(before: u32, n: u32) {
    for _ in 0..32 {
        if leaf::leaf_drop_count() - before == n {
            break;
        }
        test::settle().await;
    }
    assert_eq!(leaf::leaf_drop_count() - before, n);
}

async fn expect_nothing_live() {
    let live = || {
        (
            leaf::leaf_live_count(),
            leaf::fields_live_count(),
            leaf::body_live_count(),
            leaf::response_live_count(),
        )
    };
    for _ in 0..32 {
        if live() == (0, 0, 0, 0) {
            break;
        }
        test::settle().await;
    }
    assert_eq!(live(), (0, 0, 0, 0));
}

/// A stream whose leaf-things are written by background work; those not taken are dropped.
fn leaf_stream(names: &[&str]) -> StreamReader<LeafThing> {
    let (mut writer, reader) = wit_stream::new::<LeafThing>();
    let things: Vec<LeafThing> = names.iter().map(|n| LeafThing::new(n)).collect();
    witbind_rt::spawn(async move {
        drop(writer.write_all(things).await);
    });
    reader
}

/// A future of a future of a stream of two leaf-things named after `prefix`.
fn nested(prefix: &str) -> FutureReader<FutureReader<StreamReader<LeafThing>>> {
    let stream = leaf_stream(&[&format!("{prefix}-a"), &format!("{prefix}-b")]);
    let inner = wit_future::spawn(async move { stream });
    wit_future::spawn(async move { inner })
}

/// A future whose leaf-thing is written only once `release` is set; returns whether the reader
/// took it (the leaf-thing is dropped otherwise).
fn released_future(
    name: &str,
    release: Rc<Cell<bool>>,
) -> (FutureReader<LeafThing>, Rc<Cell<Option<bool>>>) {
    let (writer, reader) = wit_future::new::<LeafThing>(|| unreachable!("written"));
    let thing = LeafThing::new(name);
    let delivered = Rc::new(Cell::new(None));
    let result = delivered.clone();
    witbind_rt::spawn(async move {
        while !release.get() {
            witbind_rt::yield_now().await;
        }
        result.set(Some(writer.write(thing).await.is_ok()));
    });
    (reader, delivered)
}

async fn until_some(cell: &Cell<Option<bool>>) -> bool {
    loop {
        if let Some(v) = cell.get() {
            return v;
        }
        witbind_rt::yield_now().await;
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        // A future of a future of a stream, passed on and read here to its end.
        let before = leaf::leaf_drop_count();
        let output = test::relay_nested_leaf(nested("nested-transfer")).await;
        let mut stream = output.read().await.read().await;
        read_one(&mut stream, "nested-transfer-a").await;
        read_one(&mut stream, "nested-transfer-b").await;
        assert!(stream.read(1).await.is_none());
        drop(stream);
        expect_drops(before, 2).await;

        // The same, its output dropped unread: both leaf-things still end.
        let before = leaf::leaf_drop_count();
        drop(test::relay_nested_leaf(nested("nested-reject")).await);
        expect_drops(before, 2).await;

        // A stream of futures passed on; one read, the rest dropped with the stream.
        let before = leaf::leaf_drop_count();
        let (mut writer, input) = wit_stream::new::<FutureReader<LeafThing>>();
        let futures = vec![
            wit_future::spawn(async { LeafThing::new("future-stream-a") }),
            wit_future::spawn(async { LeafThing::new("future-stream-b") }),
        ];
        witbind_rt::spawn(async move {
            drop(writer.write_all(futures).await);
        });
        let mut output = test::relay_leaf_futures(input).await;
        let first = output.read(1).await.expect("a future");
        assert_eq!(first.len(), 1);
        let thing = first.into_iter().next().unwrap().read().await;
        assert_eq!(thing.get(), "future-stream-a");
        drop(thing);
        drop(output);
        expect_drops(before, 2).await;

        // Read one at a time, given back whole.
        let before = leaf::leaf_drop_count();
        let mut stream = test::short_reads_leaf(leaf_stream(&["a", "b", "c"])).await;
        for name in ["a", "b", "c"] {
            read_one(&mut stream, name).await;
        }
        assert!(stream.read(1).await.is_none());
        drop(stream);
        expect_drops(before, 3).await;

        // The same, dropped after the first: the others end in the test component.
        let before = leaf::leaf_drop_count();
        let mut stream = test::short_reads_leaf(leaf_stream(&["drop-a", "drop-b", "drop-c"])).await;
        read_one(&mut stream, "drop-a").await;
        drop(stream);
        expect_drops(before, 3).await;

        // The test component drops the first future unread (its leaf-thing, written only later,
        // comes back here) and reads the second; its first output is dropped here unread.
        let release = Rc::new(Cell::new(false));
        let (first, delivered) = released_future("a", release.clone());
        let second = wit_future::spawn(async { LeafThing::new("a") });
        let (out1, out2) = test::dropped_reader_leaf(first, second).await;
        drop(out1);
        let thing = out2.read().await;
        assert_eq!(thing.get(), "a");
        drop(thing);
        release.set(true);
        assert!(
            !until_some(&delivered).await,
            "a dropped reader took a value"
        );
        expect_nothing_live().await;

        // A read of a future cancelled in the test component: the value written afterwards is
        // refused and ends here.
        let before = leaf::leaf_drop_count();
        let release = Rc::new(Cell::new(false));
        let (future, delivered) = released_future("cancelled-future-read", release.clone());
        assert!(test::cancel_future_read(future).await);
        release.set(true);
        assert!(!until_some(&delivered).await);
        expect_drops(before, 1).await;

        // The same for a stream.
        let before = leaf::leaf_drop_count();
        let (mut writer, stream) = wit_stream::new::<LeafThing>();
        assert!(test::cancel_stream_read(stream).await);
        let back = writer
            .write(vec![LeafThing::new("cancelled-stream-read")])
            .await;
        assert_eq!(back.len(), 1);
        drop(back);
        expect_drops(before, 1).await;

        // Four written by the test component, one read: all four end.
        let before = leaf::leaf_drop_count();
        let mut stream = test::make_leaf_stream().await;
        read_one(&mut stream, "stream-a").await;
        drop(stream);
        expect_drops(before, 4).await;

        let mut stream = test::make_local_leaf_stream().await;
        for name in ["local-a", "local-b", "local-c"] {
            read_one(&mut stream, name).await;
        }
        assert!(stream.read(1).await.is_none());
        drop(stream);

        // Responses whose body and trailers the test component writes after returning.
        let response = test::make_response().await;
        let collected = response.collect().await;
        drop(response);
        assert_eq!(
            collected,
            ("hello http p3".to_string(), Some("done".to_string()))
        );

        let response = test::make_response_post_work().await;
        assert!(
            test::post_response_count() < 3,
            "the body was written before it was read"
        );
        let collected = response.collect().await;
        drop(response);
        assert_eq!(
            collected,
            ("post work".to_string(), Some("after-body".to_string()))
        );
        assert!(test::post_response_count() >= 3);

        let response = test::make_response_background().await;
        assert_eq!(test::background_count(), 0);
        let collected = response.collect().await;
        drop(response);
        assert_eq!(
            collected,
            (
                "background".to_string(),
                Some("background-done".to_string())
            )
        );
        assert_eq!(test::background_count(), 1);

        let thing = test::delayed_leaf_future().await.read().await;
        assert_eq!(thing.get(), "delayed");
        drop(thing);

        assert_eq!(test::local_future_drop_cleanup().await, 1);
        assert_eq!(test::local_future_drop_resource_cleanup().await, 1);
        assert_eq!(test::local_lazy_future_drop_resource_cleanup().await, 1);
        assert_eq!(test::local_stream_drop_resource_cleanup().await, 4);
        assert_eq!(test::local_lazy_stream_drop_resource_cleanup().await, 1);
        assert_eq!(
            test::local_lazy_stream_partial_drop_resource_cleanup().await,
            2
        );
        assert_eq!(
            test::local_stream_cancelled_write_resource_cleanup().await,
            3
        );
        assert!(test::local_stream_rendezvous().await);
        assert!(test::local_stream_bounded_backpressure().await);
        assert!(test::local_stream_cancelled_waiters().await);
        assert!(test::local_stream_produce_read().await);
        expect_nothing_live().await;
    }
}

bindings::export!(Runner with_types_in bindings);
