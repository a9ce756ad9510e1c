// Flags (runner side): for flags of 1, 8, 9, 16, 17 and 32 members, the empty set, the full set,
// every single member and several combinations (alternating bits, first/last member, runs across
// the byte boundaries) round-trip, are seen by the test component with exactly the right members,
// and come back right when the test component builds them; flags in a record, a list, an option
// and as six parameters of one call. The contract promises flags `Copy` with `bits()` and
// `contains()`, not `PartialEq`/`Debug`, so values are compared through those. Every call is
// allocation-balanced in both components.
mod alloc_probe;

use bindings::test::flags::api::{self, AllFlags, Eight, Nine, One, Seventeen, Sixteen, ThirtyTwo};
use bindings::test::flags::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        each_type();
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

/// The members of each flags type, in declaration order.
const ONE: [One; 1] = [One::ONLY];
#[rustfmt::skip]
const EIGHT: [Eight; 8] = [
    Eight::READ, Eight::WRITE, Eight::EXEC, Eight::HIDDEN,
    Eight::SYSTEM, Eight::ARCHIVE, Eight::READ_ONLY, Eight::TEMP,
];
#[rustfmt::skip]
const NINE: [Nine; 9] = [
    Nine::F0, Nine::F1, Nine::F2, Nine::F3, Nine::F4, Nine::F5, Nine::F6, Nine::F7,
    Nine::F8,
];
#[rustfmt::skip]
const SIXTEEN: [Sixteen; 16] = [
    Sixteen::F0, Sixteen::F1, Sixteen::F2, Sixteen::F3, Sixteen::F4, Sixteen::F5, Sixteen::F6, Sixteen::F7,
    Sixteen::F8, Sixteen::F9, Sixteen::F10, Sixteen::F11, Sixteen::F12, Sixteen::F13, Sixteen::F14, Sixteen::F15,
];
#[rustfmt::skip]
const SEVENTEEN: [Seventeen; 17] = [
    Seventeen::F0, Seventeen::F1, Seventeen::F2, Seventeen::F3, Seventeen::F4, Seventeen::F5, Seventeen::F6, Seventeen::F7,
    Seventeen::F8, Seventeen::F9, Seventeen::F10, Seventeen::F11, Seventeen::F12, Seventeen::F13, Seventeen::F14, Seventeen::F15,
    Seventeen::F16,
];
#[rustfmt::skip]
const THIRTY_TWO: [ThirtyTwo; 32] = [
    ThirtyTwo::F0, ThirtyTwo::F1, ThirtyTwo::F2, ThirtyTwo::F3, ThirtyTwo::F4, ThirtyTwo::F5,
    ThirtyTwo::F6, ThirtyTwo::F7, ThirtyTwo::F8, ThirtyTwo::F9, ThirtyTwo::F10, ThirtyTwo::F11,
    ThirtyTwo::F12, ThirtyTwo::F13, ThirtyTwo::F14, ThirtyTwo::F15, ThirtyTwo::F16, ThirtyTwo::F17,
    ThirtyTwo::F18, ThirtyTwo::F19, ThirtyTwo::F20, ThirtyTwo::F21, ThirtyTwo::F22, ThirtyTwo::F23,
    ThirtyTwo::F24, ThirtyTwo::F25, ThirtyTwo::F26, ThirtyTwo::F27, ThirtyTwo::F28, ThirtyTwo::F29,
    ThirtyTwo::F30, ThirtyTwo::F31,
];

/// Bit i set when `x` contains `members[i]`.
macro_rules! mask {
    ($members:expr, $x:expr) => {{
        let x = $x;
        let mut mask = 0u32;
        for (i, m) in $members.iter().enumerate() {
            if x.contains(*m) {
                mask |= 1u32 << i;
            }
        }
        mask
    }};
}

/// The union of `members[i]` for every bit i set in `mask`.
macro_rules! from_mask {
    ($ty:ident, $members:expr, $mask:expr) => {{
        let mask: u32 = $mask;
        let mut x = $ty::empty();
        for (i, m) in $members.iter().enumerate() {
            if mask & (1u32 << i) != 0 {
                x = x | *m;
            }
        }
        x
    }};
}

