// future<T> and stream<T> produced and consumed by async exports, including writes done by
// background tasks after the export returned.
mod alloc_probe;

use bindings::exports::test::futures_streams::api::{Guest, Point};
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

struct Component;

impl Guest for Component {
    async fn later_sum(a: u32, b: u32) -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| 0);
        witbind_rt::spawn(async move {
            witbind_rt::yield_now().await;
            writer.write(a + b).await.expect("reader is waiting");
        });
        reader
    }

    async fn shout(text: FutureReader<String>) -> String {
        text.read().await.to_uppercase()
    }

    async fn count(n: u32) -> StreamReader<u32> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let items: Vec<u32> = (0..n).collect();
            for chunk in items.chunks(3) {
                let rest = writer.write_all(chunk.to_vec()).await;
                assert!(rest.is_empty(), "reader left early");
            }
        });
        reader
    }

    async fn join(parts: StreamReader<String>, sep: String) -> String {
        parts.collect().await.join(&sep)
    }

    async fn echo_bytes(mut input: StreamReader<u8>) -> StreamReader<u8> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            while let Some(mut chunk) = input.read(4).await {
                chunk.reverse();
                writer.write_all(chunk).await;
            }
        });
        reader
    }

    async fn forward(input: StreamReader<u32>) -> StreamReader<u32> {
        wit_stream::spawn(input)
    }

    async fn points(n: u32) -> StreamReader<Point> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let points = (0..n as i32)
                .map(|i| Point { x: i, y: -i, label: format!("p{i}") })
                .collect();
            writer.write_all(points).await;
        });
        reader
    }

    async fn abandoned() -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| 7);
        drop(writer);
        reader
    }

    async fn spawned_square(x: u32) -> FutureReader<u64> {
        wit_future::spawn(async move {
            witbind_rt::yield_now().await;
            u64::from(x) * u64::from(x)
        })
    }

    async fn ready() -> FutureReader<()> {
        let (writer, reader) = wit_future::new(|| ());
        witbind_rt::spawn(async move {
            witbind_rt::yield_now().await;
            writer.write(()).await.expect("reader is waiting");
        });
        reader
    }
}

impl bindings::exports::test::futures_streams::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
