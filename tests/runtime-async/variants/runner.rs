// Variants (runner side): every case of a variant with no, u32, f32, u64, string, list and record
// payloads, passed and returned and described by the test component; variants whose cases have
// differently shaped payloads (f32/u32, f32/u64, f32/u64/string, f64/s32/f32, tuples of different
// arities), where a payload must survive the join of the flat slots bit-exactly (-0.0, NaN,
// u64::MAX, subnormals); variants in lists, options and records, several in one call. Every call
// is allocation-balanced in both components.
mod alloc_probe;

use bindings::test::variants::api::{
    self, FloatOrInt, FloatOrLong, Mixed, Point, Shape, Tagged, Uneven, Wide,
};
use bindings::test::variants::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        shapes();
        joins();
        containers();
    }
}

/// Runs `f`, then asserts that the test component (through its probe) and this runner hold
/// exactly as many heap allocations as before. `f` drops everything it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f();
    let runner_after = alloc_probe::live();
    let test_after = live_allocations();
    assert_eq!(
        test_after, test_before,
        "live allocations in the test component"
    );
    assert_eq!(
        runner_after, runner_before,
        "live allocations in the runner"
    );
}

fn point(x: i32, y: i32, label: &str) -> Point {
    Point {
        x,
        y,
        label: label.to_string(),
    }
}

/// One value of every case, with the description the test component must give it.
fn shape_samples() -> Vec<(Shape, &'static str)> {
    vec![
        (Shape::None, "none"),
        (Shape::Count(0), "count 0"),
        (Shape::Count(u32::MAX), "count 4294967295"),
        (Shape::Ratio(1.5), "ratio 1.5"),
        (Shape::Ratio(-0.0), "ratio -0"),
        (Shape::Big(u64::MAX), "big 18446744073709551615"),
        (Shape::Big(1 << 32), "big 4294967296"),
        (Shape::Text(String::new()), "text "),
        (Shape::Text("héllo 🦀".to_string()), "text héllo 🦀"),
        (Shape::Bytes(Vec::new()), "bytes []"),
        (Shape::Bytes(vec![1, 2, 255]), "bytes [1, 2, 255]"),
        (Shape::At(point(-1, 2, "p")), "at -1 2 p"),
        (
            Shape::At(point(i32::MIN, i32::MAX, "")),
            "at -2147483648 2147483647 ",
        ),
    ]
}

fn shapes() {
    for (shape, description) in shape_samples() {
        balanced(|| assert_eq!(api::roundtrip_shape(&shape), shape));
        balanced(|| assert_eq!(api::describe_shape(&shape), description));
    }
    balanced(|| {
        let back = api::roundtrip_shape(&Shape::Ratio(-0.0));
        match back {
            Shape::Ratio(r) => assert!(r == 0.0 && r.is_sign_negative()),
            other => panic!("expected ratio, got {other:?}"),
        }
    });
    balanced(|| match api::roundtrip_shape(&Shape::Ratio(f32::NAN)) {
        Shape::Ratio(r) => assert!(r.is_nan()),
        other => panic!("expected ratio, got {other:?}"),
    });

    balanced(|| assert_eq!(api::make_shape(0), Shape::None));
    balanced(|| assert_eq!(api::make_shape(1), Shape::Count(u32::MAX)));
    balanced(|| assert_eq!(api::make_shape(2), Shape::Ratio(-0.75)));
    balanced(|| assert_eq!(api::make_shape(3), Shape::Big(0x8000_0000_0000_0001)));
    balanced(|| assert_eq!(api::make_shape(4), Shape::Text("made ☃".to_string())));
    balanced(|| assert_eq!(api::make_shape(5), Shape::Bytes(vec![0, 127, 255])));
    balanced(|| assert_eq!(api::make_shape(6), Shape::At(point(-5, i32::MAX, "made"))));
}