/// Masks worth checking for a flags type of `n` members.
fn interesting_masks(n: usize) -> Vec<u32> {
    let full = if n == 32 { u32::MAX } else { (1u32 << n) - 1 };
    let mut masks = vec![
        0,
        full,
        full & 0x5555_5555,
        full & 0xaaaa_aaaa,
        1 | (1u32 << (n - 1)),
    ];
    masks.extend((0..n).map(|i| 1u32 << i));
    // Runs that straddle the byte and half-word boundaries.
    masks.extend(
        [
            0x0000_0180,
            0x0001_8000,
            0x00ff_ff00,
            0xffff_0000,
            0x0001_ffff,
        ]
        .map(|m| m & full),
    );
    masks
}

/// Checks one flags type: `$roundtrip`, `$mask` and `$from_mask` are its three functions.
macro_rules! check_flags {
    ($ty:ident, $members:expr, $roundtrip:path, $mask:path, $from_mask:path) => {{
        let members: &[$ty] = &$members;
        let n = members.len();
        let full = if n == 32 { u32::MAX } else { (1u32 << n) - 1 };

        // empty() and all() as the bindings define them.
        balanced(|| assert_eq!($mask($ty::empty()), 0, "{}::empty()", stringify!($ty)));
        balanced(|| assert_eq!($mask($ty::all()), full, "{}::all()", stringify!($ty)));
        balanced(|| assert_eq!($roundtrip($ty::empty()).bits(), $ty::empty().bits()));
        balanced(|| assert_eq!($roundtrip($ty::all()).bits(), $ty::all().bits()));
        balanced(|| assert_eq!($from_mask(0).bits(), $ty::empty().bits()));
        balanced(|| assert_eq!($from_mask(u32::MAX).bits(), $ty::all().bits()));

        for mask in interesting_masks(n) {
            let value = from_mask!($ty, members, mask);
            assert_eq!(
                mask!(members, value),
                mask,
                "{} {mask:#x}: built wrong here",
                stringify!($ty)
            );
            balanced(|| {
                let back = $roundtrip(value);
                assert_eq!(back.bits(), value.bits(), "{} {mask:#x}", stringify!($ty));
                assert_eq!(mask!(members, back), mask, "{} {mask:#x}", stringify!($ty));
            });
            balanced(|| assert_eq!($mask(value), mask, "{} {mask:#x}", stringify!($ty)));
            balanced(|| {
                let made = $from_mask(mask);
                assert_eq!(made.bits(), value.bits(), "{} {mask:#x}", stringify!($ty));
                assert_eq!(mask!(members, made), mask, "{} {mask:#x}", stringify!($ty));
            });
        }
    }};
}

fn each_type() {
    check_flags!(
        One,
        ONE,
        api::roundtrip_one,
        api::mask_one,
        api::from_mask_one
    );
    check_flags!(
        Eight,
        EIGHT,
        api::roundtrip_eight,
        api::mask_eight,
        api::from_mask_eight
    );
    check_flags!(
        Nine,
        NINE,
        api::roundtrip_nine,
        api::mask_nine,
        api::from_mask_nine
    );
    check_flags!(
        Sixteen,
        SIXTEEN,
        api::roundtrip_sixteen,
        api::mask_sixteen,
        api::from_mask_sixteen
    );
    check_flags!(
        Seventeen,
        SEVENTEEN,
        api::roundtrip_seventeen,
        api::mask_seventeen,
        api::from_mask_seventeen
    );
    check_flags!(
        ThirtyTwo,
        THIRTY_TWO,
        api::roundtrip_thirty_two,
        api::mask_thirty_two,
        api::from_mask_thirty_two
    );

    // Named members of `eight`, combined with the operators.
    balanced(|| assert_eq!(api::mask_eight(Eight::READ | Eight::READ_ONLY), 0b0100_0001));
    balanced(|| assert_eq!(api::mask_eight(Eight::all() & !Eight::TEMP), 0b0111_1111));
    balanced(|| {
        assert_eq!(
            api::mask_eight((Eight::WRITE | Eight::EXEC) ^ Eight::EXEC),
            0b0000_0010
        )
    });
    balanced(|| {
        let made = api::from_mask_eight(0b1000_0100);
        assert!(made.contains(Eight::EXEC | Eight::TEMP));
        assert!(!made.contains(Eight::READ));
    });
}

