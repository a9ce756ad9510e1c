// Reads and writes payload-less streams with chosen sizes and checks exactly how many items each
// read and write moved, the end of the stream, writes into dropped readers in both directions,
// and allocation balance on both sides.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::simple_stream::api;
use bindings::test::simple_stream::probe::live_allocations;
use bindings::wit_stream;

struct Runner;

/// Accepts only `Send` values: the futures of imports, reads and writes are `Send` (checked at
/// compile time), as users with `Send`-bounded APIs need.
fn require_send<T: Send>(t: T) -> T {
    t
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

/// Waits until the producer saw `n` of its writes end (through an async import, so that the
/// host runs the producer meanwhile); returns how many items each handed over.
async fn writes_ended(n: usize) -> Vec<u32> {
    for _ in 0..1000 {
        let handed = api::handed_so_far();
        if handed.len() >= n {
            return handed;
        }
        api::tick().await;
    }
    panic!("the producer's write never ended");
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need, and the producer's
        // record of its writes (`handed-so-far`) keeps one allocation from its first use on.
        let (items, handed) = api::produce(2, 2).await;
        assert_eq!(items.collect().await.len(), 2);
        assert_eq!(handed.read().await, vec![2]);
        while api::busy() > 0 {
            api::tick().await;
        }

        balanced("partial reads", require_send(async {
            let (mut items, handed) = api::produce(10, 10).await;
            assert_eq!(items.read(3).await.map(|v| v.len()), Some(3));
            // The write of 10 ended having handed over 3; the producer writes the other 7.
            assert_eq!(writes_ended(1).await, vec![3]);
            assert_eq!(items.read(4).await.map(|v| v.len()), Some(4));
            assert_eq!(writes_ended(2).await, vec![3, 4]);
            assert_eq!(items.read(100).await.map(|v| v.len()), Some(3));
            assert_eq!(items.read(100).await, None, "the writer is gone");
            assert_eq!(items.read(1).await, None, "still the end");
            assert_eq!(handed.read().await, vec![3, 4, 3]);
        }))
        .await;

        balanced("an empty stream", async {
            let (mut items, handed) = api::produce(0, 5).await;
            assert_eq!(items.read(5).await, None);
            assert_eq!(handed.read().await, Vec::<u32>::new());
        })
        .await;

        balanced("many items from the test component", async {
            let (mut items, handed) = api::produce(1000, 64).await;
            let mut total = 0;
            while let Some(got) = items.read(100).await {
                assert!(got.len() <= 100, "a read returned more than its max");
                total += got.len();
            }
            assert_eq!(total, 1000);
            let handed = handed.read().await;
            assert_eq!(handed.iter().sum::<u32>(), 1000);
            assert!(handed.iter().all(|n| *n > 0 && *n <= 64));
        })
        .await;

        balanced("a write by the test component into a reader dropped here", async {
            // Nothing read: the first write takes nothing.
            let (items, handed) = api::produce(5, 5).await;
            drop(items);
            assert_eq!(handed.read().await, vec![0]);
            // Some read first: the next write takes nothing.
            let (mut items, handed) = api::produce(10, 10).await;
            assert_eq!(items.read(4).await.map(|v| v.len()), Some(4));
            assert_eq!(writes_ended(1).await, vec![4]);
            drop(items);
            assert_eq!(handed.read().await, vec![4, 0]);
        })
        .await;

        balanced("items to the test component in reads of at most 3", async {
            let (mut writer, reader) = wit_stream::new::<()>();
            let send = async move {
                assert!(writer.write_all(vec![(); 10]).await.is_empty(), "the reader left");
                drop(writer);
            };
            let ((reads, items), ()) = join::join2(api::consume(reader, 3), send).await;
            assert_eq!(items, 10);
            assert!(reads >= 4, "10 items in reads of at most 3");
        })
        .await;

        balanced("a write larger than the read", async {
            let (mut writer, reader) = wit_stream::new::<()>();
            let (taken, rest) =
                join::join2(api::take_once(reader, 4), writer.write(vec![(); 10])).await;
            assert_eq!(taken, 4);
            assert_eq!(rest.len(), 6, "write gives back what the reader did not take");
            // The reader is gone now: nothing more is taken.
            assert_eq!(writer.write(rest).await.len(), 6);
            assert_eq!(writer.write_all(vec![(); 2]).await.len(), 2);
        })
        .await;

        balanced("a read larger than the write", async {
            let (mut writer, reader) = wit_stream::new::<()>();
            let (taken, rest) =
                join::join2(api::take_once(reader, 100), writer.write(vec![(); 3])).await;
            assert_eq!(taken, 3);
            assert!(rest.is_empty());
        })
        .await;

        balanced("a writer dropped before anything was written", async {
            let (writer, reader) = wit_stream::new::<()>();
            drop(writer);
            assert_eq!(api::consume(reader, 5).await, (0, 0));
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
