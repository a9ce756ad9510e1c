// Cross-interface (runner side): types defined in `types` travel through functions of `geometry`
// and `naming` (where `point` is renamed `position`), including the alias `points` as a result and
// as a variant payload; each interface's functions are reached at their own path, and a type
// reached through different paths and names is one Rust type. Every call is allocation-balanced
// in both components.
mod alloc_probe;

use bindings::test::cross_interface::geometry::{self, Measured};
use bindings::test::cross_interface::naming;
use bindings::test::cross_interface::probe::live_allocations;
use bindings::test::cross_interface::types::{Point, Shape, Unit};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        shared_types();
        renamed_type();
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

fn pt(x: i32, y: i32) -> Point {
    Point { x, y }
}

fn shared_types() {
    balanced(|| {
        assert_eq!(
            geometry::translate(&Shape::Dot(pt(1, 2)), pt(10, -10)),
            Shape::Dot(pt(11, -8))
        )
    });
    balanced(|| {
        assert_eq!(
            geometry::translate(&Shape::Line((pt(0, 0), pt(-1, 1))), pt(5, 5)),
            Shape::Line((pt(5, 5), pt(4, 6)))
        )
    });
    balanced(|| {
        assert_eq!(
            geometry::translate(&Shape::Poly(vec![pt(1, 1), pt(2, 2), pt(3, 3)]), pt(-1, 0)),
            Shape::Poly(vec![pt(0, 1), pt(1, 2), pt(2, 3)])
        )
    });
    balanced(|| {
        assert_eq!(
            geometry::translate(&Shape::Poly(Vec::new()), pt(1, 1)),
            Shape::Poly(Vec::new())
        )
    });

    // `points` is an alias of list<point>: as a result, and inside `shape`.
    balanced(|| {
        let corners: geometry::Points = geometry::corners(&Shape::Line((pt(1, 2), pt(3, 4))));
        assert_eq!(corners, vec![pt(1, 2), pt(3, 4)]);
    });
    balanced(|| {
        assert_eq!(
            geometry::corners(&Shape::Poly(vec![pt(9, 9); 3])),
            vec![pt(9, 9); 3]
        )
    });
    balanced(|| {
        assert_eq!(
            geometry::corners(&Shape::Poly(Vec::new())),
            Vec::<Point>::new()
        )
    });
    balanced(|| assert_eq!(geometry::centroid(&[]), None));
    balanced(|| assert_eq!(geometry::centroid(&[pt(2, 4), pt(4, 8)]), Some(pt(3, 6))));
    balanced(|| {
        assert_eq!(
            geometry::centroid(&[pt(i32::MAX, i32::MIN), pt(i32::MAX, i32::MIN)]),
            Some(pt(i32::MAX, i32::MIN))
        )
    });

    balanced(|| {
        let m: Measured = geometry::measure(&Shape::Dot(pt(7, 7)), Unit::Em, "dot ☃");
        assert_eq!(m.shape, Shape::Dot(pt(7, 7)));
        assert!(m.unit == Unit::Em);
        assert_eq!(m.label, "dot ☃");
    });
    balanced(|| {
        let shapes = vec![
            Shape::Dot(pt(0, 0)),
            Shape::Poly(vec![pt(1, 1); 5]),
            Shape::Line((pt(0, 0), pt(1, 1))),
            Shape::Poly(Vec::new()),
        ];
        assert_eq!(geometry::sizes(&shapes), vec![1, 5, 2, 0]);
    });
}

fn renamed_type() {
    // `naming` sees `point` as `position`: the same type.
    let p: naming::Position = pt(2, 3);
    balanced(|| assert_eq!(naming::describe(p.clone(), 2, Unit::Px), "px(4, 6)"));
    balanced(|| {
        assert_eq!(
            naming::describe(pt(-1, 0), 5, Unit::Percent),
            "percent(-5, 0)"
        )
    });
    balanced(|| assert_eq!(naming::describe(pt(0, 1), 0, Unit::Em), "em(0, 0)"));
}

bindings::export!(Runner with_types_in bindings);
