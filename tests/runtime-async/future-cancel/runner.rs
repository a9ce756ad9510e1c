// Cancels future reads and writes by dropping the futures running them (raced against a loop of
// yields), and checks what each side sees afterwards, that values holding handles (tokens,
// nested futures) are dropped exactly once, and allocation balance on both sides.
mod alloc_probe;
mod join;
mod poll;

use std::future::Future;
use std::task::Poll;

use poll::within;

use bindings::test::future_cancel::api::{self, Token};
use bindings::test::future_cancel::probe::live_allocations;
use bindings::wit_future;

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

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        let reader = api::held_u32().await;
        let (v, taken) = join::join2(reader.read(), api::write_held_u32(1)).await;
        assert_eq!((v, taken), (1, true));
        assert_eq!(within(async {}, 1).await, Some(()));

        balanced("a pending read cancelled", async {
            let reader = api::held_u32().await;
            assert_eq!(within(reader.read(), 5).await, None, "nothing was written");
            // The read consumed the reader: it is gone, and the writer sees that.
            assert!(
                !api::write_held_u32(5).await,
                "the reader was dropped with its read"
            );
        })
        .await;

        balanced("a read not cancelled", async {
            let reader = api::held_u32().await;
            let (v, taken) = join::join2(within(reader.read(), 1000), api::write_held_u32(6)).await;
            assert_eq!(v, Some(6));
            assert!(taken);
        })
        .await;

        balanced("a read cancelled after its token arrived", async {
            let dropped_before = api::dropped_tokens();
            let reader = api::held_token().await;
            let mut read = Box::pin(reader.read());
            assert!(!poll_once(&mut read).await, "nothing written yet");
            // The callee's write lands in the pending read's buffer: it was taken.
            assert!(api::write_held_token(11).await, "the read took it");
            assert_eq!(api::live_tokens(), 1, "the token is alive, here");
            drop(read);
            // The value that arrived is dropped with the read, its handle with it.
            assert_eq!(api::live_tokens(), 0);
            assert_eq!(api::dropped_tokens(), dropped_before + 1);
        })
        .await;

        balanced("a pending write of a token cancelled", async {
            let dropped_before = api::dropped_tokens();
            let (writer, reader) = wit_future::new(|| Token::new(0));
            api::keep_token_reader(reader).await;
            let token = Token::new(3);
            assert_eq!(api::live_tokens(), 1);
            assert!(
                within(writer.write(token), 5).await.is_none(),
                "nobody reads yet"
            );
            // The token was not delivered: dropping the write dropped it, once.
            assert_eq!(api::live_tokens(), 0, "the cancelled token was dropped");
            assert_eq!(api::dropped_tokens(), dropped_before + 1);
            // The writer went with the write, unwritten: the reader gets the default.
            assert_eq!(api::read_kept_token().await, 0);
            assert_eq!(api::dropped_tokens(), dropped_before + 2);
        })
        .await;

        balanced("a pending write of a nested future cancelled", async {
            let (writer, reader) = wit_future::new(|| {
                let (inner_writer, inner) = wit_future::new(|| 77u32);
                drop(inner_writer);
                inner
            });
            api::keep_nested_reader(reader).await;
            let (inner_writer, inner) = wit_future::new(|| 0u32);
            assert!(
                within(writer.write(inner), 5).await.is_none(),
                "nobody reads yet"
            );
            // The inner reader came back with the cancelled value and was dropped.
            assert_eq!(
                inner_writer.write(1).await,
                Err(1),
                "the inner reader is gone"
            );
            // The outer writer went unwritten: the callee reads its default.
            assert_eq!(api::read_kept_nested().await, 77);
        })
        .await;

        balanced("a write not cancelled", async {
            let (writer, reader) = wit_future::new(|| Token::new(0));
            api::keep_token_reader(reader).await;
            let (written, id) = join::join2(
                within(writer.write(Token::new(12)), 1000),
                api::read_kept_token(),
            )
            .await;
            assert!(matches!(written, Some(Ok(()))));
            assert_eq!(id, 12);
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