fn containers() {
    let record = AllFlags {
        a: One::ONLY,
        b: Eight::HIDDEN | Eight::TEMP,
        c: Nine::F8 | Nine::F0,
        d: Sixteen::F7 | Sixteen::F8 | Sixteen::F15,
        e: Seventeen::F16 | Seventeen::F1,
        f: ThirtyTwo::F31 | ThirtyTwo::F16 | ThirtyTwo::F0,
    };
    balanced(|| {
        let back = api::roundtrip_all(record);
        assert_eq!(mask!(ONE, back.a), 0b1);
        assert_eq!(mask!(EIGHT, back.b), 0b1000_1000);
        assert_eq!(mask!(NINE, back.c), 0b1_0000_0001);
        assert_eq!(mask!(SIXTEEN, back.d), 0x8180);
        assert_eq!(mask!(SEVENTEEN, back.e), 0x1_0002);
        assert_eq!(mask!(THIRTY_TWO, back.f), 0x8001_0001);
    });
    let empty = AllFlags {
        a: One::empty(),
        b: Eight::empty(),
        c: Nine::empty(),
        d: Sixteen::empty(),
        e: Seventeen::empty(),
        f: ThirtyTwo::empty(),
    };
    balanced(|| {
        let back = api::roundtrip_all(empty);
        assert_eq!(
            [
                mask!(ONE, back.a),
                mask!(EIGHT, back.b),
                mask!(NINE, back.c)
            ],
            [0, 0, 0]
        );
        assert_eq!(
            [
                mask!(SIXTEEN, back.d),
                mask!(SEVENTEEN, back.e),
                mask!(THIRTY_TWO, back.f)
            ],
            [0, 0, 0]
        );
    });
    balanced(|| {
        assert_eq!(
            api::masks(
                One::ONLY,
                Eight::all(),
                Nine::F8,
                Sixteen::F15,
                Seventeen::F16,
                ThirtyTwo::F31
            ),
            vec![1, 0xff, 0x100, 0x8000, 0x1_0000, 0x8000_0000]
        )
    });
    balanced(|| {
        assert_eq!(
            api::masks(
                One::empty(),
                Eight::empty(),
                Nine::all(),
                Sixteen::all(),
                Seventeen::all(),
                ThirtyTwo::all()
            ),
            vec![0, 0, 0x1ff, 0xffff, 0x1_ffff, 0xffff_ffff]
        )
    });

    balanced(|| assert!(api::roundtrip_list(&[]).is_empty()));
    let list: Vec<Seventeen> = [0u32, 0x1_ffff, 0x1_0000, 0xff, 0x100, 0xaaaa]
        .into_iter()
        .map(|m| from_mask!(Seventeen, SEVENTEEN, m))
        .collect();
    balanced(|| {
        let back: Vec<u32> = api::roundtrip_list(&list)
            .into_iter()
            .map(|x| mask!(SEVENTEEN, x))
            .collect();
        assert_eq!(back, vec![0, 0x1_ffff, 0x1_0000, 0xff, 0x100, 0xaaaa]);
    });

    balanced(|| assert!(api::roundtrip_option(None).is_none()));
    for m in [0u32, 0x100, 0x1ff, 0x0ff] {
        balanced(|| {
            let back = api::roundtrip_option(Some(from_mask!(Nine, NINE, m))).expect("some");
            assert_eq!(mask!(NINE, back), m);
        });
    }
}

bindings::export!(Runner with_types_in bindings);
