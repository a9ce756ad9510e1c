// Records (runner side): several results as a tuple, a tuple swapped, flags of 2, 3, 8, 16 and 32
// members round-tripped (empty, single members, unions, the highest member), a record holding
// flags and a one-element tuple. Every call leaves this component's heap allocations balanced.
mod alloc_probe;

use bindings::test::records::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        balanced(|| assert_eq!(multiple_results(), (4, 5)));

        balanced(|| assert_eq!(swap_tuple((1, 2)), (2, 1)));
        balanced(|| assert_eq!(swap_tuple((u8::MAX, u32::MAX - 1)), (u32::MAX - 1, u8::MAX)));

        for f in [F1::empty(), F1::A, F1::B, F1::A | F1::B] {
            balanced(|| assert_eq!(roundtrip_flags1(f), f));
        }
        for bits in 0..8 {
            let f = F2::from_bits_retain(bits);
            balanced(|| assert_eq!(roundtrip_flags2(f), f));
        }
        assert_eq!(F2::C | F2::E, F2::from_bits_retain(0b101));

        balanced(|| {
            assert_eq!(
                roundtrip_flags3(Flag8::B0, Flag16::B1, Flag32::B2),
                (Flag8::B0, Flag16::B1, Flag32::B2)
            )
        });
        balanced(|| {
            assert_eq!(
                roundtrip_flags3(Flag8::empty(), Flag16::empty(), Flag32::empty()),
                (Flag8::empty(), Flag16::empty(), Flag32::empty())
            )
        });
        balanced(|| {
            assert_eq!(
                roundtrip_flags3(Flag8::all(), Flag16::all(), Flag32::all()),
                (Flag8::all(), Flag16::all(), Flag32::all())
            )
        });
        balanced(|| {
            let (a, b, c) = (
                Flag8::B7 | Flag8::B1,
                Flag16::B15 | Flag16::B8 | Flag16::B7,
                Flag32::B31 | Flag32::B16 | Flag32::B15 | Flag32::B0,
            );
            let (x, y, z) = roundtrip_flags3(a, b, c);
            assert_eq!((x.bits(), y.bits(), z.bits()), (0x82, 0x8180, 0x8001_8001));
        });

        for r in [
            R1 {
                a: 8,
                b: F1::empty(),
            },
            R1 {
                a: 0,
                b: F1::A | F1::B,
            },
            R1 { a: 255, b: F1::B },
        ] {
            balanced(|| {
                let back = roundtrip_record1(r.clone());
                assert_eq!(back.a, r.a);
                assert_eq!(back.b, r.b);
            });
        }

        for x in [0, 1, u8::MAX] {
            balanced(|| assert_eq!(tuple1((x,)), (x,)));
        }
    }
}

/// Runs `f` and asserts that it freed everything it allocated (results included).
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let before = alloc_probe::live();
    f();
    assert_eq!(
        alloc_probe::live(),
        before,
        "live allocations in the runner"
    );
}

bindings::export!(Runner with_types_in bindings);
