// Payload-less futures both ways (read, reader dropped before the write, writer dropped
// unwritten) and a token future whose write to a dropped reader gives the token back usable;
// checks live tokens and allocation balance on both sides after each step.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::simple_future::api::{self, Token};
use bindings::test::simple_future::probe::live_allocations;
use bindings::wit_future;

struct Runner;

/// Runs `f`, waits (through an async import, so this task keeps receiving events) until the
/// background work on both sides is done, then checks that as many tokens are alive as before
/// and both components' allocations balance.
async fn balanced<F: Future<Output = ()>>(what: &str, f: F) {
    let tokens_before = api::live_tokens();
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
    assert_eq!(
        api::busy(),
        0,
        "background tasks still running after {what}"
    );
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
        api::ready_unit().await.read().await;
        let (writer, reader) = wit_future::new(|| ());
        join::join2(api::read_unit(reader), async {
            writer.write(()).await.expect("the callee reads");
        })
        .await;
        while api::busy() > 0 {
            api::tick().await;
        }

        balanced("a unit future read by the callee", async {
            let (writer, reader) = wit_future::new(|| ());
            let ((), written) = join::join2(api::read_unit(reader), writer.write(())).await;
            assert_eq!(written, Ok(()), "the callee read the value");
        })
        .await;

        balanced("a unit future written by the callee", async {
            let reader = api::ready_unit().await;
            assert_eq!(api::busy(), 1, "written after the return");
            reader.read().await;
        })
        .await;

        balanced("a unit write to a reader the callee dropped", async {
            let (writer, reader) = wit_future::new(|| ());
            api::drop_unit(reader).await;
            assert_eq!(writer.write(()).await, Err(()));
        })
        .await;

        balanced(
            "a unit write by the callee to a reader dropped here",
            async {
                let (go_writer, go) = wit_future::new(|| ());
                let (f, ok) = api::write_unit_after(go).await;
                drop(f);
                go_writer.write(()).await.expect("the callee reads `go`");
                assert!(!ok.read().await, "the callee's write was not taken");

                // And the same with the reader kept: the write is taken.
                let (go_writer, go) = wit_future::new(|| ());
                let (f, ok) = api::write_unit_after(go).await;
                go_writer.write(()).await.expect("the callee reads `go`");
                f.read().await;
                assert!(ok.read().await, "the callee's write was taken");
            },
        )
        .await;

        balanced("a unit writer dropped unwritten, here", async {
            let (writer, reader) = wit_future::new(|| ());
            drop(writer);
            // The default is written from a background task: the callee's read resolves.
            api::read_unit(reader).await;
        })
        .await;

        balanced("a unit writer dropped unwritten, in the callee", async {
            api::abandoned_unit().await.read().await;
        })
        .await;

        balanced("a token written to a reader the callee dropped", async {
            let (writer, reader) = wit_future::new(|| Token::new(0));
            assert_eq!(api::live_tokens(), 0);
            api::drop_token(reader).await;
            let token = Token::new(7);
            assert_eq!(api::live_tokens(), 1);
            let back = writer.write(token).await.expect_err("the reader is gone");
            // The handle came back with the value: the token is alive and usable.
            assert_eq!(api::live_tokens(), 1);
            assert_eq!(back.id(), 7);
            // And it can be passed on: this time it is delivered.
            let (writer, reader) = wit_future::new(|| Token::new(0));
            let (id, written) = join::join2(api::read_token(reader), writer.write(back)).await;
            assert!(written.is_ok(), "delivered");
            assert_eq!(id, 7);
            assert_eq!(
                api::live_tokens(),
                0,
                "the callee dropped the token it read"
            );
        })
        .await;

        balanced("a token writer dropped unwritten", async {
            let (writer, reader) = wit_future::new(|| Token::new(42));
            drop(writer);
            assert_eq!(
                api::read_token(reader).await,
                42,
                "the default token arrives"
            );
        })
        .await;

        balanced("a token dropped after coming back", async {
            let (writer, reader) = wit_future::new(|| Token::new(0));
            api::drop_token(reader).await;
            let back = writer
                .write(Token::new(9))
                .await
                .expect_err("the reader is gone");
            assert_eq!(api::live_tokens(), 1);
            drop(back);
            assert_eq!(
                api::live_tokens(),
                0,
                "dropping the returned token drops it there"
            );
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
