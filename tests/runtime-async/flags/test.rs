// Flags (test side): echoes flags, reports which declared members it saw (as a mask: bit i for
// the i-th member, computed with `contains`, not `bits`) and builds flags from masks with `|`, so
// the runner can check every member's position independently of the storage layout.
mod alloc_probe;

use bindings::exports::test::flags::api::{
    AllFlags, Eight, Guest, Nine, One, Seventeen, Sixteen, ThirtyTwo,
};

struct Component;

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

impl Guest for Component {
    fn roundtrip_one(x: One) -> One {
        x
    }
    fn roundtrip_eight(x: Eight) -> Eight {
        x
    }
    fn roundtrip_nine(x: Nine) -> Nine {
        x
    }
    fn roundtrip_sixteen(x: Sixteen) -> Sixteen {
        x
    }
    fn roundtrip_seventeen(x: Seventeen) -> Seventeen {
        x
    }
    fn roundtrip_thirty_two(x: ThirtyTwo) -> ThirtyTwo {
        x
    }

    fn mask_one(x: One) -> u32 {
        mask!(ONE, x)
    }
    fn mask_eight(x: Eight) -> u32 {
        mask!(EIGHT, x)
    }
    fn mask_nine(x: Nine) -> u32 {
        mask!(NINE, x)
    }
    fn mask_sixteen(x: Sixteen) -> u32 {
        mask!(SIXTEEN, x)
    }
    fn mask_seventeen(x: Seventeen) -> u32 {
        mask!(SEVENTEEN, x)
    }
    fn mask_thirty_two(x: ThirtyTwo) -> u32 {
        mask!(THIRTY_TWO, x)
    }

    fn from_mask_one(mask: u32) -> One {
        from_mask!(One, ONE, mask)
    }
    fn from_mask_eight(mask: u32) -> Eight {
        from_mask!(Eight, EIGHT, mask)
    }
    fn from_mask_nine(mask: u32) -> Nine {
        from_mask!(Nine, NINE, mask)
    }
    fn from_mask_sixteen(mask: u32) -> Sixteen {
        from_mask!(Sixteen, SIXTEEN, mask)
    }
    fn from_mask_seventeen(mask: u32) -> Seventeen {
        from_mask!(Seventeen, SEVENTEEN, mask)
    }
    fn from_mask_thirty_two(mask: u32) -> ThirtyTwo {
        from_mask!(ThirtyTwo, THIRTY_TWO, mask)
    }

    fn roundtrip_all(x: AllFlags) -> AllFlags {
        x
    }
    fn masks(a: One, b: Eight, c: Nine, d: Sixteen, e: Seventeen, f: ThirtyTwo) -> Vec<u32> {
        vec![
            mask!(ONE, a),
            mask!(EIGHT, b),
            mask!(NINE, c),
            mask!(SIXTEEN, d),
            mask!(SEVENTEEN, e),
            mask!(THIRTY_TWO, f),
        ]
    }
    fn roundtrip_list(x: Vec<Seventeen>) -> Vec<Seventeen> {
        x
    }
    fn roundtrip_option(x: Option<Nine>) -> Option<Nine> {
        x
    }
}

impl bindings::exports::test::flags::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
