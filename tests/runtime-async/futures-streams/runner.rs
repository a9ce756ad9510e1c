// Drives futures and streams across the component boundary in both directions and checks every
// value that comes through.
use bindings::test::futures_streams::api::{self, Point};
use std::pin::Pin;

use bindings::{wit_future, wit_stream};
use witbind_rt::futures_core::Stream;

struct Runner;

/// Accepts only `Send` values: the futures of imports, reads and writes are `Send` (checked at
/// compile time), as users with `Send`-bounded APIs need.
fn require_send<T: Send>(t: T) -> T {
    t
}

impl bindings::Guest for Runner {
    async fn run() {
        let sum = require_send(api::later_sum(20, 22)).await;
        assert_eq!(require_send(sum.read()).await, 42);

        let (writer, reader) = wit_future::new(String::new);
        witbind_rt::spawn(require_send(async move {
            writer.write("héllo".to_string()).await.expect("callee reads");
        }));
        assert_eq!(require_send(api::shout(reader)).await, "HÉLLO");

        let numbers = require_send(api::count(10)).await.collect().await;
        assert_eq!(numbers, (0..10).collect::<Vec<u32>>());

        // The same stream consumed item by item through `futures_core::Stream`.
        let mut stream = api::count(7).await;
        let mut seen = Vec::new();
        while let Some(n) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            seen.push(n);
        }
        assert_eq!(seen, (0..7).collect::<Vec<u32>>());

        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(require_send(async move {
            let rest = writer
                .write_all(vec!["a".to_string(), "bb".to_string(), "ccc".to_string()])
                .await;
            assert!(rest.is_empty());
        }));
        assert_eq!(require_send(api::join(reader, "-")).await, "a-bb-ccc");

        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(require_send(async move {
            writer.write_all((1..=8u8).collect()).await;
        }));
        let echoed = require_send(api::echo_bytes(reader)).await.collect().await;
        assert_eq!(echoed, vec![4, 3, 2, 1, 8, 7, 6, 5]);

        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            writer.write_all((0..200u32).collect()).await;
        });
        let forwarded = api::forward(reader).await.collect().await;
        assert_eq!(forwarded, (0..200u32).collect::<Vec<_>>());

        let points = require_send(api::points(3).await.collect()).await;
        assert_eq!(
            points,
            (0..3)
                .map(|i| Point { x: i, y: -i, label: format!("p{i}") })
                .collect::<Vec<_>>()
        );

        assert_eq!(api::abandoned().await.read().await, 7);
        assert_eq!(api::spawned_square(3_000_000).await.read().await, 9_000_000_000_000);
        api::ready().await.read().await;
    }
}

bindings::export!(Runner with_types_in bindings);
