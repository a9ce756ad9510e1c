//! The reading side of the async transfer benchmark (world `test` of benches/perf/wit.rs
//! `TRANSFER`), with witbind's bindings.
mod bindings;

use bindings::exports::bench::transfer::api::{Guest, Sample};
use bindings::wit_future;
use witbind_rt::{FutureReader, StreamReader};

/// Every `STEP`-th byte of the stream goes into the checksum: enough to catch lost or reordered
/// chunks without making the reader's work per byte part of the measurement.
const STEP: u64 = 4096;
const MAX_BYTES: usize = 64 * 1024;
const MAX_SAMPLES: usize = 4096;

struct Component;

impl Guest for Component {
    async fn sink_bytes(mut data: StreamReader<u8>) -> (u64, u64) {
        let (mut offset, mut check) = (0u64, 0u64);
        while let Some(chunk) = data.read(MAX_BYTES).await {
            let end = offset + chunk.len() as u64;
            let mut p = offset.div_ceil(STEP) * STEP;
            while p < end {
                check += u64::from(chunk[(p - offset) as usize]);
                p += STEP;
            }
            offset = end;
        }
        (offset, check)
    }

    async fn sink_samples(mut items: StreamReader<Sample>) -> (u64, u64) {
        let (mut count, mut ids) = (0u64, 0u64);
        while let Some(batch) = items.read(MAX_SAMPLES).await {
            count += batch.len() as u64;
            ids += batch.iter().map(|s| u64::from(s.id)).sum::<u64>();
        }
        (count, ids)
    }

    async fn add_one(x: FutureReader<u32>) -> FutureReader<u32> {
        wit_future::spawn(async move { x.read().await.wrapping_add(1) })
    }
}

bindings::export!(Component with_types_in bindings);
