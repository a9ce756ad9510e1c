// Reads the caller's futures and answers with futures of its own, written by background tasks.
mod alloc_probe;

use std::cell::Cell;
use std::future::Future;

use bindings::exports::test::future_payloads::api::{Guest, Point};
use bindings::wit_future::{self, FuturePayload};
use witbind_rt::FutureReader;

thread_local! {
    static BUSY: Cell<u32> = const { Cell::new(0) };
}

/// Counts a background task as busy until dropped (when its future ends).
struct Busy;

impl Busy {
    fn start() -> Busy {
        BUSY.with(|b| b.set(b.get() + 1));
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(b.get() - 1));
    }
}

/// A future whose value a counted background task computes after a yield.
fn later<T: FuturePayload, F: Future<Output = T> + 'static>(default: fn() -> T, value: F) -> FutureReader<T> {
    let (writer, reader) = wit_future::new(default);
    let busy = Busy::start();
    witbind_rt::spawn(async move {
        let _busy = busy;
        let value = value.await;
        witbind_rt::yield_now().await;
        if writer.write(value).await.is_err() {
            panic!("the caller dropped the reader");
        }
    });
    reader
}

fn moved(points: Vec<Point>) -> Vec<Point> {
    points
        .into_iter()
        .map(|p| Point { x: p.x + 1, y: p.y * 2, name: format!("<{}>", p.name) })
        .collect()
}

fn mapped(r: Result<Vec<String>, String>) -> Result<Vec<String>, String> {
    match r {
        Ok(list) => Ok(list.into_iter().rev().collect()),
        Err(e) => Err(format!("error: {e}")),
    }
}

fn make_points(seed: u32) -> Vec<Point> {
    (0..seed as i32)
        .map(|i| Point { x: i, y: -i, name: "p".repeat(i as usize) })
        .collect()
}

struct Component;

impl Guest for Component {
    async fn echo_u32(f: FutureReader<u32>) -> FutureReader<u32> {
        later(|| 0, async move { f.read().await.wrapping_add(1) })
    }

    async fn echo_string(f: FutureReader<String>) -> FutureReader<String> {
        later(String::new, async move { f.read().await.to_uppercase() + "!" })
    }

    async fn echo_points(f: FutureReader<Vec<Point>>) -> FutureReader<Vec<Point>> {
        later(Vec::new, async move { moved(f.read().await) })
    }

    async fn echo_result(
        f: FutureReader<Result<Vec<String>, String>>,
    ) -> FutureReader<Result<Vec<String>, String>> {
        later(|| Err("default".to_string()), async move { mapped(f.read().await) })
    }

    async fn echo_option(f: FutureReader<Option<u64>>) -> FutureReader<Option<u64>> {
        later(|| None, async move { f.read().await.map(|v| v.wrapping_mul(3)) })
    }

    async fn read_all(
        a: FutureReader<u32>,
        b: FutureReader<String>,
        c: FutureReader<Vec<Point>>,
        d: FutureReader<Result<Vec<String>, String>>,
        e: FutureReader<Option<u64>>,
    ) -> String {
        let a = a.read().await;
        let b = b.read().await;
        let c = c.read().await;
        let d = d.read().await;
        let e = e.read().await;
        format!("{a}|{b}|{c:?}|{d:?}|{e:?}")
    }

    async fn make_all(
        seed: u32,
    ) -> (
        FutureReader<u32>,
        FutureReader<String>,
        FutureReader<Vec<Point>>,
        FutureReader<Result<Vec<String>, String>>,
        FutureReader<Option<u64>>,
    ) {
        (
            later(|| 0, async move { seed * 2 }),
            later(String::new, async move { format!("seed {seed} ☃") }),
            later(Vec::new, async move { make_points(seed) }),
            later(
                || Ok(Vec::new()),
                async move {
                    if seed % 2 == 0 {
                        Ok((0..seed).map(|i| i.to_string()).collect())
                    } else {
                        Err(format!("{seed} is odd"))
                    }
                },
            ),
            later(|| None, async move { (seed > 0).then_some(u64::from(seed) << 40) }),
        )
    }

    async fn drop_reader(f: FutureReader<String>) {
        drop(f);
    }

    async fn abandoned() -> FutureReader<Vec<Point>> {
        let (writer, reader) = wit_future::new(|| make_points(3));
        drop(writer);
        reader
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::future_payloads::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
