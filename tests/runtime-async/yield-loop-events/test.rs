// Background writers that yield between steps, and a callee that only yields.
mod alloc_probe;

use bindings::exports::test::yield_loop_events::api::Guest;
use bindings::wit_stream;
use witbind_rt::{FutureReader, StreamReader};

struct Component;

async fn yield_times(n: u32) {
    for _ in 0..n {
        witbind_rt::yield_now().await;
    }
}

impl Guest for Component {
    async fn later(v: u32, delay: u32) -> FutureReader<u32> {
        let (writer, reader) = bindings::wit_future::new(|| 0u32);
        witbind_rt::spawn(async move {
            yield_times(delay).await;
            writer.write(v).await.expect("the caller reads the future");
        });
        reader
    }

    async fn trickle(n: u32, delay: u32) -> StreamReader<u32> {
        let (mut writer, reader) = wit_stream::new::<u32>();
        witbind_rt::spawn(async move {
            for i in 0..n {
                yield_times(delay).await;
                assert!(writer.write_all(vec![i]).await.is_empty(), "the caller left");
            }
        });
        reader
    }

    async fn spin(rounds: u32) -> u32 {
        yield_times(rounds).await;
        rounds
    }
}

impl bindings::exports::test::yield_loop_events::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