fn joins() {
    // f32 / u32 → i32
    for x in [
        FloatOrInt::F(1.25),
        FloatOrInt::F(f32::MAX),
        FloatOrInt::I(0),
        FloatOrInt::I(u32::MAX),
    ] {
        balanced(|| assert_eq!(api::roundtrip_float_or_int(x.clone()), x));
    }
    balanced(
        || match api::roundtrip_float_or_int(FloatOrInt::F(f32::from_bits(1))) {
            FloatOrInt::F(f) => assert_eq!(f.to_bits(), 1),
            other => panic!("expected f, got {other:?}"),
        },
    );
    balanced(|| match api::roundtrip_float_or_int(FloatOrInt::F(-0.0)) {
        FloatOrInt::F(f) => assert_eq!(f.to_bits(), 0x8000_0000),
        other => panic!("expected f, got {other:?}"),
    });

    // f32 / u64 → i64
    for x in [
        FloatOrLong::F(-2.5),
        FloatOrLong::F(f32::INFINITY),
        FloatOrLong::L(0),
        FloatOrLong::L(u64::MAX),
        FloatOrLong::L(0xffff_ffff),
        FloatOrLong::L(0x1_0000_0000),
    ] {
        balanced(|| assert_eq!(api::roundtrip_float_or_long(x.clone()), x));
    }
    balanced(
        || match api::roundtrip_float_or_long(FloatOrLong::F(-0.0)) {
            FloatOrLong::F(f) => assert_eq!(f.to_bits(), 0x8000_0000),
            other => panic!("expected f, got {other:?}"),
        },
    );
    balanced(
        || match api::roundtrip_float_or_long(FloatOrLong::F(f32::NAN)) {
            FloatOrLong::F(f) => assert!(f.is_nan()),
            other => panic!("expected f, got {other:?}"),
        },
    );

    // f32 / u64 / string / nothing → (i64, i32)
    let mixed = [
        (Mixed::F(3.5), "f 3.5"),
        (Mixed::F(-0.125), "f -0.125"),
        (Mixed::L(u64::MAX), "l 18446744073709551615"),
        (Mixed::L(7), "l 7"),
        (Mixed::S(String::new()), "s "),
        (Mixed::S("strïng".to_string()), "s strïng"),
        (Mixed::Nothing, "nothing"),
    ];
    for (x, description) in &mixed {
        balanced(|| assert_eq!(api::roundtrip_mixed(&x), *x));
        balanced(|| assert_eq!(api::describe_mixed(&x), *description));
    }
    balanced(
        || match api::roundtrip_mixed(&Mixed::F(-f32::from_bits(1))) {
            Mixed::F(f) => assert_eq!(f.to_bits(), 0x8000_0001),
            other => panic!("expected f, got {other:?}"),
        },
    );
    balanced(|| assert_eq!(api::rotate_mixed(&Mixed::F(1.0)), Mixed::L(0x3f80_0000)));
    balanced(|| {
        assert_eq!(
            api::rotate_mixed(&Mixed::L(u64::MAX)),
            Mixed::S("18446744073709551615".to_string())
        )
    });
    balanced(|| {
        assert_eq!(
            api::rotate_mixed(&Mixed::S("four".to_string())),
            Mixed::F(4.0)
        )
    });
    balanced(|| assert_eq!(api::rotate_mixed(&Mixed::Nothing), Mixed::Nothing));

    // f64 / s32 / f32 → i64
    let wide = [
        (Wide::D(0.1), "d 0.1"),
        (Wide::D(-65_000_000_000.5), "d -65000000000.5"),
        (Wide::I(-1), "i -1"),
        (Wide::I(i32::MIN), "i -2147483648"),
        (Wide::F(0.5), "f 0.5"),
        (Wide::F(1_048_576.5), "f 1048576.5"),
    ];
    for (x, description) in &wide {
        balanced(|| assert_eq!(api::roundtrip_wide(x.clone()), *x));
        balanced(|| assert_eq!(api::describe_wide(x.clone()), *description));
    }
    balanced(|| match api::roundtrip_wide(Wide::D(f64::from_bits(1))) {
        Wide::D(d) => assert_eq!(d.to_bits(), 1),
        other => panic!("expected d, got {other:?}"),
    });

    // Payloads of different arities.
    let uneven = [
        Uneven::Quad((1.0, -2.0, 3.5, f32::MAX)),
        Uneven::Byte(0xff),
        Uneven::Pair((u64::MAX, -0.25)),
        Uneven::Chars(('🦀', true, -128)),
    ];
    for x in &uneven {
        balanced(|| assert_eq!(api::roundtrip_uneven(x.clone()), *x));
    }
}

fn containers() {
    let all: Vec<Shape> = shape_samples().into_iter().map(|(s, _)| s).collect();
    balanced(|| assert_eq!(api::roundtrip_shapes(&[]), Vec::<Shape>::new()));
    balanced(|| assert_eq!(api::roundtrip_shapes(&all), all));
    balanced(|| assert_eq!(api::roundtrip_option(None), None));
    for shape in &all {
        balanced(|| {
            assert_eq!(
                api::roundtrip_option(Some(&shape)),
                Some(shape.clone())
            )
        });
    }
    for shape in &all {
        let t = Tagged {
            id: 0xabcd,
            shape: shape.clone(),
            after: 0x5a,
        };
        balanced(|| assert_eq!(api::roundtrip_tagged(&t), t));
    }
    balanced(|| {
        assert_eq!(
            api::describe_all(
                &Shape::Text("a".to_string()),
                &Mixed::L(9),
                FloatOrInt::F(0.5),
                Wide::I(-3)
            ),
            "text a / l 9 / f 0.5 / i -3"
        )
    });
    balanced(|| {
        assert_eq!(
            api::describe_all(
                &Shape::None,
                &Mixed::S("s".to_string()),
                FloatOrInt::I(7),
                Wide::D(2.0)
            ),
            "none / s s / i 7 / d 2"
        )
    });
}

bindings::export!(Runner with_types_in bindings);
