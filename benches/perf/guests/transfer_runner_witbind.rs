//! The writing side of the async transfer benchmark (world `runner` of benches/perf/wit.rs
//! `TRANSFER`), with witbind's bindings. The host times each export; every export checks what
//! arrived, so a fast but wrong transfer fails instead of being measured.
mod bindings;

use bindings::bench::transfer::api::{self, Sample};
use bindings::{wit_future, wit_stream};

/// Must match the checksum of the reader (`transfer_test_*.rs`).
const STEP: u64 = 4096;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        assert_eq!(send_bytes(300_000, 10_000).await, 300_000);
        assert_eq!(send_bytes(1 << 20, 64 * 1024).await, 1 << 20);
        assert_eq!(send_samples(10_000, 1_000).await, 10_000);
        assert_eq!(round_trips(100).await, 100);
    }

    async fn bytes(total: u64, chunk: u32) -> u64 {
        send_bytes(total, chunk).await
    }

    async fn samples(count: u32, chunk: u32) -> u64 {
        send_samples(count, chunk).await
    }

    async fn futures(count: u32) -> u64 {
        round_trips(count).await
    }
}

/// Byte `p` of the stream is `(p / chunk) % 251`: each chunk is filled with one value.
async fn send_bytes(total: u64, chunk: u32) -> u64 {
    let chunk = u64::from(chunk);
    let chunks = total / chunk;
    let (mut writer, reader) = wit_stream::new();
    witbind_rt::spawn(async move {
        for i in 0..chunks {
            let rest = writer
                .write_all(vec![(i % 251) as u8; chunk as usize])
                .await;
            assert!(rest.is_empty(), "the reader left early");
        }
    });
    let (bytes, check) = api::sink_bytes(reader).await;
    let expected: u64 = (0..chunks * chunk)
        .step_by(STEP as usize)
        .map(|p| (p / chunk) % 251)
        .sum();
    assert_eq!((bytes, check), (chunks * chunk, expected));
    bytes
}

async fn send_samples(count: u32, chunk: u32) -> u64 {
    let (mut writer, reader) = wit_stream::new();
    witbind_rt::spawn(async move {
        let mut next = 0;
        while next < count {
            let end = count.min(next + chunk);
            let batch: Vec<Sample> = (next..end)
                .map(|id| Sample {
                    id,
                    value: f64::from(id) * 0.5,
                    ok: id % 2 == 0,
                })
                .collect();
            let rest = writer.write_all(batch).await;
            assert!(rest.is_empty(), "the reader left early");
            next = end;
        }
    });
    let (received, ids) = api::sink_samples(reader).await;
    let expected: u64 = (0..u64::from(count)).sum();
    assert_eq!((received, ids), (u64::from(count), expected));
    received
}

async fn round_trips(count: u32) -> u64 {
    for i in 0..count {
        let (writer, reader) = wit_future::new(|| 0);
        witbind_rt::spawn(async move {
            writer.write(i).await.expect("the callee reads");
        });
        let answer = api::add_one(reader).await;
        assert_eq!(answer.read().await, i.wrapping_add(1));
    }
    u64::from(count)
}

bindings::export!(Runner with_types_in bindings);
