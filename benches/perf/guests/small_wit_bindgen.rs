//! The small world (benches/perf/wit.rs `SMALL`) implemented with wit-bindgen's bindings; its
//! twin `small_witbind.rs` differs only where the two runtimes' async APIs differ.
mod bindings;

use std::cell::Cell;

use bindings::exports::bench::small::api::{Color, Guest, GuestCounter, Perms, Point, Shape};
use bindings::{wit_future, wit_stream};
use wit_bindgen::{FutureReader, StreamReader, StreamResult};

struct Component;

pub struct Counter(Cell<u64>);

impl GuestCounter for Counter {
    fn new(start: u64) -> Self {
        Counter(Cell::new(start))
    }

    fn add(&self, n: u64) -> u64 {
        self.0.set(self.0.get().wrapping_add(n));
        self.0.get()
    }
}

impl Guest for Component {
    type Counter = Counter;

    fn greet(name: String) -> String {
        bindings::log(&name);
        format!("hello, {name}")
    }

    fn sum(values: Vec<u32>) -> u64 {
        values.iter().map(|v| u64::from(*v)).sum()
    }

    fn area(s: Shape) -> f64 {
        match s {
            Shape::Circle(r) => std::f64::consts::PI * r * r,
            Shape::Rect((w, h)) => w * h,
            Shape::Poly(points) => polygon_area(&points),
        }
    }

    fn find(points: Vec<Point>, label: String) -> Option<Point> {
        points.into_iter().find(|p| p.label == label)
    }

    fn parse(s: String) -> Result<Color, String> {
        match s.as_str() {
            "red" => Ok(Color::Red),
            "green" => Ok(Color::Green),
            "blue" => Ok(Color::Blue),
            _ => Err(format!("unknown color `{s}`")),
        }
    }

    fn allowed(p: Perms) -> bool {
        p.contains(Perms::READ) && !p.contains(Perms::EXEC)
    }

    async fn doubled(mut input: StreamReader<u32>) -> StreamReader<u32> {
        let (mut writer, reader) = wit_stream::new();
        wit_bindgen::spawn_local(async move {
            loop {
                let (status, chunk) = input.read(Vec::with_capacity(256)).await;
                let doubled: Vec<u32> = chunk.into_iter().map(|v| v.wrapping_mul(2)).collect();
                if !doubled.is_empty() {
                    writer.write_all(doubled).await;
                }
                if !matches!(status, StreamResult::Complete(_)) {
                    break;
                }
            }
        });
        reader
    }

    async fn later(x: u32) -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| 0);
        wit_bindgen::spawn_local(async move {
            let _ = writer.write(x.wrapping_add(1)).await;
        });
        reader
    }
}

fn polygon_area(points: &[Point]) -> f64 {
    let n = points.len();
    let twice: i64 = (0..n)
        .map(|i| {
            let (a, b) = (&points[i], &points[(i + 1) % n]);
            i64::from(a.x) * i64::from(b.y) - i64::from(b.x) * i64::from(a.y)
        })
        .sum();
    twice.abs() as f64 / 2.0
}

bindings::export!(Component with_types_in bindings);
