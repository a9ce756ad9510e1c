// Ownership (test side, exports: `ownership` changes only import wrappers): every export checks
// what arrived and answers with something the runner can only get from this side (the lists
// reversed, the name with a suffix), so a value lowered wrongly from a borrowed parameter shows.
use bindings::exports::test::ownership::both_list_and_resource;
use bindings::exports::{lists, thing_in, thing_in_and_out};

struct Test;

struct Strings(Vec<String>);

impl lists::Guest for Test {
    fn foo(list: Vec<Vec<String>>) -> Vec<Vec<String>> {
        assert_eq!(list, [vec!["foo".to_string(), "bar".to_string()]]);
        list.into_iter()
            .map(|l| l.into_iter().rev().collect())
            .collect()
    }
}

impl thing_in::Guest for Test {
    fn bar(thing: thing_in::Thing) {
        assert_eq!(thing.name, "thing 1");
        assert_eq!(thing.value, ["some value", "another value"]);
    }
}

impl thing_in_and_out::Guest for Test {
    fn baz(thing: thing_in_and_out::Thing) -> thing_in_and_out::Thing {
        assert_eq!(thing.value, ["some value", "another value"]);
        thing_in_and_out::Thing {
            name: format!("{} back", thing.name),
            value: thing.value.into_iter().rev().collect(),
        }
    }
}

impl both_list_and_resource::Guest for Test {
    type TheResource = Strings;

    fn list_and_resource(thing: both_list_and_resource::Thing) {
        assert_eq!(thing.a, ["foo", "bar", "baz"]);
        assert_eq!(thing.a, thing.b.get::<Strings>().0);
    }
}

impl both_list_and_resource::GuestTheResource for Strings {
    fn new(list: Vec<String>) -> Strings {
        Strings(list)
    }
}

bindings::export!(Test with_types_in bindings);
