// Variants (test side): echoes variants, describes the case and payload it received, and makes
// variants of its own, so both directions are checked (a joined flat slot read back as the wrong
// type shows up in the descriptions).
mod alloc_probe;

use bindings::exports::test::variants::api::{
    FloatOrInt, FloatOrLong, Guest, Mixed, Point, Shape, Tagged, Uneven, Wide,
};

struct Component;

fn describe_shape(x: &Shape) -> String {
    match x {
        Shape::None => "none".to_string(),
        Shape::Count(n) => format!("count {n}"),
        Shape::Ratio(r) => format!("ratio {r}"),
        Shape::Big(b) => format!("big {b}"),
        Shape::Text(s) => format!("text {s}"),
        Shape::Bytes(b) => format!("bytes {b:?}"),
        Shape::At(p) => format!("at {} {} {}", p.x, p.y, p.label),
    }
}

fn describe_mixed(x: &Mixed) -> String {
    match x {
        Mixed::F(f) => format!("f {f}"),
        Mixed::L(l) => format!("l {l}"),
        Mixed::S(s) => format!("s {s}"),
        Mixed::Nothing => "nothing".to_string(),
    }
}

fn describe_wide(x: &Wide) -> String {
    match x {
        Wide::D(d) => format!("d {d}"),
        Wide::I(i) => format!("i {i}"),
        Wide::F(f) => format!("f {f}"),
    }
}

fn describe_float_or_int(x: &FloatOrInt) -> String {
    match x {
        FloatOrInt::F(f) => format!("f {f}"),
        FloatOrInt::I(i) => format!("i {i}"),
    }
}

impl Guest for Component {
    fn roundtrip_shape(x: Shape) -> Shape {
        x
    }
    fn describe_shape(x: Shape) -> String {
        describe_shape(&x)
    }
    fn make_shape(which: u8) -> Shape {
        match which {
            0 => Shape::None,
            1 => Shape::Count(u32::MAX),
            2 => Shape::Ratio(-0.75),
            3 => Shape::Big(0x8000_0000_0000_0001),
            4 => Shape::Text("made ☃".to_string()),
            5 => Shape::Bytes(vec![0, 127, 255]),
            _ => Shape::At(Point {
                x: -5,
                y: i32::MAX,
                label: "made".to_string(),
            }),
        }
    }

    fn roundtrip_float_or_int(x: FloatOrInt) -> FloatOrInt {
        x
    }
    fn roundtrip_float_or_long(x: FloatOrLong) -> FloatOrLong {
        x
    }
    fn roundtrip_mixed(x: Mixed) -> Mixed {
        x
    }
    fn describe_mixed(x: Mixed) -> String {
        describe_mixed(&x)
    }
    fn rotate_mixed(x: Mixed) -> Mixed {
        match x {
            Mixed::F(f) => Mixed::L(u64::from(f.to_bits())),
            Mixed::L(l) => Mixed::S(l.to_string()),
            Mixed::S(s) => Mixed::F(s.len() as f32),
            Mixed::Nothing => Mixed::Nothing,
        }
    }
    fn roundtrip_wide(x: Wide) -> Wide {
        x
    }
    fn describe_wide(x: Wide) -> String {
        describe_wide(&x)
    }
    fn roundtrip_uneven(x: Uneven) -> Uneven {
        x
    }

    fn roundtrip_shapes(x: Vec<Shape>) -> Vec<Shape> {
        x
    }
    fn roundtrip_option(x: Option<Shape>) -> Option<Shape> {
        x
    }
    fn roundtrip_tagged(x: Tagged) -> Tagged {
        x
    }
    fn describe_all(a: Shape, b: Mixed, c: FloatOrInt, d: Wide) -> String {
        format!(
            "{} / {} / {} / {}",
            describe_shape(&a),
            describe_mixed(&b),
            describe_float_or_int(&c),
            describe_wide(&d)
        )
    }
}

impl bindings::exports::test::variants::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
