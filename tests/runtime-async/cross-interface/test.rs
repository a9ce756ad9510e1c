// Cross-interface (test side): implements two interfaces whose types come from a third (one of
// them renamed by `use ... as`).
mod alloc_probe;

use bindings::exports::test::cross_interface::geometry::{self, Measured};
use bindings::exports::test::cross_interface::naming;
use bindings::test::cross_interface::types::{Point, Shape, Unit};

struct Component;

fn moved(p: Point, by: &Point) -> Point {
    Point {
        x: p.x + by.x,
        y: p.y + by.y,
    }
}

impl geometry::Guest for Component {
    fn translate(s: Shape, by: Point) -> Shape {
        match s {
            Shape::Dot(p) => Shape::Dot(moved(p, &by)),
            Shape::Line((a, b)) => Shape::Line((moved(a, &by), moved(b, &by))),
            Shape::Poly(ps) => Shape::Poly(ps.into_iter().map(|p| moved(p, &by)).collect()),
        }
    }
    fn centroid(ps: Vec<Point>) -> Option<Point> {
        if ps.is_empty() {
            return None;
        }
        let n = ps.len() as i64;
        let x: i64 = ps.iter().map(|p| i64::from(p.x)).sum();
        let y: i64 = ps.iter().map(|p| i64::from(p.y)).sum();
        Some(Point {
            x: (x / n) as i32,
            y: (y / n) as i32,
        })
    }
    fn corners(s: Shape) -> Vec<Point> {
        match s {
            Shape::Dot(p) => vec![p],
            Shape::Line((a, b)) => vec![a, b],
            Shape::Poly(ps) => ps,
        }
    }
    fn measure(s: Shape, unit: Unit, label: String) -> Measured {
        Measured {
            shape: s,
            unit,
            label,
        }
    }
    fn sizes(shapes: Vec<Shape>) -> Vec<u32> {
        shapes
            .iter()
            .map(|s| match s {
                Shape::Dot(_) => 1,
                Shape::Line(_) => 2,
                Shape::Poly(ps) => ps.len() as u32,
            })
            .collect()
    }
}

impl naming::Guest for Component {
    fn describe(p: naming::Position, k: i32, u: Unit) -> String {
        let name = match u {
            Unit::Px => "px",
            Unit::Em => "em",
            Unit::Percent => "percent",
        };
        format!("{name}({}, {})", p.x * k, p.y * k)
    }
}

impl bindings::exports::test::cross_interface::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
