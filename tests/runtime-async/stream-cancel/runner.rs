// Partial writes of `stream<string>` and of a stream of tokens (the rest comes back exactly,
// tokens still usable), and pending reads cancelled by dropping their futures (the reader stays
// usable; every item written is read once, in order); checks live tokens and allocation balance.
mod alloc_probe;
mod join;
mod poll;

use std::future::Future;
use std::task::Poll;

use poll::within;

use bindings::test::stream_cancel::api::{self, Token};
use bindings::test::stream_cancel::probe::live_allocations;
use bindings::wit_stream;

struct Runner;

/// Polls `fut` once (starting what it does); true if it finished.
async fn poll_once<F: Future + Unpin>(fut: &mut F) -> bool {
    std::future::poll_fn(|cx| Poll::Ready(std::pin::Pin::new(&mut *fut).poll(cx).is_ready())).await
}

/// Runs `f`, waits (through an async import, so this task keeps receiving events) until
/// allocations balance again, then checks that as many tokens are alive as before and both
/// components' allocations balance.
async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let tokens_before = api::live_tokens();
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f.await;
    for _ in 0..1000 {
        if live_allocations() == test_before && alloc_probe::live() == runner_before {
            break;
        }
        api::tick().await;
    }
    assert_eq!(
        api::live_tokens(),
        tokens_before,
        "tokens left alive by {what}"
    );
    assert_eq!(
        live_allocations(),
        test_before,
        "test component leaked in {what}"
    );
    assert_eq!(
        alloc_probe::live(),
        runner_before,
        "runner leaked in {what}"
    );
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn ids(tokens: &[Token]) -> Vec<u32> {
    tokens.iter().map(Token::id).collect()
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        let (mut writer, reader) = wit_stream::new();
        let (taken, rest) =
            join::join2(api::take_strings(reader, 1), writer.write(strings(&["w"]))).await;
        assert_eq!((taken, rest), (strings(&["w"]), Vec::new()));
        assert_eq!(within(async {}, 1).await, Some(()));

        balanced("a partial write of strings", async {
            let (mut writer, reader) = wit_stream::new();
            let all = strings(&["zero", "one ☃", "", "three", "a longer fourth string"]);
            let (taken, rest) =
                join::join2(api::take_strings(reader, 2), writer.write(all.clone())).await;
            assert_eq!(taken, all[..2]);
            assert_eq!(
                rest,
                all[2..],
                "exactly the untaken rest comes back, intact"
            );
            // The reader is gone: all of it comes back now.
            assert_eq!(writer.write(rest.clone()).await, rest);
        })
        .await;

        balanced("a partial write of tokens", async {
            let (mut writer, reader) = wit_stream::new();
            let tokens: Vec<Token> = (10..15).map(Token::new).collect();
            assert_eq!(api::live_tokens(), 5);
            let (taken, rest) = join::join2(api::take_tokens(reader, 2), writer.write(tokens)).await;
            assert_eq!(taken, vec![10, 11]);
            assert_eq!(api::live_tokens(), 3, "the callee dropped the two it took");
            // The rest are still this component's handles, usable.
            assert_eq!(ids(&rest), vec![12, 13, 14]);
            // And can be sent again, all of them taken this time.
            let (mut writer, reader) = wit_stream::new();
            let (taken, rest) = join::join2(api::take_tokens(reader, 10), writer.write(rest)).await;
            assert_eq!(taken, vec![12, 13, 14]);
            assert!(rest.is_empty());
            assert_eq!(api::live_tokens(), 0);
        })
        .await;

        balanced("tokens given back by a write to a dropped reader", async {
            let (mut writer, reader) = wit_stream::new();
            let (taken, rest) = join::join2(
                api::take_tokens(reader, 1),
                writer.write(vec![Token::new(1)]),
            )
            .await;
            assert_eq!((taken, ids(&rest)), (vec![1], Vec::new()));
            let back = writer.write((2..5).map(Token::new).collect()).await;
            assert_eq!(
                ids(&back),
                vec![2, 3, 4],
                "the reader is gone: all come back"
            );
            assert_eq!(api::live_tokens(), 3);
            drop(back);
            assert_eq!(api::live_tokens(), 0);
        })
        .await;

        balanced("pending reads cancelled", async {
            let mut s = api::held_strings().await;
            let mut got = Vec::new();
            // Nothing written yet: the read is cancelled with nothing in it.
            assert_eq!(within(s.read(10), 5).await, None);
            // The reader still works.
            let (read, taken) = join::join2(s.read(10), api::send_held(&strings(&["a", "b"]))).await;
            assert_eq!(taken, 2);
            got.extend(read.expect("items"));
            // Cancelled again, then an item arrives for a new read.
            assert_eq!(within(s.read(10), 3).await, None);
            let (read, taken) = join::join2(s.read(1), api::send_held(&strings(&["c"]))).await;
            assert_eq!(taken, 1);
            got.extend(read.expect("items"));
            // Items land in a pending read's buffer, then its future is dropped: the writer was
            // told they were taken, so they must not be lost.
            let mut read = Box::pin(s.read(10));
            assert!(!poll_once(&mut read).await, "nothing written yet");
            assert_eq!(api::send_held(&strings(&["d", "e", "f"])).await, 3);
            drop(read);
            // Everything comes, once, in order.
            api::end_held();
            while let Some(items) = s.read(2).await {
                got.extend(items);
            }
            assert_eq!(
                got,
                strings(&["a", "b", "c", "d", "e", "f"]),
                "no item lost or repeated"
            );
            assert_eq!(s.read(10).await, None, "still the end");
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
