//! The reading side of the async transfer benchmark (world `test` of benches/perf/wit.rs
//! `TRANSFER`), with wit-bindgen's bindings; the twin of `transfer_test_witbind.rs`, each
//! written the way its runtime's API is meant to be used (wit-bindgen's reads hand the buffer
//! back, so it is reused).
mod bindings;

use bindings::exports::bench::transfer::api::{Guest, Sample};
use bindings::wit_future;
use wit_bindgen::{FutureReader, StreamReader, StreamResult};

/// Every `STEP`-th byte of the stream goes into the checksum: enough to catch lost or reordered
/// chunks without making the reader's work per byte part of the measurement.
const STEP: u64 = 4096;
const MAX_BYTES: usize = 64 * 1024;
const MAX_SAMPLES: usize = 4096;

struct Component;

impl Guest for Component {
    async fn sink_bytes(mut data: StreamReader<u8>) -> (u64, u64) {
        let (mut offset, mut check) = (0u64, 0u64);
        let mut buffer = Vec::with_capacity(MAX_BYTES);
        loop {
            let (status, chunk) = data.read(buffer).await;
            let end = offset + chunk.len() as u64;
            let mut p = offset.div_ceil(STEP) * STEP;
            while p < end {
                check += u64::from(chunk[(p - offset) as usize]);
                p += STEP;
            }
            offset = end;
            buffer = chunk;
            buffer.clear();
            if !matches!(status, StreamResult::Complete(_)) {
                break;
            }
        }
        (offset, check)
    }

    async fn sink_samples(mut items: StreamReader<Sample>) -> (u64, u64) {
        let (mut count, mut ids) = (0u64, 0u64);
        let mut buffer = Vec::with_capacity(MAX_SAMPLES);
        loop {
            let (status, batch) = items.read(buffer).await;
            count += batch.len() as u64;
            ids += batch.iter().map(|s| u64::from(s.id)).sum::<u64>();
            buffer = batch;
            buffer.clear();
            if !matches!(status, StreamResult::Complete(_)) {
                break;
            }
        }
        (count, ids)
    }

    async fn add_one(x: FutureReader<u32>) -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| 0);
        wit_bindgen::spawn_local(async move {
            let value = x.await;
            let _ = writer.write(value.wrapping_add(1)).await;
        });
        reader
    }
}

bindings::export!(Component with_types_in bindings);
