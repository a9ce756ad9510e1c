// Handles inside aggregates (runner side): owned and borrowed things inside records, tuples,
// variants, lists, options and results, all in one call. `foo` sums the values the constructor
// stored (v + 1) of every thing it receives, plus 3. A second call passes the empty cases (no
// list items, `none`, `err`), a third the same thing borrowed from several places at once. The
// test component checks on entry that every thing it was given is alive and that no thing of an
// earlier call survived; every call is allocation-balanced here.
mod alloc_probe;

use bindings::test::resource_aggregates::to_test::*;

struct Runner;

/// Runs `f`, then asserts that the runner holds as many heap allocations as before.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let before = alloc_probe::live();
    f();
    assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
}

impl bindings::Guest for Runner {
    fn run() {
        // Every case filled: things 0 to 16, each counted once.
        balanced(|| {
            let got = foo(
                R1 {
                    thing: Thing::new(0),
                },
                R2 {
                    thing: &Thing::new(1),
                },
                R3 {
                    thing1: &Thing::new(2),
                    thing2: Thing::new(3),
                },
                (
                    Thing::new(4),
                    R1 {
                        thing: Thing::new(5),
                    },
                ),
                (&Thing::new(6),),
                V1::Thing(Thing::new(7)),
                V2::Thing(&Thing::new(8)),
                vec![Thing::new(9), Thing::new(10)],
                &[&Thing::new(11), &Thing::new(12)],
                Some(Thing::new(13)),
                Some(&Thing::new(14)),
                Ok(Thing::new(15)),
                Ok(&Thing::new(16)),
            );
            assert_eq!(got, (0..17).map(|i| i + 1).sum::<u32>() + 3);
        });

        // The empty cases: only the things records, tuples and variants must hold.
        balanced(|| {
            let got = foo(
                R1 {
                    thing: Thing::new(100),
                },
                R2 {
                    thing: &Thing::new(200),
                },
                R3 {
                    thing1: &Thing::new(300),
                    thing2: Thing::new(400),
                },
                (
                    Thing::new(500),
                    R1 {
                        thing: Thing::new(600),
                    },
                ),
                (&Thing::new(700),),
                V1::Thing(Thing::new(800)),
                V2::Thing(&Thing::new(900)),
                Vec::new(),
                &Vec::new(),
                None,
                None,
                Err(()),
                Err(()),
            );
            assert_eq!(got, (1..=9).map(|i| i * 100 + 1).sum::<u32>() + 3);
        });

        // One thing borrowed from every borrowing place at once; it stays usable.
        balanced(|| {
            let shared = Thing::new(1000);
            for _ in 0..2 {
                let got = foo(
                    R1 {
                        thing: Thing::new(0),
                    },
                    R2 { thing: &shared },
                    R3 {
                        thing1: &shared,
                        thing2: Thing::new(0),
                    },
                    (
                        Thing::new(0),
                        R1 {
                            thing: Thing::new(0),
                        },
                    ),
                    (&shared,),
                    V1::Thing(Thing::new(0)),
                    V2::Thing(&shared),
                    vec![Thing::new(0)],
                    &[&shared, &shared],
                    None,
                    Some(&shared),
                    Err(()),
                    Ok(&shared),
                );
                // Six owned things of 0 + 1 each, the shared one (1001) borrowed eight times.
                assert_eq!(got, 6 + 8 * 1001 + 3);
            }
        });
    }
}

bindings::export!(Runner with_types_in bindings);
