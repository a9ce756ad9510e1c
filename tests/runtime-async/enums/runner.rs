// Enums (runner side): every case of a four-case enum and of a 300-case enum (first, middle and
// last named explicitly, then all of them) round-trips and is seen by the test component at the
// right position; out-of-range positions give none; enums in lists, options, records (between
// fields of other widths) and between other parameters. The contract promises enums `Copy`, `Eq`
// and `Hash`, not `Debug`, so they are compared with `assert!(a == b)`. Every call is
// allocation-balanced in both components.
mod alloc_probe;

use bindings::test::enums::api::{self, Big, Color, Palette};
use bindings::test::enums::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        small();
        large();
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

const COLORS: [Color; 4] = [Color::Red, Color::Green, Color::Blue, Color::HotPink];

fn small() {
    for (i, c) in COLORS.into_iter().enumerate() {
        balanced(|| assert!(api::roundtrip_color(c) == c, "color #{i}"));
        balanced(|| assert_eq!(api::color_index(c), i as u8));
        balanced(|| assert!(api::color_from_index(i as u8) == Some(c), "color #{i}"));
        balanced(|| assert!(api::next_color(c) == COLORS[(i + 1) % 4], "color #{i}"));
    }
    for i in [4, 5, 255] {
        balanced(|| assert!(api::color_from_index(i).is_none(), "index {i}"));
    }
}

fn large() {
    // First, second, middle and last, named explicitly.
    for (b, i) in [
        (Big::E0, 0),
        (Big::E1, 1),
        (Big::E150, 150),
        (Big::E255, 255),
        (Big::E256, 256),
        (Big::E299, 299),
    ] {
        balanced(|| assert!(api::roundtrip_big(b) == b, "e{i}"));
        balanced(|| assert_eq!(api::big_index(b), i));
        balanced(|| assert!(api::big_from_index(i) == Some(b), "e{i}"));
    }
    // Every case: made by the test component, then sent back.
    for i in 0..300u16 {
        balanced(|| {
            let b = api::big_from_index(i).expect("a case below 300");
            assert_eq!(api::big_index(b), i);
            assert!(api::roundtrip_big(b) == b, "e{i}");
        });
    }
    for i in [300, 301, u16::MAX] {
        balanced(|| assert!(api::big_from_index(i).is_none(), "index {i}"));
    }
}

fn containers() {
    balanced(|| assert!(api::roundtrip_colors(&[]).is_empty()));
    balanced(|| assert!(api::roundtrip_bigs(&[]).is_empty()));
    balanced(|| assert!(api::roundtrip_colors(&COLORS) == COLORS.to_vec()));
    let colors: Vec<Color> = (0..100).map(|i| COLORS[(i * 7) % 4]).collect();
    balanced(|| assert!(api::roundtrip_colors(&colors) == colors));
    let bigs = vec![Big::E299, Big::E0, Big::E150, Big::E256, Big::E255, Big::E1];
    balanced(|| assert!(api::roundtrip_bigs(&bigs) == bigs));
    balanced(|| {
        let all: Vec<Big> = (0..300)
            .map(|i| api::big_from_index(i).expect("a case"))
            .collect();
        assert!(api::roundtrip_bigs(&all) == all);
        let indices: Vec<u16> = all.iter().map(|b| api::big_index(*b)).collect();
        assert_eq!(indices, (0..300).collect::<Vec<u16>>());
    });

    balanced(|| assert!(api::roundtrip_option(None).is_none()));
    for b in [Big::E0, Big::E150, Big::E299] {
        balanced(|| assert!(api::roundtrip_option(Some(b)) == Some(b)));
    }

    for (main, size, accent) in [
        (Color::Red, Big::E0, None),
        (Color::HotPink, Big::E299, Some(Color::Blue)),
        (Color::Green, Big::E150, Some(Color::Red)),
    ] {
        let p = Palette {
            before: 0xa1,
            main,
            size,
            accent,
            after: 0xb2c3,
        };
        balanced(|| {
            let back = api::roundtrip_palette(p.clone());
            assert_eq!(back.before, 0xa1);
            assert!(back.main == main);
            assert!(back.size == size);
            assert!(back.accent == accent);
            assert_eq!(back.after, 0xb2c3);
        });
    }

    balanced(|| {
        assert_eq!(
            api::mixed(0xff, Color::HotPink, u64::MAX, Big::E299, -1),
            vec![255, 3, -1, 299, -1]
        )
    });
    balanced(|| assert_eq!(api::mixed(0, Color::Red, 0, Big::E0, 0), vec![0; 5]));
}

bindings::export!(Runner with_types_in bindings);
