// Reads and writes byte streams with chosen sizes and checks exactly how many bytes each read
// and write moved, the end of the stream, and 1 MiB each way by count and checksum.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::stream_u8::api::{self, Summary};
use bindings::test::stream_u8::probe::live_allocations;
use bindings::wit_stream;

struct Runner;

fn pattern(i: u32) -> u8 {
    (i.wrapping_mul(7).wrapping_add(i / 256)) as u8
}

fn fnv1a(hash: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(hash, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

const FNV_START: u32 = 0x811c_9dc5;
const MIB: u32 = 1 << 20;
const CHUNK: u32 = 64 << 10;

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
/// host runs the producer meanwhile); returns how much each handed over.
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
        let (bytes, handed) = api::produce(3, 3).await;
        assert_eq!(bytes.collect().await, vec![pattern(0), pattern(1), pattern(2)]);
        assert_eq!(handed.read().await, vec![3]);
        while api::busy() > 0 {
            api::tick().await;
        }

        balanced("partial reads", async {
            let (mut bytes, handed) = api::produce(100, 100).await;
            let first = bytes.read(7).await.expect("bytes");
            assert_eq!(first, (0..7).map(pattern).collect::<Vec<_>>());
            // The write of 100 ended having handed over 7; the producer writes the other 93.
            assert_eq!(writes_ended(1).await, vec![7]);
            let second = bytes.read(10).await.expect("bytes");
            assert_eq!(second, (7..17).map(pattern).collect::<Vec<_>>());
            assert_eq!(writes_ended(2).await, vec![7, 10]);
            let rest = bytes.read(1000).await.expect("bytes");
            assert_eq!(rest, (17..100).map(pattern).collect::<Vec<_>>());
            assert_eq!(bytes.read(1000).await, None, "the writer is gone");
            assert_eq!(bytes.read(1).await, None, "still the end");
            // One write of 100 handed over 7, the next (of the other 93) 10, the last 83.
            assert_eq!(handed.read().await, vec![7, 10, 83]);
        })
        .await;

        balanced("reads of one byte", async {
            let (mut bytes, handed) = api::produce(5, 2).await;
            let mut got = Vec::new();
            while let Some(b) = bytes.read(1).await {
                assert_eq!(b.len(), 1);
                got.extend(b);
                if got.len() < 5 {
                    writes_ended(got.len()).await;
                }
            }
            assert_eq!(got, (0..5).map(pattern).collect::<Vec<_>>());
            // Writes of 2, 2 and 1 bytes, one byte taken at a time.
            assert_eq!(handed.read().await, vec![1, 1, 1, 1, 1]);
        })
        .await;

        balanced("an empty stream", async {
            let (mut bytes, handed) = api::produce(0, 10).await;
            assert_eq!(bytes.read(10).await, None);
            assert_eq!(handed.read().await, Vec::<u32>::new());
        })
        .await;

        balanced("a write larger than the read", async {
            let (mut writer, reader) = wit_stream::new();
            let data: Vec<u8> = (0..10).collect();
            let (taken, rest) = join::join2(api::take_once(reader, 4), writer.write(data)).await;
            assert_eq!(taken, vec![0, 1, 2, 3]);
            assert_eq!(rest, vec![4, 5, 6, 7, 8, 9], "write gives back what the reader did not take");
            // The reader is gone now: nothing more is taken.
            let again = writer.write(rest).await;
            assert_eq!(again, vec![4, 5, 6, 7, 8, 9]);
            assert_eq!(writer.write_all(vec![1, 2]).await, vec![1, 2]);
        })
        .await;

        balanced("a read larger than the write", async {
            let (mut writer, reader) = wit_stream::new();
            let (taken, rest) = join::join2(api::take_once(reader, 1000), writer.write(vec![9, 8, 7])).await;
            assert_eq!(taken, vec![9, 8, 7]);
            assert!(rest.is_empty());
        })
        .await;

        balanced("a writer dropped before anything was written", async {
            let (writer, reader) = wit_stream::new::<u8>();
            drop(writer);
            let summary = api::consume(reader, 10).await;
            assert_eq!(summary, Summary { reads: 0, bytes: 0, checksum: FNV_START, largest: 0 });
        })
        .await;

        balanced("1 MiB from the test component", async {
            let (mut bytes, handed) = api::produce(MIB, CHUNK).await;
            let mut total = 0u32;
            let mut checksum = FNV_START;
            let mut reads = 0;
            while let Some(chunk) = bytes.read(CHUNK as usize).await {
                assert!(chunk.len() <= CHUNK as usize);
                assert!(
                    chunk.iter().enumerate().all(|(k, b)| *b == pattern(total + k as u32)),
                    "bytes {total}.. are out of place"
                );
                checksum = fnv1a(checksum, &chunk);
                total += chunk.len() as u32;
                reads += 1;
            }
            assert_eq!(total, MIB);
            assert!(reads >= MIB / CHUNK);
            let expected = fnv1a(FNV_START, &(0..MIB).map(pattern).collect::<Vec<_>>());
            assert_eq!(checksum, expected);
            let handed = handed.read().await;
            assert_eq!(handed.iter().map(|n| u64::from(*n)).sum::<u64>(), u64::from(MIB));
            assert!(handed.iter().all(|n| *n > 0 && *n <= CHUNK));
        })
        .await;

        balanced("1 MiB to the test component", async {
            for max in [CHUNK, 1000] {
                let (mut writer, reader) = wit_stream::new();
                let send = async move {
                    for c in 0..MIB / CHUNK {
                        let chunk: Vec<u8> = (c * CHUNK..(c + 1) * CHUNK).map(pattern).collect();
                        assert!(writer.write_all(chunk).await.is_empty(), "the reader left");
                    }
                    drop(writer);
                };
                let (summary, ()) = join::join2(api::consume(reader, max), send).await;
                let expected = fnv1a(FNV_START, &(0..MIB).map(pattern).collect::<Vec<_>>());
                assert_eq!(summary.bytes, u64::from(MIB));
                assert_eq!(summary.checksum, expected);
                assert!(summary.largest <= max);
                assert!(summary.reads >= MIB / max);
            }
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
