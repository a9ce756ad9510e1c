// Resource aliases across interfaces (runner side): `resource-alias2` uses `resource-alias1`'s
// `thing` and its record `foo` (as `bar`), and an inline interface `the-test` uses `thing` too.
// Things made here go through each interface's records and lists and come back, in order, still
// holding what their constructor stored; things that came back from one interface are sent
// through another. Every step is allocation-balanced here.
mod alloc_probe;

use bindings::test::resource_alias_redux::resource_alias1::{self as a1, Thing};
use bindings::test::resource_alias_redux::resource_alias2 as a2;
use bindings::the_test;

struct Runner;

/// What a thing made from `msg` answers to `get`.
fn got(msg: &str) -> String {
    format!("{msg} GuestThing GuestThing.get")
}

fn gets(things: &[Thing]) -> Vec<String> {
    things.iter().map(Thing::get).collect()
}

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        {
            // The inline interface's alias of `thing`.
            let thing1 = the_test::Thing::new("Ni Hao");
            let result = the_test::test(vec![thing1]);
            assert_eq!(gets(&result), [got("Ni Hao")]);
            assert!(the_test::test(Vec::new()).is_empty());
            let many = the_test::test(vec![Thing::new("1"), Thing::new("2"), Thing::new("3")]);
            assert_eq!(gets(&many), [got("1"), got("2"), got("3")]);

            // `resource-alias1`'s own record.
            let result = a1::a(a1::Foo {
                thing: Thing::new("Ciao"),
            });
            assert_eq!(gets(&result), [got("Ciao")]);

            // `resource-alias2`'s own record and `resource-alias1`'s as `bar`, in order.
            let result = a2::b(
                a2::Foo {
                    thing: Thing::new("Ciao"),
                },
                a2::Bar {
                    thing: Thing::new("Aloha"),
                },
            );
            assert_eq!(gets(&result), [got("Ciao"), got("Aloha")]);

            // Handles that came back, sent through the other interfaces, swapped.
            let [ciao, aloha]: [Thing; 2] = result.try_into().unwrap();
            let swapped = a2::b(a2::Foo { thing: aloha }, a2::Bar { thing: ciao });
            assert_eq!(gets(&swapped), [got("Aloha"), got("Ciao")]);
            let [aloha, ciao]: [Thing; 2] = swapped.try_into().unwrap();
            let [ciao_again]: [Thing; 1] = result_of_a(ciao);
            assert_eq!(ciao_again.get(), got("Ciao"));
            let all = the_test::test(vec![aloha, ciao_again]);
            assert_eq!(gets(&all), [got("Aloha"), got("Ciao")]);
            drop(all);
            drop(many);
        }
        assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
    }
}

/// `thing` through `resource-alias1.a`.
fn result_of_a(thing: Thing) -> [Thing; 1] {
    a1::a(a1::Foo { thing }).try_into().unwrap()
}

bindings::export!(Runner with_types_in bindings);
