// Plays ping-pong with future<string>: checks that `ping` returned before its background task
// read anything, each value through the rounds, and allocation balance on both sides.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::ping_pong::api;
use bindings::test::ping_pong::probe::live_allocations;
use bindings::wit_future;

struct Runner;

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

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping (and the callee's state string) is made on
        // first need.
        let (writer, reader) = wit_future::new(String::new);
        let answer = api::ping(reader, "").await;
        writer.write("warm".to_string()).await.expect("ping reads");
        assert_eq!(answer.read().await, "warm");
        while api::busy() > 0 {
            api::tick().await;
        }

        balanced("ping", async {
            let (writer, reader) = wit_future::new(String::new);
            let answer = api::ping(reader, " world").await;
            // `ping` returned; its task waits for our value.
            assert_eq!(api::busy(), 1);
            api::tick().await;
            assert_eq!(api::ping_state(), "started", "nothing to read yet");
            writer.write("hello".to_string()).await.expect("ping reads");
            assert_eq!(answer.read().await, "hello world");
            while api::busy() > 0 {
                api::tick().await;
            }
            assert_eq!(api::ping_state(), "wrote");
        })
        .await;

        balanced("pong", async {
            let (writer, reader) = wit_future::new(String::new);
            let (answer, written) = join::join2(api::pong(reader), writer.write("pong ☃!".to_string())).await;
            assert!(written.is_ok());
            assert_eq!(answer, "!☃ gnop");
        })
        .await;

        balanced("the answer read before the question is written", async {
            let (writer, reader) = wit_future::new(String::new);
            let answer = api::ping(reader, "?").await;
            // Read first (the callee's task is still waiting), write while the read waits.
            let (answer, written) = join::join2(answer.read(), writer.write("why".to_string())).await;
            assert!(written.is_ok());
            assert_eq!(answer, "why?");
        })
        .await;

        balanced("rounds", async {
            // Each ping's answer is written into the next ping's question, and every other
            // round goes through pong too.
            let mut text = "x".to_string();
            let mut expected = text.clone();
            for round in 0..10 {
                let suffix = format!("-{round}");
                let (writer, reader) = wit_future::new(String::new);
                let answer = api::ping(reader, &suffix).await;
                writer.write(text.clone()).await.expect("ping reads");
                text = answer.read().await;
                expected.push_str(&suffix);
                assert_eq!(text, expected);
                if round % 2 == 1 {
                    let (writer, reader) = wit_future::new(String::new);
                    let (reversed, written) = join::join2(api::pong(reader), writer.write(text.clone())).await;
                    assert!(written.is_ok());
                    text = reversed.chars().rev().collect();
                    assert_eq!(text, expected);
                }
            }
        })
        .await;

        balanced("pings in flight together", async {
            let mut writers = Vec::new();
            let mut answers = Vec::new();
            for i in 0..5 {
                let (writer, reader) = wit_future::new(String::new);
                answers.push(api::ping(reader, &format!("+{i}")).await);
                writers.push(writer);
            }
            assert_eq!(api::busy(), 5);
            // Answered in reverse order.
            for (i, writer) in writers.into_iter().enumerate().rev() {
                writer.write(format!("q{i}")).await.expect("ping reads");
            }
            for (i, answer) in answers.into_iter().enumerate() {
                assert_eq!(answer.read().await, format!("q{i}+{i}"));
            }
        })
        .await;

        balanced("a question never written", async {
            let (writer, reader) = wit_future::new(|| "default".to_string());
            let answer = api::ping(reader, "!").await;
            drop(writer);
            assert_eq!(answer.read().await, "default!");
        })
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);
