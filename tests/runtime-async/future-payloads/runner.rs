// Sends futures of every payload kind to the test component and reads the ones it sends back,
// checking each value, which end was still running when, and allocation balance on both sides.
mod alloc_probe;
mod join;

use std::future::Future;

use bindings::test::future_payloads::api::{self, Point};
use bindings::test::future_payloads::probe::live_allocations;
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

fn points(n: i32) -> Vec<Point> {
    (0..n)
        .map(|i| Point { x: i, y: -i, name: "p".repeat(i as usize) })
        .collect()
}

impl bindings::Guest for Runner {
    async fn run() {
        // Warm-up: the runner task's bookkeeping is made on first need.
        api::tick().await;

        balanced("future<u32>", async {
            let (writer, reader) = wit_future::new(|| 0u32);
            let out = api::echo_u32(reader).await;
            assert_eq!(api::busy(), 1, "the callee returned before reading its argument");
            writer.write(41).await.expect("the callee reads");
            assert_eq!(out.read().await, 42);
        })
        .await;

        balanced("future<u32>, written while the call starts", async {
            let (writer, reader) = wit_future::new(|| 0u32);
            let (written, out) = join::join2(writer.write(u32::MAX), api::echo_u32(reader)).await;
            assert!(written.is_ok());
            assert_eq!(out.read().await, 0);
        })
        .await;

        balanced("future<string>", async {
            let (writer, reader) = wit_future::new(String::new);
            let out = api::echo_string(reader).await;
            writer.write("grüße".to_string()).await.expect("the callee reads");
            assert_eq!(out.read().await, "GRÜSSE!");

            let (writer, reader) = wit_future::new(String::new);
            let out = api::echo_string(reader).await;
            writer.write(String::new()).await.expect("the callee reads");
            assert_eq!(out.read().await, "!");
        })
        .await;

        balanced("future<list<point>>", async {
            let (writer, reader) = wit_future::new(Vec::new);
            let out = api::echo_points(reader).await;
            writer.write(points(5)).await.expect("the callee reads");
            let expected: Vec<Point> = points(5)
                .into_iter()
                .map(|p| Point { x: p.x + 1, y: p.y * 2, name: format!("<{}>", p.name) })
                .collect();
            assert_eq!(out.read().await, expected);

            let (writer, reader) = wit_future::new(Vec::new);
            let out = api::echo_points(reader).await;
            writer.write(Vec::new()).await.expect("the callee reads");
            assert_eq!(out.read().await, Vec::new());
        })
        .await;

        balanced("future<result<list<string>, string>>", async {
            let (writer, reader) = wit_future::new(|| Ok(Vec::new()));
            let out = api::echo_result(reader).await;
            let list = vec!["a".to_string(), String::new(), "ccc ☃".to_string()];
            writer.write(Ok(list)).await.expect("the callee reads");
            assert_eq!(
                out.read().await,
                Ok(vec!["ccc ☃".to_string(), String::new(), "a".to_string()])
            );

            let (writer, reader) = wit_future::new(|| Ok(Vec::new()));
            let out = api::echo_result(reader).await;
            writer.write(Err("bad".to_string())).await.expect("the callee reads");
            assert_eq!(out.read().await, Err("error: bad".to_string()));
        })
        .await;

        balanced("future<option<u64>>", async {
            let (writer, reader) = wit_future::new(|| None);
            let out = api::echo_option(reader).await;
            writer.write(Some(1 << 60)).await.expect("the callee reads");
            assert_eq!(out.read().await, Some(3 << 60));

            let (writer, reader) = wit_future::new(|| Some(5));
            let out = api::echo_option(reader).await;
            writer.write(None).await.expect("the callee reads");
            assert_eq!(out.read().await, None);
        })
        .await;

        balanced("a writer dropped unwritten, on the runner's side", async {
            let (writer, reader) = wit_future::new(|| Some(99u64));
            drop(writer);
            let out = api::echo_option(reader).await;
            assert_eq!(out.read().await, Some(297));

            let (writer, reader) = wit_future::new(|| Err::<Vec<String>, String>("gone".to_string()));
            drop(writer);
            let out = api::echo_result(reader).await;
            assert_eq!(out.read().await, Err("error: gone".to_string()));
        })
        .await;

        balanced("a writer dropped unwritten, on the callee's side", async {
            assert_eq!(api::abandoned().await.read().await, points(3));
        })
        .await;

        balanced("a write to a reader the callee dropped", async {
            let (writer, reader) = wit_future::new(String::new);
            api::drop_reader(reader).await;
            assert_eq!(writer.write("unread".to_string()).await, Err("unread".to_string()));
        })
        .await;

        balanced("every kind into one call", async {
            let (wa, ra) = wit_future::new(|| 0u32);
            let (wb, rb) = wit_future::new(String::new);
            let (wc, rc) = wit_future::new(Vec::new);
            let (wd, rd) = wit_future::new(|| Ok(Vec::new()));
            let (we, re) = wit_future::new(|| None);
            let call = api::read_all(ra, rb, rc, rd, re);
            let writes = async {
                // All written at once (the callee reads them one after the other, from `a`).
                let ((e, d), ((c, b), a)) = join::join2(
                    join::join2(we.write(Some(7)), wd.write(Err("e".to_string()))),
                    join::join2(join::join2(wc.write(points(2)), wb.write("b".to_string())), wa.write(1)),
                )
                .await;
                assert!(a.is_ok() && b.is_ok() && c.is_ok() && d.is_ok() && e.is_ok());
            };
            let (described, ()) = join::join2(call, writes).await;
            assert_eq!(
                described,
                format!("1|b|{:?}|{:?}|{:?}", points(2), Err::<Vec<String>, String>("e".into()), Some(7u64))
            );
        })
        .await;

        for seed in [0u32, 3, 4] {
            balanced("every kind out of one call", async {
                let (a, b, c, d, e) = api::make_all(seed).await;
                assert_eq!(api::busy(), 5, "every future is written after the return");
                // Read in an order different from the one they were made in.
                assert_eq!(e.read().await, (seed > 0).then_some(u64::from(seed) << 40));
                assert_eq!(c.read().await, points(seed as i32));
                assert_eq!(a.read().await, seed * 2);
                let expected = if seed % 2 == 0 {
                    Ok((0..seed).map(|i| i.to_string()).collect())
                } else {
                    Err(format!("{seed} is odd"))
                };
                assert_eq!(d.read().await, expected);
                assert_eq!(b.read().await, format!("seed {seed} ☃"));
            })
            .await;
        }
    }
}

bindings::export!(Runner with_types_in bindings);
