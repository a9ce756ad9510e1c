// Borrows inside records inside a list (runner side): things made here are lent to `test` inside
// `foo` records; it answers with new things made from the borrowed ones' contents, in order. The
// borrowed things stay usable and unchanged; the same thing may be lent twice in one list; an
// empty list works; every step is allocation-balanced here.
mod alloc_probe;

use bindings::test::resource_borrow_in_record::to_test::{test, Foo, Thing};

struct Runner;

fn gets(things: Vec<Thing>) -> Vec<String> {
    things.into_iter().map(|x| x.get()).collect()
}

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        {
            let thing1 = Thing::new("Bonjour");
            let thing2 = Thing::new("mon cher");
            let result = gets(test(&[Foo { thing: &thing1 }, Foo { thing: &thing2 }]));
            assert_eq!(result, ["Bonjour new test get", "mon cher new test get"]);

            // The lent things are still ours, unchanged.
            assert_eq!(thing1.get(), "Bonjour new get");
            assert_eq!(thing2.get(), "mon cher new get");

            // Lent twice in one list, and in the other order.
            let result = gets(test(&[
                Foo { thing: &thing2 },
                Foo { thing: &thing1 },
                Foo { thing: &thing2 },
            ]));
            assert_eq!(
                result,
                [
                    "mon cher new test get",
                    "Bonjour new test get",
                    "mon cher new test get"
                ]
            );
            assert!(test(&[]).is_empty());

            // A thing `test` made, lent back to it.
            let made = test(&[Foo { thing: &thing1 }]);
            let again = gets(test(&[Foo { thing: &made[0] }]));
            assert_eq!(again, ["Bonjour new test test get"]);
            assert_eq!(made[0].get(), "Bonjour new test get");
        }
        assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
    }
}

bindings::export!(Runner with_types_in bindings);
